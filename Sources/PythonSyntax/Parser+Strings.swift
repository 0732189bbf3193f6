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
        let prefix = i == Int(token.start) ? StringPrefix.none : StringPrefix(source[Int(token.start)..<i])!
        let quote = source[i]
        let isTriple = i + 2 < Int(token.end) && source[i + 1] == quote && source[i + 2] == quote && Int(token.end) - i >= 6
        let quoteLength = isTriple ? 3 : 1
        return StringPiece(prefix: prefix, quote: quote, isTriple: isTriple, bodyStart: i + quoteLength,
                           bodyEnd: Int(token.end) - quoteLength, token: token)
    }

    /// Location of `offset`, knowing that `token` starts before it.
    func location(of offset: Int, after token: Token) -> SourceLocation {
        Parser.location(of: offset, after: token, in: source)
    }

    static func location(of offset: Int, after token: Token, in source: [UInt8]) -> SourceLocation {
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
        // The common case, one plain literal, without the bookkeeping of concatenation.
        if peekKind() != .string {
            let token = advance()
            let single = piece(token)
            if !single.prefix.formatted {
                let value: ConstantValue
                switch try decodeLiteral(single.prefix, single.bodyStart, single.bodyEnd, token) {
                case .text(let bytes): value = .string(bytes)
                case .bytes(let bytes): value = .bytes(bytes)
                }
                return make(.constant(value, kind: constantKind(of: token)), at: first.location)
            }
            index -= 1
        }
        var pieces: [StringPiece] = []
        while kind == .string {
            // Advance first: `piece(advance())` would copy the whole parser to call `piece` on the old value.
            let token = advance()
            pieces.append(piece(token))
        }
        let hasBytes = pieces.contains { $0.prefix.bytes }
        if hasBytes && pieces.contains(where: { !$0.prefix.bytes }) {
            throw error("cannot mix bytes and nonbytes literals", at: first.location)
        }
        let constantKind = constantKind(of: pieces[0].token)
        if !pieces.contains(where: { $0.prefix.formatted }) {
            var value = ArraySlice<UInt8>()
            for p in pieces {
                switch try decodeLiteral(p.prefix, p.bodyStart, p.bodyEnd, p.token) {
                case .text(let bytes), .bytes(let bytes): value += bytes
                }
            }
            return make(.constant(hasBytes ? .bytes(value) : .string(value), kind: constantKind), at: first.location)
        }
        var builder = JoinedStringBuilder(location: first.location, constantKind: constantKind)
        for p in pieces {
            if p.prefix.formatted {
                try appendFString(p, to: &builder)
            } else if case .text(let bytes) = try decodeLiteral(p.prefix, p.bodyStart, p.bodyEnd, p.token) {
                builder.text += bytes
            }
        }
        return builder.finish(into: &store)
    }

    /// CPython marks a constant `kind='u'` only when the first literal starts with a lowercase `u`.
    private func constantKind(of token: Token) -> String? {
        source[Int(token.start)] == UInt8(ascii: "u") ? "u" : nil
    }

    private func decodeLiteral(_ prefix: StringPrefix, _ start: Int, _ end: Int, _ token: Token) throws(PythonSyntaxError) -> StringLiteralValue {
        // The closure captures the source only: capturing `self` would copy the whole parser.
        let source = self.source
        return try StringLiteralDecoder.decode(source, start: start, end: end, prefix: prefix) { offset, message in
            PythonSyntaxError(message, at: Parser.location(of: offset, after: token, in: source))
        }
    }

    private mutating func appendFString(_ p: StringPiece, to builder: inout JoinedStringBuilder) throws(PythonSyntaxError) {
        let source = self.source
        var scanner = FStringScanner(source: source, bodyStart: p.bodyStart, bodyEnd: p.bodyEnd,
                                     isRaw: p.prefix.raw) { offset, message in
            PythonSyntaxError(message, at: Lexer.locate(offset, in: source))
        }
        let parts = try scanner.scanBody()
        try append(parts, of: p, to: &builder)
    }

    private mutating func append(_ parts: [FStringPart], of p: StringPiece, to builder: inout JoinedStringBuilder) throws(PythonSyntaxError) {
        let textPrefix = StringPrefix.none.with(raw: p.prefix.raw)
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
                    spec = specBuilder.finish(into: &store)
                }
                let value = make(.formattedValue(expression, conversion: conversion, formatSpec: spec), at: store[expression].location)
                builder.appendField(value, into: &store)
            }
        }
    }

    private mutating func parseFieldExpression(_ field: FStringField, of p: StringPiece) throws(PythonSyntaxError) -> Expression {
        let range = field.expressionStart..<field.expressionEnd
        var lexer = Lexer(source: source, range: range, location: location(of: range.lowerBound, after: p.token))
        try lexer.tokenize()
        // CPython 3.11 compiles the field as `(text)`: parse it as a parenthesized atom, so
        // `{x for x in y}` is a generator and `{*x}` is refused.
        let open = lexer.tokens.first ?? Token(kind: .endMarker, start: Int32(range.lowerBound), end: Int32(range.lowerBound),
                                                 line: p.token.line, column: p.token.column)
        var fieldTokens = [Token(kind: .lpar, start: open.start, end: open.start, line: open.line, column: open.column)]
        fieldTokens += lexer.tokens.dropLast()
        let end = lexer.tokens.last!
        fieldTokens.append(Token(kind: .rpar, start: end.start, end: end.start, line: end.line, column: end.column))
        fieldTokens.append(end)
        // Parse the field with this parser, so its nodes go to the same store.
        let outerTokens = tokens
        let outerIndex = index
        tokens = fieldTokens
        index = 0
        defer {
            tokens = outerTokens
            index = outerIndex
        }
        try enter()
        defer { leave() }
        let expression: Expression
        do {
            expression = try parseAtom()
        } catch {
            // CPython names the f-string in every error of a field.
            throw error.message.hasPrefix("f-string") ? error
                : PythonSyntaxError(line: error.line, column: error.column, message: "f-string: " + error.message)
        }
        guard kind == .endMarker else {
            throw error("f-string: invalid syntax: unexpected \(describe(current))", at: current.location)
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

    mutating func flushText(into store: inout ExpressionStoreBuilder) {
        if !text.isEmpty {
            values.append(store.add(.constant(.string(text[...]), kind: constantKind), at: location))
            text = []
        }
    }

    mutating func appendField(_ value: Expression, into store: inout ExpressionStoreBuilder) {
        flushText(into: &store)
        values.append(value)
    }

    mutating func finish(into store: inout ExpressionStoreBuilder) -> Expression {
        flushText(into: &store)
        let list = store.list(values)
        return store.add(.joinedStr(list), at: location)
    }
}

extension StringPrefix {
    func with(raw: Bool) -> StringPrefix {
        var copy = self
        copy.raw = raw
        return copy
    }
}
