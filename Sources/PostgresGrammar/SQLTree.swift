/// A node of libpg_query's parse tree, as its JSON output spells it: objects named by their
/// PostgreSQL node type (`{"AlterTableStmt": {...}}`), lists, strings, numbers and flags.
public indirect enum SQLTree: Sendable, Equatable {
    case object([String: SQLTree])
    case array([SQLTree])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public subscript(key: String) -> SQLTree? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var int: Int? {
        if case .number(let value) = self, value.isFinite, abs(value) < 1e15 { return Int(value) }
        return nil
    }

    /// libpg_query leaves `false` out of its output: an absent flag is false.
    public var isTrue: Bool {
        if case .bool(let flag) = self { return flag }
        return false
    }

    public var array: [SQLTree] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The node type of a one-member object (`IndexStmt`), and its fields.
    public var node: (type: String, fields: SQLTree)? {
        guard case .object(let members) = self, members.count == 1, let (type, fields) = members.first else { return nil }
        return (type, fields)
    }

    /// The node's fields when it is of `type`.
    public func node(_ type: String) -> SQLTree? {
        guard let node, node.type == type else { return nil }
        return node.fields
    }

    /// `[{"String": {"sval": "pg_catalog"}}, {"String": {"sval": "int4"}}]` → `["pg_catalog", "int4"]`.
    public var names: [String] {
        array.compactMap { $0.node("String")?["sval"]?.string }
    }
}
