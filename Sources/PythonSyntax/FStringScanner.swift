/// One piece of an f-string body: literal text, or a `{…}` replacement field.
enum FStringPart: Sendable {
    /// Raw source bytes `start..<end`, still holding escapes (a doubled brace is cut to one).
    case literal(start: Int, end: Int)
    case field(FStringField)
}

struct FStringField: Sendable {
    /// Offset of the opening `{`.
    var openBrace: Int
    /// The expression's source text.
    var expressionStart: Int
    var expressionEnd: Int
    /// For `{expr=}`: the end of the text echoed by the debug form (through the `=` and any spaces after it).
    var debugTextEnd: Int?
    /// `s`, `r` or `a`.
    var conversion: UInt8?
    var formatSpec: [FStringPart]?
}

/// Finds the structure of an f-string body with Python 3.12's rules (PEP 701): replacement
/// fields may hold any expression, including strings with the same quote and nested f-strings.
/// The tokenizer uses it to find where the literal ends; the parser uses it to build the parts.
struct FStringScanner {
    let source: [UInt8]
    var position: Int
    let quote: UInt8
    let isTriple: Bool
    let isRaw: Bool
    /// The string's first byte (its prefix), for error positions.
    let literalStart: Int
    let errorAt: (Int, String) -> PythonSyntaxError
    private var nesting = 0
    /// How many f-string literals enclose this one (3.12 allows `f"{f"{x}"}"`); bounded for stack safety.
    var literalDepth = 0

    init(source: [UInt8], bodyStart: Int, quote: UInt8, isTriple: Bool, isRaw: Bool, literalStart: Int,
         errorAt: @escaping (Int, String) -> PythonSyntaxError) {
        self.source = source
        self.position = bodyStart
        self.quote = quote
        self.isTriple = isTriple
        self.isRaw = isRaw
        self.literalStart = literalStart
        self.errorAt = errorAt
    }

    /// Scans the whole body; on return `position` is just past the closing quote(s).
    mutating func scanBody() throws(PythonSyntaxError) -> [FStringPart] {
        let parts = try scanLiteral(inFormatSpec: false)
        position += isTriple ? 3 : 1
        return parts
    }

    private func byte(_ i: Int) -> UInt8 { i < source.count ? source[i] : 0 }

    private func atClosingQuote(_ i: Int) -> Bool {
        guard byte(i) == quote else { return false }
        return !isTriple || (byte(i + 1) == quote && byte(i + 2) == quote)
    }

    private func unterminated() -> PythonSyntaxError {
        let line = source[..<min(position, source.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return errorAt(literalStart, isTriple
            ? "unterminated triple-quoted f-string literal (detected at line \(line))"
            : "unterminated f-string literal (detected at line \(line))")
    }

    private mutating func scanLiteral(inFormatSpec: Bool) throws(PythonSyntaxError) -> [FStringPart] {
        var parts: [FStringPart] = []
        var literalStart = position
        func flush(_ end: Int) {
            if end > literalStart { parts.append(.literal(start: literalStart, end: end)) }
        }
        while true {
            guard position < source.count else { throw unterminated() }
            let c = source[position]
            if atClosingQuote(position) {
                if inFormatSpec { throw errorAt(position, "f-string: expecting '}'") }
                flush(position)
                return parts
            }
            switch c {
            case UInt8(ascii: "}") where inFormatSpec:
                flush(position)
                return parts
            case UInt8(ascii: "\\"):
                let next = byte(position + 1)
                if next == UInt8(ascii: "{") || next == UInt8(ascii: "}") {
                    position += 1
                } else if !isRaw && next == UInt8(ascii: "N") && byte(position + 2) == UInt8(ascii: "{") {
                    // `\N{NAME}`: the braces belong to the escape.
                    var i = position + 3
                    while i < source.count, source[i] != UInt8(ascii: "}"), source[i] != quote, source[i] != 0x0A { i += 1 }
                    position = source[safe: i] == UInt8(ascii: "}") ? i + 1 : position + 2
                } else {
                    position += 2
                }
            case 0x0A where !isTriple:
                throw unterminated()
            case UInt8(ascii: "{"):
                if byte(position + 1) == UInt8(ascii: "{") && !inFormatSpec {
                    flush(position + 1)
                    position += 2
                    literalStart = position
                } else {
                    flush(position)
                    parts.append(.field(try scanField()))
                    literalStart = position
                }
            case UInt8(ascii: "}"):
                if byte(position + 1) == UInt8(ascii: "}") {
                    flush(position + 1)
                    position += 2
                    literalStart = position
                } else {
                    throw errorAt(position, "f-string: single '}' is not allowed")
                }
            default:
                position += 1
            }
        }
    }

    private mutating func scanField() throws(PythonSyntaxError) -> FStringField {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 2 { throw errorAt(position, "f-string: expressions nested too deeply") }
        let open = position
        position += 1
        let expressionStart = position
        var depth = 0
        var field = FStringField(openBrace: open, expressionStart: expressionStart, expressionEnd: expressionStart)
        scan: while true {
            guard position < source.count else { throw unterminated() }
            let c = source[position]
            // Python 3.12 (PEP 701): inside a field, a quote opens a nested string even when it is
            // the f-string's own quote, and newlines and comments are allowed.
            switch c {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                position += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { throw errorAt(position, "f-string: unmatched '\(Character(Unicode.Scalar(c)))'") }
                position += 1
            case UInt8(ascii: "}"):
                if depth == 0 { break scan }
                depth -= 1
                position += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                try skipNestedString(prefix: nil)
            case UInt8(ascii: "#"):
                while position < source.count, source[position] != 0x0A { position += 1 }
            case UInt8(ascii: "!"):
                if byte(position + 1) == UInt8(ascii: "=") { position += 2; continue }
                if depth == 0 { break scan }
                position += 1
            case UInt8(ascii: ":") where depth == 0:
                break scan
            case UInt8(ascii: "=") where depth == 0:
                if byte(position + 1) == UInt8(ascii: "=") { position += 2; continue }
                field.expressionEnd = position
                position += 1
                while byte(position) == 0x20 || byte(position) == 0x09 || byte(position) == 0x0A && isTriple { position += 1 }
                field.debugTextEnd = position
                break scan
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                position += byte(position + 1) == UInt8(ascii: "=") ? 2 : 1
            default:
                if isASCIILetterOrUnderscore(c) || c >= 0x80 {
                    let nameStart = position
                    while position < source.count, isIdentifierByte(source[position]) { position += 1 }
                    if isQuote(byte(position)), let prefix = StringPrefix(source[nameStart..<position]) {
                        try skipNestedString(prefix: prefix)
                    }
                } else {
                    position += 1
                }
            }
        }
        if field.debugTextEnd == nil { field.expressionEnd = position }
        let text = source[field.expressionStart..<field.expressionEnd]
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C }) {
            throw errorAt(field.expressionStart, "f-string: valid expression required before '\(Character(Unicode.Scalar(byte(position))))'")
        }
        if byte(position) == UInt8(ascii: "!") {
            let conversion = byte(position + 1)
            guard conversion == UInt8(ascii: "s") || conversion == UInt8(ascii: "r") || conversion == UInt8(ascii: "a") else {
                throw errorAt(position + 1, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
            field.conversion = conversion
            position += 2
        }
        if byte(position) == UInt8(ascii: ":") {
            position += 1
            field.formatSpec = try scanLiteral(inFormatSpec: true)
        }
        guard byte(position) == UInt8(ascii: "}") else {
            if position >= source.count { throw unterminated() }
            throw errorAt(position, "f-string: expecting '}'")
        }
        position += 1
        return field
    }

    /// Skips a string literal inside a replacement field; `position` is at its opening quote.
    private mutating func skipNestedString(prefix: StringPrefix?) throws(PythonSyntaxError) {
        let start = position
        let q = source[position]
        let triple = byte(position + 1) == q && byte(position + 2) == q
        if prefix?.formatted == true {
            var inner = FStringScanner(source: source, bodyStart: position + (triple ? 3 : 1), quote: q, isTriple: triple,
                                       isRaw: prefix?.raw ?? false, literalStart: start, errorAt: errorAt)
            inner.literalDepth = literalDepth + 1
            if inner.literalDepth > 150 { throw errorAt(start, "too many nested f-strings") }
            _ = try inner.scanBody()
            position = inner.position
            return
        }
        position += triple ? 3 : 1
        while true {
            guard position < source.count else { throw errorAt(start, "unterminated string literal") }
            let c = source[position]
            if c == q && (!triple || (byte(position + 1) == q && byte(position + 2) == q)) {
                position += triple ? 3 : 1
                return
            }
            if c == UInt8(ascii: "\\") { position += 2; continue }
            if c == 0x0A && !triple { throw errorAt(start, "unterminated string literal") }
            position += 1
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
