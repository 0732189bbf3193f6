/// The message of a commit as the user wrote it: without git's comment lines and without
/// everything below the scissors line that `git commit -v` adds.
public struct CommitMessage: Sendable {
    public var text: String

    /// The token that lets a commit through unchecked, as the original tool spelled it.
    public static let allowToken = "[allow-unsafe-migrations]"

    public init(fileContents: String, commentChar: String = "#") {
        let comment = commentChar.isEmpty ? "#" : commentChar
        let scissors = "\(comment) ------------------------ >8 ------------------------"
        var lines: [Substring] = []
        for line in fileContents.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == scissors { break }
            if line.hasPrefix(comment) { continue }
            lines.append(line)
        }
        self.text = lines.joined(separator: "\n")
    }

    /// Whether the user asked to skip the check.
    public var allowsUnsafeMigrations: Bool { text.contains(Self.allowToken) }
}
