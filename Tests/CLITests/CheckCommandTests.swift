import Foundation
import TestSupport
import Testing

/// `zerodowntime check-migrations` on the bundled example (snapshots of every format) and on small
/// broken projects (exit codes and messages).
@Suite(.serialized)
struct CheckCommandTests {
    static let example = Repository.root.appendingPathComponent("Examples/bookshop")
    static let snapshots = Repository.root.appendingPathComponent("Tests/CLITests/Snapshots")

    private func djangoPython() throws -> String {
        let env = try runProgram(Repository.script("django-env"), [])
        try #require(env.status == 0, "scripts/django-env failed: \(env.errors)")
        return env.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs from the repository root, so paths print as `Examples/bookshop/…`.
    private func check(_ arguments: [String], environment: [String: String] = [:]) throws -> ProgramRun {
        try runProgram(Repository.binary, ["check-migrations"] + arguments, in: Repository.root,
                       environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": ""].merging(environment) { $1 })
    }

    /// Compares with `Snapshots/NAME`, the repository's path replaced by `<repo>`;
    /// `ZDT_RECORD_SNAPSHOTS=1` writes them instead.
    private func assertSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let normalized = text.replacingOccurrences(of: Repository.root.path, with: "<repo>")
            .replacingOccurrences(of: #"server version [0-9.]+"#, with: "server version <sqlite>", options: .regularExpression)
        let file = Self.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ZDT_RECORD_SNAPSHOTS"] == "1" {
            try normalized.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(normalized == expected, "snapshot \(name) differs; rerun with ZDT_RECORD_SNAPSHOTS=1 to record", sourceLocation: sourceLocation)
    }

    @Test func textReportOnTheExample() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython()])
        #expect(run.status == 1, "\(run.errors)")
        #expect(!run.output.contains("\u{1B}["), "no colour when stdout is not a terminal")
        try assertSnapshot(run.output, "check-text.txt")
    }

    @Test func verboseTextShowsIgnoredFindings() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython(), "--verbose"])
        #expect(run.status == 1)
        #expect(run.output.contains("run-python-needs-review"))
        #expect(run.output.contains("about 300 books, one quick pass"))
    }

    @Test func jsonReportOnTheExample() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython(), "--format", "json"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 14)
        #expect(Set(findings.compactMap { $0["rule"] as? String }) == ["add-not-null-column", "add-index-non-concurrently", "run-python-with-schema-changes",
                                                                      "lock-timeout-not-set", "add-check-constraint-under-lock"])
        // JSON keeps a lock-timeout finding per migration (for annotations); the summary counts it once.
        #expect(findings.filter { $0["rule"] as? String == "lock-timeout-not-set" }.count == 5)
        #expect((object["summary"] as? [String: Any])?["warnings"] as? Int == 1)
        let first = try #require(findings.first)
        for key in ["rule", "severity", "app", "migration", "path", "line", "column", "operation", "description", "message", "why", "recipe"] {
            #expect(first[key] != nil, "findings carry \(key)")
        }
        #expect((object["summary"] as? [String: Any])?["ignored"] as? Int == 1)
        #expect((object["target"] as? [String: Any])?["identifier"] as? String == "postgresql@16")
        try assertSnapshot(run.output, "check.json")
    }

    @Test func sarifReportIsValidAgainstTheSchema() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython(), "--format", "sarif"])
        #expect(run.status == 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-\(UUID().uuidString).sarif")
        try run.standardOutput.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let validation = try runProgram(Repository.script("validate-sarif"), [file.path])
        #expect(validation.status == 0, "\(validation.output)\(validation.errors)")
        try assertSnapshot(run.output, "check.sarif")
    }

    @Test func githubAnnotationsOnTheExample() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython(), "--format", "github"])
        #expect(run.status == 1)
        #expect(run.output.hasPrefix("::error file=Examples/bookshop/accounts/migrations/0002_user_loyalty_points.py,line=11,col=9,title=zerodowntime add-not-null-column::"))
        try assertSnapshot(run.output, "check-github.txt")
    }

    @Test func originalPolicyOnTheExample() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython(), "--policy", "original"])
        #expect(run.status == 1)
        #expect(run.output.hasPrefix("These operations are incompatible with Zero Downtime Deployments:\n\n\naccounts.0002_user_loyalty_points:\n\tOPERATIONS:\n\t-----------\n\t*  Add field loyalty_points to user\n"))
        try assertSnapshot(run.output, "check-original.txt")
    }

    @Test func sqliteTargetKeepsOnlyOldCodeFindings() throws {
        let run = try check(["--project", "Examples/bookshop", "--python", try djangoPython(), "--target", "sqlite", "--quiet"])
        #expect(run.status == 1)
        #expect(!run.output.contains("add-index-non-concurrently"))
        #expect(run.output.contains("add-not-null-column"))
    }

    @Test func rulesAndExplainPrintTheCatalogue() throws {
        let rules = try runProgram(Repository.binary, ["rules"])
        #expect(rules.status == 0)
        try assertSnapshot(rules.output, "rules.txt")
        let explain = try runProgram(Repository.binary, ["explain", "set-not-null"])
        #expect(explain.status == 0)
        try assertSnapshot(explain.output, "explain-set-not-null.txt")
        let unknown = try runProgram(Repository.binary, ["explain", "drop-colum"])
        #expect(unknown.status == 2, "an unknown rule could not be explained: exit 2, not the argument parser's 64")
        #expect(unknown.errors.contains("unknown rule 'drop-colum'"))
    }

    @Test func appliedMigrationsFromJSONGiveTheSameVerdict() throws {
        let python = try djangoPython()
        let rows = try runProgram("/usr/bin/env", ["python3", "-c", """
            import json, sqlite3, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT app, name FROM django_migrations").fetchall()
            print(json.dumps({"applied": rows, "vendor": "sqlite", "description": "exported"}))
            """, Self.example.appendingPathComponent("db.sqlite3").path])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-applied-\(UUID().uuidString).json")
        try rows.standardOutput.write(to: file)
        let fromFile = try check(["--project", "Examples/bookshop", "--python", python, "--applied-from", file.path, "--format", "json"])
        let fromDatabase = try check(["--project", "Examples/bookshop", "--python", python, "--format", "json"])
        #expect(fromFile.status == 1)
        func findings(_ run: ProgramRun) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
            return (object?["findings"] as? [[String: Any]] ?? []).map { "\($0["path"]!):\($0["line"]!) \($0["rule"]!)" }
        }
        #expect(try findings(fromFile) == findings(fromDatabase))
        #expect(fromFile.output.contains("applied migrations from"))
        let broken = try check(["--project", "Examples/bookshop", "--python", python, "--applied-from", "/nonexistent.json"])
        #expect(broken.status == 2)
        #expect(broken.errors.contains("--applied-from /nonexistent.json: cannot read the file"))
    }

    // MARK: - Small projects with bad or unusual input

    /// A project with app `shop`: `0001_initial` applied to its SQLite database, `migrations` pending.
    private func project(pending migrations: [String: String], pyproject: String? = nil, settings: String = "") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-check-\(UUID().uuidString)")
        func write(_ path: String, _ text: String) throws { try writeFile(text, to: root.appendingPathComponent(path)) }
        try write("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n")
        try write("site_settings.py", """
            INSTALLED_APPS = ["shop"]
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
            """ + settings)
        try write("shop/__init__.py", "")
        try write("shop/migrations/__init__.py", "")
        try write("shop/migrations/0001_initial.py", """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                initial = True
                operations = [
                    migrations.CreateModel(name="Item", fields=[
                        ("id", models.BigAutoField(primary_key=True)),
                        ("name", models.CharField(max_length=50)),
                    ]),
                ]
            """)
        for (name, source) in migrations { try write("shop/migrations/\(name).py", source) }
        if let pyproject { try write("pyproject.toml", pyproject) }
        let sqlite = try runProgram("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("CREATE TABLE django_migrations (id integer primary key, app varchar(255), name varchar(255), applied datetime)")
            db.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('shop', '0001_initial', '2026-01-01')")
            db.commit()
            """, root.appendingPathComponent("db.sqlite3").path])
        try #require(sqlite.status == 0, "\(sqlite.errors)")
        return root
    }

    private func migration(_ operations: String, extra: String = "") -> String {
        """
        from django.db import migrations, models
        import myops


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
        \(extra)    operations = [
        \(operations)
            ]
        """
    }

    @Test func aLockTimeoutInTheSettingsOrInPGOPTIONSIsSeen() throws {
        let pending = ["0002_weight": migration(#"        migrations.AddField(model_name="item", name="weight", field=models.IntegerField(null=True)),"#)]
        func rules(_ run: ProgramRun) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
            return (object?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
        let bare = try project(pending: pending)
        let unset = try check(["--project", bare.path, "--target", "postgresql@16", "--format", "json"])
        #expect(unset.status == 0, "a warning does not fail the check: \(unset.errors)")
        #expect(try rules(unset) == ["lock-timeout-not-set"])
        let text = try check(["--project", bare.path, "--target", "postgresql@16"])
        #expect(text.output.contains(#"warning[lock-timeout-not-set] AddField takes an ACCESS EXCLUSIVE lock on "shop_item" and no lock_timeout is set"#), "\(text.output)")
        #expect(text.output.contains(#"DATABASES["default"]["OPTIONS"] = {"options": "-c lock_timeout=5s"}"#))

        let environment = try check(["--project", bare.path, "--target", "postgresql@16", "--format", "json"],
                                    environment: ["PGOPTIONS": "-c lock_timeout=5s"])
        #expect(try rules(environment).isEmpty)
        let mysql = try check(["--project", bare.path, "--target", "mysql@8", "--format", "json"], environment: ["PGOPTIONS": "-c lock_timeout=5s"])
        #expect(try rules(mysql) == ["lock-timeout-not-set"], "PGOPTIONS is PostgreSQL's")

        let configured = try project(pending: pending, settings: """

            import os
            if os.environ.get("DJANGO_MIGRATING"):
                DATABASES["default"]["OPTIONS"] = {"options": "-c lock_timeout=5s"}
            """)
        #expect(try rules(try check(["--project", configured.path, "--target", "postgresql@16", "--format", "json"])).isEmpty)
        let verbose = try check(["--project", configured.path, "--target", "postgresql@16", "--verbose"])
        #expect(verbose.output.contains("A lock timeout for migrations is set in the settings (\(configured.path)/site_settings.py)."), "\(verbose.output)")
    }

    @Test func anUnknownRuleInAnIgnoreCommentStopsTheCheck() throws {
        let root = try project(pending: ["0002_drop": migration("""
                    # zerodowntime: ignore[drop-colum] typo
                    migrations.RemoveField(model_name="item", name="name"),
            """)])
        let run = try check(["--project", root.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("0002_drop.py:8:9: ignore comment: unknown rule 'drop-colum' (did you mean drop-column?)"), "\(run.errors)")
    }

    @Test func anIgnoreCommentSilencesAndIsCounted() throws {
        let root = try project(pending: ["0002_drop": migration("""
                    # zerodowntime: ignore[drop-column] unused since release 41
                    migrations.RemoveField(model_name="item", name="name"),
            """)])
        let run = try check(["--project", root.path, "--format", "json"])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        #expect((object?["summary"] as? [String: Any])?["ignored"] as? Int == 1)
        #expect(((object?["ignored"] as? [[String: Any]])?.first?["ignored_because"] as? String)?.contains("unused since release 41") == true)
    }

    @Test func aClassAttributeIgnoreWorksAndIsValidated() throws {
        let good = try project(pending: ["0002_drop": migration("        migrations.RemoveField(model_name=\"item\", name=\"name\"),",
                                                                 extra: "    zerodowntime_ignore = [\"drop-column\"]\n")])
        #expect(try check(["--project", good.path]).status == 0)
        let bad = try project(pending: ["0002_drop": migration("        migrations.RemoveField(model_name=\"item\", name=\"name\"),",
                                                                extra: "    zerodowntime_ignore = [\"drop-everything\"]\n")])
        let run = try check(["--project", bad.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("zerodowntime_ignore: unknown rule 'drop-everything'"), "\(run.errors)")
    }

    @Test func aMalformedPyprojectIsAnErrorWithItsLine() throws {
        let root = try project(pending: [:], pyproject: "[tool.zerodowntime]\npolicy = \"recommended\"\ntarget = \n")
        let run = try check(["--project", root.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("pyproject.toml:3:"), "\(run.errors)")
    }

    @Test func anUnknownOperationIsAWarningThatCanFail() throws {
        let root = try project(pending: ["0002_custom": migration("        myops.BackfillItems(batch_size=1000),")])
        let run = try check(["--project", root.path, "--quiet"])
        #expect(run.status == 0, "a warning alone passes")
        #expect(run.output.contains("warning[unknown-operation] myops.BackfillItems is not a Django operation"), "\(run.output)")
        #expect(try check(["--project", root.path, "--fail-on", "warning"]).status == 1)
    }

    @Test func operationsThatAreNotALiteralListFailTheCheck() throws {
        let root = try project(pending: ["0002_computed": """
            from django.db import migrations

            OPS = [migrations.RunSQL("SELECT 1", migrations.RunSQL.noop)]


            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = OPS
            """])
        let run = try check(["--project", root.path, "--quiet"])
        #expect(run.status == 1)
        #expect(run.output.contains("0002_computed.py:8:18: error[operations-not-literal]"), "\(run.output)")
    }

    @Test func configurationTurnsRulesOffAndExcludesMigrations() throws {
        let root = try project(pending: [
            "0002_drop": migration("        migrations.RemoveField(model_name=\"item\", name=\"name\"),"),
        ], pyproject: """
            [tool.zerodowntime.rules]
            drop-column = "warning"
            """)
        let run = try check(["--project", root.path, "--quiet"])
        #expect(run.status == 0)
        #expect(run.output.contains("warning[drop-column]"))
        let excluded = try project(pending: ["0002_drop": migration("        migrations.RemoveField(model_name=\"item\", name=\"name\"),")],
                                   pyproject: "[tool.zerodowntime]\nexclude-migrations = [\"shop.0002_drop\"]\n")
        #expect(try check(["--project", excluded.path]).status == 0)
    }

    /// A line holding only `\` joins the next line to the class body, for CPython and so for
    /// Django: the second `operations` is the one `migrate` runs. It used to be read as the end of
    /// the class, and the safe first list was judged instead ("Safe to deploy", exit 0).
    @Test(arguments: ["\n", "\r\n"])
    func operationsAfterABackslashLineAreTheOnesJudged(lineEnding: String) throws {
        let source = migration("        migrations.AddField(model_name=\"item\", name=\"note\", field=models.TextField(null=True)),")
            + "\n\\\n    operations = [migrations.RemoveField(\"item\", \"name\")]\n"
        let root = try project(pending: ["0002_hidden": source.replacingOccurrences(of: "\n", with: lineEnding)])
        let run = try check(["--project", root.path, "--quiet"])
        #expect(run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.contains("error[drop-column]"), "\(run.output)")
    }

    /// The contract is 0, 1 or 2 everywhere: the argument parser's own usage errors (64) included.
    @Test(arguments: [["--no-such-option"], ["--target", "oracle@1"], ["--quiet", "--verbose"], ["--database", "nope"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let root = try project(pending: [:])
        let run = try check(["--project", root.path] + arguments)
        #expect(run.status == 2, "\(run.errors)")
        #expect(!run.errors.isEmpty)
    }

    @Test func nothingPendingIsSafe() throws {
        let root = try project(pending: [:])
        let run = try check(["--project", root.path])
        #expect(run.status == 0)
        #expect(run.output.contains("Safe to deploy without downtime."), "\(run.output)")
    }
}
