/// The Python syntax tree, shaped like CPython's `ast` module (3.12) so that it can be
/// compared with CPython node for node. Every expression and statement knows where it starts.
///
/// Expressions live in one array per file (`ExpressionStore`) and refer to each other by
/// index: a migration file has thousands of small expressions, and one allocation per node
/// (with its reference counting) would cost more than the parsing itself.

public struct Module: Sendable {
    public var body: [Statement]
    /// Every `#` comment in the file, in order.
    public var comments: [Comment]
    /// The expressions that `body` refers to.
    public var expressions: ExpressionStore
}

/// An expression of a module: an index into its `ExpressionStore`.
@frozen
public struct Expression: Hashable, Sendable {
    public let index: Int32
    init(index: Int32) { self.index = index }
}

/// A run of expressions (the elements of a list, the arguments of a call), stored contiguously.
public struct ExpressionList: Hashable, Sendable {
    public let start: Int32
    public let count: Int32
    public static let empty = ExpressionList(start: 0, count: 0)
}

/// A run of keyword arguments.
public struct KeywordList: Hashable, Sendable {
    public let start: Int32
    public let count: Int32
    public static let empty = KeywordList(start: 0, count: 0)
}

public struct ExpressionNode: Sendable {
    public var kind: ExpressionKind
    public var location: SourceLocation
}

/// The expressions of one module. Read-only once parsing is done; shared by reference.
public final class ExpressionStore: Sendable {
    public let nodes: [ExpressionNode]
    @usableFromInline let lists: [Expression]
    @usableFromInline let keywordStorage: [Keyword]

    init(nodes: [ExpressionNode], lists: [Expression], keywords: [Keyword]) {
        self.nodes = nodes
        self.lists = lists
        self.keywordStorage = keywords
    }

    // Inlinable: a `_read` accessor called across modules allocates a coroutine frame per access.
    @inlinable
    public subscript(expression: Expression) -> ExpressionNode { nodes[Int(expression.index)] }

    @inlinable
    public subscript(list: ExpressionList) -> ArraySlice<Expression> {
        lists[Int(list.start)..<Int(list.start + list.count)]
    }

    @inlinable
    public subscript(list: KeywordList) -> ArraySlice<Keyword> {
        keywordStorage[Int(list.start)..<Int(list.start + list.count)]
    }
}

/// The growing store the parser appends to.
struct ExpressionStoreBuilder {
    var nodes: [ExpressionNode] = []
    var lists: [Expression] = []
    var keywords: [Keyword] = []
    /// Children of the lists being parsed, innermost last; a list moves to `lists` when complete.
    /// One stack for every list of the file spares an array allocation per list.
    var pending: [Expression] = []
    var pendingKeywords: [Keyword] = []

    mutating func commitList(from mark: Int) -> ExpressionList {
        let list = self.list(pending[mark...])
        pending.removeSubrange(mark...)
        return list
    }

    mutating func commitKeywords(from mark: Int) -> KeywordList {
        if mark == pendingKeywords.count { return .empty }
        let start = Int32(keywords.count)
        keywords.append(contentsOf: pendingKeywords[mark...])
        let list = KeywordList(start: start, count: Int32(pendingKeywords.count - mark))
        pendingKeywords.removeSubrange(mark...)
        return list
    }

    mutating func add(_ kind: ExpressionKind, at location: SourceLocation) -> Expression {
        nodes.append(ExpressionNode(kind: kind, location: location))
        return Expression(index: Int32(nodes.count - 1))
    }

    mutating func list<C: Collection>(_ elements: C) -> ExpressionList where C.Element == Expression {
        if elements.isEmpty { return .empty }
        let start = Int32(lists.count)
        lists.append(contentsOf: elements)
        return ExpressionList(start: start, count: Int32(elements.count))
    }

    mutating func keywordList(_ elements: [Keyword]) -> KeywordList {
        if elements.isEmpty { return .empty }
        let start = Int32(keywords.count)
        keywords.append(contentsOf: elements)
        return KeywordList(start: start, count: Int32(elements.count))
    }

    subscript(expression: Expression) -> ExpressionNode {
        _read { yield nodes[Int(expression.index)] }
        _modify { yield &nodes[Int(expression.index)] }
    }

    subscript(list: ExpressionList) -> ArraySlice<Expression> {
        lists[Int(list.start)..<Int(list.start + list.count)]
    }

    subscript(list: KeywordList) -> ArraySlice<Keyword> {
        keywords[Int(list.start)..<Int(list.start + list.count)]
    }

    func finish() -> ExpressionStore {
        ExpressionStore(nodes: nodes, lists: lists, keywords: keywords)
    }
}

public enum ExpressionContext: String, Sendable, CaseIterable { case load = "Load", store = "Store", del = "Del" }

public enum BooleanOperator: String, Sendable, CaseIterable { case and = "And", or = "Or" }

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "Add", sub = "Sub", mult = "Mult", matMult = "MatMult", div = "Div", mod = "Mod"
    case pow = "Pow", lShift = "LShift", rShift = "RShift", bitOr = "BitOr", bitXor = "BitXor"
    case bitAnd = "BitAnd", floorDiv = "FloorDiv"
}

public enum UnaryOperator: String, Sendable, CaseIterable { case invert = "Invert", not = "Not", uAdd = "UAdd", uSub = "USub" }

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case eq = "Eq", notEq = "NotEq", lt = "Lt", ltE = "LtE", gt = "Gt", gtE = "GtE"
    case `is` = "Is", isNot = "IsNot", `in` = "In", notIn = "NotIn"
}

/// A literal value, as `ast.Constant` holds it.
public enum ConstantValue: Sendable {
    case none, `true`, `false`, ellipsis
    /// A `str`, as generalized UTF-8 (see `StringLiteralValue.text`).
    case string(ArraySlice<UInt8>)
    case bytes(ArraySlice<UInt8>)
    case int(PythonInt)
    case float(Double)
    case imaginary(Double)
}

extension Expression {
    /// The key of a `**mapping` entry in a dict display.
    public static let noKey = Expression(index: -1)
}

public enum ExpressionKind: Sendable {
    case boolOp(BooleanOperator, ExpressionList)
    case namedExpr(target: Expression, value: Expression)
    case binOp(Expression, BinaryOperator, Expression)
    case unaryOp(UnaryOperator, Expression)
    indirect case lambda(ParameterList, body: Expression)
    case ifExp(test: Expression, body: Expression, orElse: Expression)
    /// `keys` holds `Expression.noKey` for a `**mapping` entry.
    case dict(keys: ExpressionList, values: ExpressionList)
    case set(ExpressionList)
    indirect case listComp(Expression, [Comprehension])
    indirect case setComp(Expression, [Comprehension])
    indirect case dictComp(key: Expression, value: Expression, [Comprehension])
    indirect case generatorExp(Expression, [Comprehension])
    case await(Expression)
    case yield(Expression?)
    case yieldFrom(Expression)
    indirect case compare(Expression, [ComparisonOperator], ExpressionList)
    case call(Expression, args: ExpressionList, keywords: KeywordList)
    /// `conversion` is -1 for none, else the code of `s`, `r` or `a`, as in CPython.
    case formattedValue(Expression, conversion: Int, formatSpec: Expression?)
    case joinedStr(ExpressionList)
    /// `kind` is "u" for a `u"…"` literal, as in CPython.
    case constant(ConstantValue, kind: String?)
    case attribute(Expression, String, ExpressionContext)
    case `subscript`(Expression, Expression, ExpressionContext)
    case starred(Expression, ExpressionContext)
    case name(String, ExpressionContext)
    case list(ExpressionList, ExpressionContext)
    case tuple(ExpressionList, ExpressionContext)
    case slice(lower: Expression?, upper: Expression?, step: Expression?)
}

public struct Comprehension: Sendable {
    public var target: Expression
    public var iter: Expression
    public var ifs: [Expression]
    public var isAsync: Bool
}

public struct Keyword: Sendable {
    /// nil for `**mapping`.
    public var name: String?
    public var value: Expression
    public var location: SourceLocation
}

public struct Parameter: Sendable {
    public var name: String
    public var annotation: Expression?
    public var location: SourceLocation
}

public struct ParameterList: Sendable {
    public var positionalOnly: [Parameter] = []
    public var args: [Parameter] = []
    public var vararg: Parameter?
    public var keywordOnly: [Parameter] = []
    /// One per keyword-only argument; nil where it has no default.
    public var keywordDefaults: [Expression?] = []
    public var kwarg: Parameter?
    /// Defaults of the last positional arguments.
    public var defaults: [Expression] = []

    public init() {}
}

public struct Alias: Sendable {
    public var name: String
    public var asName: String?
    public var location: SourceLocation
}

public struct WithItem: Sendable {
    public var contextExpression: Expression
    public var optionalVars: Expression?
}

public struct ExceptHandler: Sendable {
    public var type: Expression?
    public var name: String?
    public var body: [Statement]
    public var location: SourceLocation
}

public struct MatchCase: Sendable {
    public var pattern: Pattern
    public var guardExpression: Expression?
    public var body: [Statement]
}

public struct Pattern: Sendable {
    public var kind: PatternKind
    public var location: SourceLocation
}

public indirect enum PatternKind: Sendable {
    case matchValue(Expression)
    case matchSingleton(ConstantValue)
    case matchSequence([Pattern])
    case matchMapping(keys: [Expression], patterns: [Pattern], rest: String?)
    case matchClass(Expression, patterns: [Pattern], keywordNames: [String], keywordPatterns: [Pattern])
    case matchStar(String?)
    case matchAs(Pattern?, name: String?)
    case matchOr([Pattern])
}

public struct FunctionDefinition: Sendable {
    public var name: String
    public var arguments: ParameterList
    public var body: [Statement]
    public var decorators: [Expression]
    public var returns: Expression?
    public var isAsync: Bool

    public init(name: String, arguments: ParameterList, body: [Statement], decorators: [Expression], returns: Expression?, isAsync: Bool) {
        self.name = name
        self.arguments = arguments
        self.body = body
        self.decorators = decorators
        self.returns = returns
        self.isAsync = isAsync
    }
}

public struct ClassDefinition: Sendable {
    public var name: String
    public var bases: [Expression]
    public var keywords: [Keyword]
    public var body: [Statement]
    public var decorators: [Expression]
}

public struct Statement: Sendable {
    public var kind: StatementKind
    public var location: SourceLocation

    public init(_ kind: StatementKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public indirect enum StatementKind: Sendable {
    case functionDef(FunctionDefinition)
    case classDef(ClassDefinition)
    case `return`(Expression?)
    case delete([Expression])
    case assign(targets: [Expression], value: Expression)
    case augAssign(target: Expression, BinaryOperator, value: Expression)
    /// `simple` is true for a plain name target without parentheses, as in CPython.
    case annAssign(target: Expression, annotation: Expression, value: Expression?, simple: Bool)
    case `for`(target: Expression, iter: Expression, body: [Statement], orElse: [Statement], isAsync: Bool)
    case `while`(test: Expression, body: [Statement], orElse: [Statement])
    case `if`(test: Expression, body: [Statement], orElse: [Statement])
    case with(items: [WithItem], body: [Statement], isAsync: Bool)
    case match(subject: Expression, cases: [MatchCase])
    case raise(exception: Expression?, cause: Expression?)
    case `try`(body: [Statement], handlers: [ExceptHandler], orElse: [Statement], finalBody: [Statement], isStar: Bool)
    case assert(test: Expression, message: Expression?)
    case `import`([Alias])
    case importFrom(module: String?, names: [Alias], level: Int)
    case global([String])
    case nonlocal([String])
    case expression(Expression)
    case pass
    case `break`
    case `continue`
}
