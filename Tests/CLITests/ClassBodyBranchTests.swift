import Foundation
import TestSupport
import Testing

/// A `class Migration` that sets `operations` under `if` in its body (Wagtail's vendor
/// branches, allauth's `if not UNIQUE_EMAIL: operations += …`): judged with the branch the
/// target takes, and never as if the statement were not there.
@Suite struct ClassBodyBranchTests {
    private func project(second: String, settings: String = "") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-branch-\(UUID().uuidString)")
        try writeFiles([
            "manage.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
            "site/__init__.py": "",
            "site/settings.py": "INSTALLED_APPS = ['shop']\n" + settings,
            "shop/__init__.py": "",
            "shop/migrations/__init__.py": "",
            "shop/migrations/0001_initial.py": """
                from django.db import migrations, models

                class Migration(migrations.Migration):
                    initial = True
                    operations = [
                        migrations.CreateModel(name="Book", fields=[("id", models.AutoField(primary_key=True)), ("title", models.TextField())]),
                    ]
                """,
            "shop/migrations/0002_branch.py": second,
        ], under: root)
        return root
    }

    private func check(_ root: URL, target: String) throws -> ProgramRun {
        // Only 0002 is pending: 0001 recorded as applied.
        let applied = root.appendingPathComponent("applied.json")
        try writeFile(#"{"applied": [["shop", "0001_initial"]]}"#, to: applied)
        return try runProgram(Repository.binary, ["check-migrations", "--project", root.path, "--applied-from", applied.path,
                                                  "--target", target, "--no-cache"],
                              environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": "1"])
    }

    static let vendorBranch = """
        from django.db import connection, migrations

        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]

            if connection.vendor == "postgresql":
                operations = [migrations.RemoveField("book", "title")]
        """

    @Test func theTargetsVendorChoosesTheOperations() throws {
        let root = try project(second: Self.vendorBranch)
        let postgres = try check(root, target: "postgresql@16")
        #expect(postgres.status == 1, "\(postgres.output)\(postgres.errors)")
        #expect(postgres.output.contains("error[drop-column]"), "\(postgres.output)")
        let sqlite = try check(root, target: "sqlite")
        #expect(sqlite.status == 0, "\(sqlite.output)\(sqlite.errors)")
        #expect(!sqlite.output.contains("operations-not-literal"), "\(sqlite.output)")
    }

    @Test func operationsAddedUnderAnIfAreNeverSkipped() throws {
        let root = try project(second: """
            from django.conf import settings
            from django.db import migrations

            UNIQUE = getattr(settings, "SHOP_UNIQUE", True)

            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = []

                if not UNIQUE:
                    operations += [migrations.RemoveField("book", "title")]
            """, settings: "SHOP_UNIQUE = False\n")
        let run = try check(root, target: "postgresql@16")
        // The list changed in place cannot be read: an error, not the empty list before it.
        #expect(run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.contains("operations-not-literal"), "\(run.output)")
    }

    @Test func anUnknownConditionTakesTheElseBranchAndSaysSo() throws {
        let root = try project(second: """
            from django.db import migrations
            import swapper

            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]

                if swapper.is_swapped("shop", "Book"):
                    operations = []
                else:
                    operations = [migrations.RemoveField("book", "title")]
            """)
        let run = try check(root, target: "postgresql@16")
        #expect(run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.contains("error[drop-column]"), "\(run.output)")
        #expect(run.output.contains("assumed: "), "\(run.output)")
        #expect(run.output.contains("swapper.is_swapped"), "\(run.output)")
    }

    /// django-allauth's `operations = ([…] if getattr(settings, "ACCOUNT_UNIQUE_EMAIL", True) else [])`.
    @Test func aConditionalExpressionChoosesTheOperations() throws {
        let second = """
            from django.conf import settings
            from django.db import migrations

            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = (
                    [migrations.RemoveField("book", "title")]
                    if getattr(settings, "SHOP_STRICT", True)
                    else []
                )
            """
        let strict = try check(try project(second: second), target: "postgresql@16")
        #expect(strict.status == 1, "\(strict.output)\(strict.errors)")
        #expect(strict.output.contains("error[drop-column]"), "\(strict.output)")
        #expect(!strict.output.contains("operations-not-literal"), "\(strict.output)")
        let relaxed = try check(try project(second: second, settings: "SHOP_STRICT = False\n"), target: "postgresql@16")
        #expect(relaxed.status == 0, "\(relaxed.output)\(relaxed.errors)")
    }

    /// django-auditlog's `operations = [*two_step_migrations()]`, the function choosing by a setting.
    @Test func aFunctionOfTheModuleGivesTheOperations() throws {
        let second = """
            from django.conf import settings
            from django.db import migrations, models


            def steps() -> list:
                if settings.SHOP_TWO_STEP:
                    return [migrations.RenameField(model_name="book", old_name="title", new_name="name")]

                return [
                    migrations.AddField(model_name="book", name="subtitle", field=models.TextField(null=True)),
                ]


            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = [*steps()]
            """
        let twoStep = try check(try project(second: second, settings: "SHOP_TWO_STEP = True\n"), target: "postgresql@16")
        #expect(twoStep.output.contains("error[rename-column]"), "\(twoStep.output)\(twoStep.errors)")
        let oneStep = try check(try project(second: second, settings: "SHOP_TWO_STEP = False\n"), target: "postgresql@16")
        #expect(oneStep.status == 0, "\(oneStep.output)\(oneStep.errors)")
        #expect(!oneStep.output.contains("operations-not-literal"), "\(oneStep.output)")
        // A setting that cannot be known: the `else` path, said.
        let unknown = try check(try project(second: second), target: "postgresql@16")
        #expect(unknown.output.contains("assumed: ") || unknown.output.contains("error[rename-column]"), "\(unknown.output)\(unknown.errors)")
    }
}
