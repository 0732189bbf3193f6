import Foundation
import TestSupport
import Testing

/// `insert-git-hooks` and the hook it installs, in real repositories with real `git commit`s.
@Suite(.serialized)
struct GitHookTests {
    static let safeMigration = """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
            operations = [
                migrations.AddField(model_name="item", name="note", field=models.TextField(null=True)),
            ]
        """
    static let unsafeMigration = """
        from django.db import migrations


        class Migration(migrations.Migration):
            dependencies = [("shop", "0001_initial")]
            operations = [
                migrations.RemoveField(model_name="item", name="name"),
            ]
        """
    static let abortLines = "Aborting commit, caused by migrations incompatible with ZDCD.\nTo skip this check you can add '[allow-unsafe-migrations]' to your commit message."

    /// A repository with a one-app Django project in `projectPath` ("" for the top), first commit made.
    private func repository(projectPath: String = "") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-hook-\(UUID().uuidString)")
        let project = projectPath.isEmpty ? root : root.appendingPathComponent(projectPath)
        let files = [
            "manage.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n",
            "site_settings.py": "INSTALLED_APPS = [\"shop\"]\nDATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": \"db.sqlite3\"}}\n",
            "shop/__init__.py": "",
            "shop/migrations/__init__.py": "",
            "shop/migrations/0001_initial.py": """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    initial = True
                    operations = [
                        migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
                    ]
                """,
        ]
        try writeFiles(files, under: project)
        try git(["init", "-q", "-b", "main"], in: root)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "initial"], in: root)
        return root
    }


    static let identity = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                           "GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "protocol.file.allow", "GIT_CONFIG_VALUE_0": "always",
                           "GIT_CONFIG_KEY_1": "safe.directory", "GIT_CONFIG_VALUE_1": "*",
                           "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": "1"]

    @discardableResult
    private func git(_ arguments: [String], in directory: URL, allowFailure: Bool = false) throws -> ProgramRun {
        let run = try runProgram("/usr/bin/env", ["git"] + arguments, in: directory, environment: Self.identity)
        if !allowFailure { try #require(run.status == 0, "git \(arguments): \(run.errors)") }
        return run
    }

    private func zerodowntime(_ arguments: [String], in directory: URL) throws -> ProgramRun {
        try runProgram(Repository.binary, arguments, in: directory, environment: Self.identity)
    }

    /// Adds a migration and commits it with `message`; returns git's run.
    private func commit(_ migration: String, named name: String, message: String, in root: URL, project: String = "",
                        extra: [String] = []) throws -> ProgramRun {
        let directory = project.isEmpty ? root : root.appendingPathComponent(project)
        try writeFile(migration, to: directory.appendingPathComponent("shop/migrations/\(name).py"))
        try git(["add", "-A"], in: root)
        return try git(["commit", "-q", "-m", message] + extra, in: root, allowFailure: true)
    }

    @Test func aSafeCommitPassesAndAnUnsafeOneIsRefusedWithTheOriginalLines() throws {
        let root = try repository()
        let install = try zerodowntime(["insert-git-hooks"], in: root)
        #expect(install.status == 0, "\(install.errors)")
        #expect(install.output.contains("created with the migration check"))
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let mode = try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int
        #expect(mode == 0o755)

        let safe = try commit(Self.safeMigration, named: "0002_item_note", message: "Add a note", in: root)
        #expect(safe.status == 0, "\(safe.errors)")

        let after0002 = Self.unsafeMigration.replacingOccurrences(of: "0001_initial", with: "0002_item_note")
        let unsafe = try commit(after0002, named: "0003_remove_item_name", message: "Drop the name", in: root)
        #expect(unsafe.status != 0)
        #expect(unsafe.errors.contains("error[drop-column]"), "\(unsafe.errors)")
        #expect(unsafe.errors.contains(Self.abortLines))
        #expect(unsafe.errors.contains("COMMIT_EDITMSG"))
        let kept = try String(contentsOf: root.appendingPathComponent(".git/COMMIT_EDITMSG"), encoding: .utf8)
        #expect(kept.contains("Drop the name"), "the message the user typed is kept")

        let allowed = try git(["commit", "-q", "-m", "Drop the name [allow-unsafe-migrations]"], in: root, allowFailure: true)
        #expect(allowed.status == 0, "\(allowed.errors)")
        #expect(allowed.errors.contains("the migration check is skipped for this commit"))
    }

    @Test func theTokenInACommentLineDoesNotCount() throws {
        let root = try repository()
        #expect(try zerodowntime(["insert-git-hooks"], in: root).status == 0)
        try writeFile(Self.unsafeMigration, to: root.appendingPathComponent("shop/migrations/0002_remove_item_name.py"))
        try git(["add", "-A"], in: root)
        let message = root.appendingPathComponent("message.txt")
        try writeFile("Drop the name\n# [allow-unsafe-migrations]\n", to: message)
        let run = try git(["commit", "-q", "--cleanup=strip", "-F", message.path], in: root, allowFailure: true)
        #expect(run.status != 0, "a comment line is not the message")
        #expect(run.errors.contains(Self.abortLines))
    }

    @Test func aMergeCommitPasses() throws {
        let root = try repository()
        #expect(try zerodowntime(["insert-git-hooks"], in: root).status == 0)
        try git(["checkout", "-q", "-b", "feature"], in: root)
        #expect(try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop [allow-unsafe-migrations]", in: root).status == 0)
        try git(["checkout", "-q", "main"], in: root)
        try writeFile("docs\n", to: root.appendingPathComponent("README"))
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "docs"], in: root)
        let merge = try git(["merge", "--no-ff", "-q", "-m", "Merge feature", "feature"], in: root, allowFailure: true)
        #expect(merge.status == 0, "\(merge.errors)")
        #expect(merge.errors.contains("a merge commit"))
    }

    @Test func anExistingShellHookKeepsRunningAndComesBackByteForByte() throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let original = "#!/bin/sh\n# my team's hook\necho \"$1\" >> \"$(git rev-parse --git-dir)/hook-ran\"\n"
        try installExecutable(original, at: hook, mode: 0o750)
        let install = try zerodowntime(["insert-git-hooks"], in: root)
        #expect(install.status == 0)
        #expect(install.output.contains("commit-msg.zerodowntime-backup"))
        #expect(try String(contentsOf: root.appendingPathComponent(".git/hooks/commit-msg.zerodowntime-backup"), encoding: .utf8) == original)
        #expect(try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int == 0o750)

        #expect(try commit(Self.safeMigration, named: "0002_item_note", message: "note", in: root).status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".git/hook-ran").path), "the user's hook still runs")

        let second = try zerodowntime(["insert-git-hooks"], in: root)
        #expect(second.output.contains("already installed"))
        let uninstall = try zerodowntime(["insert-git-hooks", "--uninstall"], in: root)
        #expect(uninstall.status == 0)
        #expect(try Data(contentsOf: hook) == Data(original.utf8), "uninstall restores the file byte for byte")
    }

    @Test func aBashHookEndingInExitStillRunsTheCheck() throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        try installExecutable("#!/usr/bin/env bash\nset -e\necho checked\nexit 0\n", at: hook)
        #expect(try zerodowntime(["insert-git-hooks"], in: root).status == 0)
        let unsafe = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: root)
        #expect(unsafe.status != 0)
        #expect(unsafe.errors.contains(Self.abortLines))
    }

    @Test func aPythonHookIsRefusedWithInstructions() throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let original = "#!/usr/bin/env python3\nimport sys\nsys.exit(0)\n"
        try writeFile(original, to: hook)
        let run = try zerodowntime(["insert-git-hooks"], in: root)
        #expect(run.status == 2)
        #expect(run.errors.contains("is a python3 script"))
        #expect(run.errors.contains("hook commit-msg"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == original)
    }

    @Test func aPreCommitManagedHookIsLeftAlone() throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let original = "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexec pre-commit hook-impl\n"
        try writeFile(original, to: hook)
        let run = try zerodowntime(["insert-git-hooks"], in: root)
        #expect(run.status == 2)
        #expect(run.errors.contains("managed by pre-commit"))
        #expect(run.errors.contains("stages: [commit-msg]"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == original)
    }

    @Test func coreHooksPathIsWhereTheHookGoes() throws {
        let root = try repository()
        try git(["config", "core.hooksPath", ".githooks"], in: root)
        #expect(try zerodowntime(["insert-git-hooks"], in: root).status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".githooks/commit-msg").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".git/hooks/commit-msg").path))
        let unsafe = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: root)
        #expect(unsafe.status != 0)
    }

    @Test func aProjectInASubdirectoryInstalledFromThere() throws {
        let root = try repository(projectPath: "backend")
        let install = try zerodowntime(["insert-git-hooks"], in: root.appendingPathComponent("backend"))
        #expect(install.status == 0, "\(install.errors)")
        let hook = try String(contentsOf: root.appendingPathComponent(".git/hooks/commit-msg"), encoding: .utf8)
        #expect(hook.contains("--project 'backend'"))
        let unsafe = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: root, project: "backend")
        #expect(unsafe.status != 0)
        #expect(unsafe.errors.contains("error[drop-column]"), "\(unsafe.errors)")
    }

    @Test func aWorktreeSharesTheHook() throws {
        let root = try repository()
        let worktree = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-wt")
        try git(["worktree", "add", "-q", "-b", "wt", worktree.path], in: root)
        #expect(try zerodowntime(["insert-git-hooks"], in: worktree).status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".git/hooks/commit-msg").path))
        let unsafe = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: worktree)
        #expect(unsafe.status != 0)
        #expect(unsafe.errors.contains(Self.abortLines))
    }

    @Test func aSubmoduleGetsItsOwnHook() throws {
        let inner = try repository()
        let outer = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-outer-\(UUID().uuidString)")
        try writeFile("outer\n", to: outer.appendingPathComponent("README"))
        try git(["init", "-q", "-b", "main"], in: outer)
        try git(["add", "-A"], in: outer)
        try git(["commit", "-q", "-m", "outer"], in: outer)
        try git(["submodule", "add", "-q", inner.path, "app"], in: outer)
        let submodule = outer.appendingPathComponent("app")
        let install = try zerodowntime(["insert-git-hooks"], in: submodule)
        #expect(install.status == 0, "\(install.errors)")
        #expect(install.output.contains(".git/modules/app/hooks/commit-msg"), "\(install.output)")
        let unsafe = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: submodule)
        #expect(unsafe.status != 0)
        #expect(unsafe.errors.contains(Self.abortLines))
    }

    @Test func uninstallRemovesAHookWeCreatedAndDryRunChangesNothing() throws {
        let root = try repository()
        let dry = try zerodowntime(["insert-git-hooks", "--dry-run"], in: root)
        #expect(dry.status == 0)
        #expect(dry.output.contains("# BEGIN ZERODOWNTIME_COMMIT_MSG_HOOK"))
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        #expect(!FileManager.default.fileExists(atPath: hook.path))
        #expect(try zerodowntime(["install_git_hooks"], in: root).status == 0, "the original's spelling works too")
        #expect(FileManager.default.fileExists(atPath: hook.path))
        let removed = try zerodowntime(["insert-git-hooks", "--uninstall"], in: root)
        #expect(removed.output.contains("removed (zerodowntime had created it)"))
        #expect(!FileManager.default.fileExists(atPath: hook.path))
    }

    @Test func theHookFallsBackToPathWhenTheRecordedBinaryIsGone() throws {
        let root = try repository()
        let copy = root.appendingPathComponent("tools/zerodowntime")
        try installExecutable(copying: Repository.binary, to: copy)
        let install = try runProgram(copy.path, ["insert-git-hooks"], in: root, environment: Self.identity)
        #expect(install.status == 0, "\(install.errors)")
        #expect(try String(contentsOf: root.appendingPathComponent(".git/hooks/commit-msg"), encoding: .utf8).contains(copy.path))
        try FileManager.default.removeItem(at: copy)
        try writeFile(Self.unsafeMigration, to: root.appendingPathComponent("shop/migrations/0002_remove_item_name.py"))
        try git(["add", "-A"], in: root)
        let bin = URL(fileURLWithPath: Repository.binary).deletingLastPathComponent().path
        var environment = Self.identity
        environment["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let onPath = try runProgram("/usr/bin/env", ["git", "commit", "-q", "-m", "Drop"], in: root, environment: environment)
        #expect(onPath.status != 0, "the zerodowntime on PATH ran the check")
        #expect(onPath.errors.contains(Self.abortLines))
        environment["PATH"] = "/usr/bin:/bin"
        let nowhere = try runProgram("/usr/bin/env", ["git", "commit", "-q", "-m", "Drop"], in: root, environment: environment)
        #expect(nowhere.status == 0)
        #expect(nowhere.errors.contains("the migration check did not run"), "\(nowhere.errors)")
    }

    /// Every path that reaches the hook's text is one inert sh word: with the recorded binary gone,
    /// the fallback message prints the path as it is and runs nothing in it (it used to sit in
    /// single quotes inside double quotes, so `$(…)` and backticks ran).
    @Test(arguments: ["with space", "it's", "say \"hi\"", "$(touch PWNED-dollar)", "`touch PWNED-backtick`", "a;touch PWNED-semicolon",
                      "a&touch PWNED-amp", "a|touch PWNED-pipe", "star*", "new\nline", "$HOME"])
    func aPathInTheHookRunsNothing(name: String) throws {
        let root = try repository()
        let copy = root.appendingPathComponent("tools/\(name)/zerodowntime")
        try installExecutable(copying: Repository.binary, to: copy)
        let install = try runProgram(copy.path, ["insert-git-hooks"], in: root, environment: Self.identity)
        #expect(install.status == 0, "\(install.errors)")
        let syntax = try runProgram("/bin/sh", ["-n", root.appendingPathComponent(".git/hooks/commit-msg").path])
        #expect(syntax.status == 0, "the hook is valid sh: \(syntax.errors)")
        let ran = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: root)
        #expect(ran.status != 0, "the recorded binary ran the check")
        #expect(ran.errors.contains(Self.abortLines))
        try FileManager.default.removeItem(at: copy)
        var environment = Self.identity
        environment["PATH"] = "/usr/bin:/bin"
        let gone = try runProgram("/usr/bin/env", ["git", "commit", "-q", "-m", "Drop"], in: root, environment: environment)
        #expect(gone.status == 0)
        #expect(gone.errors.contains("zerodowntime: not found at \(copy.path) nor on PATH"), "\(gone.errors)")
        let planted = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix("PWNED") }
        #expect(planted.isEmpty, "the hook ran part of the path: \(planted)")
    }

    /// A project directory with the same characters: the hook checks that project.
    @Test func aProjectPathWithShellCharactersIsCheckedAsItIs() throws {
        let name = "back end's $(touch PWNED) `x`;|&"
        let root = try repository(projectPath: name)
        let install = try zerodowntime(["insert-git-hooks"], in: root.appendingPathComponent(name))
        #expect(install.status == 0, "\(install.errors)")
        let unsafe = try commit(Self.unsafeMigration, named: "0002_remove_item_name", message: "Drop", in: root, project: name)
        #expect(unsafe.status != 0)
        #expect(unsafe.errors.contains("error[drop-column]"), "\(unsafe.errors)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("PWNED").path))
    }

    /// A hook that is not executable is disabled: git does not run it. Our block must run, the
    /// user's script must stay disabled, and `--uninstall` gives back the file and its mode.
    @Test func aDisabledHookStaysDisabledAndGetsItsModeBack() throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let original = "#!/bin/sh\necho 'the disabled hook ran' >&2\nexit 1\n"
        try installExecutable(original, at: hook, mode: 0o644)
        #expect(try zerodowntime(["insert-git-hooks"], in: root).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o100 != 0 } == true, "our block must run")
        let safe = try commit(Self.safeMigration, named: "0002_item_note", message: "note", in: root)
        #expect(safe.status == 0, "\(safe.errors)")
        #expect(!safe.errors.contains("the disabled hook ran"))
        let unsafe = try commit(Self.unsafeMigration, named: "0003_remove_item_name", message: "Drop", in: root)
        #expect(unsafe.errors.contains(Self.abortLines))
        #expect(try zerodowntime(["insert-git-hooks"], in: root).output.contains("already installed"))
        #expect(try zerodowntime(["insert-git-hooks", "--uninstall"], in: root).status == 0)
        #expect(try Data(contentsOf: hook) == Data(original.utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int == 0o644)
    }

    @Test func aHookWithAByteOrderMarkComesBackByteForByte() throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let original = "\u{FEFF}#!/bin/sh\necho mine\n"
        try installExecutable(original, at: hook)
        #expect(try zerodowntime(["insert-git-hooks"], in: root).status == 0)
        #expect(try Data(contentsOf: hook).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try zerodowntime(["insert-git-hooks", "--uninstall"], in: root).status == 0)
        #expect(try Data(contentsOf: hook) == Data(original.utf8))
    }

    @Test(arguments: [("#!/bin/sh\r\necho crlf\r\n", "Windows (CRLF) line endings"), ("#!/bin/sh\recho cr\r", "carriage-return (CR) line endings")])
    func aHookWithCarriageReturnsIsRefusedClearly(original: String, kind: String) throws {
        let root = try repository()
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        try installExecutable(original, at: hook)
        let install = try zerodowntime(["insert-git-hooks"], in: root)
        #expect(install.status == 2)
        #expect(install.errors.contains("has \(kind), which sh cannot run"), "\(install.errors)")
        #expect(!install.errors.contains("script, where"), "not the garbled 'is a sh\\r script' message")
        #expect(try Data(contentsOf: hook) == Data(original.utf8), "nothing was changed")
    }

    /// Two Django projects in one repository: the second install must not silently take the first
    /// project's place in the block.
    @Test func aSecondProjectDoesNotReplaceTheFirst() throws {
        let root = try repository(projectPath: "first")
        try writeFiles(["second/manage.py": "", "second/site_settings.py": "INSTALLED_APPS = []\n"], under: root)
        #expect(try zerodowntime(["insert-git-hooks"], in: root.appendingPathComponent("first")).status == 0)
        let hook = root.appendingPathComponent(".git/hooks/commit-msg")
        let before = try Data(contentsOf: hook)
        let second = try zerodowntime(["insert-git-hooks"], in: root.appendingPathComponent("second"))
        #expect(second.status == 2)
        #expect(second.errors.contains("already runs the migration check for the project in 'first'"), "\(second.errors)")
        #expect(second.errors.contains("hook commit-msg \"$1\" --project 'second'"))
        #expect(try Data(contentsOf: hook) == before)
    }

    @Test func aReadOnlyHooksDirectoryIsAClearErrorAndNothingIsHalfWritten() throws {
        let root = try repository()
        let hooks = root.appendingPathComponent(".git/hooks")
        let before = try FileManager.default.contentsOfDirectory(atPath: hooks.path).sorted()
        chmod(hooks.path, 0o555)
        defer { chmod(hooks.path, 0o755) }
        // root ignores permissions: run as an unprivileged user where we are root.
        var command = [Repository.binary, "insert-git-hooks"]
        if getuid() == 0 {
            chmod(root.path, 0o755)
            command = ["runuser", "-u", "nobody", "--"] + command
        }
        let run = try runProgram("/usr/bin/env", command, in: root, environment: Self.identity)
        #expect(run.status == 2, "\(run.output)\(run.errors)")
        #expect(run.errors.contains("nothing was changed"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: hooks.path).sorted() == before)
    }
}

/// `.pre-commit-hooks.yaml` through the real pre-commit framework.
@Suite(.serialized)
struct PreCommitFrameworkTests {
    @Test func bothHooksRunThroughPreCommit() throws {
        let env = try runProgram(Repository.script("django-env"), [])
        try #require(env.status == 0, "\(env.errors)")
        let python = env.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let bin = URL(fileURLWithPath: python).deletingLastPathComponent()
        if !FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("pre-commit").path) {
            let pip = try runProgram(python, ["-m", "pip", "install", "-q", "pre-commit==4.0.1"])
            try #require(pip.status == 0, "pip install pre-commit: \(pip.errors)")
        }
        let head = try runProgram("/usr/bin/env", ["git", "rev-parse", "HEAD"], in: Repository.root)
        let rev = head.output.trimmingCharacters(in: .whitespacesAndNewlines)

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-precommit-\(UUID().uuidString)")
        try writeFile("import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_settings\")\n", to: root.appendingPathComponent("manage.py"))
        try writeFile("INSTALLED_APPS = [\"shop\"]\n", to: root.appendingPathComponent("site_settings.py"))
        try writeFile("", to: root.appendingPathComponent("shop/__init__.py"))
        try writeFile("", to: root.appendingPathComponent("shop/migrations/__init__.py"))
        try writeFile(DeployGuideTests.initial, to: root.appendingPathComponent("shop/migrations/0001_initial.py"))
        try writeFile("""
            repos:
              - repo: \(Repository.root.path)
                rev: \(rev)
                hooks:
                  - id: zerodowntime
                  - id: zerodowntime-commit-msg
            """, to: root.appendingPathComponent(".pre-commit-config.yaml"))
        let path = URL(fileURLWithPath: Repository.binary).deletingLastPathComponent().path + ":" + bin.path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = GitHookTests.identity.merging(["PATH": path, "PRE_COMMIT_HOME": root.appendingPathComponent(".pre-commit-home").path]) { $1 }
        func run(_ arguments: [String]) throws -> ProgramRun {
            try runProgram("/usr/bin/env", arguments, in: root, environment: environment)
        }
        for arguments in [["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "--no-verify", "-m", "initial"],
                          ["pre-commit", "install", "--hook-type", "pre-commit", "--hook-type", "commit-msg"]] {
            let result = try run(arguments)
            try #require(result.status == 0, "\(arguments): \(result.output)\(result.errors)")
        }
        try writeFile(DeployGuideTests.migration(#"migrations.RemoveField(model_name="item", name="name"),"#), to: root.appendingPathComponent("shop/migrations/0002_remove_item_name.py"))
        _ = try run(["git", "add", "-A"])
        let refused = try run(["git", "commit", "-q", "-m", "Drop the name"])
        #expect(refused.status != 0)
        #expect((refused.output + refused.errors).contains("error[drop-column]"), "\(refused.output)\(refused.errors)")

        // The pre-commit stage is skipped with pre-commit's own SKIP; the commit-msg stage honours the token.
        var skipping = environment
        skipping["SKIP"] = "zerodowntime"
        let refusedMessage = try runProgram("/usr/bin/env", ["git", "commit", "-q", "-m", "Drop the name"], in: root, environment: skipping)
        #expect(refusedMessage.status != 0)
        #expect((refusedMessage.output + refusedMessage.errors).contains("Aborting commit, caused by migrations incompatible with ZDCD."))
        let allowed = try runProgram("/usr/bin/env", ["git", "commit", "-q", "-m", "Drop the name [allow-unsafe-migrations]"], in: root, environment: skipping)
        #expect(allowed.status == 0, "\(allowed.output)\(allowed.errors)")
    }
}
