import PythonSyntax

/// A Python expression as the migration model sees it: literals, names, containers and calls
/// are typed; anything else is opaque, named by the CPython class of its node. This is the
/// "canonical form" of ../shared/tools/CONTRACT.md §5, with a source position on every value.
///
/// A value is a view over the syntax tree: it copies nothing, and its `kind` is worked out
/// when asked, so reading one attribute of a large migration costs only what is read.
public struct PythonValue: Sendable {
    public let store: ExpressionStore
    public let expression: Expression
    /// Set for values that are not read as an expression: an `AugAssign` attribute, a `*x` element.
    private let opaqueKind: String?
    private let opaqueLocation: SourceLocation?

    public init(_ expression: Expression, in store: ExpressionStore) {
        self.store = store
        self.expression = expression
        self.opaqueKind = nil
        self.opaqueLocation = nil
    }

    /// An opaque value standing for something that is not looked into, such as `operations += [...]`.
    public init(opaque className: String, at location: SourceLocation, in store: ExpressionStore) {
        self.store = store
        self.expression = Expression.noKey
        self.opaqueKind = className
        self.opaqueLocation = location
    }

    public var location: SourceLocation { opaqueLocation ?? store[expression].location }

    public enum Kind: Sendable {
        case none
        case bool(Bool)
        /// A `str`, as generalized UTF-8 (lone surrogates from escapes are kept).
        case string([UInt8])
        case bytes([UInt8])
        case int(PythonInt)
        case float(Double)
        case list(PythonValueList)
        case tuple(PythonValueList)
        case set(PythonValueList)
        case dict(PythonDictEntries)
        /// A name or a dotted chain of attributes on a name: `models.CharField`.
        case name(String)
        /// An attribute of something that is not a name: `f().x`.
        case attribute(PythonValue, String)
        case call(function: PythonValue, arguments: PythonValueList, keywords: PythonKeywordArguments)
        /// Any other expression, named by its CPython class (`BinOp`, `Lambda`, `Starred`…).
        case opaque(String)
    }

    public var kind: Kind {
        if let opaqueKind { return .opaque(opaqueKind) }
        switch CanonicalForm(expression, in: store) {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .string(let bytes): return .string(Array(bytes))
        case .bytes(let bytes): return .bytes(Array(bytes))
        case .int(let v): return .int(v)
        case .float(let v): return .float(v)
        case .list(let elements): return .list(PythonValueList(store[elements], in: store))
        case .tuple(let elements): return .tuple(PythonValueList(store[elements], in: store))
        case .set(let elements): return .set(PythonValueList(store[elements], in: store))
        case .dict(let keys, let values):
            return .dict(PythonDictEntries(keys: store[keys], values: store[values], store: store))
        case .name(let chain): return .name(CanonicalForm.dottedName(chain, in: store))
        case .attribute(let value, let attribute): return .attribute(PythonValue(value, in: store), attribute)
        case .call(let function, let args, let keywords):
            return .call(function: PythonValue(function, in: store), arguments: PythonValueList(store[args], in: store),
                         keywords: PythonKeywordArguments(store[keywords], in: store))
        case .joinedLiteral(let parts): return .string(CanonicalForm.joinedText(parts, in: store))
        case .opaque(let className): return .opaque(className)
        }
    }

    /// Whether this value stands for something not read as an expression.
    public var isOpaqueStatement: Bool { opaqueKind != nil }
}

/// The elements of a list, tuple or set, or the positional arguments of a call. A `*x`
/// element is opaque (`Starred`) and not looked into.
public struct PythonValueList: RandomAccessCollection, Sendable {
    let expressions: ArraySlice<Expression>
    let store: ExpressionStore

    init(_ expressions: ArraySlice<Expression>, in store: ExpressionStore) {
        self.expressions = expressions
        self.store = store
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { expressions.count }

    public subscript(position: Int) -> PythonValue {
        let expression = expressions[expressions.startIndex + position]
        if CanonicalForm.isStarred(expression, in: store) {
            return PythonValue(opaque: "Starred", at: store[expression].location, in: store)
        }
        return PythonValue(expression, in: store)
    }
}

/// The entries of a dict display; a nil key is a `**mapping` entry.
public struct PythonDictEntries: RandomAccessCollection, Sendable {
    let keys: ArraySlice<Expression>
    let values: ArraySlice<Expression>
    let store: ExpressionStore

    public struct Entry: Sendable {
        public var key: PythonValue?
        public var value: PythonValue
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    public subscript(position: Int) -> Entry {
        let key = keys[keys.startIndex + position]
        return Entry(key: key == Expression.noKey ? nil : PythonValue(key, in: store),
                     value: PythonValue(values[values.startIndex + position], in: store))
    }
}

/// The keyword arguments of a call; a nil name is a `**mapping` argument.
public struct PythonKeywordArguments: RandomAccessCollection, Sendable {
    let keywords: ArraySlice<Keyword>
    let store: ExpressionStore

    init(_ keywords: ArraySlice<Keyword>, in store: ExpressionStore) {
        self.keywords = keywords
        self.store = store
    }

    public struct Argument: Sendable {
        public var name: String?
        public var value: PythonValue
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { keywords.count }

    public subscript(position: Int) -> Argument {
        let keyword = keywords[keywords.startIndex + position]
        return Argument(name: keyword.name, value: PythonValue(keyword.value, in: store))
    }

    /// The value of the keyword argument `name`, if given.
    public subscript(name: String) -> PythonValue? {
        keywords.last { $0.name == name }.map { PythonValue($0.value, in: store) }
    }
}

extension PythonValue {
    /// The text of a `str` value (lone surrogates become U+FFFD).
    public var stringValue: String? {
        if case .string(let bytes) = kind { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}
