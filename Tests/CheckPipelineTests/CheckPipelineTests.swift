import CheckPipeline
import Foundation
import MigrationGraph
import Testing
import TestSupport

/// The check through the library, one test per way of choosing what is pending: the same
/// project, 0001 committed and applied, 0002 (a RemoveField) new.
@Suite struct CheckPipelineTests {
    static let second = """
        from django.db import migrations


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
            operations = [migrations.RemoveField(model_name="item", name="name")]
        """

    /// A project in a git repository: 0001 committed, 0002 written but not committed.
    private func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-pipeline-\(UUID().uuidString)")
        try writeFiles([
            "manage.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n",
            "site_settings.py": "INSTALLED_APPS = [\"shop\"]\nDATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": \"db.sqlite3\"}}\n",
            "shop/__init__.py": "", "shop/migrations/__init__.py": "",
            "shop/migrations/0001_initial.py": """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    initial = True
                    operations = [migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=50))])]
                """,
            "applied.json": #"{"applied": [["shop", "0001_initial"]], "vendor": "postgresql", "version": "16.4"}"#,
        ], under: root)
        for arguments in [["init", "-q", "-b", "main"], ["add", "."],
                          ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "initial"]] {
            let run = try runProgram("/usr/bin/env", ["git", "-C", root.path] + arguments)
            #expect(run.status == 0, "git \(arguments): \(run.errors)")
        }
        try writeFile(Self.second, to: root.appendingPathComponent("shop/migrations/0002_drop.py"))
        return root
    }

    private func request(_ root: URL, _ selection: CheckRequest.Selection) -> CheckRequest {
        var request = CheckRequest(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        request.projectDirectory = root.path
        request.selection = selection
        return request
    }

    private func rules(_ outcome: CheckPipeline.CheckOutcome) -> [String] {
        outcome.report.result.reported.map(\.rule)
    }

    @Test func everyMigrationAsOnAFreshDatabase() async throws {
        let root = try project()
        let outcome = try await CheckPipeline(request(root, .all)).check()
        #expect(outcome.plan.pending == [MigrationKey("shop", "0001_initial"), MigrationKey("shop", "0002_drop")])
        #expect(outcome.snapshot == nil)
        #expect(!rules(outcome).contains("drop-column"), "a column of a table created in the same plan: \(rules(outcome))")
    }

    @Test func theAppliedSetFromAFile() async throws {
        let root = try project()
        let outcome = try await CheckPipeline(request(root, .appliedFrom(root.appendingPathComponent("applied.json").path))).check()
        #expect(outcome.plan.pending == [MigrationKey("shop", "0002_drop")])
        #expect(outcome.report.target.description.hasPrefix("PostgreSQL 16"), "\(outcome.report.target)")
        #expect(rules(outcome).contains("drop-column"))
        #expect(outcome.report.fails)
    }

    @Test func whatGitSaysChangedSinceARef() async throws {
        let root = try project()
        let outcome = try await CheckPipeline(request(root, .since("main"))).check()
        #expect(outcome.plan.pending == [MigrationKey("shop", "0002_drop")])
        #expect(rules(outcome).contains("drop-column"))
    }

    @Test func whatIsStagedForCommit() async throws {
        let root = try project()
        let nothingStaged = try await CheckPipeline(request(root, .staged)).check()
        #expect(nothingStaged.plan.pending.isEmpty)
        #expect(!nothingStaged.report.fails)
        #expect(try runProgram("/usr/bin/env", ["git", "-C", root.path, "add", "shop/migrations/0002_drop.py"]).status == 0)
        let staged = try await CheckPipeline(request(root, .staged)).check()
        #expect(staged.plan.pending == [MigrationKey("shop", "0002_drop")])
        #expect(rules(staged).contains("drop-column"))
    }

    @Test func theDatabaseTheSettingsName() async throws {
        let root = try project()
        // No db.sqlite3 yet: a fresh database, everything pending, judged for SQLite.
        let outcome = try await CheckPipeline(request(root, .database(url: nil, alias: nil))).check()
        #expect(outcome.plan.pending.count == 2)
        #expect(outcome.snapshot?.backend == .sqlite)
        #expect(outcome.report.sourceDescription.contains("settings DATABASES['default']"), "\(outcome.report.sourceDescription)")
        await #expect(throws: CheckRequestError.self) {
            _ = try await CheckPipeline(request(root, .database(url: nil, alias: "replica"))).check()
        }
    }
}
