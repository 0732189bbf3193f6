/// The Python syntax tree, shaped like CPython's `ast` module (3.12) so that it can be
/// compared with CPython node for node. Every expression and statement knows where it starts.

public struct Module: Sendable {
    public var body: [Statement]
    /// Every `#` comment in the file, in order.
    public var comments: [Comment]
}

public struct Expression: Sendable {
    public var kind: ExpressionKind
    public var location: SourceLocation

    public init(_ kind: ExpressionKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public enum ExpressionContext: String, Sendable { case load = "Load", store = "Store", del = "Del" }

public enum BooleanOperator: String, Sendable { case and = "And", or = "Or" }

public enum BinaryOperator: String, Sendable {
    case add = "Add", sub = "Sub", mult = "Mult", matMult = "MatMult", div = "Div", mod = "Mod"
    case pow = "Pow", lShift = "LShift", rShift = "RShift", bitOr = "BitOr", bitXor = "BitXor"
    case bitAnd = "BitAnd", floorDiv = "FloorDiv"
}

public enum UnaryOperator: String, Sendable { case invert = "Invert", not = "Not", uAdd = "UAdd", uSub = "USub" }

public enum ComparisonOperator: String, Sendable {
    case eq = "Eq", notEq = "NotEq", lt = "Lt", ltE = "LtE", gt = "Gt", gtE = "GtE"
    case `is` = "Is", isNot = "IsNot", `in` = "In", notIn = "NotIn"
}

/// A literal value, as `ast.Constant` holds it.
public enum ConstantValue: Sendable {
    case none, `true`, `false`, ellipsis
    /// A `str`, as generalized UTF-8 (see `StringLiteralValue.text`).
    case string([UInt8])
    case bytes([UInt8])
    case int(PythonInt)
    case float(Double)
    case imaginary(Double)
}

public indirect enum ExpressionKind: Sendable {
    case boolOp(BooleanOperator, [Expression])
    case namedExpr(target: Expression, value: Expression)
    case binOp(Expression, BinaryOperator, Expression)
    case unaryOp(UnaryOperator, Expression)
    case lambda(ParameterList, body: Expression)
    case ifExp(test: Expression, body: Expression, orElse: Expression)
    /// A nil key is a `**mapping` entry.
    case dict(keys: [Expression?], values: [Expression])
    case set([Expression])
    case listComp(Expression, [Comprehension])
    case setComp(Expression, [Comprehension])
    case dictComp(key: Expression, value: Expression, [Comprehension])
    case generatorExp(Expression, [Comprehension])
    case await(Expression)
    case yield(Expression?)
    case yieldFrom(Expression)
    case compare(Expression, [ComparisonOperator], [Expression])
    case call(Expression, args: [Expression], keywords: [Keyword])
    /// `conversion` is -1 for none, else the code of `s`, `r` or `a`, as in CPython.
    case formattedValue(Expression, conversion: Int, formatSpec: Expression?)
    case joinedStr([Expression])
    /// `kind` is "u" for a `u"…"` literal, as in CPython.
    case constant(ConstantValue, kind: String?)
    case attribute(Expression, String, ExpressionContext)
    case `subscript`(Expression, Expression, ExpressionContext)
    case starred(Expression, ExpressionContext)
    case name(String, ExpressionContext)
    case list([Expression], ExpressionContext)
    case tuple([Expression], ExpressionContext)
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

public struct TypeParameter: Sendable {
    public enum Kind: Sendable {
        case typeVar(bound: Expression?)
        case paramSpec
        case typeVarTuple
    }
    public var name: String
    public var kind: Kind
    public var location: SourceLocation
}

public struct FunctionDefinition: Sendable {
    public var name: String
    public var arguments: ParameterList
    public var body: [Statement]
    public var decorators: [Expression]
    public var returns: Expression?
    public var typeParameters: [TypeParameter]
    public var isAsync: Bool
}

public struct ClassDefinition: Sendable {
    public var name: String
    public var bases: [Expression]
    public var keywords: [Keyword]
    public var body: [Statement]
    public var decorators: [Expression]
    public var typeParameters: [TypeParameter]
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
    case typeAlias(name: Expression, typeParameters: [TypeParameter], value: Expression)
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
