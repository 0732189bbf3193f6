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

/// Finds the structure of an f-string body with Python 3.11's rules (`string_parser.c`), which
/// the contract follows: the tokenizer has already ended the literal at its own quote, as for any
/// string; inside a replacement field a backslash or a `#` is an error, a quote opens a nested
/// string that ends at the next same quote, and brackets must match. The parser reads each
/// field's text as if it stood in parentheses.
struct FStringScanner {
    let source: [UInt8]
    var position: Int
    /// Just before the closing quote(s).
    let bodyEnd: Int
    let isRaw: Bool
    let errorAt: (Int, String) -> PythonSyntaxError

    /// CPython's MAXLEVEL for the brackets of one field.
    static let maximumBracketDepth = 200

    init(source: [UInt8], bodyStart: Int, bodyEnd: Int, isRaw: Bool,
         errorAt: @escaping (Int, String) -> PythonSyntaxError) {
        self.source = source
        self.position = bodyStart
        self.bodyEnd = bodyEnd
        self.isRaw = isRaw
        self.errorAt = errorAt
    }

    mutating func scanBody() throws(PythonSyntaxError) -> [FStringPart] {
        try scanLiteral(level: 0)
    }

    private func byte(_ i: Int) -> UInt8 { i < bodyEnd ? source[i] : 0 }

    private func expectingBrace() -> PythonSyntaxError {
        errorAt(min(position, bodyEnd), "f-string: expecting '}'")
    }

    /// Literal text up to a field or, in a format spec (`level` > 0), up to the `}` that ends it.
    /// Doubled braces are text only at the top level, as in CPython.
    private mutating func scanLiteral(level: Int) throws(PythonSyntaxError) -> [FStringPart] {
        var parts: [FStringPart] = []
        var literalStart = position
        func flush(_ end: Int) {
            if end > literalStart { parts.append(.literal(start: literalStart, end: end)) }
        }
        while position < bodyEnd {
            var c = source[position]
            position += 1
            if !isRaw && c == UInt8(ascii: "\\") && position < bodyEnd {
                c = source[position]
                position += 1
                if c == UInt8(ascii: "N") {
                    guard byte(position) == UInt8(ascii: "{") else {
                        throw errorAt(position - 2, "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape")
                    }
                    // `\N{NAME}`: the braces belong to the escape.
                    position += 1
                    while position < bodyEnd {
                        position += 1
                        if source[position - 1] == UInt8(ascii: "}") { break }
                    }
                    continue
                }
                // Any other escaped character goes on below: `\{` opens a field as `{` does.
            }
            guard c == UInt8(ascii: "{") || c == UInt8(ascii: "}") else { continue }
            if level == 0 {
                if byte(position) == c {
                    flush(position)
                    position += 1
                    literalStart = position
                    continue
                }
                if c == UInt8(ascii: "}") { throw errorAt(position - 1, "f-string: single '}' is not allowed") }
            }
            position -= 1
            flush(position)
            if c == UInt8(ascii: "}") { return parts }
            parts.append(.field(try scanField(level: level)))
            literalStart = position
        }
        flush(position)
        if level > 0 { throw expectingBrace() }
        return parts
    }

    private static func mayEndExpression(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "<"): return true
        default: return false
        }
    }

    private mutating func scanField(level: Int) throws(PythonSyntaxError) -> FStringField {
        if level >= 2 { throw errorAt(position, "f-string: expressions nested too deeply") }
        let open = position
        position += 1
        var field = FStringField(openBrace: open, expressionStart: position, expressionEnd: position)
        var quote: UInt8 = 0
        var isTriple = false
        var brackets: [UInt8] = []
        scan: while position < bodyEnd {
            let c = source[position]
            if c == UInt8(ascii: "\\") { throw errorAt(position, "f-string expression part cannot include a backslash") }
            if quote != 0 {
                if c == quote {
                    if !isTriple {
                        quote = 0
                    } else if position + 2 < bodyEnd && source[position + 1] == c && source[position + 2] == c {
                        position += 2
                        quote = 0
                    }
                }
                position += 1
                continue
            }
            if brackets.isEmpty && FStringScanner.mayEndExpression(c) {
                if position + 1 < bodyEnd {
                    // `!=`, `==`, `<=`, `>=` and a lone `<` or `>` do not end the expression.
                    if c != UInt8(ascii: ":") && c != UInt8(ascii: "}") && source[position + 1] == UInt8(ascii: "=") {
                        position += 2
                        continue
                    }
                    if c == UInt8(ascii: ">") || c == UInt8(ascii: "<") {
                        position += 1
                        continue
                    }
                }
                break scan
            }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                isTriple = position + 2 < bodyEnd && source[position + 1] == c && source[position + 2] == c
                if isTriple { position += 2 }
                quote = c
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                if brackets.count >= FStringScanner.maximumBracketDepth {
                    throw errorAt(position, "f-string: too many nested parenthesis")
                }
                brackets.append(c)
            case UInt8(ascii: "#"):
                throw errorAt(position, "f-string expression part cannot include '#'")
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard let opening = brackets.popLast() else {
                    throw errorAt(position, "f-string: unmatched '\(Character(Unicode.Scalar(c)))'")
                }
                let matches = opening == UInt8(ascii: "(") ? c == UInt8(ascii: ")")
                    : opening == UInt8(ascii: "[") ? c == UInt8(ascii: "]") : c == UInt8(ascii: "}")
                if !matches {
                    throw errorAt(position, "f-string: closing parenthesis '\(Character(Unicode.Scalar(c)))' does not match opening parenthesis '\(Character(Unicode.Scalar(opening)))'")
                }
            default:
                break
            }
            position += 1
        }
        field.expressionEnd = position
        if quote != 0 { throw errorAt(position, "f-string: unterminated string") }
        if let opening = brackets.last { throw errorAt(position, "f-string: unmatched '\(Character(Unicode.Scalar(opening)))'") }
        if position >= bodyEnd { throw expectingBrace() }
        if source[field.expressionStart..<field.expressionEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C }) {
            throw errorAt(field.expressionStart, "f-string: empty expression not allowed")
        }
        if source[position] == UInt8(ascii: "=") {
            position += 1
            // Py_ISSPACE: space, \t, \n, \v, \f, \r.
            while position < bodyEnd, source[position] == 0x20 || (0x09...0x0D).contains(source[position]) { position += 1 }
            field.debugTextEnd = position
        }
        if byte(position) == UInt8(ascii: "!") {
            position += 1
            guard position < bodyEnd else { throw expectingBrace() }
            let conversion = source[position]
            position += 1
            guard conversion == UInt8(ascii: "s") || conversion == UInt8(ascii: "r") || conversion == UInt8(ascii: "a") else {
                throw errorAt(position - 1, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
            field.conversion = conversion
        }
        guard position < bodyEnd else { throw expectingBrace() }
        if source[position] == UInt8(ascii: ":") {
            position += 1
            guard position < bodyEnd else { throw expectingBrace() }
            field.formatSpec = try scanLiteral(level: level + 1)
        }
        guard byte(position) == UInt8(ascii: "}") else { throw expectingBrace() }
        position += 1
        return field
    }
}
