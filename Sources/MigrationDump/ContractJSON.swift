import MigrationModel
import PythonSyntax

/// Writes JSON exactly as Python's `json.dumps(obj, ensure_ascii=False, separators=(",", ":"))`
/// does, with the contract's rule for lone surrogates (CONTRACT.md §2).
public struct ContractJSONWriter {
    public internal(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(1 << 16) }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        var copy = text
        copy.withUTF8 { string(generalizedUTF8: $0) }
    }

    /// A Python `str` held as generalized UTF-8.
    mutating func string<C: Collection>(generalizedUTF8 text: C) where C.Element == UInt8, C.Index == Int {
        bytes.append(UInt8(ascii: "\""))
        var i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            if b == 0xED, i + 2 < text.endIndex, text[i + 1] >= 0xA0 {
                // A lone surrogate, U+D800…U+DFFF: written as an escape.
                let value = (UInt32(b & 0x0F) << 12) | (UInt32(text[i + 1] & 0x3F) << 6) | UInt32(text[i + 2] & 0x3F)
                escapeHex(value)
                i += 3
                continue
            }
            appendEscaped(b)
            i += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Bytes read as Latin-1: byte n is U+00nn.
    mutating func latin1String(_ data: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for b in data {
            if b < 0x80 {
                appendEscaped(b)
            } else {
                bytes.append(0xC0 | (b >> 6))
                bytes.append(0x80 | (b & 0x3F))
            }
        }
        bytes.append(UInt8(ascii: "\""))
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
        default: bytes.append(b)
        }
    }

    private mutating func escapeHex(_ value: UInt32) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        raw("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func newline() { bytes.append(0x0A) }

    /// The canonical form of CONTRACT.md §5.
    mutating func value(_ value: PythonValue?) {
        guard let value else { raw("null"); return }
        switch value.kind {
        case .none: raw("null")
        case .bool(let b): b ? raw("true") : raw("false")
        case .string(let text): string(generalizedUTF8: text)
        case .bytes(let data):
            raw("{\"bytes\":")
            latin1String(data)
            raw("}")
        case .int(let v):
            if case .small(let small) = v, small.magnitude <= 1 << 53 {
                bytes.append(contentsOf: String(small).utf8)
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
            array(elements)
        case .set(let elements):
            raw("{\"set\":")
            array(elements)
            raw("}")
        case .dict(let entries):
            raw("{\"dict\":[")
            for (k, entry) in entries.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                self.value(entry.key)
                bytes.append(UInt8(ascii: ","))
                self.value(entry.value)
                bytes.append(UInt8(ascii: "]"))
            }
            raw("]}")
        case .name(let name):
            raw("{\"name\":")
            string(name)
            raw("}")
        case .attribute(let base, let attribute):
            raw("{\"attr\":[")
            self.value(base)
            bytes.append(UInt8(ascii: ","))
            string(attribute)
            raw("]}")
        case .call(let function, let arguments, let keywords):
            raw("{\"call\":")
            self.value(function)
            raw(",\"args\":")
            array(arguments)
            raw(",\"kwargs\":[")
            for (k, keyword) in keywords.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                if let name = keyword.name { string(name) } else { raw("null") }
                bytes.append(UInt8(ascii: ","))
                self.value(keyword.value)
                bytes.append(UInt8(ascii: "]"))
            }
            raw("]}")
        case .opaque(let className, _):
            raw("{\"expr\":")
            string(className)
            raw("}")
        }
    }

    private mutating func array(_ elements: [PythonValue]) {
        bytes.append(UInt8(ascii: "["))
        for (k, element) in elements.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            value(element)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
