import Foundation
import TestSupport
import Testing

/// The commands of the guides in docs/, taken from the guides themselves and run as written, so
/// the guides cannot drift from what the tool does.
@Suite(.serialized, .postgresServer, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.missingMessage)))
struct DeployGuideTests {
    static let docs = Repository.root.appendingPathComponent("docs")
    static let environment = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                              "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": "1"]

    /// The first line of a guide that starts with `prefix` (after indentation), without the prefix.
    private func line(_ guide: String, startingWith prefix: String) throws -> String {
        let text = try String(contentsOf: Self.docs.appendingPathComponent(guide), encoding: .utf8)
        let found = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(prefix) }
        return String(try #require(found, "\(guide) has a line starting with \(prefix)").dropFirst(prefix.count))
    }

    /// A shell whose PATH finds the binary under test as `zerodowntime`.
    private func shell(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> ProgramRun {
        let bin = URL(fileURLWithPath: Repository.binary).deletingLastPathComponent().path
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try runProgram("/bin/sh", ["-c", script], in: directory,
                              environment: Self.environment.merging(environment) { $1 }.merging(["PATH": path]) { $1 })
    }


    private func git(_ arguments: [String], in directory: URL) throws {
        let run = try runProgram("/usr/bin/env", ["git"] + arguments, in: directory, environment: Self.environment)
        try #require(run.status == 0, "git \(arguments): \(run.errors)")
    }

    static let initial = """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            initial = True
            operations = [
                migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
            ]
        """

    static func migration(_ operation: String) -> String {
        """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
            operations = [
                \(operation)
            ]
        """
    }

    /// A project with `shop.0001_initial` committed on `main` (and pushed to a bare `origin`).
    private func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-guide-\(UUID().uuidString)")
        try writeFile("import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n", to: root.appendingPathComponent("manage.py"))
        try writeFile("INSTALLED_APPS = [\"shop\"]\n", to: root.appendingPathComponent("site_settings.py"))
        try writeFile("", to: root.appendingPathComponent("shop/__init__.py"))
        try writeFile("", to: root.appendingPathComponent("shop/migrations/__init__.py"))
        try writeFile(Self.initial, to: root.appendingPathComponent("shop/migrations/0001_initial.py"))
        try writeFile("[tool.zerodowntime]\ntarget = \"postgresql@16\"\n", to: root.appendingPathComponent("pyproject.toml"))
        try git(["init", "-q", "-b", "main"], in: root)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "initial"], in: root)
        let origin = root.appendingPathExtension("origin")
        try git(["init", "-q", "--bare", origin.path], in: root)
        try git(["remote", "add", "origin", origin.path], in: root)
        try git(["push", "-q", "origin", "main"], in: root)
        try git(["fetch", "-q", "origin"], in: root)
        return root
    }

    @Test func herokuReleasePhaseStopsBeforeMigrate() throws {
        let server = try #require(PostgresTestServer.current)
        let release = try line("heroku.md", startingWith: "release: ")
        #expect(release.contains("python manage.py migrate --noinput"))
        let command = release.replacingOccurrences(of: "python manage.py migrate --noinput", with: "touch migrated")
        let root = try project()
        let database = try server.createDatabase("guide_heroku")
        try server.psql("""
            CREATE TABLE django_migrations (id serial PRIMARY KEY, app varchar(255), name varchar(255), applied timestamptz);
            INSERT INTO django_migrations (app, name, applied) VALUES ('shop', '0001_initial', now());
            """, database: database)
        let url = server.url(database: database)

        try writeFile(Self.migration(#"migrations.AddField(model_name="item", name="note", field=models.TextField(null=True)),"#),
                      to: root.appendingPathComponent("shop/migrations/0002_item_note.py"))
        let safe = try shell(command, in: root, environment: ["DATABASE_URL": url])
        #expect(safe.status == 0, "\(safe.output)\(safe.errors)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("migrated").path), "migrate runs after a safe check")
        #expect(!safe.output.contains(server.password), "the password is never printed")

        try FileManager.default.removeItem(at: root.appendingPathComponent("migrated"))
        try writeFile(Self.migration(#"migrations.RemoveField(model_name="item", name="name"),"#),
                      to: root.appendingPathComponent("shop/migrations/0002_item_note.py"))
        let unsafe = try shell(command, in: root, environment: ["DATABASE_URL": url])
        #expect(unsafe.status == 1)
        #expect(unsafe.output.contains("error[drop-column]"))
        #expect(unsafe.output.contains("server version"), "the target is the server's own version")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("migrated").path), "migrate never starts")
        #expect(!(unsafe.output + unsafe.errors).contains(server.password))
    }

    /// A branch that adds an unsafe migration on top of `origin/main`.
    private func pullRequest() throws -> URL {
        let root = try project()
        try git(["checkout", "-q", "-b", "feature"], in: root)
        try writeFile(Self.migration(#"migrations.RemoveField(model_name="item", name="name"),"#),
                      to: root.appendingPathComponent("shop/migrations/0002_remove_item_name.py"))
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "drop name"], in: root)
        return root
    }

    @Test func circleCIStepReportsAndFails() throws {
        let root = try pullRequest()
        let text = try String(contentsOf: Self.docs.appendingPathComponent("circleci.md"), encoding: .utf8)
        let commands = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("mkdir -p reports") || $0.hasPrefix("zerodowntime check-migrations") }
        #expect(commands.count == 3)
        let run = try shell(commands.joined(separator: "\n"), in: root)
        #expect(run.status == 1, "\(run.errors)")
        #expect(run.output.contains("error[drop-column]"))
        #expect(run.output.contains("Safe recipe:"))
        let json = try Data(contentsOf: root.appendingPathComponent("reports/zerodowntime.json"))
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect((object?["summary"] as? [String: Any])?["errors"] as? Int == 1)
    }

    @Test func githubActionsStepAnnotatesThePullRequest() throws {
        let root = try pullRequest()
        let command = try line("github-actions.md", startingWith: "- run: zerodowntime check-migrations --since \"origin/$GITHUB_BASE_REF\" --format github")
        let run = try shell("zerodowntime check-migrations --since \"origin/$GITHUB_BASE_REF\" --format github" + command, in: root,
                            environment: ["GITHUB_BASE_REF": "main"])
        #expect(run.status == 1, "\(run.errors)")
        #expect(run.output.hasPrefix("::error file=shop/migrations/0002_remove_item_name.py,line=7,col=9,title=zerodowntime drop-column::"), "\(run.output)")
    }
}
