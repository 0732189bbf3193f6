import ArgumentParser
import Foundation
import GitHooks

struct InsertGitHooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insert-git-hooks",
        abstract: "Add the migration check to the repository's commit-msg hook (or remove it).",
        discussion: """
            Adds a marked block to the commit-msg hook of the repository git finds from the current \
            directory (worktrees, submodules and core.hooksPath included). An existing shell hook keeps \
            every byte: a backup is written the first time, and the block goes right after the shebang \
            line so it runs. A second run changes nothing; a run after an upgrade replaces the block; \
            --uninstall removes exactly the block. A hook in another language, or one managed by \
            pre-commit, husky or lefthook, is left alone with instructions.

            The hook runs `zerodowntime hook commit-msg`: the migrations staged for the commit are \
            checked (or the database's pending ones, with hook = "database" in [tool.zerodowntime]); \
            `[allow-unsafe-migrations]` in the message skips the check; merges are let through.
            """,
        aliases: ["insert_git_hooks", "install_git_hooks"]
    )

    @Option(name: .long, help: "The Django project's directory (default: the current directory).")
    var project: String = "."

    @Option(name: .long, help: "The project's Python interpreter, recorded in the hook, when its virtualenv is not VIRTUAL_ENV, .venv or venv.")
    var python: String?

    @Flag(name: .long, help: "Remove zerodowntime's block (and the hook, if zerodowntime created it and nothing else is in it).")
    var uninstall = false

    @Flag(name: .long, help: "Print what would be written, change nothing.")
    var dryRun = false

    func run() throws {
        do {
            let projectDirectory = URL(fileURLWithPath: project).standardizedFileURL.path
            let repository = GitRepository(directory: projectDirectory)
            let installer = HookInstaller(repository: repository)
            let result: HookInstaller.Result
            if uninstall {
                result = try installer.uninstall(dryRun: dryRun)
            } else {
                let top = try repository.topLevel()
                let relative = projectDirectory == top ? "." : projectDirectory.hasPrefix(top + "/") ? String(projectDirectory.dropFirst(top.count + 1)) : projectDirectory
                let hook = CommitMsgHook(binary: Self.currentBinary(), project: relative, version: ZeroDowntimeVersion.current, python: python)
                result = try installer.install(hook, dryRun: dryRun)
            }
            report(result)
        } catch {
            FileHandle.standardError.write(Data("zerodowntime: \(error)\n".utf8))
            throw ExitCode.incomplete
        }
    }

    private func report(_ result: HookInstaller.Result) {
        let would = dryRun ? "would be " : ""
        switch result.outcome {
        case .created: print("\(result.path): \(would)created with the migration check.")
        case .updated(let backup):
            print("\(result.path): \(would)updated: the migration check runs first, then your hook as before.")
            if let backup { print("The original is \(would)kept in \(backup).") }
        case .unchanged: print("\(result.path): the migration check is already installed; nothing changed.")
        case .removed: print("\(result.path): the migration check is \(would)removed; the rest of the hook is as it was.")
        case .removedFile: print("\(result.path): \(would)removed (zerodowntime had created it).")
        case .notInstalled: print("\(result.path): no zerodowntime block; nothing changed.")
        }
        if dryRun, let contents = result.contents {
            print("--- \(result.path) ---")
            print(contents, terminator: contents.hasSuffix("\n") ? "" : "\n")
        }
    }

    /// This executable's absolute path, as the hook should call it.
    static func currentBinary() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
