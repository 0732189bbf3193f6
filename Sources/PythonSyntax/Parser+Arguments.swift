extension Parser {
    /// The arguments of a call or class definition after its `(`, through the closing `)`.
    mutating func parseCallArguments(open: Token, allowGenerator: Bool) throws(PythonSyntaxError) -> (ExpressionList, KeywordList) {
        try enter()
        defer { leave() }
        let argumentsMark = store.pending.count
        let keywordsMark = store.pendingKeywords.count
        var sawKeyword = false
        var sawDoubleStar = false
        var count = 0
        var generatorLocation: SourceLocation?
        while kind != .rpar {
            count += 1
            let location = current.location
            if accept(.star) {
                if sawDoubleStar {
                    throw error("iterable argument unpacking follows keyword argument unpacking", at: location)
                }
                let value = make(.starred(try parseExpression(), .load), at: location)
                store.pending.append(value)
            } else if accept(.doubleStar) {
                sawDoubleStar = true
                let value = try parseExpression()
                store.pendingKeywords.append(Keyword(name: nil, value: value, location: location))
            } else if kind == .name && peekKind() == .equal {
                let nameToken = advance()
                advance()
                sawKeyword = true
                let value = try parseExpression()
                store.pendingKeywords.append(Keyword(name: identifier(nameToken), value: value, location: location))
            } else if (kind == .kwTrue || kind == .kwFalse || kind == .kwNone) && peekKind() == .equal {
                throw error("cannot assign to \(text(current))", at: location)
            } else {
                var value = try parseNamedExpression()
                if kind == .equal {
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?", at: store[value].location)
                }
                if kind == .kwFor || kind == .kwAsync {
                    let generators = try parseComprehensionClauses()
                    generatorLocation = store[value].location
                    // A lone generator argument takes the call's parentheses as its own.
                    let isOnly = count == 1 && kind == .rpar
                    value = make(.generatorExp(value, generators), at: isOnly ? open.location : location)
                    if !allowGenerator { throw error("invalid syntax: a class's bases cannot be a generator", at: store[value].location) }
                }
                if sawDoubleStar {
                    throw error("positional argument follows keyword argument unpacking", at: store[value].location)
                }
                if sawKeyword {
                    throw error("positional argument follows keyword argument", at: store[value].location)
                }
                store.pending.append(value)
            }
            if !accept(.comma) { break }
        }
        if let location = generatorLocation, count > 1 {
            throw error("Generator expression must be parenthesized", at: location)
        }
        try expect(.rpar, "')'")
        return (store.commitList(from: argumentsMark), store.commitKeywords(from: keywordsMark))
    }

    /// Parameters of a `def` (closing `)`, annotations allowed) or a `lambda` (closing `:`).
    mutating func parseParameters(closing: TokenKind, allowAnnotations: Bool) throws(PythonSyntaxError) -> ParameterList {
        var arguments = ParameterList()
        var positional: [Parameter] = []
        var defaults: [Expression] = []
        var sawSlash = false
        var sawStar = false
        var sawDefault = false

        func parseParameter(_ parser: inout Parser, annotationAllowsStar: Bool = false) throws(PythonSyntaxError) -> Parameter {
            let (name, location) = try parser.expectName("a parameter name")
            var annotation: Expression?
            if allowAnnotations && parser.accept(.colon) {
                annotation = annotationAllowsStar ? try parser.parseStarExpression() : try parser.parseExpression()
            }
            return Parameter(name: name, annotation: annotation, location: location)
        }

        while kind != closing {
            let location = current.location
            if accept(.slash) {
                if sawSlash || sawStar || positional.isEmpty {
                    throw error(positional.isEmpty ? "at least one argument must precede /" : "/ must be ahead of *", at: location)
                }
                sawSlash = true
                arguments.positionalOnly = positional
                positional = []
            } else if accept(.star) {
                if sawStar { throw error("* argument may appear only once", at: location) }
                sawStar = true
                if kind == .comma || kind == closing {
                    if kind == closing || peekKind() == .doubleStar || peekKind() == closing {
                        throw error("named arguments must follow bare *", at: location)
                    }
                } else {
                    arguments.vararg = try parseParameter(&self, annotationAllowsStar: true)
                }
            } else if accept(.doubleStar) {
                arguments.kwarg = try parseParameter(&self)
                if accept(.equal) { throw error("var-keyword argument cannot have default value", at: current.location) }
                _ = accept(.comma)
                if kind != closing { throw error("arguments cannot follow var-keyword argument", at: current.location) }
                break
            } else {
                let parameter = try parseParameter(&self)
                var defaultValue: Expression?
                if accept(.equal) { defaultValue = try parseExpression() }
                if sawStar {
                    arguments.keywordOnly.append(parameter)
                    arguments.keywordDefaults.append(defaultValue)
                } else {
                    if let value = defaultValue {
                        sawDefault = true
                        defaults.append(value)
                    } else if sawDefault {
                        throw error("non-default argument follows default argument", at: parameter.location)
                    }
                    positional.append(parameter)
                }
            }
            if !accept(.comma) { break }
        }
        arguments.args = positional
        arguments.defaults = defaults
        return arguments
    }
}
