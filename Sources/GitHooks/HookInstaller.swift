import Foundation

/// Writes and removes our block in the repository's `commit-msg` hook without losing a byte of
/// the user's script: a backup the first time, an atomic replace, the file's mode kept.
public struct HookInstaller: Sendable {
    public var repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    public enum Outcome: Sendable, Equatable {
        case created
        case updated(backup: String?)
        case unchanged
        case removed
        case removedFile
        case notInstalled
    }

    public struct Result: Sendable {
        public var path: String
        public var outcome: Outcome
        /// The hook as written (or as it would be written, for a dry run); nil when deleted or unchanged.
        public var contents: String?
    }

    public func hookPath() throws(GitHookError) -> String {
        try repository.hooksDirectory() + "/commit-msg"
    }

    public func install(_ hook: CommitMsgHook, dryRun: Bool) throws(GitHookError) -> Result {
        let path = try hookPath()
        let existing = try read(path)
        if let existing {
            if let manager = CommitMsgHook.manager(of: existing) { throw managedBy(manager, path: path, hook: hook) }
            if case .other(let interpreter) = CommitMsgHook.interpreter(of: existing) {
                throw GitHookError("""
                    \(path) is a \(interpreter) script, where a shell block cannot run; nothing was changed.
                    Add this to it instead (it must exit with the command's status):
                        \(hook.shellCommand(message: "\"$1\""))
                    e.g. in Python: sys.exit(subprocess.call([\(pythonString(hook.binary)), "hook", "commit-msg", sys.argv[1], "--project", \(pythonString(hook.project))]))
                    """)
            }
        }
        if let hooksPath = repository.config("core.hooksPath"), hooksPath.contains(".husky") {
            throw managedBy("husky", path: path, hook: hook)
        }
        if let existing { try Self.refuseCarriageReturns(existing, path: path) }
        if let existing, let other = CommitMsgHook.installedProject(in: existing), other != hook.project {
            throw GitHookError("""
                \(path) already runs the migration check for the project in \(ShellQuoting.quoted(other)); nothing was changed.
                A hook's block checks one project. To check \(ShellQuoting.quoted(hook.project)) instead, run `zerodowntime insert-git-hooks --uninstall` first; to check both, add this line to the hook after zerodowntime's block:
                    \(hook.shellCommand(message: "\"$1\"")) || exit $?
                """)
        }
        let currentMode = existing == nil ? 0o755 : try mode(of: path)
        // A hook that is not executable is disabled: our block must run, the user's script must not.
        let disabledMode = existing.map { !$0.isEmpty && currentMode & 0o100 == 0 } == true ? currentMode : nil
        guard let updated = hook.installed(into: existing, disabledMode: disabledMode) else { return Result(path: path, outcome: .unchanged, contents: nil) }
        let outcome: Outcome
        if existing == nil || existing?.isEmpty == true {
            outcome = .created
        } else {
            let backup = path + ".zerodowntime-backup"
            let hadBlock = existing.flatMap(CommitMsgHook.uninstalled(from:)) != nil
            let needsBackup = !hadBlock && !FileManager.default.fileExists(atPath: backup)
            if needsBackup && !dryRun { try write(existing!, to: backup, mode: currentMode) }
            outcome = .updated(backup: needsBackup ? backup : nil)
        }
        if !dryRun {
            let mode = existing == nil ? 0o755 : Self.executableForReaders(currentMode | (disabledMode == nil ? 0 : 0o400))
            try write(updated, to: path, mode: mode)
        }
        return Result(path: path, outcome: outcome, contents: updated)
    }

    public func uninstall(dryRun: Bool) throws(GitHookError) -> Result {
        let path = try hookPath()
        guard let existing = try read(path), let rest = CommitMsgHook.uninstalled(from: existing) else {
            return Result(path: path, outcome: .notInstalled, contents: nil)
        }
        if rest.isEmpty {
            if !dryRun {
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    throw GitHookError("cannot remove \(path): \(error.localizedDescription)")
                }
            }
            return Result(path: path, outcome: .removedFile, contents: nil)
        }
        // A hook that was disabled before we made it executable is disabled again.
        if !dryRun {
            var mode = try self.mode(of: path)
            if let disabled = CommitMsgHook.disabledMode(in: existing) { mode = disabled }
            try write(rest, to: path, mode: mode)
        }
        return Result(path: path, outcome: .removed, contents: rest)
    }

    private func managedBy(_ manager: String, path: String, hook: CommitMsgHook) -> GitHookError {
        let how: String
        switch manager {
        case "pre-commit":
            how = """
                Add zerodowntime to .pre-commit-config.yaml and install the commit-msg stage:
                    - repo: local
                      hooks:
                        - id: zerodowntime
                          name: zerodowntime check-migrations
                          entry: \(hook.shellCommand(message: nil))
                          language: system
                          stages: [commit-msg]
                          always_run: true
                then: pre-commit install --hook-type commit-msg
                """
        case "husky":
            how = "Add this line to .husky/commit-msg:\n    \(hook.shellCommand(message: "\"$1\""))"
        default:
            how = """
                Add to lefthook.yml:
                    commit-msg:
                      commands:
                        zerodowntime:
                          run: \(hook.shellCommand(message: "{1}"))
                then: lefthook install
                """
        }
        return GitHookError("\(path) is managed by \(manager), which would overwrite our block; nothing was changed.\n\(how)")
    }

    /// A Python string literal for a value in the Python example (JSON's escaping is Python's too).
    private func pythonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\x" + String(repeating: "0", count: scalar.value < 0x10 ? 1 : 0) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func read(_ path: String) throws(GitHookError) -> String? {
        let files = FileManager.default
        if let attributes = try? files.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            let target = (try? files.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw GitHookError("\(path) is a symbolic link to \(target) (a hook manager's?); nothing was changed. Add `zerodowntime hook commit-msg \"$1\"` to the script it points at.")
        }
        guard files.fileExists(atPath: path) else { return nil }
        guard let data = files.contents(atPath: path) else {
            throw GitHookError("cannot read \(path); nothing was changed")
        }
        // Decoded as it is, a byte order mark included, so it is given back byte for byte.
        guard let text = String(validating: data, as: UTF8.self) else {
            throw GitHookError("\(path) is not UTF-8 text; nothing was changed")
        }
        return text
    }

    /// sh cannot run a script whose lines end in CR: its first line names `/bin/sh\r`, and every
    /// command ends in a stray `\r`. Such a hook does not run today; say so instead of editing it.
    static func refuseCarriageReturns(_ contents: String, path: String) throws(GitHookError) {
        let scalars = contents.unicodeScalars
        guard scalars.contains("\r") else { return }
        let crlf = contents.utf8.count > 1 && zip(contents.utf8, contents.utf8.dropFirst()).contains { $0 == 0x0D && $1 == 0x0A }
        let kind = crlf ? "Windows (CRLF)" : "carriage-return (CR)"
        throw GitHookError("""
            \(path) has \(kind) line endings, which sh cannot run (its first line names the interpreter with a trailing carriage return); nothing was changed.
            Convert it to LF line endings, then run insert-git-hooks again: \(crlf ? "sed -i 's/\\r$//'" : "sed -i 's/\\r/\\n/g'") \(ShellQuoting.quoted(path))
            """)
    }

    private func mode(of path: String) throws(GitHookError) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? 0o755
    }

    /// Executable for everyone who can read it.
    static func executableForReaders(_ mode: Int) -> Int {
        var mode = mode
        if mode & 0o400 != 0 { mode |= 0o100 }
        if mode & 0o040 != 0 { mode |= 0o010 }
        if mode & 0o004 != 0 { mode |= 0o001 }
        return mode
    }

    /// A temporary file beside the target, then a rename: a reader never sees half a hook, and a
    /// failure leaves the old file as it was.
    private func write(_ text: String, to path: String, mode: Int) throws(GitHookError) {
        let directory = (path as NSString).deletingLastPathComponent
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GitHookError("cannot create the hooks directory \(directory): \(error.localizedDescription); nothing was changed")
        }
        let temporary = directory + "/.zerodowntime-\(UUID().uuidString).tmp"
        guard files.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw GitHookError("cannot write in \(directory) (\(String(cString: strerror(errno)))); nothing was changed. Make the directory writable, or add the block by hand (`zerodowntime insert-git-hooks --dry-run` prints it)")
        }
        chmod(temporary, mode_t(mode))
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw GitHookError("cannot replace \(path) (\(reason)); nothing was changed")
        }
    }
}
