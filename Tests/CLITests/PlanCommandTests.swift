import Foundation
import TestSupport
import Testing

/// `zerodowntime plan` on the bundled example and on broken projects: what it prints, its exit codes.
@Suite(.serialized)
struct PlanCommandTests {
    static let example = Repository.root.appendingPathComponent("Examples/bookshop")

    /// The example's apps need Django's contrib migrations: the Django virtualenv of the tests.
    private func djangoPython() throws -> String {
        let env = try runProgram(Repository.script("django-env"), [])
        try #require(env.status == 0, "scripts/django-env failed: \(env.errors)")
        return env.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func plan(_ arguments: [String], in directory: URL? = nil) throws -> ProgramRun {
        try runProgram(Repository.binary, ["plan"] + arguments, in: directory, environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": ""])
    }

    /// A copy of the example project in a fresh git repository, everything committed.
    private func exampleRepository() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-example-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.example, to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".venv"))
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "initial"]] {
            let git = try runProgram("/usr/bin/env", ["git"] + arguments, in: copy)
            try #require(git.status == 0, "git \(arguments): \(git.errors)")
        }
        return copy
    }

    @Test func theExampleDatabaseHasSixPendingMigrationsInDjangosOrder() throws {
        let run = try plan(["--project", Self.example.path, "--python", try djangoPython()])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("Pending migrations: 6 of 23 (sqlite:///"))
        #expect(run.output.contains("(settings DATABASES['default'])"))
        #expect(run.output.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) } == [
            "accounts.0002_user_loyalty_points", "catalog.0004_book_slug", "catalog.0005_book_subtitle",
            "catalog.0005_author_bio", "catalog.0006_merge_20261126_1200", "orders.0002_order_status",
        ])
    }

    @Test func jsonListsPendingAsAppAndNamePairs() throws {
        let run = try plan(["--project", Self.example.path, "--python", try djangoPython(), "--format", "json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        #expect((object?["pending"] as? [[String]])?.first == ["accounts", "0002_user_loyalty_points"])
        #expect(object?["source"] as? String == "database")
    }

    @Test func readingTheDatabaseChangesNothing() throws {
        let database = Self.example.appendingPathComponent("db.sqlite3")
        let before = try Data(contentsOf: database)
        let modified = try FileManager.default.attributesOfItem(atPath: database.path)[.modificationDate] as? Date
        _ = try plan(["--project", Self.example.path, "--python", try djangoPython()])
        #expect(try Data(contentsOf: database) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: database.path)[.modificationDate] as? Date == modified)
    }

    @Test func allTreatsTheDatabaseAsFresh() throws {
        let run = try plan(["--project", Self.example.path, "--python", try djangoPython(), "--all"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("Pending migrations: 23 of 23"))
    }

    @Test func sinceAGitRefTakesTheMigrationsAddedSince() throws {
        let repository = try exampleRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let migration = repository.appendingPathComponent("orders/migrations/0003_order_note.py")
        try Data("""
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0002_order_status")]
                operations = [migrations.AddField(model_name="order", name="note", field=models.TextField(null=True))]

            """.utf8).write(to: migration)
        let python = try djangoPython()
        let since = try plan(["--project", repository.path, "--python", python, "--since", "main", "--format", "json"])
        #expect(since.status == 0, "\(since.errors)")
        let pending = (try JSONSerialization.jsonObject(with: since.standardOutput) as? [String: Any])?["pending"] as? [[String]]
        #expect(pending == [["orders", "0003_order_note"]])

        let nothingStaged = try plan(["--project", repository.path, "--python", python, "--staged"])
        #expect(nothingStaged.output.hasPrefix("Pending migrations: 0 of 24"))
        _ = try runProgram("/usr/bin/env", ["git", "add", migration.path], in: repository)
        let staged = try plan(["--project", repository.path, "--python", python, "--staged"])
        #expect(staged.output.contains("orders.0003_order_note"))
    }

    /// A `--since` value that looks like an option must never reach git as one: `--octopus`,
    /// `--fork-point` or `--independent` used to make the base HEAD, so nothing was pending.
    @Test(arguments: ["--octopus", "--fork-point", "--independent", "-h", "--all", "no-such-branch"])
    func aSinceValueThatIsNotACommitIsAnError(value: String) throws {
        let repository = try exampleRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let run = try plan(["--project", repository.path, "--python", try djangoPython(), "--since=\(value)"])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.errors.contains("--since \(value): no such commit, branch or tag"), "\(run.errors)")
    }

    @Test func theOriginalToolsCheckMigrationsAliasIsUsedAndNamed() throws {
        let repository = try exampleRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let settings = repository.appendingPathComponent("bookshop/settings.py")
        let alias = "\nDATABASES[\"CHECK_MIGRATIONS\"] = {\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": BASE_DIR / \"never-migrated.sqlite3\"}\n"
        try (String(contentsOf: settings, encoding: .utf8) + alias).write(to: settings, atomically: true, encoding: .utf8)
        let run = try plan(["--project", repository.path, "--python", try djangoPython()])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("DATABASES['CHECK_MIGRATIONS'], the original tool's alias"))
        #expect(run.output.hasPrefix("Pending migrations: 23 of 23"))
        #expect(!FileManager.default.fileExists(atPath: repository.appendingPathComponent("never-migrated.sqlite3").path))
        let explicit = try plan(["--project", repository.path, "--python", try djangoPython(), "--database", "default"])
        #expect(explicit.output.hasPrefix("Pending migrations: 6 of 23"))
    }

    @Test func aDirectoryWithoutManagePyIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try plan(["--project", empty.path, "--all"])
        #expect(run.status == 2)
        #expect(run.errors.contains("no manage.py here"))
    }

    @Test func aSettingsSyntaxErrorNamesTheFileAndLine() throws {
        let repository = try exampleRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let settings = repository.appendingPathComponent("bookshop/settings.py")
        try (String(contentsOf: settings, encoding: .utf8) + "\nBROKEN = [\n").write(to: settings, atomically: true, encoding: .utf8)
        let run = try plan(["--project", repository.path, "--all"])
        #expect(run.status == 2)
        #expect(run.errors.contains("bookshop/settings.py:"))
        #expect(run.errors.contains("was never closed"))
    }

    @Test func anUnknownInstalledAppIsAClearError() throws {
        let repository = try exampleRepository()
        defer { try? FileManager.default.removeItem(at: repository) }
        // No virtualenv: django.contrib.auth cannot be found.
        let run = try runProgram(Repository.binary, ["plan", "--project", repository.path, "--all"],
                                 environment: ["VIRTUAL_ENV": "", "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": ""])
        #expect(run.status == 2)
        #expect(run.errors.contains("INSTALLED_APPS entry 'django.contrib.auth' is neither in the project nor in its virtualenv"))
    }

    @Test func anUnreachableDatabaseFailsFastWithoutThePassword() throws {
        let started = Date()
        let run = try plan(["--project", Self.example.path, "--python", try djangoPython(),
                            "--database-url", "postgresql://zdt:s3cret-pw@127.0.0.1:9/zdt", "--connect-timeout", "3"])
        #expect(run.status == 2)
        #expect(run.errors.contains("127.0.0.1:9"))
        #expect(!run.errors.contains("s3cret-pw"))
        #expect(!run.output.contains("s3cret-pw"))
        #expect(Date().timeIntervalSince(started) < 15)
    }
}
