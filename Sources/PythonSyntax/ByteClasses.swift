/// Byte classification shared by the tokenizer and the f-string scanner.
@inline(__always) func isASCIILetterOrUnderscore(_ b: UInt8) -> Bool {
    (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_")
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

/// Letters, digits, `_`, and every byte of a non-ASCII character, as a bitmap test.
@inline(__always) func isIdentifierByte(_ b: UInt8) -> Bool {
    if b >= 0x80 { return true }
    let digits: UInt64 = 0x03FF_0000_0000_0000
    let lettersAndUnderscore: UInt64 = 0x07FF_FFFE_87FF_FFFE
    return b < 64 ? (digits >> UInt64(b)) & 1 != 0 : (lettersAndUnderscore >> UInt64(b - 64)) & 1 != 0
}

@inline(__always) func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") }

/// The flags of a string prefix (`rb`, `F`, `u`…), or nil when the letters are not a prefix
/// CPython accepts.
struct StringPrefix: Equatable, Sendable {
    var raw = false
    var bytes = false
    var unicode = false
    var formatted = false

    static let none = StringPrefix()

    private init() {}

    init?<C: Collection>(_ letters: C) where C.Element == UInt8 {
        // The same order rules as CPython's tokenizer: `ur`, `bu`, `fb` are not prefixes.
        for b in letters {
            switch b | 0x20 {
            case UInt8(ascii: "b") where !(bytes || unicode || formatted): bytes = true
            case UInt8(ascii: "u") where !(bytes || unicode || raw || formatted): unicode = true
            case UInt8(ascii: "r") where !(raw || unicode): raw = true
            case UInt8(ascii: "f") where !(formatted || bytes || unicode): formatted = true
            default: return nil
            }
        }
    }
}
