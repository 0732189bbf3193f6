import PythonSyntax

/// One step of CONTRACT.md §5's canonical form: what an expression is, with its children left
/// as expressions of the same store. `PythonValue.kind` and the dump's JSON writer both read
/// expressions through this one function, so the canonical rules live in one place.
public enum CanonicalForm {
    case none
    case bool(Bool)
    case string(ArraySlice<UInt8>)
    case bytes(ArraySlice<UInt8>)
    case int(PythonInt)
    case float(Double)
    case list(ExpressionList)
    case tuple(ExpressionList)
    case set(ExpressionList)
    /// `keys` holds `Expression.noKey` for `**mapping` entries.
    case dict(keys: ExpressionList, values: ExpressionList)
    /// A name or an attribute chain that ends in a name; `dottedName(_:in:)` spells it.
    case name(Expression)
    case attribute(Expression, String)
    case call(Expression, arguments: ExpressionList, keywords: KeywordList)
    /// A literal f-string: its parts are all constant strings, to be joined.
    case joinedLiteral(ExpressionList)
    case opaque(String)

    public init(_ expression: Expression, in store: ExpressionStore) {
        switch store[expression].kind {
        case .constant(let constant, _):
            switch constant {
            case .none: self = .none
            case .true: self = .bool(true)
            case .false: self = .bool(false)
            case .string(let bytes): self = .string(bytes)
            case .bytes(let bytes): self = .bytes(bytes)
            case .int(let v): self = .int(v)
            case .float(let v): self = .float(v)
            case .imaginary, .ellipsis: self = .opaque("Constant")
            }
        case .unaryOp(.uSub, let operand):
            if case .constant(.int(let v), _) = store[operand].kind {
                self = .int(v.negated)
            } else if case .constant(.float(let v), _) = store[operand].kind {
                self = .float(-v)
            } else {
                self = .opaque("UnaryOp")
            }
        case .list(let elements, _): self = .list(elements)
        case .tuple(let elements, _): self = .tuple(elements)
        case .set(let elements): self = .set(elements)
        case .dict(let keys, let values): self = .dict(keys: keys, values: values)
        case .name: self = .name(expression)
        case .attribute(let value, let attribute, _):
            self = CanonicalForm.isDottedName(value, in: store) ? .name(expression) : .attribute(value, attribute)
        case .call(let function, let args, let keywords):
            self = .call(function, arguments: args, keywords: keywords)
        case .joinedStr(let parts):
            let literal = store[parts].allSatisfy {
                if case .constant(.string, _) = store[$0].kind { return true }
                return false
            }
            self = literal ? .joinedLiteral(parts) : .opaque("JoinedStr")
        case let other:
            self = .opaque(other.className)
        }
    }

    /// Whether an element of a container or call is a `*x`, which stays opaque.
    public static func isStarred(_ expression: Expression, in store: ExpressionStore) -> Bool {
        if case .starred = store[expression].kind { return true }
        return false
    }

    static func isDottedName(_ expression: Expression, in store: ExpressionStore) -> Bool {
        switch store[expression].kind {
        case .name: return true
        case .attribute(let value, _, _): return isDottedName(value, in: store)
        default: return false
        }
    }

    /// `a.b.c` for a `.name` form.
    public static func dottedName(_ expression: Expression, in store: ExpressionStore) -> String {
        switch store[expression].kind {
        case .name(let id, _): return id
        case .attribute(let value, let attribute, _): return dottedName(value, in: store) + "." + attribute
        default: return ""
        }
    }

    /// The text of a `.joinedLiteral` form.
    public static func joinedText(_ parts: ExpressionList, in store: ExpressionStore) -> [UInt8] {
        var text: [UInt8] = []
        for part in store[parts] {
            if case .constant(.string(let bytes), _) = store[part].kind { text += bytes }
        }
        return text
    }
}
