/// The value of one string literal token after its prefix and quotes are removed and its
/// escapes decoded, exactly as CPython decodes them.
enum StringLiteralValue {
    /// Python `str`, as generalized UTF-8: lone surrogates from `\udXXX` escapes are kept as
    /// their 3-byte encodings, which plain UTF-8 would forbid.
    case text(ArraySlice<UInt8>)
    case bytes(ArraySlice<UInt8>)
}

enum StringLiteralDecoder {
    /// Decodes the body `start..<end` of a non-f-string literal.
    static func decode(_ source: [UInt8], start: Int, end: Int, prefix: StringPrefix,
                       errorAt: (Int, String) -> PythonSyntaxError) throws(PythonSyntaxError) -> StringLiteralValue {
        if prefix.bytes {
            if let i = source[start..<end].firstIndex(where: { $0 >= 0x80 }) {
                throw errorAt(i, "bytes can only contain ASCII literal characters")
            }
        }
        let body = source[start..<end]
        if prefix.raw || !body.contains(UInt8(ascii: "\\")) {
            // No escapes: the value is the source text itself, shared rather than copied.
            return prefix.bytes ? .bytes(body) : .text(body)
        }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = start
        while i < end {
            let c = source[i]
            guard c == UInt8(ascii: "\\"), i + 1 < end else {
                out.append(c)
                i += 1
                continue
            }
            let e = source[i + 1]
            i += 2
            switch e {
            case 0x0A: break
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - UInt8(ascii: "0"))
                var count = 1
                while count < 3, i < end, source[i] >= UInt8(ascii: "0"), source[i] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(source[i] - UInt8(ascii: "0"))
                    i += 1
                    count += 1
                }
                if prefix.bytes { out.append(UInt8(truncatingIfNeeded: value)) } else { appendCodePoint(value, to: &out) }
            case UInt8(ascii: "x"):
                guard let value = hexValue(source, i, count: 2, end: end) else {
                    throw errorAt(i - 2, prefix.bytes
                        ? "(value error) invalid \\x escape at position \(i - 2 - start)"
                        : "(unicode error) 'unicodeescape' codec can't decode bytes in position \(i - 2 - start)-\(min(i, end) - 1 - start): truncated \\xXX escape")
                }
                i += 2
                if prefix.bytes { out.append(UInt8(value)) } else { appendCodePoint(value, to: &out) }
            case UInt8(ascii: "u") where !prefix.bytes, UInt8(ascii: "U") where !prefix.bytes:
                let count = e == UInt8(ascii: "u") ? 4 : 8
                guard let value = hexValue(source, i, count: count, end: end) else {
                    throw errorAt(i - 2, "(unicode error) 'unicodeescape' codec can't decode bytes in position \(i - 2 - start)-\(min(i + count, end) - 1 - start): truncated \\\(Character(Unicode.Scalar(e)))\(String(repeating: "X", count: count)) escape")
                }
                guard value <= 0x10FFFF else {
                    throw errorAt(i - 2, "(unicode error) 'unicodeescape' codec can't decode bytes in position \(i - 2 - start)-\(i + count - 1 - start): illegal Unicode character")
                }
                i += count
                appendCodePoint(value, to: &out)
            case UInt8(ascii: "N") where !prefix.bytes:
                let escapeStart = i - 2
                guard i < end, source[i] == UInt8(ascii: "{"),
                      let close = source[i..<end].firstIndex(of: UInt8(ascii: "}")), close > i + 1,
                      let value = UnicodeNames.codePoint(named: String(decoding: source[(i + 1)..<close], as: UTF8.self))
                else {
                    throw errorAt(escapeStart, "(unicode error) 'unicodeescape' codec can't decode bytes in position \(escapeStart - start)-\(escapeStart - start + 1): malformed \\N character escape")
                }
                i = close + 1
                appendCodePoint(value, to: &out)
            default:
                // Unknown escapes stay as written (CPython only warns).
                out.append(UInt8(ascii: "\\"))
                i -= 1
            }
        }
        return prefix.bytes ? .bytes(out[...]) : .text(out[...])
    }

    private static func hexValue(_ source: [UInt8], _ start: Int, count: Int, end: Int) -> UInt32? {
        guard start + count <= end else { return nil }
        var value: UInt32 = 0
        for k in start..<(start + count) {
            let b = source[k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends a code point as generalized UTF-8 (surrogates allowed).
    static func appendCodePoint(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

/// `\N{NAME}` lookup as CPython 3.11 does it: the names and aliases of Unicode 14.0, with the
/// algorithmic names of CJK unified ideographs and Hangul syllables but not of Tangut
/// ideographs, which 3.11's unicodedata does not name. The table is built on first use from the
/// Unicode data the standard library carries (a newer version, so later characters are left
/// out by age), so files without `\N` escapes never pay for it.
enum UnicodeNames {
    static func codePoint(named name: String) -> UInt32? {
        let key = name.uppercased()
        return table[key] ?? aliases[key]
    }

    private static let table: [String: UInt32] = {
        var names: [String: UInt32] = [:]
        names.reserveCapacity(300_000)
        for range in [0x0..<0xD800, 0xE000..<0x32400, 0xE0000..<0xE0200] {
            for value in range {
                guard let scalar = Unicode.Scalar(UInt32(value)), !isTangutIdeograph(value) else { continue }
                let properties = scalar.properties
                guard let age = properties.age, age.major < 14 || age.major == 14 && age.minor == 0 else { continue }
                if let name = properties.name { names[name] = UInt32(value) }
            }
        }
        return names
    }()

    private static func isTangutIdeograph(_ value: Int) -> Bool {
        (0x17000...0x187F7).contains(value) || (0x18D00...0x18D08).contains(value)
    }
}
