import Foundation
import TestSupport
import Testing

/// `zerodowntime dump` as a user runs it: the binary, its output, its exit code, its messages.
@Suite struct DumpCommandTests {
    private func scratchProject(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cli-\(UUID().uuidString)")
        try writeFiles(files, under: root)
        return root
    }

    @Test func validMigrationsExitZeroWithOneLinePerFile() throws {
        let project = try scratchProject([
            "shop/migrations/0001_initial.py": "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = []\n",
            "shop/migrations/__init__.py": "",
            "shop/models.py": "x = (",
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try runProgram(Repository.binary, ["dump", project.path])
        #expect(run.status == 0)
        #expect(run.output == #"{"path":"shop/migrations/0001_initial.py","app":"shop","name":"0001_initial","parse":"ok","migration":{"bases":[{"name":"migrations.Migration"}],"initial":true,"atomic":null,"dependencies":[],"replaces":null,"run_before":null,"operations":[]}}"# + "\n")
        #expect(run.errors.isEmpty)
    }

    @Test func aBrokenFileIsReportedWithItsPlaceAndTheOthersStillPrinted() throws {
        let project = try scratchProject([
            "shop/migrations/0001_initial.py": "class Migration:\n    operations = []\n",
            "shop/migrations/0002_broken.py": "class Migration(migrations.Migration:\n    operations = []\n",
            "shop/migrations/0003_after.py": "class Migration:\n    operations = [1]\n",
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try runProgram(Repository.binary, ["dump", project.path])
        #expect(run.status == 2)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains(#""parse":"error""#))
        #expect(lines[2].contains(#""operations":[1]"#))
        #expect(run.errors.contains("shop/migrations/0002_broken.py:1:"))
        #expect(run.errors.contains("error: "))
    }

    @Test func invalidUTF8IsAnErrorNotACrash() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cli-\(UUID().uuidString)")
        let migrations = project.appendingPathComponent("a/migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: project) }
        try Data([0x78, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0x22, 0x0A]).write(to: migrations.appendingPathComponent("0001.py"))
        let run = try runProgram(Repository.binary, ["dump", project.path])
        #expect(run.status == 2)
        #expect(run.output.contains(#""error":{"line":1,"col":6,"message":"invalid utf-8"}"#))
        #expect(run.errors.contains("0001.py:1:6: error: invalid utf-8"))
    }

    @Test func aMissingPathIsAnErrorWithExitTwo() throws {
        let run = try runProgram(Repository.binary, ["dump", "/nonexistent/zerodowntime-test"])
        #expect(run.status == 2)
        #expect(run.errors.contains("/nonexistent/zerodowntime-test: no such file or directory"))
    }

    @Test func theBundledExampleDumpsCleanly() throws {
        let run = try runProgram(Repository.binary, ["dump", Repository.root.appendingPathComponent("Examples").path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.split(separator: "\n").count >= 5)
    }

    @Test func helpAndVersion() throws {
        let help = try runProgram(Repository.binary, ["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("dump"))
        let version = try runProgram(Repository.binary, ["--version"])
        #expect(version.status == 0)
        #expect(!version.output.isEmpty)
    }
}
