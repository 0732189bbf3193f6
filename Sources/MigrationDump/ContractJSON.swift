import MigrationModel
import PythonSyntax

/// Writes JSON exactly as Python's `json.dumps(obj, ensure_ascii=False, separators=(",", ":"))`
/// does, with the contract's rule for lone surrogates (CONTRACT.md §2).
///
/// It writes into memory it manages itself: the dump writes a few bytes at a time, millions of
/// times, and an array's uniqueness and capacity checks on each append cost more than the JSON.
public struct ContractJSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    public init() {
        capacity = 1 << 16
        start = .allocate(capacity: capacity)
    }

    deinit { start.deallocate() }

    /// What has been written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    public var byteCount: Int { count }

    public func withWrittenBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    public mutating func removeAll() { count = 0 }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.update(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        reserve(buffer.count)
        (start + count).update(from: buffer.baseAddress!, count: buffer.count)
        count += buffer.count
    }

    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// JSON punctuation and literals, written as they are.
    @inline(__always)
    public mutating func raw(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func string(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ string(generalizedUTF8: $0) }) { return done }
        string(generalizedUTF8: Array(text.utf8))
    }

    mutating func string(generalizedUTF8 text: [UInt8]) {
        text.withUnsafeBufferPointer { string(generalizedUTF8: $0) }
    }

    mutating func string(generalizedUTF8 text: ArraySlice<UInt8>) {
        text.withUnsafeBufferPointer { string(generalizedUTF8: $0) }
    }

    /// A Python `str` held as generalized UTF-8. Runs of bytes that need no escape are copied at once.
    mutating func string(generalizedUTF8 text: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let count = text.count
        let base = UnsafeRawPointer(text.baseAddress)
        while i < count {
            // Eight bytes at a time while none needs attention: no control character, quote,
            // backslash or 0xED (the lead byte of a possible surrogate).
            if i + 8 <= count, let base, !wordNeedsAttention(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = text[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0xED {
                i += 1
                continue
            }
            if b == 0xED && !(i + 2 < count && text[i + 1] >= 0xA0) {
                i += 1
                continue
            }
            if i > runStart { append(UnsafeBufferPointer(rebasing: text[runStart..<i])) }
            if b == 0xED {
                // A lone surrogate, U+D800…U+DFFF: written as an escape.
                let value = (UInt32(b & 0x0F) << 12) | (UInt32(text[i + 1] & 0x3F) << 6) | UInt32(text[i + 2] & 0x3F)
                escapeHex(value)
                i += 3
            } else {
                appendEscaped(b)
                i += 1
            }
            runStart = i
        }
        if count > runStart { append(UnsafeBufferPointer(rebasing: text[runStart..<text.count])) }
        append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private func wordNeedsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ value: UInt8) -> UInt64 {
            let x = word ^ (ones &* UInt64(value))
            return (x &- ones) & ~x & highs
        }
        // A byte below 0x20: subtracting 0x20 borrows into its high bit, unless the byte was already ≥ 0x80.
        let control = (word &- ones &* 0x20) & ~word & highs
        return control | hasByte(UInt8(ascii: "\"")) | hasByte(UInt8(ascii: "\\")) | hasByte(0xED) != 0
    }

    /// Bytes read as Latin-1: byte n is U+00nn.
    mutating func latin1String<C: Sequence>(_ data: C) where C.Element == UInt8 {
        append(UInt8(ascii: "\""))
        for b in data {
            if b < 0x80 {
                appendEscaped(b)
            } else {
                append(0xC0 | (b >> 6))
                append(0x80 | (b & 0x3F))
            }
        }
        append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private mutating func appendEscaped(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x09: raw("\\t")
        case 0x0A: raw("\\n")
        case 0x0C: raw("\\f")
        case 0x0D: raw("\\r")
        case 0..<0x20: escapeHex(UInt32(b))
        default: append(b)
        }
    }

    private mutating func escapeHex(_ value: UInt32) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        raw("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    public mutating func integer(_ value: Int) {
        append(utf8: String(value))
    }

    public mutating func newline() { append(UInt8(0x0A)) }

    /// The canonical form of CONTRACT.md §5.
    mutating func value(_ value: PythonValue?) {
        guard let value else { raw("null"); return }
        if value.isOpaqueStatement, case .opaque(let className) = value.kind {
            opaque(className)
            return
        }
        expression(value.expression, in: value.store)
    }

    private mutating func opaque(_ className: String) {
        raw("{\"expr\":")
        string(className)
        raw("}")
    }

    private mutating func expression(_ e: Expression, in store: ExpressionStore) {
        switch CanonicalForm(e, in: store) {
        case .none: raw("null")
        case .bool(let b): b ? raw("true") : raw("false")
        case .string(let text): string(generalizedUTF8: text)
        case .joinedLiteral(let parts): string(generalizedUTF8: CanonicalForm.joinedText(parts, in: store))
        case .bytes(let data):
            raw("{\"bytes\":")
            latin1String(data)
            raw("}")
        case .int(let v):
            if case .small(let small) = v, small.magnitude <= 1 << 53 {
                integer(Int(small))
            } else {
                raw("{\"int\":")
                string(v.description)
                raw("}")
            }
        case .float(let v):
            raw("{\"float\":")
            string(pythonFloatRepr(v))
            raw("}")
        case .list(let elements), .tuple(let elements):
            array(elements, in: store)
        case .set(let elements):
            raw("{\"set\":")
            array(elements, in: store)
            raw("}")
        case .dict(let keys, let values):
            raw("{\"dict\":[")
            for (k, (key, value)) in zip(store[keys], store[values]).enumerated() {
                if k > 0 { append(UInt8(ascii: ",")) }
                append(UInt8(ascii: "["))
                if key == Expression.noKey { raw("null") } else { expression(key, in: store) }
                append(UInt8(ascii: ","))
                expression(value, in: store)
                append(UInt8(ascii: "]"))
            }
            raw("]}")
        case .name(let chain):
            raw("{\"name\":\"")
            dottedName(chain, in: store)
            raw("\"}")
        case .attribute(let base, let attribute):
            raw("{\"attr\":[")
            expression(base, in: store)
            append(UInt8(ascii: ","))
            string(attribute)
            raw("]}")
        case .call(let function, let arguments, let keywords):
            raw("{\"call\":")
            expression(function, in: store)
            raw(",\"args\":")
            array(arguments, in: store)
            raw(",\"kwargs\":[")
            for (k, keyword) in store[keywords].enumerated() {
                if k > 0 { append(UInt8(ascii: ",")) }
                append(UInt8(ascii: "["))
                if let name = keyword.name { string(name) } else { raw("null") }
                append(UInt8(ascii: ","))
                expression(keyword.value, in: store)
                append(UInt8(ascii: "]"))
            }
            raw("]}")
        case .opaque(let className):
            opaque(className)
        }
    }

    /// Identifiers need no JSON escaping: they hold no quotes, backslashes or control characters.
    private mutating func dottedName(_ e: Expression, in store: ExpressionStore) {
        switch store[e].kind {
        case .name(let id, _):
            append(utf8: id)
        case .attribute(let value, let attribute, _):
            dottedName(value, in: store)
            append(UInt8(ascii: "."))
            append(utf8: attribute)
        default:
            break
        }
    }

    private mutating func array(_ elements: ExpressionList, in store: ExpressionStore) {
        append(UInt8(ascii: "["))
        for (k, element) in store[elements].enumerated() {
            if k > 0 { append(UInt8(ascii: ",")) }
            if CanonicalForm.isStarred(element, in: store) { opaque("Starred") } else { expression(element, in: store) }
        }
        append(UInt8(ascii: "]"))
    }
}
