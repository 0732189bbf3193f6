/// Every value that reaches a hook's text or a line we tell the user to paste goes through here:
/// one single-quoted POSIX sh word, inert whatever it holds (`$()`, backticks, quotes, `;`, `&`,
/// `|`, globs, newlines). Inside single quotes sh expands nothing; a `'` itself is written as
/// `'\''` (close, an escaped quote, reopen).
public enum ShellQuoting {
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The first word of `text` as sh reads it, for the words `quoted` writes: `'…'` pieces and
    /// `\'`, up to the first unquoted blank or newline.
    static func firstWord(of text: Substring) -> String? {
        var word = ""
        var inQuotes = false
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "'" { inQuotes = false } else { word.unicodeScalars.append(scalar) }
            } else if scalar == "'" {
                inQuotes = true
            } else if scalar == "\\" {
                index = scalars.index(after: index)
                guard index < scalars.endIndex else { break }
                word.unicodeScalars.append(scalars[index])
            } else if scalar == " " || scalar == "\n" || scalar == "\t" {
                break
            } else {
                word.unicodeScalars.append(scalar)
            }
            index = scalars.index(after: index)
        }
        return inQuotes ? nil : word
    }
}
