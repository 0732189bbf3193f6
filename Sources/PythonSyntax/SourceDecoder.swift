/// Turns the bytes of a `.py` file into the UTF-8 text the tokenizer reads, the way
/// CPython does before `ast.parse`: drop a UTF-8 BOM, honour a PEP 263 coding cookie
/// (UTF-8 and Latin-1 families), reject invalid UTF-8 and NUL bytes, and translate
/// `\r\n` and lone `\r` line endings to `\n`.
public enum SourceDecoder {
    public static func decode(_ raw: [UInt8]) -> Result<[UInt8], PythonSyntaxError> {
        var start = 0
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
        let data = raw[start...]

        var text: [UInt8]
        switch codingCookie(in: data) {
        case .some(.failure(let error)):
            return .failure(error)
        case .some(.success(.latin1)):
            text = transcodeLatin1(data)
        default:
            // Most files are plain ASCII with `\n` endings: one fast scan proves it.
            let special = firstNonASCIIOrControl(raw, from: start)
            if special == raw.count { return .success(start == 0 ? raw : Array(data)) }
            if let bad = firstInvalidUTF8Offset(data[special...]) {
                let prefix = data[data.startIndex..<bad]
                let line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                let lineStart = (prefix.lastIndex(of: 0x0A).map { $0 + 1 }) ?? data.startIndex
                return .failure(PythonSyntaxError(line: line, column: bad - lineStart + 1, message: "invalid utf-8"))
            }
            text = Array(data)
        }
        if text.contains(0) {
            // CPython's compile() refuses these before tokenizing and gives no position.
            return .failure(PythonSyntaxError(line: 0, column: 0, message: "source code string cannot contain null bytes"))
        }
        return .success(translateNewlines(text))
    }

    enum Encoding { case utf8, latin1 }

    /// PEP 263: a cookie on line 1, or on line 2 when line 1 is blank or a comment.
    static func codingCookie(in data: ArraySlice<UInt8>) -> Result<Encoding, PythonSyntaxError>? {
        var lineStart = data.startIndex
        for _ in 0..<2 {
            guard lineStart <= data.endIndex else { break }
            let lineEnd = data[lineStart...].firstIndex(of: 0x0A) ?? data.endIndex
            let line = data[lineStart..<lineEnd]
            if let name = cookieName(line) {
                let normalised = String(decoding: name, as: UTF8.self).lowercased().replacingUnderscores()
                if utf8Names.contains(normalised) || normalised.hasPrefix("utf-8-") { return .success(.utf8) }
                if latin1Names.contains(normalised) || normalised.hasPrefix("latin-1-") || normalised.hasPrefix("iso-8859-1-") {
                    return .success(.latin1)
                }
                return .failure(PythonSyntaxError(line: 1, column: 1, message: "unsupported encoding: \(normalised)"))
            }
            if !isBlankOrComment(line) || lineEnd == data.endIndex { break }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static let utf8Names: Set<String> = ["utf-8", "utf8", "utf-8-sig", "ascii", "us-ascii"]
    private static let latin1Names: Set<String> = ["latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-latin-1", "l1"]

    /// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on the raw bytes of one line.
    private static func cookieName(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0C { i += 1 }
        guard i < line.endIndex, line[i] == UInt8(ascii: "#") else { return nil }
        let coding = Array("coding".utf8)
        var j = i + 1
        while j + coding.count < line.endIndex {
            if line[j..<(j + coding.count)].elementsEqual(coding),
               line[j + coding.count] == UInt8(ascii: ":") || line[j + coding.count] == UInt8(ascii: "=") {
                var k = j + coding.count + 1
                while k < line.endIndex, line[k] == 0x20 || line[k] == 0x09 { k += 1 }
                let nameStart = k
                while k < line.endIndex, isCookieNameByte(line[k]) { k += 1 }
                if k > nameStart { return line[nameStart..<k] }
            }
            j += 1
        }
        return nil
    }

    /// `[-\w.]` for bytes: Python's `\w` on bytes is ASCII letters, digits and underscore.
    private static func isCookieNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// `^[ \t\f]*(#.*)?\r?$`
    private static func isBlankOrComment(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0C { i += 1 }
        if i == line.endIndex { return true }
        if line[i] == UInt8(ascii: "#") { return true }
        return line[i] == 0x0D && i + 1 == line.endIndex
    }

    private static func transcodeLatin1(_ data: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        for b in data {
            if b < 0x80 {
                out.append(b)
            } else {
                out.append(0xC0 | (b >> 6))
                out.append(0x80 | (b & 0x3F))
            }
        }
        return out
    }

    /// The offset of the first byte that is not ASCII, or is NUL or `\r`, or `bytes.count`.
    /// Reads eight bytes at a time.
    static func firstNonASCIIOrControl(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { buffer in
            let count = buffer.count
            var i = start
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
            while i + 8 <= count {
                let word = buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let crMatch = word ^ carriageReturns
                let hasZero = (word &- ones) & ~word & highs
                let hasCR = (crMatch &- ones) & ~crMatch & highs
                if (word & highs) | hasZero | hasCR != 0 { break }
                i += 8
            }
            while i < count {
                let b = buffer[i]
                if b >= 0x80 || b == 0 || b == 0x0D { return i }
                i += 1
            }
            return count
        }
    }

    /// Offset of the first byte of the first ill-formed sequence, by the rules of
    /// Python's strict UTF-8 codec (no overlongs, no surrogates, nothing above U+10FFFF).
    static func firstInvalidUTF8Offset(_ data: ArraySlice<UInt8>) -> Int? {
        var i = data.startIndex
        let end = data.endIndex
        while i < end {
            let b = data[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            guard i + need < end else { return i }
            let second = data[i + 1]
            guard second >= lower, second <= upper else { return i }
            for k in 2..<(need + 1) where data[i + k] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }

    static func translateNewlines(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == 0x0D {
                out.append(0x0A)
                if i + 1 < text.count, text[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(b)
            }
            i += 1
        }
        // CPython's translate_newlines ends a text whose last bytes are CR LF with one more
        // newline, so a final `\` + CR LF is a continuation onto an empty line, not an EOF error.
        if text.count >= 2 && text[text.count - 2] == 0x0D && text[text.count - 1] == 0x0A { out.append(0x0A) }
        return out
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(self.map { $0 == "_" ? "-" : $0 })
    }
}
