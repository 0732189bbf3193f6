/// Assignment, deletion and augmented-assignment targets: which expressions may be assigned
/// to, CPython's messages for those that may not, and the Store/Del contexts.
extension Parser {
    /// Checks that `expression` can be assigned to (or deleted) and sets its context, in place.
    @discardableResult
    mutating func asTarget(_ expression: Expression, _ context: ExpressionContext, inAssignment: Bool = false) throws(PythonSyntaxError) -> Expression {
        switch store[expression].kind {
        case .name(let id, _):
            store[expression].kind = .name(id, context)
        case .attribute(let value, let attr, _):
            store[expression].kind = .attribute(value, attr, context)
        case .subscript(let value, let slice, _):
            store[expression].kind = .subscript(value, slice, context)
        case .starred(let value, _) where context == .store:
            try asTarget(value, context, inAssignment: inAssignment)
            store[expression].kind = .starred(value, context)
        case .tuple(let elements, _):
            for element in store[elements] { try asTarget(element, context, inAssignment: inAssignment) }
            store[expression].kind = .tuple(elements, context)
        case .list(let elements, _):
            for element in store[elements] { try asTarget(element, context, inAssignment: inAssignment) }
            store[expression].kind = .list(elements, context)
        default:
            let what = targetDescription(expression)
            if context == .del { throw error("cannot delete \(what)", at: store[expression].location) }
            let hint = inAssignment && isComparisonLike(expression) == false && what != "literal" && !what.hasPrefix("True") && !what.hasPrefix("False") && !what.hasPrefix("None")
                ? " here. Maybe you meant '==' instead of '='?" : ""
            throw error("cannot assign to \(what)\(hint)", at: store[expression].location)
        }
        return expression
    }

    private func isComparisonLike(_ expression: Expression) -> Bool {
        if case .compare = store[expression].kind { return true }
        return false
    }

    mutating func asAugmentedTarget(_ expression: Expression) throws(PythonSyntaxError) -> Expression {
        switch store[expression].kind {
        case .name, .attribute, .subscript:
            return try asTarget(expression, .store)
        default:
            throw error("'\(illegalAugmentedName(expression))' is an illegal expression for augmented assignment", at: store[expression].location)
        }
    }

    mutating func asAnnotationTarget(_ expression: Expression) throws(PythonSyntaxError) -> Expression {
        switch store[expression].kind {
        case .name, .attribute, .subscript:
            return try asTarget(expression, .store)
        case .tuple:
            throw error("only single target (not tuple) can be annotated", at: store[expression].location)
        case .list:
            throw error("only single target (not list) can be annotated", at: store[expression].location)
        default:
            throw error("illegal target for annotation", at: store[expression].location)
        }
    }

    private func illegalAugmentedName(_ expression: Expression) -> String {
        switch store[expression].kind {
        case .list: return "list"
        case .tuple: return "tuple"
        case .constant(.none, _): return "None"
        case .constant(.true, _): return "True"
        case .constant(.false, _): return "False"
        default: return targetDescription(expression)
        }
    }

    /// CPython's words for an expression that cannot be a target.
    func targetDescription(_ expression: Expression) -> String {
        switch store[expression].kind {
        case .call: return "function call"
        case .constant(.none, _): return "None"
        case .constant(.true, _): return "True"
        case .constant(.false, _): return "False"
        case .constant(.ellipsis, _): return "ellipsis"
        case .constant, .joinedStr: return "literal"
        case .compare: return "comparison"
        case .lambda: return "lambda"
        case .ifExp: return "conditional expression"
        case .namedExpr: return "named expression"
        case .await: return "await expression"
        case .yield, .yieldFrom: return "yield expression"
        case .listComp: return "list comprehension"
        case .setComp: return "set comprehension"
        case .dictComp: return "dict comprehension"
        case .generatorExp: return "generator expression"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .starred: return "starred"
        case .formattedValue: return "f-string expression"
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .name: return "name"
        case .list: return "list"
        case .tuple: return "tuple"
        case .slice: return "slice"
        case .boolOp, .binOp, .unaryOp: return "expression"
        }
    }
}
