extension Parser {
    /// `star_expressions`: one expression, or a tuple when commas follow.
    mutating func parseStarExpressions() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseStarExpression()
        guard kind == .comma else { return first }
        var elements = [first]
        while accept(.comma) {
            if !startsExpression(kind) { break }
            elements.append(try parseStarExpression())
        }
        return Expression(.tuple(elements, .load), at: start)
    }

    mutating func parseStarExpression() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return Expression(.starred(try parseBitwiseOr(), .load), at: location)
        }
        return try parseExpression()
    }

    /// `star_named_expression`, the elements of list, tuple and set displays.
    mutating func parseStarNamedExpression() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return Expression(.starred(try parseBitwiseOr(), .load), at: location)
        }
        return try parseNamedExpression()
    }

    func startsExpression(_ k: TokenKind) -> Bool {
        switch k {
        case .name, .number, .string, .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .star, .ellipsis,
             .kwNot, .kwLambda, .kwAwait, .kwNone, .kwTrue, .kwFalse, .kwYield, .doubleStar:
            return true
        default:
            return false
        }
    }

    /// `named_expression`: `NAME := expression` or an expression.
    mutating func parseNamedExpression() throws(PythonSyntaxError) -> Expression {
        if kind == .name && peekKind() == .colonEqual {
            let nameToken = advance()
            advance()
            let value = try parseExpression()
            let target = Expression(.name(identifier(nameToken), .store), at: nameToken.location)
            return Expression(.namedExpr(target: target, value: value), at: nameToken.location)
        }
        let expression = try parseExpression()
        if kind == .colonEqual {
            throw error("cannot use assignment expressions with \(targetDescription(expression))", at: expression.location)
        }
        return expression
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction.
    mutating func parseExpression() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        if kind == .kwLambda { return try parseLambda() }
        let start = current.location
        let body = try parseDisjunction()
        guard kind == .kwIf else { return body }
        advance()
        let test = try parseDisjunction()
        guard accept(.kwElse) else {
            throw error("expected 'else' after 'if' expression", at: body.location)
        }
        let orElse = try parseExpression()
        return Expression(.ifExp(test: test, body: body, orElse: orElse), at: start)
    }

    /// An expression where a lambda's body or a comprehension's condition is expected (no conditional without parentheses).
    mutating func parseLambda() throws(PythonSyntaxError) -> Expression {
        let location = advance().location
        let arguments = try parseParameters(closing: .colon, allowAnnotations: false)
        try expect(.colon, "':'")
        let body = try parseExpression()
        return Expression(.lambda(arguments, body: body), at: location)
    }

    mutating func parseDisjunction() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseConjunction()
        guard kind == .kwOr else { return first }
        var values = [first]
        while accept(.kwOr) { values.append(try parseConjunction()) }
        return Expression(.boolOp(.or, values), at: start)
    }

    mutating func parseConjunction() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseInversion()
        guard kind == .kwAnd else { return first }
        var values = [first]
        while accept(.kwAnd) { values.append(try parseInversion()) }
        return Expression(.boolOp(.and, values), at: start)
    }

    mutating func parseInversion() throws(PythonSyntaxError) -> Expression {
        if kind == .kwNot {
            try enter()
            defer { leave() }
            let location = advance().location
            return Expression(.unaryOp(.not, try parseInversion()), at: location)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseBitwiseOr()
        var ops: [ComparisonOperator] = []
        var comparators: [Expression] = []
        while true {
            let op: ComparisonOperator?
            switch kind {
            case .equalEqual: op = .eq
            case .notEqual: op = .notEq
            case .less: op = .lt
            case .lessEqual: op = .ltE
            case .greater: op = .gt
            case .greaterEqual: op = .gtE
            case .kwIn: op = .in
            case .kwNot where peekKind() == .kwIn: op = .notIn
            case .kwIs: op = peekKind() == .kwNot ? .isNot : .is
            default: op = nil
            }
            guard let found = op else { break }
            advance()
            if found == .notIn || found == .isNot { advance() }
            ops.append(found)
            comparators.append(try parseBitwiseOr())
        }
        if ops.isEmpty { return first }
        return Expression(.compare(first, ops, comparators), at: start)
    }

    /// `bitwise_or`, or `*bitwise_or` where targets allow a star.
    mutating func parseBitwiseOrOrStar() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return Expression(.starred(try parseBitwiseOr(), .load), at: location)
        }
        return try parseBitwiseOr()
    }

    mutating func parseBitwiseOr() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseBitwiseXor()
        while kind == .vbar {
            advance()
            left = Expression(.binOp(left, .bitOr, try parseBitwiseXor()), at: start)
        }
        return left
    }

    mutating func parseBitwiseXor() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseBitwiseAnd()
        while kind == .circumflex {
            advance()
            left = Expression(.binOp(left, .bitXor, try parseBitwiseAnd()), at: start)
        }
        return left
    }

    mutating func parseBitwiseAnd() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseShift()
        while kind == .amper {
            advance()
            left = Expression(.binOp(left, .bitAnd, try parseShift()), at: start)
        }
        return left
    }

    mutating func parseShift() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseSum()
        while kind == .leftShift || kind == .rightShift {
            let op: BinaryOperator = advance().kind == .leftShift ? .lShift : .rShift
            left = Expression(.binOp(left, op, try parseSum()), at: start)
        }
        return left
    }

    mutating func parseSum() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseTerm()
        while kind == .plus || kind == .minus {
            let op: BinaryOperator = advance().kind == .plus ? .add : .sub
            left = Expression(.binOp(left, op, try parseTerm()), at: start)
        }
        return left
    }

    mutating func parseTerm() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseFactor()
        while true {
            let op: BinaryOperator
            switch kind {
            case .star: op = .mult
            case .slash: op = .div
            case .doubleSlash: op = .floorDiv
            case .percent: op = .mod
            case .at: op = .matMult
            default: return left
            }
            advance()
            left = Expression(.binOp(left, op, try parseFactor()), at: start)
        }
    }

    mutating func parseFactor() throws(PythonSyntaxError) -> Expression {
        let op: UnaryOperator
        switch kind {
        case .plus: op = .uAdd
        case .minus: op = .uSub
        case .tilde: op = .invert
        default: return try parsePower()
        }
        try enter()
        defer { leave() }
        let location = advance().location
        return Expression(.unaryOp(op, try parseFactor()), at: location)
    }

    mutating func parsePower() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let base = try parseAwaitPrimary()
        guard kind == .doubleStar else { return base }
        advance()
        return Expression(.binOp(base, .pow, try parseFactor()), at: start)
    }

    mutating func parseAwaitPrimary() throws(PythonSyntaxError) -> Expression {
        if kind == .kwAwait {
            try enter()
            defer { leave() }
            let location = advance().location
            return Expression(.await(try parsePrimary()), at: location)
        }
        return try parsePrimary()
    }

    /// `primary`: an atom followed by attribute accesses, calls and subscripts.
    mutating func parsePrimary() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var expression = try parseAtom()
        while true {
            switch kind {
            case .dot:
                advance()
                let (name, _) = try expectName("an attribute name after '.'")
                expression = Expression(.attribute(expression, name, .load), at: start)
            case .lpar:
                let open = advance()
                let (args, keywords) = try parseCallArguments(open: open, allowGenerator: true)
                expression = Expression(.call(expression, args: args, keywords: keywords), at: start)
            case .lsqb:
                advance()
                let slice = try parseSlices()
                try expect(.rsqb, "']'")
                expression = Expression(.subscript(expression, slice, .load), at: start)
            default:
                return expression
            }
        }
    }

    mutating func parseSlices() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseSlice()
        guard kind == .comma else { return first }
        var elements = [first]
        while accept(.comma) {
            if kind == .rsqb { break }
            elements.append(try parseSlice())
        }
        return Expression(.tuple(elements, .load), at: start)
    }

    private mutating func parseSlice() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return Expression(.starred(try parseBitwiseOr(), .load), at: location)
        }
        let location = current.location
        var lower: Expression?
        if kind != .colon {
            lower = try parseNamedExpression()
            if kind != .colon { return lower! }
        }
        advance()
        var upper: Expression?
        var step: Expression?
        if kind != .colon && kind != .comma && kind != .rsqb { upper = try parseExpression() }
        if accept(.colon) {
            if kind != .comma && kind != .rsqb { step = try parseExpression() }
        }
        return Expression(.slice(lower: lower, upper: upper, step: step), at: location)
    }

    mutating func parseAtom() throws(PythonSyntaxError) -> Expression {
        let token = current
        let location = token.location
        switch token.kind {
        case .name:
            advance()
            return Expression(.name(identifier(token), .load), at: location)
        case .kwTrue: advance(); return Expression(.constant(.true, kind: nil), at: location)
        case .kwFalse: advance(); return Expression(.constant(.false, kind: nil), at: location)
        case .kwNone: advance(); return Expression(.constant(.none, kind: nil), at: location)
        case .ellipsis: advance(); return Expression(.constant(.ellipsis, kind: nil), at: location)
        case .number:
            advance()
            let value: ConstantValue
            switch NumberLiteralDecoder.decode(source[Int(token.start)..<Int(token.end)]) {
            case .int(let v): value = .int(v)
            case .float(let v): value = .float(v)
            case .imaginary(let v): value = .imaginary(v)
            }
            return Expression(.constant(value, kind: nil), at: location)
        case .string:
            return try parseStrings()
        case .lpar:
            return try parseParenthesized()
        case .lsqb:
            return try parseListDisplay()
        case .lbrace:
            return try parseBraceDisplay()
        default:
            throw invalidSyntax()
        }
    }

    mutating func parseYieldExpression() throws(PythonSyntaxError) -> Expression {
        let location = advance().location
        if accept(.kwFrom) {
            return Expression(.yieldFrom(try parseExpression()), at: location)
        }
        if startsExpression(kind) && kind != .kwYield {
            return Expression(.yield(try parseStarExpressions()), at: location)
        }
        return Expression(.yield(nil), at: location)
    }

    private mutating func parseParenthesized() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        let open = advance()
        if accept(.rpar) { return Expression(.tuple([], .load), at: open.location) }
        if kind == .kwYield {
            let value = try parseYieldExpression()
            try expect(.rpar, "')'")
            return value
        }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            let generators = try parseComprehensionClauses()
            try expect(.rpar, "')'")
            return Expression(.generatorExp(first, generators), at: open.location)
        }
        if accept(.rpar) {
            if case .starred = first.kind { throw error("cannot use starred expression here", at: first.location) }
            return first
        }
        guard kind == .comma else { throw expected("')'") }
        var elements = [first]
        while accept(.comma) {
            if kind == .rpar { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rpar, "')'")
        return Expression(.tuple(elements, .load), at: open.location)
    }

    private mutating func parseListDisplay() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        let open = advance()
        if accept(.rsqb) { return Expression(.list([], .load), at: open.location) }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            let generators = try parseComprehensionClauses()
            try expect(.rsqb, "']'")
            return Expression(.listComp(first, generators), at: open.location)
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .rsqb { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rsqb, "']'")
        return Expression(.list(elements, .load), at: open.location)
    }

    private mutating func parseBraceDisplay() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        let open = advance()
        if accept(.rbrace) { return Expression(.dict(keys: [], values: []), at: open.location) }
        if kind == .doubleStar || isDictEntryStart() {
            var keys: [Expression?] = []
            var values: [Expression] = []
            repeat {
                if kind == .rbrace { break }
                if accept(.doubleStar) {
                    keys.append(nil)
                    values.append(try parseBitwiseOr())
                } else {
                    let key = try parseExpression()
                    try expect(.colon, "':'")
                    let value = try parseExpression()
                    if keys.isEmpty && (kind == .kwFor || kind == .kwAsync) {
                        let generators = try parseComprehensionClauses()
                        try expect(.rbrace, "'}'")
                        return Expression(.dictComp(key: key, value: value, generators), at: open.location)
                    }
                    keys.append(key)
                    values.append(value)
                }
            } while accept(.comma)
            try expect(.rbrace, "'}'")
            return Expression(.dict(keys: keys, values: values), at: open.location)
        }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            let generators = try parseComprehensionClauses()
            try expect(.rbrace, "'}'")
            return Expression(.setComp(first, generators), at: open.location)
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .rbrace { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rbrace, "'}'")
        return Expression(.set(elements), at: open.location)
    }

    /// Looks ahead for the `:` that makes a brace display a dict, skipping nested brackets.
    private func isDictEntryStart() -> Bool {
        var i = index
        var nesting = 0
        while i < tokens.count {
            switch tokens[i].kind {
            case .lpar, .lsqb, .lbrace: nesting += 1
            case .rpar, .rsqb: nesting -= 1
            case .rbrace:
                if nesting == 0 { return false }
                nesting -= 1
            case .colon where nesting == 0: return true
            case .comma where nesting == 0: return false
            case .kwFor where nesting == 0: return false
            case .kwLambda where nesting == 0: return false
            case .endMarker: return false
            default: break
            }
            i += 1
        }
        return false
    }

    mutating func parseComprehensionClauses() throws(PythonSyntaxError) -> [Comprehension] {
        var generators: [Comprehension] = []
        while kind == .kwFor || (kind == .kwAsync && peekKind() == .kwFor) {
            let isAsync = accept(.kwAsync)
            advance()
            let target = try parseTargetList()
            try expect(.kwIn, "'in'")
            let iter = try parseDisjunction()
            var ifs: [Expression] = []
            while accept(.kwIf) { ifs.append(try parseDisjunction()) }
            generators.append(Comprehension(target: target, iter: iter, ifs: ifs, isAsync: isAsync))
        }
        return generators
    }

    /// `star_targets` of `for` loops and comprehensions: parsed at `bitwise_or` level so `in` ends them.
    mutating func parseTargetList() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseStarTarget()
        guard kind == .comma else { return try asTarget(first, .store) }
        var elements = [first]
        while accept(.comma) {
            if kind == .kwIn || kind == .equal || kind == .colon { break }
            elements.append(try parseStarTarget())
        }
        return try asTarget(Expression(.tuple(elements, .load), at: start), .store)
    }

    mutating func parseStarTarget() throws(PythonSyntaxError) -> Expression {
        try parseBitwiseOrOrStar()
    }
}
