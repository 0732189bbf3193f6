/// The `match` statement (PEP 634). `match` is a soft keyword, so the statement is tried first
/// and the line is read as an ordinary statement when it does not fit.
extension Parser {
    mutating func parseMatchIfPresent() throws(PythonSyntaxError) -> Statement? {
        let saved = index
        let pendingMark = store.pending.count
        let matchToken = advance()
        var subject: Expression
        let subjectStart = current.location
        do throws(PythonSyntaxError) {
            guard startsExpression(kind), kind != .kwYield, kind != .doubleStar else { throw invalidSyntax() }
            let first = try parseStarNamedExpression()
            if kind != .comma, case .starred = store[first].kind { throw invalidSyntax() }
            if kind == .comma {
                var elements = [first]
                while accept(.comma) {
                    if kind == .colon { break }
                    elements.append(try parseStarNamedExpression())
                }
                subject = make(.tuple(store.list(elements), .load), at: subjectStart)
            } else {
                subject = first
            }
            guard kind == .colon, peekKind() == .newline, peekKind(2) == .indent,
                  isName(tokens[min(index + 3, tokens.count - 1)], "case") else { throw invalidSyntax() }
        } catch {
            index = saved
            store.pending.removeSubrange(pendingMark...)
            return nil
        }
        advance()
        advance()
        advance()
        var cases: [MatchCase] = []
        while isName(current, "case") {
            let caseToken = advance()
            let pattern = try parseCasePatterns()
            let guardExpression = accept(.kwIf) ? try parseNamedExpression() : nil
            try expect(.colon, "':'")
            let body = try parseBlock(after: "'case' statement", line: Int(caseToken.line))
            cases.append(MatchCase(pattern: pattern, guardExpression: guardExpression, body: body))
        }
        guard accept(.dedent) || kind == .endMarker else { throw invalidSyntax() }
        return Statement(.match(subject: subject, cases: cases), at: matchToken.location)
    }

    private mutating func parseCasePatterns() throws(PythonSyntaxError) -> Pattern {
        let start = current.location
        let first = try parseMaybeStarPattern()
        guard kind == .comma else {
            // A star pattern stands only inside a sequence: `case *x:` is an error, as in CPython.
            if case .matchStar = first.kind { throw error("invalid syntax: a star pattern needs a sequence", at: first.location) }
            return first
        }
        var patterns = [first]
        while accept(.comma) {
            if kind == .colon || kind == .kwIf { break }
            patterns.append(try parseMaybeStarPattern())
        }
        return Pattern(kind: .matchSequence(patterns), location: start)
    }

    private mutating func parseMaybeStarPattern() throws(PythonSyntaxError) -> Pattern {
        if kind == .star {
            let location = advance().location
            let (name, _) = try expectName("a name after '*'")
            return Pattern(kind: .matchStar(name == "_" ? nil : name), location: location)
        }
        return try parsePattern()
    }

    private mutating func parsePattern() throws(PythonSyntaxError) -> Pattern {
        try enter()
        defer { leave() }
        let start = current.location
        let orPattern = try parseOrPattern()
        guard accept(.kwAs) else { return orPattern }
        let (name, _) = try expectName("a name after 'as'")
        if name == "_" { throw error("cannot use '_' as a target", at: tokens[index - 1].location) }
        return Pattern(kind: .matchAs(orPattern, name: name), location: start)
    }

    private mutating func parseOrPattern() throws(PythonSyntaxError) -> Pattern {
        let start = current.location
        let first = try parseClosedPattern()
        guard kind == .vbar else { return first }
        var patterns = [first]
        while accept(.vbar) { patterns.append(try parseClosedPattern()) }
        return Pattern(kind: .matchOr(patterns), location: start)
    }

    private mutating func parseClosedPattern() throws(PythonSyntaxError) -> Pattern {
        let token = current
        let location = token.location
        switch token.kind {
        case .kwNone: advance(); return Pattern(kind: .matchSingleton(.none), location: location)
        case .kwTrue: advance(); return Pattern(kind: .matchSingleton(.true), location: location)
        case .kwFalse: advance(); return Pattern(kind: .matchSingleton(.false), location: location)
        case .string:
            return Pattern(kind: .matchValue(try parseStrings()), location: location)
        case .number, .minus:
            return Pattern(kind: .matchValue(try parseSignedNumberPattern()), location: location)
        case .lpar:
            advance()
            if accept(.rpar) { return Pattern(kind: .matchSequence([]), location: location) }
            let first = try parseMaybeStarPattern()
            if accept(.rpar) {
                if case .matchStar = first.kind { throw error("invalid syntax: a star pattern needs a sequence", at: first.location) }
                return first
            }
            var patterns = [first]
            while accept(.comma) {
                if kind == .rpar { break }
                patterns.append(try parseMaybeStarPattern())
            }
            try expect(.rpar, "')'")
            return Pattern(kind: .matchSequence(patterns), location: location)
        case .lsqb:
            advance()
            var patterns: [Pattern] = []
            while kind != .rsqb {
                patterns.append(try parseMaybeStarPattern())
                if !accept(.comma) { break }
            }
            try expect(.rsqb, "']'")
            return Pattern(kind: .matchSequence(patterns), location: location)
        case .lbrace:
            return try parseMappingPattern()
        case .name:
            advance()
            let name = identifier(token)
            var value = make(.name(name, .load), at: location)
            var dotted = false
            while accept(.dot) {
                dotted = true
                value = make(.attribute(value, try expectName("an attribute name").0, .load), at: location)
            }
            if name == "_" && (dotted || kind == .lpar) { throw error("invalid syntax: '_' is a wildcard, not a class or value", at: location) }
            if kind == .lpar { return try parseClassPattern(value) }
            if dotted { return Pattern(kind: .matchValue(value), location: location) }
            return Pattern(kind: .matchAs(nil, name: name == "_" ? nil : name), location: location)
        default:
            throw invalidSyntax()
        }
    }

    /// `-1`, `1.5`, `2j`, or a complex literal `real ± imaginary` (PEP 634).
    private mutating func parseSignedNumberPattern() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left: Expression
        var realPart: Expression
        if kind == .minus {
            advance()
            guard kind == .number else { throw expected("a number") }
            realPart = try parseAtom()
            left = make(.unaryOp(.uSub, realPart), at: start)
        } else {
            realPart = try parseAtom()
            left = realPart
        }
        if kind == .plus || kind == .minus {
            if case .constant(.imaginary, _) = store[realPart].kind {
                throw error("real number required in complex literal", at: store[realPart].location)
            }
            let op: BinaryOperator = advance().kind == .plus ? .add : .sub
            guard kind == .number else { throw expected("an imaginary number") }
            let imaginary = try parseAtom()
            guard case .constant(.imaginary, _) = store[imaginary].kind else {
                throw error("imaginary number required in complex literal", at: store[imaginary].location)
            }
            left = make(.binOp(left, op, imaginary), at: start)
        }
        return left
    }

    private mutating func parseMappingPattern() throws(PythonSyntaxError) -> Pattern {
        let location = advance().location
        var keys: [Expression] = []
        var patterns: [Pattern] = []
        var rest: String?
        while kind != .rbrace {
            if accept(.doubleStar) {
                rest = try expectName("a name after '**'").0
                _ = accept(.comma)
                break
            }
            let key: Expression
            switch kind {
            case .string: key = try parseStrings()
            case .number, .minus: key = try parseSignedNumberPattern()
            case .kwNone: key = make(.constant(.none, kind: nil), at: advance().location)
            case .kwTrue: key = make(.constant(.true, kind: nil), at: advance().location)
            case .kwFalse: key = make(.constant(.false, kind: nil), at: advance().location)
            case .name:
                var value = try parseAtom()
                guard kind == .dot else { throw expected("a literal or dotted name as a mapping key") }
                while accept(.dot) {
                    value = make(.attribute(value, try expectName("an attribute name").0, .load), at: store[value].location)
                }
                key = value
            default:
                throw invalidSyntax()
            }
            try expect(.colon, "':'")
            keys.append(key)
            patterns.append(try parsePattern())
            if !accept(.comma) { break }
        }
        try expect(.rbrace, "'}'")
        return Pattern(kind: .matchMapping(keys: keys, patterns: patterns, rest: rest), location: location)
    }

    private mutating func parseClassPattern(_ cls: Expression) throws(PythonSyntaxError) -> Pattern {
        advance()
        var patterns: [Pattern] = []
        var names: [String] = []
        var keywordPatterns: [Pattern] = []
        while kind != .rpar {
            if kind == .name && peekKind() == .equal {
                let nameToken = advance()
                names.append(identifier(nameToken))
                advance()
                keywordPatterns.append(try parsePattern())
            } else {
                if !names.isEmpty { throw error("positional patterns follow keyword patterns", at: current.location) }
                patterns.append(try parsePattern())
            }
            if !accept(.comma) { break }
        }
        try expect(.rpar, "')'")
        return Pattern(kind: .matchClass(cls, patterns: patterns, keywordNames: names, keywordPatterns: keywordPatterns),
                       location: store[cls].location)
    }
}
