import Foundation

/// A Python integer of any size: small ones as `Int64`, larger ones as decimal digits.
public enum PythonInt: Hashable, Sendable, CustomStringConvertible {
    case small(Int64)
    /// Decimal digits without sign, for values that do not fit in `Int64`.
    case large(String, negative: Bool)

    public var description: String {
        switch self {
        case .small(let v): return String(v)
        case .large(let digits, let negative): return negative ? "-" + digits : digits
        }
    }

    public var negated: PythonInt {
        switch self {
        case .small(let v) where v != Int64.min: return .small(-v)
        case .small(let v): return .large(String(String(v).dropFirst()), negative: false)
        case .large(let digits, let negative): return .large(digits, negative: !negative)
        }
    }
}

/// The value of a number token.
enum NumberLiteralValue {
    case int(PythonInt)
    case float(Double)
    case imaginary(Double)
}

enum NumberLiteralDecoder {
    /// CPython's limit on int string conversion (`sys.int_info.default_max_str_digits`): a
    /// decimal literal with more digits is a syntax error, and a value with more decimal digits
    /// cannot be written in decimal.
    static let maximumDecimalDigits = 4300

    struct TooManyDigits: Error {
        var digits: Int
        var message: String {
            "Exceeds the limit (\(maximumDecimalDigits) digits) for integer string conversion: value has \(digits) digits; use sys.set_int_max_str_digits() to increase the limit"
        }
    }

    static func decode(_ text: ArraySlice<UInt8>) throws(TooManyDigits) -> NumberLiteralValue {
        let digits = text.filter { $0 != UInt8(ascii: "_") }
        let last = digits.last ?? 0
        if last == UInt8(ascii: "j") || last == UInt8(ascii: "J") {
            return .imaginary(parseDouble(digits.dropLast()))
        }
        var radix = 10
        var body = digits[...]
        if digits.count > 1, digits[0] == UInt8(ascii: "0") {
            switch digits[1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16; body = digits[2...]
            case UInt8(ascii: "o"): radix = 8; body = digits[2...]
            case UInt8(ascii: "b"): radix = 2; body = digits[2...]
            default: break
            }
        }
        if radix == 10 && digits.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) {
            return .float(parseDouble(digits[...]))
        }
        // Only zeros may lead a decimal literal, so its length is its number of digits.
        if radix == 10 && body.count > maximumDecimalDigits && body.contains(where: { $0 != UInt8(ascii: "0") }) {
            throw TooManyDigits(digits: body.count)
        }
        return .int(parseInt(body, radix: radix))
    }

    private static func parseDouble(_ text: ArraySlice<UInt8>) -> Double {
        var cString = Array(text)
        cString.append(0)
        return cString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
        }
    }

    private static func digitValue(_ b: UInt8) -> UInt32 {
        isDigit(b) ? UInt32(b - UInt8(ascii: "0")) : UInt32((b | 0x20) - UInt8(ascii: "a") + 10)
    }

    static func parseInt(_ text: ArraySlice<UInt8>, radix: Int) -> PythonInt {
        var small: Int64 = 0
        var overflow = false
        for b in text {
            let (m, o1) = small.multipliedReportingOverflow(by: Int64(radix))
            let (s, o2) = m.addingReportingOverflow(Int64(digitValue(b)))
            if o1 || o2 { overflow = true; break }
            small = s
        }
        if !overflow { return .small(small) }
        // Arbitrary precision: little-endian base-2^32 limbs. Decimal literals are at most
        // maximumDecimalDigits long, so multiplying in digit by digit stays cheap; hexadecimal,
        // octal and binary ones may be any length and are packed bit by bit, in linear time.
        var limbs: [UInt32]
        if radix == 10 {
            limbs = [0]
            for b in text {
                var carry = UInt64(digitValue(b))
                for k in 0..<limbs.count {
                    let product = UInt64(limbs[k]) * UInt64(radix) + carry
                    limbs[k] = UInt32(truncatingIfNeeded: product)
                    carry = product >> 32
                }
                if carry > 0 { limbs.append(UInt32(carry)) }
            }
        } else {
            limbs = packedLimbs(text, bitsPerDigit: radix == 16 ? 4 : radix == 8 ? 3 : 1)
            // A value with more decimal digits than CPython will write (14,284 bits and more):
            // kept in hexadecimal, which is valid Python for the same value, instead of a
            // conversion that would take time quadratic in its length.
            if bitLength(limbs) > 14_284 { return .large("0x" + hexadecimal(limbs), negative: false) }
        }
        var chunks: [UInt32] = []
        while !(limbs.count == 1 && limbs[0] == 0) {
            var remainder: UInt64 = 0
            for k in stride(from: limbs.count - 1, through: 0, by: -1) {
                let current = remainder << 32 | UInt64(limbs[k])
                limbs[k] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        }
        var decimal = String(chunks.last ?? 0)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk)
            decimal += String(repeating: "0", count: 9 - part.count) + part
        }
        return .large(decimal, negative: false)
    }

    /// The digits of a power-of-two radix, least significant first, as base-2^32 limbs.
    private static func packedLimbs(_ text: ArraySlice<UInt8>, bitsPerDigit: Int) -> [UInt32] {
        var limbs = [UInt32](repeating: 0, count: (text.count * bitsPerDigit) / 32 + 1)
        var bit = 0
        for b in text.reversed() {
            let value = UInt64(digitValue(b)) << (bit % 32)
            limbs[bit / 32] |= UInt32(truncatingIfNeeded: value)
            if value >> 32 != 0 { limbs[bit / 32 + 1] |= UInt32(truncatingIfNeeded: value >> 32) }
            bit += bitsPerDigit
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        return limbs
    }

    private static func bitLength(_ limbs: [UInt32]) -> Int {
        guard let top = limbs.last, top != 0 else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    private static func hexadecimal(_ limbs: [UInt32]) -> String {
        var text = String(limbs.last ?? 0, radix: 16)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb, radix: 16)
            text += String(repeating: "0", count: 8 - part.count) + part
        }
        return text
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, positional when the decimal
/// exponent is in [-4, 16), scientific with a signed two-digit exponent otherwise.
public func pythonFloatRepr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    // Swift's description also prints the shortest round-tripping digits; only the layout differs.
    let swift = value.magnitude.description
    var mantissa = Substring(swift)
    var exponent = 0
    if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = swift[..<e]
        exponent = Int(swift[swift.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
    }
    var digits = ""
    var pointPosition = mantissa.count
    if let dot = mantissa.firstIndex(of: ".") {
        pointPosition = mantissa.distance(from: mantissa.startIndex, to: dot)
        digits = String(mantissa[..<dot]) + String(mantissa[mantissa.index(after: dot)...])
    } else {
        digits = String(mantissa)
    }
    // Normalise to digits d1 d2 ... with value 0.d1d2… × 10^(pointPosition + exponent).
    var leadingZeros = 0
    for ch in digits { if ch == "0" { leadingZeros += 1 } else { break } }
    if leadingZeros == digits.count { return value.sign == .minus ? "-0.0" : "0.0" }
    digits.removeFirst(leadingZeros)
    pointPosition -= leadingZeros
    while digits.hasSuffix("0") { digits.removeLast() }
    let decimalExponent = pointPosition + exponent - 1
    var out = value.sign == .minus ? "-" : ""
    if decimalExponent >= -4 && decimalExponent < 16 {
        if decimalExponent >= 0 {
            let intCount = decimalExponent + 1
            if digits.count <= intCount {
                out += digits + String(repeating: "0", count: intCount - digits.count) + ".0"
            } else {
                out += String(digits.prefix(intCount)) + "." + String(digits.dropFirst(intCount))
            }
        } else {
            out += "0." + String(repeating: "0", count: -decimalExponent - 1) + digits
        }
    } else {
        out += String(digits.prefix(1))
        if digits.count > 1 { out += "." + String(digits.dropFirst()) }
        let magnitude = abs(decimalExponent)
        out += (decimalExponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }
    return out
}
