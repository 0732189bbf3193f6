import Foundation
import GitCommand

/// A git repository as git itself describes it: where its hooks live, its top level, its
/// private files. Every answer comes from `git rev-parse`, so subdirectories, worktrees,
/// submodules and `core.hooksPath` are handled the way git handles them.
public struct GitRepository: Sendable {
    /// The directory git was asked from.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The hooks directory git runs hooks from, absolute.
    public func hooksDirectory() throws(GitHookError) -> String {
        try absolute(try git(["rev-parse", "--git-path", "hooks"]))
    }

    /// The top of the working tree.
    public func topLevel() throws(GitHookError) -> String {
        try git(["rev-parse", "--show-toplevel"])
    }

    /// A file in the repository's private directory (`MERGE_HEAD`, `COMMIT_EDITMSG`), absolute.
    public func gitPath(_ name: String) throws(GitHookError) -> String {
        try absolute(try git(["rev-parse", "--git-path", name]))
    }

    /// `git config --get NAME`, nil when unset.
    public func config(_ name: String) -> String? {
        try? git(["config", "--get", name])
    }

    private func absolute(_ path: String) throws(GitHookError) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }

    func git(_ arguments: [String]) throws(GitHookError) -> String {
        do {
            return try Git.run(arguments, in: directory)
        } catch {
            throw GitHookError(error.description)
        }
    }
}

/// Why a hook could not be installed, removed or run. Always with what to do next.
public struct GitHookError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
