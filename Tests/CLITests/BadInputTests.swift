import Foundation
import TestSupport
import Testing

/// Bad input gets a clear error naming the file, the line and what to do: never a hang, never a
/// message that blames the wrong thing.
@Suite struct BadInputTests {
    private func project(settings: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-bad-\(UUID().uuidString)")
        try writeFiles([
            "manage.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
            "site/__init__.py": "",
            "site/settings.py": settings,
        ], under: root)
        return root
    }

    private func zerodowntime(_ arguments: [String]) throws -> ProgramRun {
        // Under timeout(1): a hang fails the test with 124 instead of stalling the suite.
        try runProgram("/usr/bin/timeout", ["20", Repository.binary] + arguments,
                       environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": "1"])
    }

    @Test func aStarImportOfAMissingModuleSaysWhichAndWhere() throws {
        let root = try project(settings: "from .missing import *\nINSTALLED_APPS = []\n")
        let run = try zerodowntime(["plan", "--project", root.path, "--all"])
        #expect(run.status == 2)
        #expect(run.errors.contains("INSTALLED_APPS is not set in site.settings; reading stopped at"), "\(run.errors)")
        #expect(run.errors.contains("settings.py:1:1: `from .missing import *` names site.missing, which is not in the project"), "\(run.errors)")
    }

    @Test func databasesFromAFunctionSaysWhereItComesFrom() throws {
        let root = try project(settings: "import json\nINSTALLED_APPS = []\n\ndef load_databases():\n    with open('/etc/zdt-no-such-file.json') as f:\n        return json.load(f)\n\nDATABASES = load_databases()\n")
        let run = try zerodowntime(["plan", "--project", root.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("DATABASES cannot be read statically"), "\(run.errors)")
        #expect(run.errors.contains("settings.py:5:"), "the line inside the function: \(run.errors)")
        #expect(run.errors.contains("not a file of the project"), "\(run.errors)")
        #expect(run.errors.contains("--database-url"))
    }

    @Test func aProjectDirectoryThatDoesNotExistIsNamed() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-nowhere-\(UUID().uuidString)").path
        let run = try zerodowntime(["plan", "--project", missing])
        #expect(run.status == 2)
        #expect(run.errors.contains("\(missing): no such directory"), "\(run.errors)")
        #expect(!run.errors.contains("no manage.py"))
    }

    @Test func dumpGivenANamedPipeDoesNotWait() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-fifo-\(UUID().uuidString)/app/migrations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fifo = directory.appendingPathComponent("0001_initial.py").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let direct = try zerodowntime(["dump", fifo])
        #expect(direct.status == 2, "exit \(direct.status): 124 is a hang")
        #expect(direct.errors.contains("not a regular file (a named pipe)"), "\(direct.errors)")
        let walked = try zerodowntime(["dump", directory.deletingLastPathComponent().deletingLastPathComponent().path])
        #expect(walked.status == 0, "a pipe among migrations is not selected, as CONTRACT.md §1 says: \(walked.errors)")
    }

    @Test func aMigrationThatIsANamedPipeIsAnErrorNotAHang() throws {
        let root = try project(settings: "INSTALLED_APPS = ['shop']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n")
        try writeFiles(["shop/__init__.py": "", "shop/migrations/__init__.py": ""], under: root)
        #expect(mkfifo(root.appendingPathComponent("shop/migrations/0001_initial.py").path, 0o644) == 0)
        let run = try zerodowntime(["plan", "--project", root.path, "--all"])
        #expect(run.status == 2, "exit \(run.status): 124 is a hang")
        #expect(run.errors.contains("0001_initial.py: cannot be read: not a regular file (a named pipe)"), "\(run.errors)")
    }

    @Test("plan refuses the malformed pyproject.toml check-migrations refuses, at its place", arguments: [
        ("[tool.zerodowntime]\ntarget = \n", "pyproject.toml:2:"),
        // Everything after the NUL used to be ignored: here, a wrong type for `target`.
        ("[tool.zerodowntime]\nx = 1\u{0}\ntarget = 5\n", "pyproject.toml:2:6: error: invalid TOML: a NUL character"),
    ])
    func planRefusesAMalformedPyproject(text: String, message: String) throws {
        let root = try project(settings: "INSTALLED_APPS = []\n")
        try writeFile(text, to: root.appendingPathComponent("pyproject.toml"))
        let plan = try zerodowntime(["plan", "--project", root.path, "--all"])
        #expect(plan.status == 2)
        #expect(plan.errors.contains(message), "\(plan.errors)")
    }

    @Test func databasesUnsetAfterAStoppedStarImportSaysWhereReadingStopped() throws {
        let root = try project(settings: "INSTALLED_APPS = []\nfrom .production import *\n")
        let run = try zerodowntime(["plan", "--project", root.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("DATABASES is not set in site.settings; reading stopped at"), "\(run.errors)")
        #expect(run.errors.contains("site.production"), "\(run.errors)")
        #expect(run.errors.contains("--database-url"))
    }

    @Test func appliedFromThatIsNotJSONSaysWhere() throws {
        let root = try project(settings: "INSTALLED_APPS = []\n")
        let file = root.appendingPathComponent("applied.json")
        try writeFile("{\"applied\": [[\"a\", ", to: file)
        let run = try zerodowntime(["plan", "--project", root.path, "--applied-from", file.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("not JSON ("), "\(run.errors)")
        #expect(!run.errors.contains("could not be completed") && !run.errors.contains("couldn’t be read"), "\(run.errors)")
    }

    @Test func settingsThatDoubleOnEveryLineEndWithAClearMessage() throws {
        let doubling = "x = [\"shop\"]\n" + String(repeating: "x = x + x\n", count: 40) + "INSTALLED_APPS = x\n"
        let run = try zerodowntime(["plan", "--project", try project(settings: doubling).path, "--all"])
        #expect(run.status == 2, "exit \(run.status): 124 is a hang")
        #expect(run.errors.contains("a value of more than 100000 elements"), "\(run.errors)")
    }

    @Test func aSettingsExpressionTooDeepToEvaluateIsUnknownNotACrash() throws {
        let chain = "INSTALLED_APPS = " + Array(repeating: "[\"shop\"]", count: 20_000).joined(separator: " + ") + "\n"
        let run = try zerodowntime(["plan", "--project", try project(settings: chain).path, "--all"])
        #expect(run.status == 2, "exit \(run.status): a signal is a crash, 124 a hang")
        #expect(run.errors.contains("nested more than 200 deep"), "\(run.errors)")
    }

    @Test("Values built up line by line are bounded when stored", arguments: [
        ("x = 1\n" + String(repeating: "x = (x,)\n", count: 5_000) + "INSTALLED_APPS = [x]\n", "nested more than 200 deep"),
        ("x = {}\n" + String(repeating: "x = {'a': x, 'b': x}\n", count: 60) + "INSTALLED_APPS = [x]\n", "of more than 100000 parts"),
    ])
    func valuesBuiltUpLineByLineAreBounded(settings: String, message: String) throws {
        let run = try zerodowntime(["plan", "--project", try project(settings: settings).path, "--all"])
        #expect(run.status == 2, "exit \(run.status): a signal is a crash, 124 a hang")
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(run.errors.utf8.count < 2_000, "the message stays short")
    }
}
