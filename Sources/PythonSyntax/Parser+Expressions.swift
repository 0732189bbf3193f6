extension Parser {
    /// `star_expressions`: one expression, or a tuple when commas follow.
    mutating func parseStarExpressions() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseStarExpression()
        guard kind == .comma else { return first }
        let mark = store.pending.count
        store.pending.append(first)
        while accept(.comma) {
            if !startsExpression(kind) { break }
            let element = try parseStarExpression()
            store.pending.append(element)
        }
        return make(.tuple(store.commitList(from: mark), .load), at: start)
    }

    mutating func parseStarExpression() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return make(.starred(try parseBitwiseOr(), .load), at: location)
        }
        return try parseExpression()
    }

    /// `star_named_expression`, the elements of list, tuple and set displays.
    mutating func parseStarNamedExpression() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return make(.starred(try parseBitwiseOr(), .load), at: location)
        }
        return try parseNamedExpression()
    }

    @inline(__always)
    private func isSimpleAtom(_ k: TokenKind) -> Bool {
        switch k {
        case .name, .number, .string, .kwNone, .kwTrue, .kwFalse: return true
        default: return false
        }
    }

    @inline(__always)
    private func endsExpression(_ k: TokenKind) -> Bool {
        switch k {
        case .comma, .rpar, .rsqb, .rbrace, .colon, .equal, .newline, .semi: return true
        default: return false
        }
    }

    private func rejectStarredElement(_ element: Expression) throws(PythonSyntaxError) {
        if case .starred = store[element].kind {
            throw error("iterable unpacking cannot be used in comprehension", at: store[element].location)
        }
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
            let target = make(.name(identifier(nameToken), .store), at: nameToken.location)
            return make(.namedExpr(target: target, value: value), at: nameToken.location)
        }
        let expression = try parseExpression()
        if kind == .colonEqual {
            throw error("cannot use assignment expressions with \(targetDescription(expression))", at: store[expression].location)
        }
        return expression
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction.
    mutating func parseExpression() throws(PythonSyntaxError) -> Expression {
        // Most expressions in a migration are a lone literal or name before `,` `)` `]` `}` `:` `=`:
        // skip the eleven precedence levels that would each find nothing to do.
        if isSimpleAtom(kind) && endsExpression(peekKind()) { return try parseAtom() }
        try enter()
        defer { leave() }
        if kind == .kwLambda { return try parseLambda() }
        let start = current.location
        let body = try parseDisjunction()
        guard kind == .kwIf else { return body }
        advance()
        let test = try parseDisjunction()
        guard accept(.kwElse) else {
            throw error("expected 'else' after 'if' expression", at: store[body].location)
        }
        let orElse = try parseExpression()
        return make(.ifExp(test: test, body: body, orElse: orElse), at: start)
    }

    /// An expression where a lambda's body or a comprehension's condition is expected (no conditional without parentheses).
    mutating func parseLambda() throws(PythonSyntaxError) -> Expression {
        let location = advance().location
        let arguments = try parseParameters(closing: .colon, allowAnnotations: false)
        try expect(.colon, "':'")
        let body = try parseExpression()
        return make(.lambda(arguments, body: body), at: location)
    }

    mutating func parseDisjunction() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseConjunction()
        guard kind == .kwOr else { return first }
        let mark = store.pending.count
        store.pending.append(first)
        while accept(.kwOr) {
            let element = try parseConjunction()
            store.pending.append(element)
        }
        return make(.boolOp(.or, store.commitList(from: mark)), at: start)
    }

    mutating func parseConjunction() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseInversion()
        guard kind == .kwAnd else { return first }
        let mark = store.pending.count
        store.pending.append(first)
        while accept(.kwAnd) {
            let element = try parseInversion()
            store.pending.append(element)
        }
        return make(.boolOp(.and, store.commitList(from: mark)), at: start)
    }

    mutating func parseInversion() throws(PythonSyntaxError) -> Expression {
        if kind == .kwNot {
            try enter()
            defer { leave() }
            let location = advance().location
            return make(.unaryOp(.not, try parseInversion()), at: location)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseBitwiseOr()
        var ops: [ComparisonOperator] = []
        let mark = store.pending.count
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
            let comparator = try parseBitwiseOr()
            store.pending.append(comparator)
        }
        if ops.isEmpty { return first }
        return make(.compare(first, ops, store.commitList(from: mark)), at: start)
    }

    /// `bitwise_or`, or `*bitwise_or` where targets allow a star.
    mutating func parseBitwiseOrOrStar() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return make(.starred(try parseBitwiseOr(), .load), at: location)
        }
        return try parseBitwiseOr()
    }

    /// `bitwise_or` and every binary operator below it, by precedence climbing: one loop
    /// instead of six nested rules, all left-associative.
    mutating func parseBitwiseOr() throws(PythonSyntaxError) -> Expression {
        try parseBinary(minimumPrecedence: 1)
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(PythonSyntaxError) -> Expression {
        let start = current.location
        var left = try parseFactor()
        while let (op, precedence) = Parser.binaryOperator(kind), precedence >= minimumPrecedence {
            advance()
            let right = try parseBinary(minimumPrecedence: precedence + 1)
            left = make(.binOp(left, op, right), at: start)
        }
        return left
    }

    @inline(__always)
    private static func binaryOperator(_ k: TokenKind) -> (BinaryOperator, Int)? {
        switch k {
        case .vbar: return (.bitOr, 1)
        case .circumflex: return (.bitXor, 2)
        case .amper: return (.bitAnd, 3)
        case .leftShift: return (.lShift, 4)
        case .rightShift: return (.rShift, 4)
        case .plus: return (.add, 5)
        case .minus: return (.sub, 5)
        case .star: return (.mult, 6)
        case .slash: return (.div, 6)
        case .doubleSlash: return (.floorDiv, 6)
        case .percent: return (.mod, 6)
        case .at: return (.matMult, 6)
        default: return nil
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
        return make(.unaryOp(op, try parseFactor()), at: location)
    }

    mutating func parsePower() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let base = try parseAwaitPrimary()
        guard kind == .doubleStar else { return base }
        advance()
        return make(.binOp(base, .pow, try parseFactor()), at: start)
    }

    mutating func parseAwaitPrimary() throws(PythonSyntaxError) -> Expression {
        if kind == .kwAwait {
            try enter()
            defer { leave() }
            let location = advance().location
            return make(.await(try parsePrimary()), at: location)
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
                expression = make(.attribute(expression, name, .load), at: start)
            case .lpar:
                let open = advance()
                let (args, keywords) = try parseCallArguments(open: open, allowGenerator: true)
                expression = make(.call(expression, args: args, keywords: keywords), at: start)
            case .lsqb:
                advance()
                let slice = try parseSlices()
                try expect(.rsqb, "']'")
                expression = make(.subscript(expression, slice, .load), at: start)
            default:
                return expression
            }
        }
    }

    mutating func parseSlices() throws(PythonSyntaxError) -> Expression {
        let start = current.location
        let first = try parseSlice()
        // A lone `*x` is not a slice: CPython reads `a[*b]` as a one-element tuple (PEP 646).
        if kind != .comma, case .starred = store[first].kind {
            return make(.tuple(store.list([first]), .load), at: start)
        }
        guard kind == .comma else { return first }
        let mark = store.pending.count
        store.pending.append(first)
        while accept(.comma) {
            if kind == .rsqb { break }
            let element = try parseSlice()
            store.pending.append(element)
        }
        return make(.tuple(store.commitList(from: mark), .load), at: start)
    }

    private mutating func parseSlice() throws(PythonSyntaxError) -> Expression {
        if kind == .star {
            let location = advance().location
            return make(.starred(try parseBitwiseOr(), .load), at: location)
        }
        let location = current.location
        var lower: Expression?
        if kind != .colon {
            lower = try parseNamedExpression()
            if kind != .colon { return lower! }
            if case .namedExpr = store[lower!].kind {
                throw error("invalid syntax: an assignment expression needs parentheses as a slice bound", at: current.location)
            }
        }
        advance()
        var upper: Expression?
        var step: Expression?
        if kind != .colon && kind != .comma && kind != .rsqb { upper = try parseExpression() }
        if accept(.colon) {
            if kind != .comma && kind != .rsqb { step = try parseExpression() }
        }
        return make(.slice(lower: lower, upper: upper, step: step), at: location)
    }

    mutating func parseAtom() throws(PythonSyntaxError) -> Expression {
        let token = current
        let location = token.location
        switch token.kind {
        case .name:
            advance()
            return make(.name(identifier(token), .load), at: location)
        case .kwTrue: advance(); return make(.constant(.true, kind: nil), at: location)
        case .kwFalse: advance(); return make(.constant(.false, kind: nil), at: location)
        case .kwNone: advance(); return make(.constant(.none, kind: nil), at: location)
        case .ellipsis: advance(); return make(.constant(.ellipsis, kind: nil), at: location)
        case .number:
            advance()
            let value: ConstantValue
            let decoded: NumberLiteralValue
            do {
                decoded = try NumberLiteralDecoder.decode(source[Int(token.start)..<Int(token.end)])
            } catch {
                throw PythonSyntaxError(error.message, at: location)
            }
            switch decoded {
            case .int(let v): value = .int(v)
            case .float(let v): value = .float(v)
            case .imaginary(let v): value = .imaginary(v)
            }
            return make(.constant(value, kind: nil), at: location)
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
            return make(.yieldFrom(try parseExpression()), at: location)
        }
        if startsExpression(kind) && kind != .kwYield {
            return make(.yield(try parseStarExpressions()), at: location)
        }
        return make(.yield(nil), at: location)
    }

    private mutating func parseParenthesized() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        let open = advance()
        if accept(.rpar) { return make(.tuple(.empty, .load), at: open.location) }
        if kind == .kwYield {
            let value = try parseYieldExpression()
            try expect(.rpar, "')'")
            return value
        }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            try rejectStarredElement(first)
            let generators = try parseComprehensionClauses()
            try expect(.rpar, "')'")
            return make(.generatorExp(first, generators), at: open.location)
        }
        if accept(.rpar) {
            if case .starred = store[first].kind { throw error("cannot use starred expression here", at: store[first].location) }
            return first
        }
        guard kind == .comma else { throw expected("')'") }
        return make(.tuple(try parseDisplayElements(after: first, closer: .rpar, "')'"), .load), at: open.location)
    }

    private mutating func parseListDisplay() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        let open = advance()
        if accept(.rsqb) { return make(.list(.empty, .load), at: open.location) }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            try rejectStarredElement(first)
            let generators = try parseComprehensionClauses()
            try expect(.rsqb, "']'")
            return make(.listComp(first, generators), at: open.location)
        }
        return make(.list(try parseDisplayElements(after: first, closer: .rsqb, "']'"), .load), at: open.location)
    }

    private mutating func parseBraceDisplay() throws(PythonSyntaxError) -> Expression {
        try enter()
        defer { leave() }
        let open = advance()
        if accept(.rbrace) { return make(.dict(keys: .empty, values: .empty), at: open.location) }
        if kind == .doubleStar || isDictEntryStart() {
            var keys: [Expression] = []
            var values: [Expression] = []
            repeat {
                if kind == .rbrace { break }
                if accept(.doubleStar) {
                    keys.append(.noKey)
                    values.append(try parseBitwiseOr())
                    if keys.count == 1 && (kind == .kwFor || kind == .kwAsync) {
                        throw error("dict unpacking cannot be used in dict comprehension", at: open.location)
                    }
                } else {
                    let key = try parseExpression()
                    try expect(.colon, "':'")
                    let value = try parseExpression()
                    if keys.isEmpty && (kind == .kwFor || kind == .kwAsync) {
                        let generators = try parseComprehensionClauses()
                        try expect(.rbrace, "'}'")
                        return make(.dictComp(key: key, value: value, generators), at: open.location)
                    }
                    keys.append(key)
                    values.append(value)
                }
            } while accept(.comma)
            try expect(.rbrace, "'}'")
            return make(.dict(keys: store.list(keys), values: store.list(values)), at: open.location)
        }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            try rejectStarredElement(first)
            let generators = try parseComprehensionClauses()
            try expect(.rbrace, "'}'")
            return make(.setComp(first, generators), at: open.location)
        }
        return make(.set(try parseDisplayElements(after: first, closer: .rbrace, "'}'")), at: open.location)
    }

    /// The rest of a tuple, list or set display after its first element, through `closer`.
    private mutating func parseDisplayElements(after first: Expression, closer: TokenKind, _ what: String) throws(PythonSyntaxError) -> ExpressionList {
        let mark = store.pending.count
        store.pending.append(first)
        while accept(.comma) {
            if kind == closer { break }
            let element = try parseStarNamedExpression()
            store.pending.append(element)
        }
        try expect(closer, what)
        return store.commitList(from: mark)
    }

    /// Looks ahead for the `:` that makes a brace display a dict, skipping nested brackets.
    private func isDictEntryStart() -> Bool {
        var i = index
        var nesting = 0
        // Each `lambda` takes the next colon for itself: `{lambda: a: b}` is a dict.
        var lambdaColons = 0
        while i < tokens.count {
            switch tokens[i].kind {
            case .lpar, .lsqb, .lbrace: nesting += 1
            case .rpar, .rsqb: nesting -= 1
            case .rbrace:
                if nesting == 0 { return false }
                nesting -= 1
            case .colon where nesting == 0:
                if lambdaColons == 0 { return true }
                lambdaColons -= 1
            case .comma where nesting == 0 && lambdaColons == 0: return false
            case .kwFor where nesting == 0: return false
            case .kwLambda where nesting == 0: lambdaColons += 1
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
        let mark = store.pending.count
        store.pending.append(first)
        while accept(.comma) {
            if kind == .kwIn || kind == .equal || kind == .colon { break }
            let element = try parseStarTarget()
            store.pending.append(element)
        }
        let tuple = make(.tuple(store.commitList(from: mark), .load), at: start)
        return try asTarget(tuple, .store)
    }

    mutating func parseStarTarget() throws(PythonSyntaxError) -> Expression {
        try parseBitwiseOrOrStar()
    }
}
