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
            // From where the branch left REF, to the working tree: what a pull request adds.
            let base = try git(["merge-base", ref, "HEAD"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
            arguments = ["diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", base, "--"]
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
