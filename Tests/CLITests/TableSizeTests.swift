import Foundation
import TestSupport
import Testing

/// Table sizes from the database the check reads (issue 13): a real PostgreSQL table with known
/// rows, named in the lock finding's message and JSON; `small-table-rows` turning that finding
/// into a warning; `--stats-file` giving the same figures without a database.
@Suite(.serialized, .postgresServer, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.missingMessage)))
struct TableSizeTests {
    static let initial = """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            initial = True
            operations = [
                migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
                migrations.CreateModel(name="Tag", fields=[("id", models.BigAutoField(primary_key=True)), ("label", models.CharField(max_length=50))]),
            ]
        """

    static let addIndexes = """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
            operations = [
                migrations.AddIndex(model_name="item", index=models.Index(fields=["name"], name="item_name_idx")),
                migrations.AddIndex(model_name="tag", index=models.Index(fields=["label"], name="tag_label_idx")),
                migrations.RemoveField(model_name="tag", name="label"),
            ]
        """

    /// A project whose `shop.0001_initial` is applied on a new database holding 5,000 items and
    /// 20 tags (analysed, so the planner's estimate is exact), and `0002` pending.
    private func project(_ server: PostgresTestServer, configuration: String = "") throws -> (root: URL, url: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-sizes-\(UUID().uuidString)")
        try writeFile("import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n", to: root.appendingPathComponent("manage.py"))
        try writeFile("INSTALLED_APPS = [\"shop\"]\n", to: root.appendingPathComponent("site_settings.py"))
        try writeFile("", to: root.appendingPathComponent("shop/__init__.py"))
        try writeFile("", to: root.appendingPathComponent("shop/migrations/__init__.py"))
        try writeFile(Self.initial, to: root.appendingPathComponent("shop/migrations/0001_initial.py"))
        try writeFile(Self.addIndexes, to: root.appendingPathComponent("shop/migrations/0002_indexes.py"))
        try writeFile("[tool.zerodowntime]\n" + configuration, to: root.appendingPathComponent("pyproject.toml"))
        let database = try server.createDatabase("sizes_\(UUID().uuidString.prefix(8).lowercased())")
        _ = try server.psql("""
            CREATE TABLE django_migrations (id serial PRIMARY KEY, app varchar(255), name varchar(255), applied timestamptz);
            INSERT INTO django_migrations (app, name, applied) VALUES ('shop', '0001_initial', now());
            CREATE TABLE shop_item (id bigserial PRIMARY KEY, name varchar(50) NOT NULL);
            INSERT INTO shop_item (name) SELECT 'item ' || n FROM generate_series(1, 5000) AS n;
            CREATE TABLE shop_tag (id bigserial PRIMARY KEY, label varchar(50) NOT NULL);
            INSERT INTO shop_tag (label) SELECT 'tag ' || n FROM generate_series(1, 20) AS n;
            ANALYZE shop_item;
            ANALYZE shop_tag;
            """, database: database)
        return (root, server.url(database: database))
    }

    private func check(_ root: URL, _ arguments: [String]) throws -> ProgramRun {
        try runHermetic(Repository.binary, ["check-migrations", "--project", root.path, "--no-cache"] + arguments, in: root)
    }

    @Test func lockFindingsNameTheTablesSizeFromTheCatalog() throws {
        let server = try #require(PostgresTestServer.current)
        let (root, url) = try project(server)
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try check(root, ["--database-url", url])
        #expect(text.status == 1, "\(text.errors)")
        #expect(text.output.contains(#"error[add-index-non-concurrently] AddIndex builds index "item_name_idx""#), "\(text.output)")
        #expect(text.output.contains(#"("shop_item": ~5.0k rows, "#), "\(text.output)")
        #expect(text.output.contains(#"("shop_tag": ~20 rows, "#), "\(text.output)")

        let json = try check(root, ["--database-url", url, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: json.standardOutput) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        let index = try #require(findings.first { $0["rule"] as? String == "add-index-non-concurrently" && ($0["message"] as? String)?.contains("item_name_idx") == true })
        #expect(index["table"] as? String == "shop_item")
        #expect(index["table_rows"] as? Int == 5000)
        #expect((index["table_bytes"] as? Int ?? 0) > 100_000, "5,000 rows take more than 100 kB: \(index["table_bytes"] ?? "none")")
        // A breakage of old code carries no size: it breaks whatever the size.
        let drop = try #require(findings.first { $0["rule"] as? String == "drop-column" })
        #expect(drop["table_rows"] == nil)
    }

    @Test func smallTableRowsMakesLockFindingsOnSmallTablesWarnings() throws {
        let server = try #require(PostgresTestServer.current)
        let (root, url) = try project(server, configuration: "small-table-rows = 1000\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try check(root, ["--database-url", url, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        func severity(_ rule: String, _ name: String) -> String? {
            findings.first { $0["rule"] as? String == rule && ($0["message"] as? String)?.contains(name) == true }?["severity"] as? String
        }
        #expect(severity("add-index-non-concurrently", "item_name_idx") == "error", "5,000 rows is over the limit")
        #expect(severity("add-index-non-concurrently", "tag_label_idx") == "warning", "20 rows is under it")
        #expect(severity("drop-column", "label") == "error", "breakage never changes")
        #expect(run.status == 1)
    }

    @Test func aStatsFileGivesTheSameFiguresWithoutADatabase() throws {
        let server = try #require(PostgresTestServer.current)
        let (root, url) = try project(server, configuration: "small-table-rows = 1000000\n")
        defer { try? FileManager.default.removeItem(at: root) }
        // The documented query, as psql would write it.
        let database = String(url.split(separator: "/").last!)
        let stats = try server.psql(TableSizeTests.statsQuery, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = root.appendingPathComponent("stats.json")
        try writeFile(stats, to: file)
        let applied = root.appendingPathComponent("applied.json")
        try writeFile(#"{"applied": [["shop", "0001_initial"]], "vendor": "postgresql", "version": "16.4"}"#, to: applied)
        let run = try check(root, ["--applied-from", applied.path, "--stats-file", file.path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        let index = try #require(findings.first { $0["rule"] as? String == "add-index-non-concurrently" })
        #expect(index["table_rows"] as? Int == 5000)
        #expect(index["severity"] as? String == "warning", "under small-table-rows = 1000000")

        try writeFile(#"{"tables": {"shop_item": {"rows": "many"}}}"#, to: file)
        let bad = try check(root, ["--applied-from", applied.path, "--stats-file", file.path])
        #expect(bad.status == 2)
        #expect(bad.errors.contains(#"--stats-file \#(file.path): "tables"."shop_item"."rows" must be a number"#), "\(bad.errors)")
    }

    /// The query README.md documents for `--stats-file`.
    static var statsQuery: String {
        get throws {
            let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
            let line = try #require(readme.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("psql -Atc \"SELECT json_build_object('tables'") })
            let start = try #require(line.range(of: "psql -Atc \"")).upperBound
            let end = try #require(line.range(of: "\" > stats.json", options: .backwards)).lowerBound
            return String(line[start..<end])
        }
    }
}
