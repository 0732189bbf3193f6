import Foundation
import MigrationDump
import MigrationModel
import PythonSyntax
import Testing
import TestSupport

/// The JSON Lines contract of ../shared/tools/CONTRACT.md, byte for byte. Expected lines were produced
/// by `python3 ../shared/tools/ref_extract.py` on the same files.

private func jsonLine(_ relativePath: String, _ source: String) -> String {
    var json = ContractJSONWriter()
    DumpRecord(relativePath: relativePath, bytes: Array(source.utf8)).write(to: &json)
    return String(decoding: json.bytes, as: UTF8.self)
}

private let operationsPrefix = #"{"path":"app/migrations/m.py","app":"app","name":"m","parse":"ok","migration":{"bases":[],"initial":null,"atomic":null,"dependencies":null,"replaces":null,"run_before":null,"operations":"#

/// The JSON of `operations = EXPRESSION` in an otherwise empty `class Migration`.
private func operationsJSON(_ expression: String) -> String {
    let line = jsonLine("app/migrations/m.py", "class Migration:\n    operations = \(expression)\n")
    guard line.hasPrefix(operationsPrefix), line.hasSuffix("}}\n") else { return line }
    return String(line.dropFirst(operationsPrefix.count).dropLast(3))
}

// MARK: - Values (§2 serialisation, §5 canonical form)

@Test("Values are written as json.dumps writes their canonical form", arguments: [
    (#""plain""#, #""plain""#),
    (#"'"quoted" and \\backslash\\'"#, #""\"quoted\" and \\backslash\\""#),
    (#""\b\t\n\f\r""#, #""\b\t\n\f\r""#),
    (#""\x00\x01\x1f""#, #""\u0000\u0001\u001f""#),
    (#""\x7f""#, "\"\u{7F}\""),
    (#""é € 😀""#, #""é € 😀""#),
    (#""\u2028\u00a0""#, "\"\u{2028}\u{A0}\""),
    (#""\udc80""#, #""\udc80""#),
    (#""\ud800x\udfff""#, #""\ud800x\udfff""#),
    (#"'\N{BULLET}'"#, #""•""#),
    (#""</script>""#, #""</script>""#),
    ("9007199254740992", "9007199254740992"),
    ("-9007199254740992", "-9007199254740992"),
    ("9007199254740993", #"{"int":"9007199254740993"}"#),
    ("-9007199254740993", #"{"int":"-9007199254740993"}"#),
    ("18446744073709551616", #"{"int":"18446744073709551616"}"#),
    ("-0", "0"),
    ("0x10", "16"),
    ("1.0", #"{"float":"1.0"}"#),
    ("0.0001", #"{"float":"0.0001"}"#),
    ("1e-05", #"{"float":"1e-05"}"#),
    ("1e+16", #"{"float":"1e+16"}"#),
    ("1234567890123456.0", #"{"float":"1234567890123456.0"}"#),
    ("1.5e-07", #"{"float":"1.5e-07"}"#),
    ("1e400", #"{"float":"inf"}"#),
    ("-1e400", #"{"float":"-inf"}"#),
    ("-0.0", #"{"float":"-0.0"}"#),
    ("0.1", #"{"float":"0.1"}"#),
    ("-1.5", #"{"float":"-1.5"}"#),
    ("5e-324", #"{"float":"5e-324"}"#),
    ("1e16", #"{"float":"1e+16"}"#),
    ("123456789.0", #"{"float":"123456789.0"}"#),
    (#"b"\x00\x7f\x80\xe9\xff""#, "{\"bytes\":\"\\u0000\u{7F}\u{80}éÿ\"}"),
    (#"b'"\\'"#, #"{"bytes":"\"\\"}"#),
    ("[True, False, None]", "[true,false,null]"),
    ("(1, 'a')", #"[1,"a"]"#),
    ("{1, 2}", #"{"set":[1,2]}"#),
    ("{'k': [1], **extra, None: 0}", #"{"dict":[["k",[1]],[null,{"name":"extra"}],[null,0]]}"#),
    ("models.CharField(max_length=10, *args, **kwargs)", #"{"call":{"name":"models.CharField"},"args":[{"expr":"Starred"}],"kwargs":[["max_length",10],[null,{"name":"kwargs"}]]}"#),
    ("f().x", #"{"attr":[{"call":{"name":"f"},"args":[],"kwargs":[]},"x"]}"#),
    ("1j", #"{"expr":"Constant"}"#),
    ("...", #"{"expr":"Constant"}"#),
    ("-True", #"{"expr":"UnaryOp"}"#),
    ("BASE + [1]", #"{"expr":"BinOp"}"#),
    ("f'abc'", #""abc""#),
    ("f'{x}'", #"{"expr":"JoinedStr"}"#),
])
func valueJSON(expression: String, json: String) {
    #expect(operationsJSON(expression) == json)
}

@Test func everyControlCharacterIsEscaped() {
    // U+0000…U+001F: the five short escapes, the rest as lowercase \u00xx.
    let escapes = (0..<0x20).map { #"\x"# + String(format: "%02x", $0) }.joined()
    let expected = (0..<0x20).map { code -> String in
        switch code {
        case 0x08: return #"\b"#
        case 0x09: return #"\t"#
        case 0x0A: return #"\n"#
        case 0x0C: return #"\f"#
        case 0x0D: return #"\r"#
        default: return #"\u00"# + String(format: "%02x", code)
        }
    }.joined()
    #expect(operationsJSON("'\(escapes)'") == "\"\(expected)\"")
}

// MARK: - Records (§2 keys, §4 the migration object)

@Test func appAndNameComeFromThePath() {
    #expect(jsonLine("shop/migrations/0001_initial.py", "").hasPrefix(#"{"path":"shop/migrations/0001_initial.py","app":"shop","name":"0001_initial","parse":"ok","migration":null}"#))
    #expect(jsonLine("migrations/0001.py", "") == #"{"path":"migrations/0001.py","app":"","name":"0001","parse":"ok","migration":null}"# + "\n")
    #expect(jsonLine(#"a "b"/migrations/é.py"#, "") == #"{"path":"a \"b\"/migrations/é.py","app":"a \"b\"","name":"é","parse":"ok","migration":null}"# + "\n")
}

@Test func errorRecordCarriesThePlaceAndMessage() {
    #expect(jsonLine("a/migrations/m.py", "x = (1,\n")
        == #"{"path":"a/migrations/m.py","app":"a","name":"m","parse":"error","error":{"line":1,"col":5,"message":"'(' was never closed"},"migration":null}"# + "\n")
    #expect(jsonLine("a/migrations/m.py", "x = 1\0")
        == #"{"path":"a/migrations/m.py","app":"a","name":"m","parse":"error","error":{"line":0,"col":0,"message":"source code string cannot contain null bytes"},"migration":null}"# + "\n")
}

@Test func bytesAreDecodedBeforeParsing() {
    var json = ContractJSONWriter()
    let latin1 = Array("# coding: latin-1\nclass Migration:\n    initial = '".utf8) + [0xE9] + Array("'\n".utf8)
    DumpRecord(relativePath: "a/migrations/m.py", bytes: latin1).write(to: &json)
    #expect(String(decoding: json.bytes, as: UTF8.self)
        == #"{"path":"a/migrations/m.py","app":"a","name":"m","parse":"ok","migration":{"bases":[],"initial":"é","atomic":null,"dependencies":null,"replaces":null,"run_before":null,"operations":null}}"# + "\n")
}

@Test func recordsAppendOneLineEach() {
    var json = ContractJSONWriter()
    DumpRecord(relativePath: "a/migrations/1.py", bytes: []).write(to: &json)
    DumpRecord(relativePath: "a/migrations/2.py", bytes: Array("(".utf8)).write(to: &json)
    let lines = String(decoding: json.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines.last == "")
    json.removeAll()
    #expect(json.bytes.isEmpty)
}

// MARK: - The examples of §6

private let initialMigration = """
    from django.db import migrations, models


    class Migration(migrations.Migration):
        initial = True
        dependencies = []
        operations = [
            migrations.CreateModel(
                name="Item",
                fields=[
                    ("id", models.AutoField(primary_key=True)),
                    ("price", models.DecimalField(max_digits=8, decimal_places=2, default=-1.5)),
                ],
            ),
        ]

    """

private let initialMigrationJSON = #"""
    {"path":"shop/migrations/0001_initial.py","app":"shop","name":"0001_initial","parse":"ok","migration":{"bases":[{"name":"migrations.Migration"}],"initial":true,"atomic":null,"dependencies":[],"replaces":null,"run_before":null,"operations":[{"call":{"name":"migrations.CreateModel"},"args":[],"kwargs":[["name","Item"],["fields",[["id",{"call":{"name":"models.AutoField"},"args":[],"kwargs":[["primary_key",true]]}],["price",{"call":{"name":"models.DecimalField"},"args":[],"kwargs":[["max_digits",8],["decimal_places",2],["default",{"float":"-1.5"}]]}]]]]}]}}

    """#

private let moreMigration = """
    from django.conf import settings
    from django.db import migrations

    BASE = [migrations.RunSQL("SELECT 1")]


    class Migration(migrations.Migration):
        dependencies = [("shop", "0001_initial"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
        replaces = [("shop", "0002_a"), ("shop", "0003_b")]
        operations = BASE + [
            migrations.RunPython(lambda apps, schema_editor: None, migrations.RunPython.noop),
        ]

    """

private let moreMigrationJSON = #"""
    {"path":"shop/migrations/0002_more.py","app":"shop","name":"0002_more","parse":"ok","migration":{"bases":[{"name":"migrations.Migration"}],"initial":null,"atomic":null,"dependencies":[["shop","0001_initial"],{"call":{"name":"migrations.swappable_dependency"},"args":[{"name":"settings.AUTH_USER_MODEL"}],"kwargs":[]}],"replaces":[["shop","0002_a"],["shop","0003_b"]],"run_before":null,"operations":{"expr":"BinOp"}}}

    """#

private let brokenMigration = """
    class Migration(migrations.Migration:
        operations = []

    """

/// Only `parse` and `migration` are compared for a file that does not parse (§3).
private func isBrokenRecord(_ line: String) -> Bool {
    line.hasPrefix(#"{"path":"shop/migrations/0003_broken.py","app":"shop","name":"0003_broken","parse":"error","error":{"line":"#)
        && line.hasSuffix(#"},"migration":null}"# + "\n")
}

@Test func contractExamples() {
    #expect(jsonLine("shop/migrations/0001_initial.py", initialMigration) == initialMigrationJSON)
    #expect(jsonLine("shop/migrations/0002_more.py", moreMigration) == moreMigrationJSON)
    #expect(isBrokenRecord(jsonLine("shop/migrations/0003_broken.py", brokenMigration)))
}

// MARK: - A whole run (§1 which files, §2 one line each, in path order)

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zerodowntime-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}


@Test func dumpRunPrintsTheExamplesInPathOrder() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try writeFile(brokenMigration, to: root.appendingPathComponent("shop/migrations/0003_broken.py"))
    try writeFile(moreMigration, to: root.appendingPathComponent("shop/migrations/0002_more.py"))
    try writeFile(initialMigration, to: root.appendingPathComponent("shop/migrations/0001_initial.py"))
    try writeFile("", to: root.appendingPathComponent("shop/migrations/__init__.py"))

    let output = root.appendingPathComponent("out.jsonl")
    let diagnostics = root.appendingPathComponent("err.txt")
    let outputFD = open(output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let diagnosticsFD = open(diagnostics.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let result = DumpRun(paths: [root.path]).run(output: outputFD, diagnostics: diagnosticsFD)
    close(outputFD)
    close(diagnosticsFD)

    #expect(result.files == 3)
    #expect(result.failures == 1)
    let lines = try String(contentsOf: output, encoding: .utf8)
        .split(separator: "\n").map { String($0) + "\n" }
    #expect(lines.count == 3)
    #expect(lines.first == initialMigrationJSON)
    #expect(lines.dropFirst().first == moreMigrationJSON)
    #expect(lines.last.map(isBrokenRecord) == true)
    let report = try String(contentsOf: diagnostics, encoding: .utf8)
    #expect(report.hasPrefix(root.path + "/shop/migrations/0003_broken.py:1:"))
}

@Test func migrationFileFinderSelectsLikeTheContract() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    for path in ["a/migrations/0001_x.py", "a/migrations/_util.py", "a/migrations/.x.py", "a/migrations/Z.py",
                 "a/migrations/__init__.py", "a/migrations/notes.txt", "a/migrations/sub/0001.py",
                 "a/migrations/dir.py/0002.py", "a/test_migrations/0001.py", "b/migrations/0002.py", "migrations/0003.py"] {
        try writeFile("", to: root.appendingPathComponent(path))
    }
    let files = FileManager.default
    // A symlinked directory is not followed; a symlinked file is read; a dangling one is not a file.
    try files.createSymbolicLink(atPath: root.appendingPathComponent("c").path, withDestinationPath: "a")
    try files.createSymbolicLink(atPath: root.appendingPathComponent("b/migrations/link.py").path,
                                 withDestinationPath: "../../a/migrations/0001_x.py")
    try files.createSymbolicLink(atPath: root.appendingPathComponent("b/migrations/dangling.py").path,
                                 withDestinationPath: "../../nowhere.py")

    let found = MigrationFileFinder().files(under: root.path)
    #expect(found.map(\.relativePath) == [
        "a/migrations/.x.py", "a/migrations/0001_x.py", "a/migrations/Z.py", "a/migrations/_util.py",
        "b/migrations/0002.py", "b/migrations/link.py", "migrations/0003.py",
    ])
    #expect(found.first?.fullPath == root.path + "/a/migrations/.x.py")
    // A root that is itself a `migrations` directory counts, with paths relative to it.
    #expect(MigrationFileFinder().files(under: root.appendingPathComponent("migrations").path).map(\.relativePath) == ["0003.py"])
}
