import PythonSyntax

/// A Python expression as the migration model sees it: literals, names, containers and calls
/// are typed; anything else is kept opaque, with the CPython class name of its node. This is
/// the "canonical form" of ../shared/tools/CONTRACT.md §5, with a source position on every value.
public struct PythonValue: Sendable {
    public var kind: Kind
    public var location: SourceLocation

    public indirect enum Kind: Sendable {
        case none
        case bool(Bool)
        /// A `str`, as generalized UTF-8 (lone surrogates from escapes are kept).
        case string([UInt8])
        case bytes([UInt8])
        case int(PythonInt)
        case float(Double)
        case list([PythonValue])
        case tuple([PythonValue])
        case set([PythonValue])
        /// A nil key is a `**mapping` entry.
        case dict([DictEntry])
        /// A name or a dotted chain of attributes on a name: `models.CharField`.
        case name(String)
        /// An attribute of something that is not a name: `f().x`.
        case attribute(PythonValue, String)
        case call(function: PythonValue, arguments: [PythonValue], keywords: [KeywordArgument])
        /// Any other expression, named by its CPython class (`BinOp`, `Lambda`, `Starred`…).
        case opaque(String, Expression?)
    }

    public struct DictEntry: Sendable {
        public var key: PythonValue?
        public var value: PythonValue
    }

    public struct KeywordArgument: Sendable {
        /// nil for `**mapping`.
        public var name: String?
        public var value: PythonValue
    }

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The canonical value of an expression.
    public init(_ expression: Expression) {
        self.location = expression.location
        switch expression.kind {
        case .constant(let constant, _):
            kind = PythonValue.kind(of: constant)
        case .unaryOp(.uSub, let operand):
            if case .constant(.int(let v), _) = operand.kind {
                kind = .int(v.negated)
            } else if case .constant(.float(let v), _) = operand.kind {
                kind = .float(-v)
            } else {
                kind = .opaque("UnaryOp", expression)
            }
        case .list(let elements, _):
            kind = .list(elements.map(PythonValue.element))
        case .tuple(let elements, _):
            kind = .tuple(elements.map(PythonValue.element))
        case .set(let elements):
            kind = .set(elements.map(PythonValue.element))
        case .dict(let keys, let values):
            kind = .dict(zip(keys, values).map { DictEntry(key: $0.0.map(PythonValue.init), value: PythonValue($0.1)) })
        case .name(let id, _):
            kind = .name(id)
        case .attribute(let value, let attribute, _):
            if let chain = PythonValue.dottedName(value) {
                kind = .name(chain + "." + attribute)
            } else {
                kind = .attribute(PythonValue(value), attribute)
            }
        case .call(let function, let args, let keywords):
            kind = .call(function: PythonValue(function), arguments: args.map(PythonValue.element),
                         keywords: keywords.map { KeywordArgument(name: $0.name, value: PythonValue($0.value)) })
        case .joinedStr(let parts):
            var text: [UInt8] = []
            var literal = true
            for part in parts {
                if case .constant(.string(let bytes), _) = part.kind { text += bytes } else { literal = false; break }
            }
            kind = literal ? .string(text) : .opaque("JoinedStr", expression)
        default:
            kind = .opaque(expression.kind.className, expression)
        }
    }

    /// Elements of containers and positional arguments: a `*x` is opaque and not looked into.
    private static func element(_ expression: Expression) -> PythonValue {
        if case .starred = expression.kind { return PythonValue(.opaque("Starred", expression), at: expression.location) }
        return PythonValue(expression)
    }

    private static func kind(of constant: ConstantValue) -> Kind {
        switch constant {
        case .none: return .none
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string(let bytes): return .string(bytes)
        case .bytes(let bytes): return .bytes(bytes)
        case .int(let v): return .int(v)
        case .float(let v): return .float(v)
        case .imaginary, .ellipsis: return .opaque("Constant", nil)
        }
    }

    private static func dottedName(_ expression: Expression) -> String? {
        switch expression.kind {
        case .name(let id, _): return id
        case .attribute(let value, let attribute, _): return dottedName(value).map { $0 + "." + attribute }
        default: return nil
        }
    }
}

extension PythonValue {
    /// The text of a `str` value (lone surrogates become U+FFFD).
    public var stringValue: String? {
        if case .string(let bytes) = kind { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}
