import DjangoProject
import Foundation
import MigrationGraph
import Testing
import TestSupport

/// Reading a project without running it: settings, apps, labels, migrations packages.

private func project(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-project-\(UUID().uuidString)")
    try writeFiles(files, under: root)
    return root
}

private let managePy = """
    import os, sys

    def main():
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.production")
        from django.core.management import execute_from_command_line
        execute_from_command_line(sys.argv)

    if __name__ == "__main__":
        main()
    """

private let migration = "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = []\n"

@Test func splitSettingsArePutTogetherAsDjangoWould() throws {
    let root = try project([
        "manage.py": managePy,
        "site/__init__.py": "",
        "site/settings/__init__.py": "",
        "site/settings/base.py": """
            import os
            from pathlib import Path
            BASE_DIR = Path(__file__).resolve().parent.parent.parent
            INSTALLED_APPS = ["shop"]
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
            MEDIA_ROOT = os.path.join(BASE_DIR, "media")
            """,
        "site/settings/production.py": """
            from .base import *
            import os
            INSTALLED_APPS += ["blog"]
            INSTALLED_APPS.append("legacy")
            DATABASES["default"]["NAME"] = os.environ.get("SHOP_DB", BASE_DIR / "prod.sqlite3")
            MIGRATION_MODULES = {"legacy": None}
            AUTH_USER_MODEL = "shop.Customer"
            try:
                from .local import *
            except ImportError:
                pass
            """,
        "shop/__init__.py": "", "shop/migrations/__init__.py": "", "shop/migrations/0001_initial.py": migration,
        "shop/migrations/_helpers.py": "x = 1\n", "shop/migrations/~0002_backup.py": migration,
        "blog/__init__.py": "", "blog/apps.py": "from django.apps import AppConfig\n\nclass BlogConfig(AppConfig):\n    name = 'blog'\n    label = 'journal'\n",
        "blog/migrations/__init__.py": "", "blog/migrations/0001_initial.py": migration,
        "legacy/__init__.py": "", "legacy/migrations/__init__.py": "", "legacy/migrations/0001_initial.py": migration,
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let loaded = try DjangoProject.load(directory: root.path, environment: ["SHOP_DB": "/srv/shop.sqlite3"])
    #expect(loaded.settings.module == "site.settings.production")
    #expect(loaded.settings.moduleSource == "manage.py")
    #expect(loaded.apps.map(\.label) == ["shop", "journal", "legacy"])
    #expect(loaded.apps.map(\.isMigrated) == [true, true, false])
    #expect(loaded.migrations.map(\.key.description) == ["shop.0001_initial", "journal.0001_initial"])
    #expect(loaded.authUserModel == "shop.Customer")
    #expect(loaded.settings.database("default")?["NAME"] == .string("/srv/shop.sqlite3"))
    #expect(loaded.settings.values["MEDIA_ROOT"] == .path(root.standardizedFileURL.path + "/media"))
}

@Test func theEnvironmentVariableDefaultIsUsedWhenUnset() throws {
    let root = try project([
        "manage.py": managePy, "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/production.py": """
            import os
            import dj_database_url
            INSTALLED_APPS = []
            DATABASES = {"default": dj_database_url.config(default="sqlite:///fallback.db")}
            """,
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let unset = try DjangoProject.load(directory: root.path, environment: [:])
    #expect(unset.settings.database("default") == .databaseURL("sqlite:///fallback.db"))
    let set = try DjangoProject.load(directory: root.path, environment: ["DATABASE_URL": "postgres://db/shop"])
    #expect(set.settings.database("default") == .databaseURL("postgres://db/shop"))
}

@Test func installedAppsThatCannotBeKnownAreAnErrorThatSaysWhy() throws {
    let root = try project([
        "manage.py": managePy, "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/production.py": "import os\nINSTALLED_APPS = os.environ['APPS'].split(',')\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect {
        try DjangoProject.load(directory: root.path, environment: [:])
    } throws: { error in
        let message = (error as? DjangoProjectError)?.message ?? ""
        return message.contains("INSTALLED_APPS cannot be read statically") && message.contains("production.py")
    }
}

@Test func swappableDependenciesFollowAuthUserModel() throws {
    let root = try project([
        "manage.py": managePy, "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/production.py": "INSTALLED_APPS = ['people', 'shop']\nAUTH_USER_MODEL = 'people.Person'\n",
        "people/__init__.py": "", "people/migrations/__init__.py": "", "people/migrations/0001_initial.py": migration,
        "shop/__init__.py": "", "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": """
            from django.conf import settings
            from django.db import migrations

            class Migration(migrations.Migration):
                dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL), ("people", "0001_initial")]
                run_before = [("people", "0001_initial")]
                operations = []
            """,
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let loaded = try DjangoProject.load(directory: root.path, environment: [:])
    let shop = try #require(try loaded.nodeSpecs().first { $0.key == MigrationKey("shop", "0001_initial") })
    #expect(shop.dependencies == [MigrationKey("people", "__first__"), MigrationKey("people", "0001_initial")])
    #expect(shop.runBefore == [MigrationKey("people", "0001_initial")])
}

@Test func aComputedDependencyListIsEvaluatedAndAnUnknownOneNamesItsPlace() throws {
    let root = try project([
        "manage.py": managePy, "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/production.py": "INSTALLED_APPS = ['shop']\nSHOP_AFTER = 'auth'\n",
        "shop/__init__.py": "", "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": "from django.conf import settings\nfrom django.db import migrations\nBASE = []\n\nclass Migration(migrations.Migration):\n    dependencies = BASE + [(getattr(settings, 'SHOP_AFTER', 'x'), '0001_initial')]\n    operations = []\n",
        "shop/migrations/0002_more.py": "from django.db import migrations\nfrom shop.helpers import after\n\nclass Migration(migrations.Migration):\n    dependencies = [after()]\n    operations = []\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect {
        try DjangoProject.load(directory: root.path, environment: [:])
    } throws: { error in
        let message = (error as? DjangoProjectError)?.message ?? ""
        return message.contains("shop/migrations/0002_more.py:4: dependencies of shop.0002_more cannot be evaluated statically")
            && message.contains("--setting NAME=VALUE")
    }
    try FileManager.default.removeItem(at: root.appendingPathComponent("shop/migrations/0002_more.py"))
    let loaded = try DjangoProject.load(directory: root.path, environment: [:])
    let shop = try #require(try loaded.nodeSpecs().first { $0.key == MigrationKey("shop", "0001_initial") })
    #expect(shop.dependencies == [MigrationKey("auth", "0001_initial")])
}
