import Foundation

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

    private static func git(_ arguments: [String], in directory: String) throws(PendingPlanError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw PendingPlanError("cannot run git: \(error.localizedDescription)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PendingPlanError("git \(arguments.prefix(2).joined(separator: " ")) failed in \(directory): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why the pending plan could not be worked out.
public struct PendingPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
