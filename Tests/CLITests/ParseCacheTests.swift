import Foundation
import TestSupport
import Testing

/// The parse cache is never wrong when a file changes, survives a damaged pack, stays out of
/// the way with --no-cache, and is not read from a directory others may write.
@Suite(.serialized)
struct ParseCacheTests {
    static let safe = "migrations.AddField(model_name=\"item\", name=\"note\", field=models.TextField(null=True)),"
    static let unsafe = "migrations.RemoveField(model_name=\"item\", name=\"name\"),"

    private func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cache-\(UUID().uuidString)")
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
        ], under: root)
        try writeSecond(Self.safe, in: root)
        return root
    }

    private func writeSecond(_ operation: String, in root: URL) throws {
        try writeFile("""
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = [\(operation)]
            """, to: root.appendingPathComponent("shop/migrations/0002_change.py"))
    }

    private func check(_ root: URL, cache: URL, _ extra: [String] = []) throws -> ProgramRun {
        // 0001 applied, so 0002 is judged against a live table.
        let applied = root.appendingPathComponent("applied.json")
        try writeFile(#"{"applied": [["shop", "0001_initial"]], "vendor": "postgresql", "version": "16.4"}"#, to: applied)
        return try runProgram(Repository.binary, ["check-migrations", "--project", root.path, "--applied-from", applied.path, "--quiet"] + extra,
                       environment: ["ZERODOWNTIME_CACHE_DIR": cache.path, "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": ""])
    }

    private func packs(_ cache: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "pack" }
    }

    @Test func aChangedFileIsReadAgainAndADamagedPackIsIgnored() throws {
        let root = try project()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cachedir-\(UUID().uuidString)")
        #expect(try check(root, cache: cache).status == 0)
        let pack = try #require(packs(cache).first, "the first run writes a pack")
        #expect(try check(root, cache: cache).status == 0, "from the cache")

        try writeSecond(Self.unsafe, in: root)
        let changed = try check(root, cache: cache)
        #expect(changed.status == 1, "the changed file is judged as it is now: \(changed.output)")
        #expect(changed.output.contains("error[drop-column]"))

        var damaged = try Data(contentsOf: pack)
        for index in stride(from: 12, to: damaged.count, by: 7) { damaged[index] ^= 0x5A }
        try damaged.write(to: pack)
        let afterDamage = try check(root, cache: cache)
        #expect(afterDamage.status == 1, "\(afterDamage.errors)")
        #expect(afterDamage.output == changed.output)
    }

    @Test func noCacheWritesNothing() throws {
        let root = try project()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cachedir-\(UUID().uuidString)")
        #expect(try check(root, cache: cache, ["--no-cache"]).status == 0)
        #expect(packs(cache).isEmpty)
    }

    @Test func aDirectoryOthersMayWriteIsNotUsed() throws {
        let root = try project()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cachedir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        #expect(chmod(cache.path, 0o777) == 0)
        #expect(try check(root, cache: cache).status == 0)
        #expect(packs(cache).isEmpty, "a world-writable cache could hand over a tree for other bytes")
    }
}
