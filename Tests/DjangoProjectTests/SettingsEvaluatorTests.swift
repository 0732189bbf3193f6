@testable import DjangoProject
import Foundation
import Testing
import TestSupport

/// The settings evaluator alone: what Python would compute, what stays unknown and why, and
/// what is assumed (with the name, the line and the pin) where an unknown decides a branch.
struct SettingsEvaluatorTests {
    struct Reading {
        var names: ModuleNames
        var assumptions: [SettingsAssumption]
        var stops: [String]

        subscript(name: String) -> SettingsValue? { names.scope[name] }

        /// The assumptions behind a name, as the project reports them.
        func assumptions(reaching name: String, in loader: SettingsLoader) -> [SettingsAssumption] {
            (names.influence[name] ?? []).sorted().compactMap { loader.assumptions[$0] }
        }
    }

    /// Writes `files` (settings.py and any helpers) and reads module `settings`.
    func read(_ files: [String: String], environment: [String: String] = [:], pins: [String: String] = [:],
              sitePackages: [String: String] = [:]) throws -> (Reading, SettingsLoader) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-eval-\(UUID().uuidString)")
        try writeFiles(files, under: root.appendingPathComponent("project"))
        try writeFiles(sitePackages.merging(["placeholder.py": ""]) { a, _ in a }, under: root.appendingPathComponent("site"))
        let project = root.appendingPathComponent("project").path
        let finder = PythonModuleFinder(searchRoots: [project, root.appendingPathComponent("site").path])
        let loader = SettingsLoader(finder: finder, environment: environment, pins: pins.mapValues(SettingsPins.value), projectRoot: project)
        let names = try #require(try loader.load("settings"))
        return (Reading(names: names, assumptions: loader.assumptions.keys.sorted().compactMap { loader.assumptions[$0] }, stops: loader.stops), loader)
    }

    @Test func projectFunctionsRunWithTheirArguments() throws {
        let (reading, _) = try read(["settings.py": """
            import os

            def get_bool(name, default=False):
                value = os.environ.get(name)
                if value is None:
                    return default
                return value.strip().lower() in ("1", "true", "yes")

            def get_list(text):
                return [item.strip() for item in text.split(",") if item.strip()]

            DEBUG = get_bool("DEBUG", True)
            EXTRAS = get_bool("ENABLE_EXTRAS")
            HOSTS = get_list(os.environ.get("HOSTS", "a, b,,c"))
            LABEL = f"{'x'.upper()}-{len(HOSTS)}"
            """], environment: ["ENABLE_EXTRAS": " Yes "])
        #expect(reading["DEBUG"] == .bool(true))
        #expect(reading["EXTRAS"] == .bool(true))
        #expect(reading["HOSTS"] == .list([.string("a"), .string("b"), .string("c")]))
        #expect(reading["LABEL"] == .string("X-3"))
        #expect(reading.assumptions.isEmpty)
    }

    @Test func anUnknownConditionTakesTheElseBranchAndSaysSo() throws {
        let (reading, loader) = try read(["settings.py": """
            import socket
            INSTALLED_APPS = ["django.contrib.auth", "blog"]
            if socket.gethostname() == "devbox":
                INSTALLED_APPS.append("devtools")
            else:
                LOGGING = {}
            """])
        #expect(reading["INSTALLED_APPS"] == .list([.string("django.contrib.auth"), .string("blog")]))
        let assumed = reading.assumptions(reaching: "INSTALLED_APPS", in: loader)
        try #require(assumed.count == 1)
        #expect(assumed[0].name == "socket.gethostname()")
        #expect(assumed[0].line == 3)
        #expect(assumed[0].assumed.contains("is false"))
        #expect(assumed[0].pin.contains("--setting INSTALLED_APPS="))
    }

    @Test func anUnknownDebugIsFalseAsInProductionAndReachesWhatItDecides() throws {
        let (reading, loader) = try read(["settings.py": """
            import socket
            DEBUG = socket.gethostname() == "devbox"
            INSTALLED_APPS = ["blog"]
            if DEBUG:
                INSTALLED_APPS += ["devtools"]
            """])
        #expect(reading["DEBUG"] == .bool(false))
        #expect(reading["INSTALLED_APPS"] == .list([.string("blog")]))
        let assumed = reading.assumptions(reaching: "INSTALLED_APPS", in: loader)
        #expect(assumed.map(\.name) == ["DEBUG"])
        #expect(assumed.first?.assumed == "DEBUG = False (as in production)")
        #expect(assumed.first?.pin.hasPrefix("--setting DEBUG=") == true)
    }

    @Test func aKnownConditionAssumesNothing() throws {
        let (reading, _) = try read(["settings.py": """
            import sys
            INSTALLED_APPS = ["blog", "devtools"]
            if "collectstatic" not in sys.argv and sys.argv[1] == "migrate":
                INSTALLED_APPS.remove("devtools")
            """])
        #expect(reading["INSTALLED_APPS"] == .list([.string("blog")]))
        #expect(reading.assumptions.isEmpty)
    }

    @Test func pinsWinOverWhatTheModuleAssigns() throws {
        let (reading, loader) = try read(["settings.py": """
            import socket
            DEBUG = socket.gethostname() == "devbox"
            INSTALLED_APPS = ["blog"] + (["devtools"] if DEBUG else [])
            """], pins: ["DEBUG": "True"])
        #expect(reading["DEBUG"] == .bool(true))
        #expect(reading["INSTALLED_APPS"] == .list([.string("blog"), .string("devtools")]))
        #expect(reading.assumptions(reaching: "INSTALLED_APPS", in: loader).isEmpty)
    }

    @Test func pinsReadAsPythonLiteralsOrText() {
        #expect(SettingsPins.value("True") == .bool(true))
        #expect(SettingsPins.value("[\"a\", 'b']") == .list([.string("a"), .string("b")]))
        #expect(SettingsPins.value("home.HomePage") == .string("home.HomePage"))
        #expect(SettingsPins.value("{\"default\": 1}") == .dict([(.string("default"), .int(1))]))
    }

    @Test func librariesInTheVirtualenvAreNotFollowedButTheProjectsModulesAre() throws {
        let (reading, _) = try read([
            "settings.py": """
                from psycopg import conninfo
                from helpers import flags
                from helpers import *
                import helpers
                A = flags["a"]
                B = conninfo.make_conninfo("x")
                C = helpers.VALUE
                D = VALUE
                """,
            "helpers.py": "flags = {'a': 1}\nVALUE = 'v'\n",
        ], sitePackages: ["psycopg/__init__.py": "from psycopg import *\n"])
        #expect(reading["A"] == .int(1))
        #expect(reading["B"]?.isUnknown == true)
        #expect(reading["B"]?.firstUnknown?.contains("library psycopg") == true)
        #expect(reading["C"] == .string("v"))
        #expect(reading["D"] == .string("v"))
        #expect(reading.stops.isEmpty)
    }

    @Test func aProjectPackageWhoseNameStartsWithDjangoIsTheProjects() throws {
        let (reading, _) = try read([
            "settings.py": "from djangoproject.common import *\n",
            "djangoproject/__init__.py": "",
            "djangoproject/common.py": "INSTALLED_APPS = ['docs']\n",
        ])
        #expect(reading["INSTALLED_APPS"] == .list([.string("docs")]))
    }

    @Test func importErrorsAreCaughtAsPythonWould() throws {
        let (reading, _) = try read(["settings.py": """
            INSTALLED_APPS = ["blog"]
            try:
                import debug_toolbar
            except ImportError:
                pass
            else:
                INSTALLED_APPS.append("debug_toolbar")
            try:
                from .local import *
            except ImportError:
                LOCAL = False
            """], sitePackages: [:])
        #expect(reading["INSTALLED_APPS"] == .list([.string("blog")]))
        #expect(reading["LOCAL"] == .bool(false))
    }

    @Test func djangoEnvironAndDecoupleCastAsTheLibrariesDo() throws {
        let (reading, _) = try read(["settings.py": """
            import environ
            from decouple import config, Csv
            env = environ.Env(FEATURE=(bool, True))
            A = env.bool("A_FLAG", default=False)
            B = env("FEATURE")
            C = env.list("APPS", default=["x"])
            D = env.db("DATABASE_URL", default="sqlite:///db.sqlite3")
            E = config("E_FLAG", default=False, cast=bool)
            F = config("HOSTS", cast=Csv())
            G = env.int("MISSING")
            """], environment: ["A_FLAG": "on", "APPS": "a,b", "E_FLAG": "t", "HOSTS": " h1, h2 "])
        #expect(reading["A"] == .bool(true))
        #expect(reading["B"] == .bool(true))
        #expect(reading["C"] == .list([.string("a"), .string("b")]))
        #expect(reading["D"] == .databaseURL("sqlite:///db.sqlite3"))
        #expect(reading["E"] == .bool(true))
        #expect(reading["F"] == .list([.string("h1"), .string("h2")]))
        #expect(reading["G"]?.firstUnknown?.contains("MISSING is not set") == true)
    }

    @Test func djangoVersionComesFromTheVirtualenv() throws {
        let (reading, _) = try read(["settings.py": """
            import django
            APPS = ["a"]
            if django.VERSION[0] >= 5 and django.VERSION < (6, 0):
                APPS.append("b")
            """], sitePackages: ["django/__init__.py": "VERSION = (5, 2, 19, \"final\", 0)\n"])
        #expect(reading["APPS"] == .list([.string("a"), .string("b")]))
    }

    @Test func aRaiseForAMissingSecretDoesNotHideTheSettingsAfterIt() throws {
        let (reading, _) = try read(["settings.py": """
            import os
            SECRET_KEY = os.environ.get("SECRET_KEY")
            if not SECRET_KEY:
                raise RuntimeError("SECRET_KEY is required")
            try:
                raise ValueError("caught")
            except ValueError:
                CAUGHT = True
            def strict():
                raise ValueError("in a function")
            STRICT = strict()
            INSTALLED_APPS = ["blog"]
            """])
        #expect(reading["INSTALLED_APPS"] == .list([.string("blog")]))
        #expect(reading["CAUGHT"] == .bool(true))
        #expect(reading["STRICT"]?.isUnknown == true)
        #expect(reading.stops.isEmpty)
    }

    @Test func anEndlessLoopEndsWithAMessage() throws {
        let (reading, _) = try read(["settings.py": """
            INSTALLED_APPS = ["a"]
            n = 0
            while True:
                n = n + 1
            AFTER = 1
            """])
        #expect(reading["AFTER"] == nil)
        #expect(reading.stops.first?.contains("did not end within") == true)
        #expect(reading.stops.first?.contains("settings.py:4") == true)
    }

    @Test func endlessRecursionEndsWithAnUnknownValue() throws {
        let (reading, _) = try read(["settings.py": """
            def f(n):
                return f(n + 1)
            X = f(0)
            Y = 2
            """])
        #expect(reading["X"]?.isUnknown == true)
        #expect(reading["Y"] == .int(2))
    }

    @Test func matchGlobalsAndJSONFilesOfTheProject() throws {
        let (reading, _) = try read([
            "settings.py": """
                import json
                from pathlib import Path
                with open(Path(__file__).parent / "deploy.json") as fh:
                    DEPLOY = json.load(fh)
                globals().update({k: v for k, v in DEPLOY.items() if k.isupper()})
                match DEPLOY["engine"]:
                    case "sqlite":
                        ENGINE = "django.db.backends.sqlite3"
                    case _:
                        ENGINE = "other"
                globals()["FLAG_" + "X"] = True
                HAS_LOCAL = (Path(__file__).parent / "local.py").exists()
                OUTSIDE = Path("/etc/zdt-nothing").exists()
                """,
            "deploy.json": #"{"engine": "sqlite", "EXTRA_APPS": ["shop"], "lower": 1}"#,
        ])
        #expect(reading["EXTRA_APPS"] == .list([.string("shop")]))
        #expect(reading["lower"] == nil)
        #expect(reading["ENGINE"] == .string("django.db.backends.sqlite3"))
        #expect(reading["FLAG_X"] == .bool(true))
        #expect(reading["HAS_LOCAL"] == .bool(false))
        #expect(reading["OUTSIDE"]?.firstUnknown?.contains("outside the project") == true)
    }

    @Test func classBasedSettingsAreReadFromTheChosenConfiguration() throws {
        let (reading, loader) = try read(["settings.py": """
            from configurations import Configuration, values

            class Base(Configuration):
                INSTALLED_APPS = ["blog"]
                METRICS = values.BooleanValue(False)

            class Prod(Base):
                @property
                def INSTALLED_APPS(self):
                    apps = Base.INSTALLED_APPS + ["shop"]
                    if self.METRICS:
                        apps.append("metrics")
                    return apps
            """], environment: ["DJANGO_METRICS": "yes"])
        let configured = try #require(loader.configurationClass("Prod", in: "settings", names: reading.names))
        #expect(configured.scope["INSTALLED_APPS"] == .list([.string("blog"), .string("shop"), .string("metrics")]))
        #expect(configured.scope["METRICS"] == .bool(true))
    }

    /// nautobot_config.py starts with `from nautobot.core.settings import *`: a library's star
    /// import is where such a project's settings are, and is evaluated.
    @Test func aStarImportFromALibraryBringsItsSettings() throws {
        let (reading, _) = try read(["settings.py": """
            from vendorapp.core_settings import *
            INSTALLED_APPS += ["extra"]
            """], sitePackages: ["vendorapp/__init__.py": "", "vendorapp/core_settings.py": """
            INSTALLED_APPS = ["django.contrib.auth", "vendorapp"]
            AUTH_USER_MODEL = "users.User"
            """])
        #expect(reading["INSTALLED_APPS"] == .list([.string("django.contrib.auth"), .string("vendorapp"), .string("extra")]))
        #expect(reading["AUTH_USER_MODEL"] == .string("users.User"))
    }

    /// pretalx: `with suppress(ImportError): import django_extensions; INSTALLED_APPS.append(...)`.
    @Test func suppressEndsTheBlockAtAFailedImport() throws {
        let (reading, _) = try read(["settings.py": """
            from contextlib import suppress
            INSTALLED_APPS = ["a"]
            with suppress(ImportError):
                import not_installed_anywhere
                INSTALLED_APPS.append("not_installed_anywhere")
            with suppress(ImportError):
                import vendorapp
                INSTALLED_APPS.append("vendorapp")
            """], sitePackages: ["vendorapp/__init__.py": ""])
        #expect(reading["INSTALLED_APPS"] == .list([.string("a"), .string("vendorapp")]))
        #expect(reading.stops.isEmpty, "\(reading.stops)")
    }

    /// pretix and pretalx add their plugins from the virtualenv's entry points.
    @Test func entryPointsComeFromTheInstalledDistributions() throws {
        let (reading, _) = try read(["settings.py": """
            from importlib.metadata import entry_points
            import importlib_metadata as metadata
            INSTALLED_APPS = ["core"]
            for entry_point in entry_points(group="shop.plugin"):
                INSTALLED_APPS.append(entry_point.module)
            NAMES = [e.name for e in metadata.entry_points(group="shop.plugin")]
            """], sitePackages: [
                "plugin_one-1.0.dist-info/entry_points.txt": "[shop.plugin]\none = plugin_one:PluginApp\n\n[console_scripts]\nx = y:z\n",
                "plugin_two-2.0.dist-info/entry_points.txt": "[shop.plugin]\ntwo = plugin_two.apps\n",
                "importlib_metadata/__init__.py": "",
            ])
        #expect(reading["INSTALLED_APPS"] == .list([.string("core"), .string("plugin_one"), .string("plugin_two.apps")]))
        #expect(reading["NAMES"] == .list([.string("one"), .string("two")]))
    }
}
