/// Checks toml++ cannot be trusted with: it reads a C string (a NUL would end the file early)
/// and it asserts on a non-ASCII character in a bare key (`[é]`), which TOML 1.0 does not allow
/// anyway. Outside strings and comments TOML 1.0 is ASCII, so either is refused here first, at
/// its place.
enum TOMLTextCheck {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private static let nul = "a NUL character (TOML allows no control character but tab here)"

    static func firstProblem(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var i = 0
        func problem(_ message: String) -> Problem {
            // Columns count characters, as toml++ counts them.
            let column = String(decoding: bytes[lineStart..<i], as: UTF8.self).count + 1
            return Problem(line: line, column: column, message: message)
        }
        func newline() {
            line += 1
            lineStart = i + 1
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 { return problem(nul) }
            switch b {
            case 0x0A:
                newline()
                i += 1
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != 0x0A {
                    if bytes[i] == 0 { return problem(nul) }
                    i += 1
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = b
                let triple = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
                i += triple ? 3 : 1
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 0 { return problem(nul) }
                    if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1; newline() }
                        i += 2
                        continue
                    }
                    if c == 0x0A {
                        if !triple { break }  // toml++ reports the unterminated string
                        newline()
                    }
                    if c == quote && (!triple || i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote) {
                        i += triple ? 3 : 1
                        break
                    }
                    i += 1
                }
            default:
                if b >= 0x80 {
                    return problem("a non-ASCII character outside a string or comment (a bare key is A-Z, a-z, 0-9, _ and -; quote the key)")
                }
                i += 1
            }
        }
        return nil
    }
}
