import Foundation
import TestSupport
import Testing

/// Operation classes that derive from Django's (Wagtail's `DeleteModelIfExists(DeleteModel)` in
/// the migration itself, `BootstrapTranslatableModel(RunPython)` imported from the package):
/// followed to that operation and judged as it, never `unknown-operation` (issue 12).
@Suite struct OperationSubclassTests {
    static let operations = """
        from django.db import migrations


        class DeleteIfThere(migrations.DeleteModel):
            def database_forwards(self, app_label, schema_editor, from_state, to_state):
                pass


        class Backfill(migrations.RunPython):
            def __init__(self, model):
                super().__init__(self.forwards, self.backwards)
        """

    private func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-subclass-\(UUID().uuidString)")
        try writeFiles([
            "manage.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
            "site/__init__.py": "",
            "site/settings.py": "INSTALLED_APPS = ['shop']\n",
            "shop/__init__.py": "",
            "shop/operations.py": Self.operations,
            "shop/migrations/__init__.py": "",
            "shop/migrations/0001_initial.py": """
                from django.db import migrations, models

                class Migration(migrations.Migration):
                    initial = True
                    operations = [
                        migrations.CreateModel(name="Book", fields=[("id", models.AutoField(primary_key=True)), ("title", models.TextField())]),
                        migrations.CreateModel(name="Pick", fields=[("id", models.AutoField(primary_key=True))]),
                    ]
                """,
            "shop/migrations/0002_cleanup.py": """
                from django.db import migrations
                from django.db.migrations import DeleteModel

                import shop.operations
                from shop.operations import Backfill


                class DeleteModelIfExists(DeleteModel):
                    pass


                class Migration(migrations.Migration):
                    dependencies = [("shop", "0001_initial")]
                    operations = [
                        Backfill("shop.Book"),
                        DeleteModelIfExists("Pick"),
                        shop.operations.DeleteIfThere("Book"),
                        shop.operations.Unheard("Book"),
                    ]
                """,
        ], under: root)
        return root
    }

    @Test func subclassesAreJudgedAsTheDjangoOperationTheyDeriveFrom() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let applied = root.appendingPathComponent("applied.json")
        try writeFile(#"{"applied": [["shop", "0001_initial"]]}"#, to: applied)
        let run = try runProgram(Repository.binary, ["check-migrations", "--project", root.path, "--applied-from", applied.path,
                                                     "--target", "postgresql@16", "--no-cache", "--format", "json"],
                                 environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": "1"])
        #expect(run.status == 1, "\(run.errors)")
        let object = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        let findings = (object?["findings"] as? [[String: Any]] ?? []).map { ($0["rule"] as? String ?? "", $0["line"] as? Int ?? 0, $0["message"] as? String ?? "") }
        let rules = findings.map { "\($0.0)@\($0.1)" }.sorted()
        #expect(rules.contains("drop-table@16"), "a subclass defined in the migration: \(rules)")
        #expect(rules.contains("drop-table@17"), "a subclass in the project's module: \(rules)")
        #expect(rules.contains("run-python-needs-review@15"), "\(rules)")
        #expect(!rules.contains("run-python-without-reverse@15"), "a subclass brings its own reverse: \(rules)")
        #expect(rules.contains("unknown-operation@18"), "a class that cannot be found stays unknown: \(rules)")
        #expect(rules.filter { $0.hasPrefix("unknown-operation@") } == ["unknown-operation@18"], "\(rules)")
        let review = findings.first { $0.0 == "run-python-needs-review" }?.2 ?? ""
        #expect(review.contains("Backfill(…), a RunPython of a package"), "\(review)")
    }
}
