/// String literals: implicit concatenation, prefixes, escapes, and f-strings with their
/// replacement fields parsed as real expressions.
extension Parser {
    private struct StringPiece {
        var prefix: StringPrefix
        var quote: UInt8
        var isTriple: Bool
        var bodyStart: Int
        var bodyEnd: Int
        var token: Token
    }

    private func piece(_ token: Token) -> StringPiece {
        var i = Int(token.start)
        while !isQuote(source[i]) { i += 1 }
        let prefix = StringPrefix(source[Int(token.start)..<i])!
        let quote = source[i]
        let isTriple = i + 2 < Int(token.end) && source[i + 1] == quote && source[i + 2] == quote && Int(token.end) - i >= 6
        let quoteLength = isTriple ? 3 : 1
        return StringPiece(prefix: prefix, quote: quote, isTriple: isTriple, bodyStart: i + quoteLength,
                           bodyEnd: Int(token.end) - quoteLength, token: token)
    }

    /// Location of `offset`, knowing that `token` starts before it.
    func location(of offset: Int, after token: Token) -> SourceLocation {
        var line = Int(token.line)
        var lineStart = Int(token.start) - Int(token.column)
        var i = Int(token.start)
        while i < offset {
            if source[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        return SourceLocation(line: line, column: offset - lineStart)
    }

    mutating func parseStrings() throws(PythonSyntaxError) -> Expression {
        let first = current
        var pieces: [StringPiece] = []
        while kind == .string { pieces.append(piece(advance())) }
        let hasBytes = pieces.contains { $0.prefix.bytes }
        if hasBytes && pieces.contains(where: { !$0.prefix.bytes }) {
            throw error("cannot mix bytes and nonbytes literals", at: first.location)
        }
        let constantKind: String? = pieces[0].prefix.unicode ? "u" : nil
        if !pieces.contains(where: { $0.prefix.formatted }) {
            var value: [UInt8] = []
            for p in pieces {
                switch try decodeLiteral(p.prefix, p.bodyStart, p.bodyEnd, p.token) {
                case .text(let bytes), .bytes(let bytes): value += bytes
                }
            }
            return Expression(.constant(hasBytes ? .bytes(value) : .string(value), kind: constantKind), at: first.location)
        }
        var builder = JoinedStringBuilder(location: first.location, constantKind: constantKind)
        for p in pieces {
            if p.prefix.formatted {
                try appendFString(p, to: &builder)
            } else if case .text(let bytes) = try decodeLiteral(p.prefix, p.bodyStart, p.bodyEnd, p.token) {
                builder.text += bytes
            }
        }
        return builder.finish()
    }

    private func decodeLiteral(_ prefix: StringPrefix, _ start: Int, _ end: Int, _ token: Token) throws(PythonSyntaxError) -> StringLiteralValue {
        try StringLiteralDecoder.decode(source, start: start, end: end, prefix: prefix) { offset, message in
            PythonSyntaxError(message, at: location(of: offset, after: token))
        }
    }

    private mutating func appendFString(_ p: StringPiece, to builder: inout JoinedStringBuilder) throws(PythonSyntaxError) {
        let token = p.token
        let source = self.source
        var scanner = FStringScanner(source: source, bodyStart: p.bodyStart, quote: p.quote, isTriple: p.isTriple,
                                     isRaw: p.prefix.raw, literalStart: Int(token.start)) { offset, message in
            PythonSyntaxError(message, at: Lexer.locate(offset, in: source))
        }
        let parts = try scanner.scanBody()
        try append(parts, of: p, to: &builder)
    }

    private mutating func append(_ parts: [FStringPart], of p: StringPiece, to builder: inout JoinedStringBuilder) throws(PythonSyntaxError) {
        let textPrefix = StringPrefix([UInt8]())!.with(raw: p.prefix.raw)
        for part in parts {
            switch part {
            case .literal(let start, let end):
                if case .text(let bytes) = try decodeLiteral(textPrefix, start, end, p.token) { builder.text += bytes }
            case .field(let field):
                let expression = try parseFieldExpression(field, of: p)
                var conversion = field.conversion.map(Int.init) ?? -1
                if let debugEnd = field.debugTextEnd {
                    builder.text += source[field.expressionStart..<debugEnd]
                    if field.conversion == nil && field.formatSpec == nil { conversion = Int(UInt8(ascii: "r")) }
                }
                var spec: Expression?
                if let specParts = field.formatSpec {
                    var specBuilder = JoinedStringBuilder(location: p.token.location, constantKind: nil)
                    try append(specParts, of: p, to: &specBuilder)
                    spec = specBuilder.finish(forceJoined: true)
                }
                builder.appendField(Expression(.formattedValue(expression, conversion: conversion, formatSpec: spec),
                                               at: expression.location))
            }
        }
    }

    private mutating func parseFieldExpression(_ field: FStringField, of p: StringPiece) throws(PythonSyntaxError) -> Expression {
        let range = field.expressionStart..<field.expressionEnd
        var lexer = Lexer(source: source, range: range, location: location(of: range.lowerBound, after: p.token))
        try lexer.tokenize()
        var parser = Parser(source: source, tokens: lexer.tokens)
        parser.depth = depth
        try parser.enter()
        let expression = parser.kind == .kwYield ? try parser.parseYieldExpression() : try parser.parseStarExpressions()
        guard parser.kind == .endMarker else {
            throw parser.error("f-string: invalid syntax: unexpected \(parser.describe(parser.current))", at: parser.current.location)
        }
        return expression
    }
}

/// Collects the values of a JoinedStr: adjacent literal text merged, empty text dropped, as CPython does.
struct JoinedStringBuilder {
    let location: SourceLocation
    let constantKind: String?
    var values: [Expression] = []
    var text: [UInt8] = []

    init(location: SourceLocation, constantKind: String?) {
        self.location = location
        self.constantKind = constantKind
    }

    mutating func flushText() {
        if !text.isEmpty {
            values.append(Expression(.constant(.string(text), kind: constantKind), at: location))
            text = []
        }
    }

    mutating func appendField(_ value: Expression) {
        flushText()
        values.append(value)
    }

    mutating func finish(forceJoined: Bool = true) -> Expression {
        flushText()
        return Expression(.joinedStr(values), at: location)
    }
}

extension StringPrefix {
    func with(raw: Bool) -> StringPrefix {
        var copy = self
        copy.raw = raw
        return copy
    }
}
