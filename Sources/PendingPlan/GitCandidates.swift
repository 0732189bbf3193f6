import Foundation
import GitCommand

/// Migration files chosen from git instead of a database: what a pull request adds or changes
/// (`--since REF`), or what is about to be committed (`--staged`).
public enum GitCandidates {
    public enum Selection: Sendable, Equatable {
        case since(String)
        case staged
    }

    /// Absolute paths of the `.py` files added or modified, per git, under `directory`'s repository.
    public static func changedFiles(_ selection: Selection, in directory: String) throws(PendingPlanError) -> [String] {
        let top = try git(["rev-parse", "--show-toplevel"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        let arguments: [String]
        switch selection {
        case .since(let ref):
            // From where the branch left REF, to the working tree: what a pull request adds. REF is
            // resolved to a commit first, after --end-of-options, so a value such as `--octopus`
            // can never reach git as an option.
            let commit = try resolveCommit(ref, in: directory)
            let base = try git(["merge-base", "--end-of-options", commit, "HEAD"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
            arguments = ["diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", "--end-of-options", base, "--"]
        case .staged:
            arguments = ["diff", "--cached", "--name-only", "--no-renames", "--diff-filter=AM", "-z", "--"]
        }
        var output = try git(arguments, in: directory)
        if case .since = selection {
            // New files not yet added belong to the change too.
            output += try git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"], in: directory)
        }
        return output.split(separator: "\0").map { top + "/" + $0 }.filter { $0.hasSuffix(".py") }
    }

    /// The commit a `--since` value names, as a full object id.
    static func resolveCommit(_ ref: String, in directory: String) throws(PendingPlanError) -> String {
        let resolved: String
        do {
            resolved = try Git.run(["-C", directory, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"], in: directory)
        } catch {
            throw PendingPlanError("--since \(ref): no such commit, branch or tag in the repository at \(directory) (a shallow CI checkout may need to fetch the base branch first)")
        }
        let id = resolved.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty, id.allSatisfy(\.isHexDigit) else {
            throw PendingPlanError("--since \(ref): git did not resolve it to a commit")
        }
        return id
    }

    /// git's output, trailing newlines removed (NUL-separated lists keep their last NUL).
    private static func git(_ arguments: [String], in directory: String) throws(PendingPlanError) -> String {
        do {
            return try Git.run(["-C", directory] + arguments, in: directory)
        } catch {
            throw PendingPlanError(error.description)
        }
    }
}

/// Why the pending plan could not be worked out.
public struct PendingPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
