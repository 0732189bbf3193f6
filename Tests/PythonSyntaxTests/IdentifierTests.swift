import PythonSyntax
import Testing

/// CPython 3.11 checks every character of a name as written, by Unicode 14.0's XID properties; it
/// does not accept a character because its NFKC form would be one (we used to accept `a¹`).
@Test("Names CPython 3.11 refuses are refused", arguments: [
    ("a¹ = 1", "invalid character '¹' (U+00B9)"),
    ("x₁ = 1", "invalid character '₁' (U+2081)"),
    ("a① = 1", "invalid character '①' (U+2460)"),
    ("x\u{200C} = 1", "U+200C"),
    ("x\u{30FB} = 1", "U+30FB"),
    ("\u{1E4D0} = 1", "invalid non-printable character U+1E4D0"),
])
func namesCPythonRefuses(source: String, message: String) {
    guard case .failure(let error) = PythonParser.parse(source) else {
        Issue.record("\(source.debugDescription) parsed; CPython 3.11 refuses it")
        return
    }
    #expect(error.message.contains(message), "\(error.message)")
}

@Test("Names CPython 3.11 accepts are read in NFKC form", arguments: [
    ("℘ = 1", "℘"), ("ℌ = 1", "H"), ("ﬁ = 1", "fi"), ("x· = 1", "x·"), ("ｘ = 1", "x"), ("é = 1", "é"),
])
func namesCPythonAccepts(source: String, name: String) throws {
    let dump = SyntaxTreeDump.dump(try PythonParser.parse(source).get())
    #expect(dump.contains("Name(id='\(name)'"), "\(dump)")
}
