import Foundation
import TestSupport
import Testing

/// The pip package, as a Django team installs it: scripts/build-wheel builds the wheel (release
/// binary, Swift standard library linked statically), a fresh virtualenv installs it with Django,
/// and with no Swift on PATH the binary runs and `manage.py check_migrations` gives the findings
/// the binary gives when it reads the same database itself, on SQLite and PostgreSQL;
/// `manage.py insert_git_hooks` makes a real `git commit` of an unsafe migration fail.
@Suite(.serialized)
struct WheelTests {
    @Test func theInstalledBinaryRunsWithoutSwift() throws {
        let venv = try Self.venv.get()
        let noSwift = try venv.run("/bin/sh", ["-c", "command -v swift || command -v swiftc"], in: venv.root)
        #expect(noSwift.status != 0, "swift is on the children's PATH: \(noSwift.output)")
        let version = try venv.run(venv.bin("zerodowntime"), ["--version"], in: venv.root)
        #expect(version.status == 0, "\(version.errors)")
        let expected = try runProgram(Repository.binary, ["--version"]).output
        #expect(version.output == expected)
        #expect(!version.output.isEmpty)
        // `python -m zerodowntime` finds the same binary, for a venv whose bin/ is not on PATH.
        let module = try venv.run(venv.bin("python"), ["-m", "zerodowntime", "--version"], in: venv.root)
        #expect(module.output == expected, "\(module.errors)")
        // No shared library from the toolchain: only the system's (libc, libm, libstdc++, libgcc_s).
        let libraries = try venv.run("/usr/bin/env", ["ldd", venv.bin("zerodowntime")], in: venv.root)
        #expect(libraries.status == 0 && !libraries.output.isEmpty, "\(libraries.errors)")
        #expect(!libraries.output.lowercased().contains("swift") && !libraries.output.contains("not found"), "\(libraries.output)")
        // The wheel's binary itself, not a Python launcher in front of it.
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: venv.bin("zerodowntime"))).read(upToCount: 4)
        #expect(head == Data([0x7F, 0x45, 0x4C, 0x46]), "bin/zerodowntime is not an ELF binary")
    }

    @Test func checkMigrationsOnSQLiteGivesTheBinarysFindings() throws {
        let venv = try Self.venv.get()
        let project = try venv.newProject()
        try venv.migrate(project)

        let managed = try venv.manage(project, ["check_migrations", "--format", "json"])
        #expect(managed.status == 1, "\(managed.errors)")
        #expect(managed.errors.contains("check_migrations: applied migrations from Django connection 'default': sqlite"), "\(managed.errors)")
        let direct = try venv.run(venv.bin("zerodowntime"), ["check-migrations", "--project", project.path, "--database-url",
                                                            "sqlite:///" + project.appendingPathComponent("db.sqlite3").path, "--format", "json"],
                                  in: project)
        #expect(direct.status == 1, "\(direct.errors)")
        let (ours, theirs) = (try report(managed), try report(direct))
        #expect(canonical(ours["findings"]) == canonical(theirs["findings"]))
        #expect(canonical(ours["pending"]) == canonical(theirs["pending"]))
        #expect(ours["pending"] as? [[String]] == [["shop", "0002_remove_item_name_item_shop_item_price_idx"]])
        let rules = (ours["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }
        #expect(rules == ["drop-column"], "SQLite: only old-code breakage; \(managed.output)")
        #expect((ours["target"] as? [String: Any])?["backend"] as? String == "sqlite")

        // The text report, and the exit code through `manage.py` (BaseCommand would make it 0).
        let text = try venv.manage(project, ["check_migrations", "--quiet"])
        #expect(text.status == 1)
        #expect(text.output.contains("error[drop-column]"), "\(text.output)")
        // --all reads no database: every migration is pending, and dropping a column of a table
        // created in the same plan breaks no old code.
        let all = try venv.manage(project, ["check_migrations", "--all", "--format", "json"])
        #expect(all.status == 0, "\(all.errors)")
        #expect((try report(all)["pending"] as? [[String]])?.contains(["shop", "0001_initial"]) == true)
        #expect(!all.errors.contains("Django connection"))
    }

    @Test func theOriginalToolsCheckMigrationsAliasIsUsedWhenDefinedAndSaidSo() throws {
        let venv = try Self.venv.get()
        let project = try venv.newProject()
        try venv.migrate(project)
        // CHECK_MIGRATIONS points at an empty database: everything is pending there.
        let environment = ["SHOP_CHECK_MIGRATIONS_DB": project.appendingPathComponent("empty.sqlite3").path]
        let aliased = try venv.manage(project, ["check_migrations", "--format", "json"], environment: environment)
        #expect(aliased.errors.contains("Django connection 'CHECK_MIGRATIONS'"), "\(aliased.errors)")
        #expect((try report(aliased)["pending"] as? [[String]])?.contains(["shop", "0001_initial"]) == true)
        let chosen = try venv.manage(project, ["check_migrations", "--format", "json", "--database", "default"], environment: environment)
        #expect(chosen.errors.contains("Django connection 'default'"), "\(chosen.errors)")
        #expect(try report(chosen)["pending"] as? [[String]] == [["shop", "0002_remove_item_name_item_shop_item_price_idx"]])
        let unknown = try venv.manage(project, ["check_migrations", "--database", "replica"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("DATABASES has no 'replica' alias"), "\(unknown.errors)")
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.missingMessage)))
    func checkMigrationsOnPostgreSQLGivesTheBinarysFindingsForTheServersVersion() throws {
        guard PostgresTestServer.binaries != nil else {
            Issue.record(Comment(rawValue: "PostgreSQL is required here, and \(PostgresTestServer.missingMessage)"))
            return
        }
        let server = try PostgresTestServer.start()
        defer { server.stop() }
        let database = try server.createDatabase("wheel_shop")
        let venv = try Self.venv.get()
        let project = try venv.newProject()
        let environment = ["SHOP_POSTGRES_NAME": database, "SHOP_POSTGRES_PORT": String(server.port),
                           "SHOP_POSTGRES_PASSWORD": server.password]
        try venv.migrate(project, environment: environment)
        // Set where both Django's connection and zerodowntime's own read see it: no lock-timeout-not-set below.
        try server.psql("ALTER DATABASE \(database) SET lock_timeout = '5s'")

        let managed = try venv.manage(project, ["check_migrations", "--format", "json"], environment: environment)
        #expect(managed.status == 1, "\(managed.errors)")
        #expect(managed.errors.contains("Django connection 'default': postgresql"), "\(managed.errors)")
        #expect(!managed.errors.contains(server.password) && !managed.output.contains(server.password), "the password is printed")
        let direct = try venv.run(venv.bin("zerodowntime"), ["check-migrations", "--project", project.path,
                                                            "--database-url", server.url(database: database), "--format", "json"],
                                  in: project)
        #expect(direct.status == 1, "\(direct.errors)")
        let (ours, theirs) = (try report(managed), try report(direct))
        #expect(canonical(ours["findings"]) == canonical(theirs["findings"]))
        #expect(canonical(ours["pending"]) == canonical(theirs["pending"]))
        #expect(canonical(ours["target"]) == canonical(theirs["target"]))
        let rules = Set((ours["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? [])
        #expect(rules == ["drop-column", "add-index-non-concurrently"], "lock_timeout is set for the database; \(managed.output)")
        // Table sizes through Django's connection, as zerodowntime's own read gives them.
        let index = (ours["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "add-index-non-concurrently" }
        #expect(index?["table_bytes"] as? Int ?? 0 > 0, "\(index ?? [:])")
        let statsFile = project.appendingPathComponent("stats.json")
        let written = try venv.manage(project, ["check_migrations", "--write-stats", statsFile.path], environment: environment)
        #expect(written.status == 0, "\(written.errors)")
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: statsFile)) as? [String: Any]
        let table = try #require(index?["table"] as? String)
        #expect(((stats?["tables"] as? [String: Any])?[table] as? [String: Any])?["bytes"] as? Int == index?["table_bytes"] as? Int)

        // The target is the server's own version, as Django's connection reports it.
        let serverVersion = try server.psql("SHOW server_version").split(separator: " ").first.map(String.init) ?? "?"
        let target = ours["target"] as? [String: Any]
        #expect(target?["backend"] as? String == "postgresql")
        #expect((target?["reason"] as? String)?.contains("server version \(serverVersion)") == true, "\(target ?? [:]) vs \(serverVersion)")
        #expect(target?["identifier"] as? String == "postgresql@\(serverVersion)")
    }

    @Test func insertGitHooksMakesARealCommitOfAnUnsafeMigrationFail() throws {
        let venv = try Self.venv.get()
        let project = try venv.newProject()
        try ".venv\n*.sqlite3\n__pycache__/\n".write(to: project.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        try venv.git(["init", "-q", "-b", "main"], in: project)
        try venv.git(["add", "-A"], in: project)
        try venv.git(["commit", "-q", "-m", "A shop"], in: project)

        let install = try venv.manage(project, ["insert_git_hooks"])
        #expect(install.status == 0, "\(install.errors)")
        #expect(install.output.contains("created with the migration check"), "\(install.output)")
        let hook = try String(contentsOf: project.appendingPathComponent(".git/hooks/commit-msg"), encoding: .utf8)
        #expect(hook.contains(venv.bin("zerodowntime")), "the hook calls the wheel's binary:\n\(hook)")
        let again = try venv.manage(project, ["install_git_hooks"])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("already installed"), "\(again.output)")

        try writeFile(WheelVenv.removePrice, to: project.appendingPathComponent("shop/migrations/0003_remove_item_price.py"))
        try venv.git(["add", "-A"], in: project)
        let refused = try venv.git(["commit", "-q", "-m", "Drop the price"], in: project, allowFailure: true)
        #expect(refused.status != 0)
        #expect(refused.errors.contains("Aborting commit, caused by migrations incompatible with ZDCD."), "\(refused.errors)")
        #expect(refused.errors.contains("error[drop-column]"), "\(refused.errors)")

        let uninstall = try venv.manage(project, ["insert_git_hooks", "--uninstall"])
        #expect(uninstall.status == 0, "\(uninstall.errors)")
        let committed = try venv.git(["commit", "-q", "-m", "Drop the price"], in: project, allowFailure: true)
        #expect(committed.status == 0, "without the hook the commit goes through: \(committed.errors)")
    }

    private func report(_ run: ProgramRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any], "not JSON: \(run.output) \(run.errors)")
    }

    private func canonical(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "nil" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Built and installed once for the suite.
    static let venv: Result<WheelVenv, WheelSetupFailure> = Result { try WheelVenv.create() }
        .mapError { $0 as? WheelSetupFailure ?? WheelSetupFailure(description: "\($0)") }
}

struct WheelSetupFailure: Error, CustomStringConvertible, Sendable {
    var description: String
}

/// A virtualenv with the wheel, Django and psycopg, and the projects made beside it.
struct WheelVenv: Sendable {
    let root: URL
    let venv: URL
    /// PATH without the Swift toolchain, so nothing can fall back to it.
    let path: String

    func bin(_ name: String) -> String { venv.appendingPathComponent("bin/\(name)").path }

    static func create() throws -> WheelVenv {
        let build = try runProgram(Repository.script("build-wheel"), [])
        guard build.status == 0 else {
            throw WheelSetupFailure(description: "scripts/build-wheel failed (\(build.status)):\n\(build.errors.suffix(4000))")
        }
        let wheel = build.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-wheel-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        do {
            let made = try install(wheel, into: root)
            // The suite shares it to the end, so it goes when the test process exits.
            atexit {
                if case .success(let venv) = WheelTests.venv { try? FileManager.default.removeItem(at: venv.root) }
            }
            return made
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    private static func install(_ wheel: String, into root: URL) throws -> WheelVenv {
        let venv = root.appendingPathComponent("venv")
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":").filter { !$0.lowercased().contains("swift") }.joined(separator: ":")
        let made = WheelVenv(root: root, venv: venv, path: path)
        let create = try made.run("/usr/bin/env", ["python3", "-m", "venv", venv.path], in: root)
        guard create.status == 0 else { throw WheelSetupFailure(description: "python3 -m venv: \(create.errors)") }
        let install = try made.run(made.bin("python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                                        wheel] + (try djangoEnvPins()), in: root)
        guard install.status == 0 else { throw WheelSetupFailure(description: "pip install \(wheel): \(install.errors.suffix(3000))") }
        return made
    }

    /// Django and psycopg as scripts/django-env pins them, so every test speaks to the same Django.
    static func djangoEnvPins() throws -> [String] {
        let script = try String(contentsOfFile: Repository.script("django-env"), encoding: .utf8)
        let pins = script.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("DJANGO_PIN=") || line.hasPrefix("PSYCOPG_PIN=") else { return nil }
            return line.split(separator: "=", maxSplits: 1)[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        guard pins.count == 2 else { throw WheelSetupFailure(description: "scripts/django-env: no DJANGO_PIN and PSYCOPG_PIN lines") }
        return pins
    }

    /// Runs a program with the venv's PATH and no Django or database variables from outside.
    @discardableResult
    func run(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ProgramRun {
        let unset = ["DJANGO_SETTINGS_MODULE", "DATABASE_URL", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"].flatMap { ["-u", $0] }
        let assignments = (["PATH": path, "NO_COLOR": "1"].merging(environment) { $1 }).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try runProgram("/usr/bin/env", unset + assignments + [executable] + arguments, in: directory)
    }

    func manage(_ project: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> ProgramRun {
        // Through the project's .venv, as its developers run it.
        try run(project.appendingPathComponent(".venv/bin/python").path, ["manage.py"] + arguments, in: project, environment: environment)
    }

    /// Everything but shop.0002 applied, by Django itself.
    func migrate(_ project: URL, environment: [String: String] = [:]) throws {
        for arguments in [["migrate", "auth"], ["migrate", "shop", "0001"]] {
            let run = try manage(project, arguments, environment: environment)
            try #require(run.status == 0, "manage.py \(arguments.joined(separator: " ")): \(run.errors)")
        }
    }

    static let identity = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                           "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*"]

    @discardableResult
    func git(_ arguments: [String], in directory: URL, allowFailure: Bool = false) throws -> ProgramRun {
        let run = try run("/usr/bin/env", ["git"] + arguments, in: directory, environment: Self.identity)
        if !allowFailure { try #require(run.status == 0, "git \(arguments): \(run.errors)") }
        return run
    }

    /// A startproject-shaped project with an app `shop`: 0001 creates Item(name, price), the
    /// pending 0002 removes `name` and indexes `price`. Its `.venv` is the suite's venv.
    func newProject() throws -> URL {
        let project = root.appendingPathComponent("project-\(UUID().uuidString.prefix(8))")
        try writeFiles(Self.projectFiles, under: project)
        try FileManager.default.createSymbolicLink(at: project.appendingPathComponent(".venv"), withDestinationURL: venv)
        return project
    }

    static let projectFiles: [String: String] = [
        "manage.py": """
            #!/usr/bin/env python
            import os
            import sys

            if __name__ == "__main__":
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                from django.core.management import execute_from_command_line

                execute_from_command_line(sys.argv)

            """,
        "mysite/__init__.py": "",
        "mysite/settings.py": """
            import os
            from pathlib import Path

            BASE_DIR = Path(__file__).resolve().parent.parent
            SECRET_KEY = "only-for-tests"
            INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "shop", "zerodowntime"]
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
            if os.environ.get("SHOP_POSTGRES_PORT"):
                DATABASES["default"] = {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": os.environ["SHOP_POSTGRES_NAME"],
                    "USER": "zdt",
                    "PASSWORD": os.environ["SHOP_POSTGRES_PASSWORD"],
                    "HOST": "127.0.0.1",
                    "PORT": os.environ["SHOP_POSTGRES_PORT"],
                }
            if os.environ.get("SHOP_CHECK_MIGRATIONS_DB"):
                DATABASES["CHECK_MIGRATIONS"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SHOP_CHECK_MIGRATIONS_DB"]}
            DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
            USE_TZ = True

            """,
        "shop/__init__.py": "",
        "shop/models.py": """
            from django.db import models


            class Item(models.Model):
                price = models.IntegerField()

                class Meta:
                    indexes = [models.Index(fields=["price"], name="shop_item_price_idx")]

            """,
        "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                initial = True
                dependencies = []
                operations = [
                    migrations.CreateModel(
                        name="Item",
                        fields=[
                            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                            ("name", models.CharField(max_length=100)),
                            ("price", models.IntegerField()),
                        ],
                    ),
                ]

            """,
        "shop/migrations/0002_remove_item_name_item_shop_item_price_idx.py": """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = [
                    migrations.RemoveField(model_name="item", name="name"),
                    migrations.AddIndex(model_name="item", index=models.Index(fields=["price"], name="shop_item_price_idx")),
                ]

            """,
    ]

    static let removePrice = """
        from django.db import migrations


        class Migration(migrations.Migration):
            dependencies = [("shop", "0002_remove_item_name_item_shop_item_price_idx")]
            operations = [
                migrations.RemoveIndex(model_name="item", name="shop_item_price_idx"),
                migrations.RemoveField(model_name="item", name="price"),
            ]

        """
}
