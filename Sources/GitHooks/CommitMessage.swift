/// The message of a commit as the user wrote it: without git's comment lines and without
/// everything below the scissors line that `git commit -v` adds.
public struct CommitMessage: Sendable {
    public var text: String

    /// The token that lets a commit through unchecked, as the original tool spelled it.
    public static let allowToken = "[allow-unsafe-migrations]"

    /// Lines and prefixes are compared as Unicode scalars, as git compares bytes: as Characters,
    /// `\r\n` is one character (so a CRLF message was one line) and a combining mark after the
    /// token or the comment character joined it into another character.
    public init(fileContents: String, commentChar: String = "#") {
        let comment = Array((commentChar.isEmpty ? "#" : commentChar).unicodeScalars)
        let scissors = comment + Array(" ------------------------ >8 ------------------------".unicodeScalars)
        var lines: [String] = []
        let split = fileContents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in split.enumerated() {
            var scalars = Array(line)
            // git looks for "\n<comment> ------------------------ >8 ------------------------\n": a
            // scissors line ending in CR, or without a newline after it, cuts nothing.
            if scalars == scissors && index < split.count - 1 { break }
            if scalars.starts(with: comment) { continue }
            if scalars.last == "\r" { scalars.removeLast() }
            lines.append(String(String.UnicodeScalarView(scalars)))
        }
        self.text = lines.joined(separator: "\n")
    }

    /// Whether the user asked to skip the check.
    public var allowsUnsafeMigrations: Bool {
        let token = Array(Self.allowToken.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= token.count else { return false }
        return (0...(scalars.count - token.count)).contains { scalars[$0..<($0 + token.count)].elementsEqual(token) }
    }
}
