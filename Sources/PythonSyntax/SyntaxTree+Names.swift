extension ExpressionKind {
    /// The name of the CPython `ast` class for this node (`BinOp`, `Call`, …).
    public var className: String {
        switch self {
        case .boolOp: return "BoolOp"
        case .namedExpr: return "NamedExpr"
        case .binOp: return "BinOp"
        case .unaryOp: return "UnaryOp"
        case .lambda: return "Lambda"
        case .ifExp: return "IfExp"
        case .dict: return "Dict"
        case .set: return "Set"
        case .listComp: return "ListComp"
        case .setComp: return "SetComp"
        case .dictComp: return "DictComp"
        case .generatorExp: return "GeneratorExp"
        case .await: return "Await"
        case .yield: return "Yield"
        case .yieldFrom: return "YieldFrom"
        case .compare: return "Compare"
        case .call: return "Call"
        case .formattedValue: return "FormattedValue"
        case .joinedStr: return "JoinedStr"
        case .constant: return "Constant"
        case .attribute: return "Attribute"
        case .subscript: return "Subscript"
        case .starred: return "Starred"
        case .name: return "Name"
        case .list: return "List"
        case .tuple: return "Tuple"
        case .slice: return "Slice"
        }
    }
}
