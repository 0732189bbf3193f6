import Foundation
import TestSupport
import Testing

/// A whole answer is kept and printed again only while every file it was read from is as it
/// was: a changed, added or removed migration, a changed setting or other arguments make the
/// check answer again. To tell a kept answer from a new one, the tests replace the kept output
/// with a marker; a run that prints the marker used the record.
@Suite(.serialized)
struct ResultCacheTests {
    static let marker = "FROM THE KEPT RECORD\n"

    private func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-result-\(UUID().uuidString)")
        try writeFiles([
            "manage.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n",
            "site_settings.py": "INSTALLED_APPS = [\"shop\"]\nDATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": \"db.sqlite3\"}}\n",
            "shop/__init__.py": "", "shop/migrations/__init__.py": "",
            // The repository's root: the search for pyproject.toml stops here, not in the busy /tmp.
            ".git/HEAD": "ref: refs/heads/main\n",
            "applied.json": #"{"applied": [["shop", "0001_initial"]], "vendor": "postgresql", "version": "16.4"}"#,
            "shop/migrations/0001_initial.py": """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    initial = True
                    operations = [migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=50))])]
                """,
            "shop/migrations/0002_change.py": Self.second("migrations.AddField(model_name=\"item\", name=\"note\", field=models.TextField(null=True))"),
        ], under: root)
        // Inputs changed within two seconds of a run are not trusted to show a later change.
        Thread.sleep(forTimeInterval: 2.2)
        return root
    }

    static func second(_ operation: String) -> String {
        """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
            operations = [\(operation)]
        """
    }

    private func check(_ root: URL, cache: URL, _ extra: [String] = ["--all"]) throws -> ProgramRun {
        try runProgram(Repository.binary, ["check-migrations", "--project", root.path, "--quiet"] + extra,
                       environment: ["ZERODOWNTIME_CACHE_DIR": cache.path, "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": ""])
    }

    private func records(_ cache: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "rec" }
    }

    /// Puts the marker where the record keeps its output (after the magic, key, status and
    /// length lines), the inputs left as they are.
    private func mark(_ record: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: record))
        var newlines: [Int] = []
        for (index, byte) in bytes.enumerated() where byte == 10 {
            newlines.append(index)
            if newlines.count == 4 { break }
        }
        let header = String(decoding: bytes[..<newlines[3]], as: UTF8.self).split(separator: "\n")
        let length = try #require(Int(header[3]))
        let rest = bytes[(newlines[3] + 1 + length)...]
        let text = header[0...2].joined(separator: "\n") + "\n\(Self.marker.utf8.count)\n" + Self.marker
        try Data(Array(text.utf8) + rest).write(to: record)
    }

    private func freshCache() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zdt-resultdir-\(UUID().uuidString)")
    }

    @Test func anUnchangedProjectGetsTheKeptAnswerWithItsExitCode() throws {
        let root = try project()
        let cache = freshCache()
        let first = try check(root, cache: cache)
        #expect(first.status != 2, "\(first.errors)")
        let record = try #require(records(cache).first, "the first run keeps its answer")
        #expect(try check(root, cache: cache).output == first.output, "the kept answer is the answer")
        try mark(record)
        let second = try check(root, cache: cache)
        #expect(second.output == Self.marker)
        #expect(second.status == first.status)
        #expect(try check(root, cache: cache, ["--all", "--verbose"]).output != Self.marker, "other arguments are another question")
        #expect(try check(root, cache: cache, ["--all", "--no-cache"]).output == first.output)
    }

    @Test(arguments: ["edit", "same size", "add", "remove", "settings"])
    func aChangeAnywhereTheCheckReadsMakesItAnswerAgain(change: String) throws {
        let root = try project()
        let cache = freshCache()
        // 0001 applied: 0002 is judged against a live table, so each change changes the verdict.
        let selection = ["--applied-from", root.appendingPathComponent("applied.json").path]
        let first = try check(root, cache: cache, selection)
        try mark(try #require(records(cache).first))
        #expect(try check(root, cache: cache, selection).output == Self.marker)
        let migrations = root.appendingPathComponent("shop/migrations")
        switch change {
        case "edit":
            try writeFile(Self.second("migrations.RemoveField(model_name=\"item\", name=\"name\")"), to: migrations.appendingPathComponent("0002_change.py"))
        case "same size":
            // The size kept: `null=None` is falsy, so the column becomes NOT NULL without a default.
            let path = migrations.appendingPathComponent("0002_change.py")
            let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "null=True", with: "null=None")
            try writeFile(text, to: path)
        case "add":
            try writeFile("""
                from django.db import migrations


                class Migration(migrations.Migration):
                    dependencies = [("shop", "0002_change")]
                    operations = [migrations.RemoveField(model_name="item", name="name")]
                """, to: migrations.appendingPathComponent("0003_drop.py"))
        case "remove":
            try FileManager.default.removeItem(at: migrations.appendingPathComponent("0002_change.py"))
        default:
            try writeFile("INSTALLED_APPS = [\"shop\"]\nDATABASES = {}\nAUTH_USER_MODEL = \"shop.Item\"\n",
                          to: root.appendingPathComponent("site_settings.py"))
        }
        let after = try check(root, cache: cache, selection)
        #expect(after.output != Self.marker, "\(change): the kept answer must not be used")
        #expect(after.output != first.output || change == "settings", "\(change): \(after.output)")
    }

    /// Every other environment is another question (a CI runner's differs on every run): the
    /// cache keeps the 32 most recent answers, not one more per run.
    @Test func theCacheKeepsABoundedNumberOfAnswers() throws {
        let root = try project()
        let cache = freshCache()
        for run in 0..<36 {
            let result = try runProgram(Repository.binary, ["check-migrations", "--project", root.path, "--quiet", "--all"],
                                        environment: ["ZERODOWNTIME_CACHE_DIR": cache.path, "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "",
                                                      "ZDT_TEST_RUN": String(run)])
            #expect(result.status != 2, "\(result.errors)")
        }
        #expect(records(cache).count == 32)
    }

    @Test func appliedMigrationsFromStandardInputAreNotKept() throws {
        let root = try project()
        let cache = freshCache()
        let applied = root.appendingPathComponent("applied.json")
        let fromFile = try check(root, cache: cache, ["--applied-from", applied.path])
        #expect(fromFile.status != 2, "\(fromFile.errors)")
        #expect(records(cache).count == 1, "a file of applied migrations is an input like any other")
        let piped = try runProgram("/bin/sh", ["-c", "exec \"$0\" check-migrations --project \"$1\" --quiet --applied-from - < \"$2\"",
                                               Repository.binary, root.path, applied.path],
                                   environment: ["ZERODOWNTIME_CACHE_DIR": cache.path, "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": ""])
        #expect(piped.output == fromFile.output, "\(piped.errors)")
        #expect(records(cache).count == 1, "standard input has no stamp: that answer is not kept")
    }
}
