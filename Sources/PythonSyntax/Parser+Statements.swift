extension Parser {
    mutating func parseFile() throws(PythonSyntaxError) -> [Statement] {
        var body: [Statement] = []
        while kind != .endMarker {
            if kind == .indent { throw error("unexpected indent", at: current.location) }
            try parseStatement(into: &body)
        }
        return body
    }

    /// One statement line; simple statements separated by `;` append several.
    mutating func parseStatement(into body: inout [Statement]) throws(PythonSyntaxError) {
        switch kind {
        case .kwDef: body.append(try parseFunctionDef(decorators: [], asyncLocation: nil))
        case .kwClass: body.append(try parseClassDef(decorators: []))
        case .at: body.append(try parseDecorated())
        case .kwIf: body.append(try parseIf())
        case .kwWhile: body.append(try parseWhile())
        case .kwFor: body.append(try parseFor(asyncLocation: nil))
        case .kwTry: body.append(try parseTry())
        case .kwWith: body.append(try parseWith(asyncLocation: nil))
        case .kwAsync:
            let location = advance().location
            switch kind {
            case .kwDef: body.append(try parseFunctionDef(decorators: [], asyncLocation: location))
            case .kwFor: body.append(try parseFor(asyncLocation: location))
            case .kwWith: body.append(try parseWith(asyncLocation: location))
            default: throw expected("'def', 'for' or 'with' after 'async'")
            }
        case .name where isName(current, "match"):
            if let statement = try parseMatchIfPresent() {
                body.append(statement)
            } else {
                try parseSimpleStatements(into: &body)
            }
        default:
            try parseSimpleStatements(into: &body)
        }
    }

    mutating func parseSimpleStatements(into body: inout [Statement]) throws(PythonSyntaxError) {
        while true {
            body.append(try parseSimpleStatement())
            if accept(.semi) {
                if kind == .newline { break }
                continue
            }
            break
        }
        if kind != .newline { throw invalidSyntax() }
        advance()
    }

    /// A block after `:`: either statements on the same line, or NEWLINE INDENT … DEDENT.
    mutating func parseBlock(after construct: String, line: Int) throws(PythonSyntaxError) -> [Statement] {
        try enter()
        defer { leave() }
        var body: [Statement] = []
        if accept(.newline) {
            guard accept(.indent) else {
                throw error("expected an indented block after \(construct) on line \(line)", at: current.location)
            }
            while kind != .dedent && kind != .endMarker {
                try parseStatement(into: &body)
            }
            _ = accept(.dedent)
        } else {
            try parseSimpleStatements(into: &body)
        }
        return body
    }

    mutating func parseSimpleStatement() throws(PythonSyntaxError) -> Statement {
        let start = current
        let location = start.location
        switch kind {
        case .kwPass: advance(); return Statement(.pass, at: location)
        case .kwBreak: advance(); return Statement(.break, at: location)
        case .kwContinue: advance(); return Statement(.continue, at: location)
        case .kwReturn:
            advance()
            let value = atEndOfSimpleStatement ? nil : try parseStarExpressions()
            return Statement(.return(value), at: location)
        case .kwRaise:
            advance()
            if atEndOfSimpleStatement { return Statement(.raise(exception: nil, cause: nil), at: location) }
            let exception = try parseExpression()
            let cause = accept(.kwFrom) ? try parseExpression() : nil
            return Statement(.raise(exception: exception, cause: cause), at: location)
        case .kwGlobal, .kwNonlocal:
            advance()
            var names: [String] = []
            repeat { names.append(try expectName("a name").0) } while accept(.comma)
            return Statement(start.kind == .kwGlobal ? .global(names) : .nonlocal(names), at: location)
        case .kwDel:
            advance()
            var targets: [Expression] = []
            repeat {
                if atEndOfSimpleStatement { break }
                let target = try parseBitwiseOrOrStar()
                targets.append(try asTarget(target, .del))
            } while accept(.comma)
            if targets.isEmpty { throw expected("a target to delete") }
            return Statement(.delete(targets), at: location)
        case .kwAssert:
            advance()
            let test = try parseExpression()
            let message = accept(.comma) ? try parseExpression() : nil
            return Statement(.assert(test: test, message: message), at: location)
        case .kwImport: return try parseImport()
        case .kwFrom: return try parseImportFrom()
        default:
            return try parseExpressionStatement()
        }
    }

    var atEndOfSimpleStatement: Bool { kind == .newline || kind == .semi || kind == .endMarker }

    /// Expression statements and every form of assignment.
    mutating func parseExpressionStatement() throws(PythonSyntaxError) -> Statement {
        let startsWithParenthesis = kind == .lpar
        let location = current.location
        let first = kind == .kwYield ? try parseYieldExpression() : try parseStarExpressions()
        switch kind {
        case .colon:
            advance()
            let target = try asAnnotationTarget(first)
            let annotation = try parseExpression()
            var value: Expression?
            if accept(.equal) {
                value = kind == .kwYield ? try parseYieldExpression() : try parseStarExpressions()
            }
            var simple = false
            if case .name = store[target].kind, !startsWithParenthesis { simple = true }
            return Statement(.annAssign(target: target, annotation: annotation, value: value, simple: simple), at: location)
        case .equal:
            var targets = [first]
            var value = first
            while accept(.equal) {
                value = kind == .kwYield ? try parseYieldExpression() : try parseStarExpressions()
                targets.append(value)
            }
            targets.removeLast()
            var storeTargets: [Expression] = []
            for target in targets { storeTargets.append(try asTarget(target, .store, inAssignment: true)) }
            return Statement(.assign(targets: storeTargets, value: value), at: location)
        default:
            if let op = augmentedOperator(kind) {
                let target = try asAugmentedTarget(first)
                advance()
                let value = kind == .kwYield ? try parseYieldExpression() : try parseStarExpressions()
                return Statement(.augAssign(target: target, op, value: value), at: location)
            }
            if !atEndOfSimpleStatement {
                if case .name(let name, _) = store[first].kind, name == "print" || name == "exec", kind == .string || kind == .name || kind == .number {
                    throw error("Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", at: store[first].location)
                }
                throw invalidSyntax()
            }
            return Statement(.expression(first), at: location)
        }
    }

    func augmentedOperator(_ k: TokenKind) -> BinaryOperator? {
        switch k {
        case .plusEqual: return .add
        case .minusEqual: return .sub
        case .starEqual: return .mult
        case .atEqual: return .matMult
        case .slashEqual: return .div
        case .percentEqual: return .mod
        case .amperEqual: return .bitAnd
        case .vbarEqual: return .bitOr
        case .circumflexEqual: return .bitXor
        case .leftShiftEqual: return .lShift
        case .rightShiftEqual: return .rShift
        case .doubleStarEqual: return .pow
        case .doubleSlashEqual: return .floorDiv
        default: return nil
        }
    }

    // MARK: - Imports

    mutating func parseDottedName() throws(PythonSyntaxError) -> String {
        var name = try expectName("a module name").0
        while accept(.dot) { name += "." + (try expectName("a name after '.'").0) }
        return name
    }

    mutating func parseImport() throws(PythonSyntaxError) -> Statement {
        let location = advance().location
        var names: [Alias] = []
        repeat {
            let aliasLocation = current.location
            let name = try parseDottedName()
            let asName = accept(.kwAs) ? try expectName("a name after 'as'").0 : nil
            names.append(Alias(name: name, asName: asName, location: aliasLocation))
        } while accept(.comma)
        return Statement(.import(names), at: location)
    }

    mutating func parseImportFrom() throws(PythonSyntaxError) -> Statement {
        let location = advance().location
        var level = 0
        while true {
            if accept(.dot) { level += 1 } else if accept(.ellipsis) { level += 3 } else { break }
        }
        let module: String? = (level > 0 && kind == .kwImport) ? nil : try parseDottedName()
        try expect(.kwImport, "'import'")
        var names: [Alias] = []
        if kind == .star {
            names.append(Alias(name: "*", asName: nil, location: advance().location))
        } else {
            let parenthesized = accept(.lpar)
            repeat {
                if parenthesized && kind == .rpar && !names.isEmpty { break }
                let (name, aliasLocation) = try expectName("a name to import")
                let asName = accept(.kwAs) ? try expectName("a name after 'as'").0 : nil
                names.append(Alias(name: name, asName: asName, location: aliasLocation))
            } while accept(.comma)
            if parenthesized {
                try expect(.rpar, "')'")
            } else if tokens[index - 1].kind == .comma {
                throw error("trailing comma not allowed without surrounding parentheses", at: tokens[index - 1].location)
            }
        }
        return Statement(.importFrom(module: module, names: names, level: level), at: location)
    }

    // MARK: - Compound statements

    mutating func parseDecorated() throws(PythonSyntaxError) -> Statement {
        var decorators: [Expression] = []
        while accept(.at) {
            decorators.append(try parseNamedExpression())
            try expect(.newline, "end of line after decorator")
        }
        switch kind {
        case .kwDef: return try parseFunctionDef(decorators: decorators, asyncLocation: nil)
        case .kwClass: return try parseClassDef(decorators: decorators)
        case .kwAsync:
            let location = advance().location
            guard kind == .kwDef else { throw expected("'def'") }
            return try parseFunctionDef(decorators: decorators, asyncLocation: location)
        default: throw expected("'def' or 'class' after decorator")
        }
    }

    mutating func parseFunctionDef(decorators: [Expression], asyncLocation: SourceLocation?) throws(PythonSyntaxError) -> Statement {
        let defToken = advance()
        let (name, _) = try expectName("a function name")
        try expect(.lpar, "'('")
        let arguments = try parseParameters(closing: .rpar, allowAnnotations: true)
        try expect(.rpar, "')'")
        let returns = accept(.rarrow) ? try parseExpression() : nil
        try expect(.colon, "':'")
        let body = try parseBlock(after: "function definition", line: Int(defToken.line))
        let definition = FunctionDefinition(name: name, arguments: arguments, body: body, decorators: decorators,
                                            returns: returns, isAsync: asyncLocation != nil)
        return Statement(.functionDef(definition), at: asyncLocation ?? defToken.location)
    }

    mutating func parseClassDef(decorators: [Expression]) throws(PythonSyntaxError) -> Statement {
        let classToken = advance()
        let (name, _) = try expectName("a class name")
        var bases: [Expression] = []
        var keywords: [Keyword] = []
        if kind == .lpar {
            let open = advance()
            let (baseList, keywordList) = try parseCallArguments(open: open, allowGenerator: false)
            bases = Array(store[baseList])
            keywords = Array(store[keywordList])
        }
        try expect(.colon, "':'")
        let body = try parseBlock(after: "class definition", line: Int(classToken.line))
        let definition = ClassDefinition(name: name, bases: bases, keywords: keywords, body: body,
                                         decorators: decorators)
        return Statement(.classDef(definition), at: classToken.location)
    }

    mutating func parseIf() throws(PythonSyntaxError) -> Statement {
        let ifToken = advance()
        let test = try parseNamedExpression()
        try expect(.colon, "':'")
        let body = try parseBlock(after: "'if' statement", line: Int(ifToken.line))
        return Statement(.if(test: test, body: body, orElse: try parseElifOrElse()), at: ifToken.location)
    }

    private mutating func parseElifOrElse() throws(PythonSyntaxError) -> [Statement] {
        if kind == .kwElif {
            let elifToken = advance()
            let test = try parseNamedExpression()
            try expect(.colon, "':'")
            let body = try parseBlock(after: "'elif' statement", line: Int(elifToken.line))
            return [Statement(.if(test: test, body: body, orElse: try parseElifOrElse()), at: elifToken.location)]
        }
        return try parseElse()
    }

    private mutating func parseElse() throws(PythonSyntaxError) -> [Statement] {
        guard kind == .kwElse else { return [] }
        let elseToken = advance()
        try expect(.colon, "':'")
        return try parseBlock(after: "'else' statement", line: Int(elseToken.line))
    }

    mutating func parseWhile() throws(PythonSyntaxError) -> Statement {
        let whileToken = advance()
        let test = try parseNamedExpression()
        try expect(.colon, "':'")
        let body = try parseBlock(after: "'while' statement", line: Int(whileToken.line))
        return Statement(.while(test: test, body: body, orElse: try parseElse()), at: whileToken.location)
    }

    mutating func parseFor(asyncLocation: SourceLocation?) throws(PythonSyntaxError) -> Statement {
        let forToken = advance()
        let target = try parseTargetList()
        try expect(.kwIn, "'in'")
        let iter = try parseStarExpressions()
        try expect(.colon, "':'")
        let body = try parseBlock(after: "'for' statement", line: Int(forToken.line))
        return Statement(.for(target: target, iter: iter, body: body, orElse: try parseElse(), isAsync: asyncLocation != nil),
                         at: asyncLocation ?? forToken.location)
    }

    mutating func parseWith(asyncLocation: SourceLocation?) throws(PythonSyntaxError) -> Statement {
        let withToken = advance()
        var items: [WithItem] = []
        // `with (a as b, c):` is a parenthesized item list; `with (a, b) as c:` is not. Try the first.
        if kind == .lpar {
            let saved = index
            let pendingMark = store.pending.count
            do throws(PythonSyntaxError) {
                advance()
                var list: [WithItem] = []
                repeat {
                    if kind == .rpar && !list.isEmpty { break }
                    list.append(try parseWithItem())
                } while accept(.comma)
                try expect(.rpar, "')'")
                guard kind == .colon else { throw invalidSyntax() }
                items = list
            } catch {
                index = saved
                store.pending.removeSubrange(pendingMark...)
                items = []
            }
        }
        if items.isEmpty {
            repeat { items.append(try parseWithItem()) } while accept(.comma)
        }
        try expect(.colon, "':'")
        let body = try parseBlock(after: "'with' statement", line: Int(withToken.line))
        return Statement(.with(items: items, body: body, isAsync: asyncLocation != nil), at: asyncLocation ?? withToken.location)
    }

    private mutating func parseWithItem() throws(PythonSyntaxError) -> WithItem {
        let expression = try parseExpression()
        var vars: Expression?
        if accept(.kwAs) {
            vars = try asTarget(try parseStarTarget(), .store)
        }
        return WithItem(contextExpression: expression, optionalVars: vars)
    }

    mutating func parseTry() throws(PythonSyntaxError) -> Statement {
        let tryToken = advance()
        try expect(.colon, "':'")
        let body = try parseBlock(after: "'try' statement", line: Int(tryToken.line))
        var handlers: [ExceptHandler] = []
        var isStar: Bool?
        while kind == .kwExcept {
            let exceptToken = advance()
            let star = accept(.star)
            if let previous = isStar, previous != star {
                throw error("cannot have both 'except' and 'except*' on the same 'try'", at: exceptToken.location)
            }
            isStar = star
            var type: Expression?
            var name: String?
            if kind != .colon {
                type = try parseExpression()
                if kind == .comma {
                    // `except A, B:` is Python 2; Python 3 wants a tuple.
                    throw error("multiple exception types must be parenthesized", at: store[type!].location)
                }
                if accept(.kwAs) { name = try expectName("a name after 'as'").0 }
            } else if star {
                throw error("expected one or more exception types", at: current.location)
            }
            try expect(.colon, "':'")
            let handlerBody = try parseBlock(after: "'except' statement", line: Int(exceptToken.line))
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, location: exceptToken.location))
        }
        let orElse = handlers.isEmpty ? [] : try parseElse()
        var finalBody: [Statement] = []
        if kind == .kwFinally {
            let finallyToken = advance()
            try expect(.colon, "':'")
            finalBody = try parseBlock(after: "'finally' statement", line: Int(finallyToken.line))
        }
        if handlers.isEmpty && finalBody.isEmpty {
            throw error("expected 'except' or 'finally' block", at: current.location)
        }
        return Statement(.try(body: body, handlers: handlers, orElse: orElse, finalBody: finalBody, isStar: isStar ?? false),
                         at: tryToken.location)
    }
}
