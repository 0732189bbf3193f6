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
                        \(hook.binary) hook commit-msg "$1" --project '\(hook.project)'
                    e.g. in Python: sys.exit(subprocess.call(["\(hook.binary)", "hook", "commit-msg", sys.argv[1], "--project", "\(hook.project)"]))
                    """)
            }
        }
        if let hooksPath = repository.config("core.hooksPath"), hooksPath.contains(".husky") {
            throw managedBy("husky", path: path, hook: hook)
        }
        guard let updated = hook.installed(into: existing) else { return Result(path: path, outcome: .unchanged, contents: nil) }
        let outcome: Outcome
        if existing == nil || existing?.isEmpty == true {
            outcome = .created
        } else {
            let backup = path + ".zerodowntime-backup"
            let hadBlock = existing.flatMap(CommitMsgHook.uninstalled(from:)) != nil
            let needsBackup = !hadBlock && !FileManager.default.fileExists(atPath: backup)
            if needsBackup && !dryRun { try write(existing!, to: backup, mode: try mode(of: path)) }
            outcome = .updated(backup: needsBackup ? backup : nil)
        }
        if !dryRun {
            let mode = existing == nil ? 0o755 : Self.executableForReaders(try self.mode(of: path))
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
        if !dryRun { try write(rest, to: path, mode: try mode(of: path)) }
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
                          entry: \(hook.binary) hook commit-msg --project '\(hook.project)'
                          language: system
                          stages: [commit-msg]
                          always_run: true
                then: pre-commit install --hook-type commit-msg
                """
        case "husky":
            how = "Add this line to .husky/commit-msg:\n    \(hook.binary) hook commit-msg \"$1\" --project '\(hook.project)'"
        default:
            how = """
                Add to lefthook.yml:
                    commit-msg:
                      commands:
                        zerodowntime:
                          run: \(hook.binary) hook commit-msg {1} --project '\(hook.project)'
                then: lefthook install
                """
        }
        return GitHookError("\(path) is managed by \(manager), which would overwrite our block; nothing was changed.\n\(how)")
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
        guard let text = String(data: data, encoding: .utf8) else {
            throw GitHookError("\(path) is not UTF-8 text; nothing was changed")
        }
        return text
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
