/// A migration's identity, as Django keys it: `(app_label, name)`.
public struct MigrationKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var app: String
    public var name: String

    public init(_ app: String, _ name: String) {
        self.app = app
        self.name = name
    }

    /// `app.name`, as Django prints a migration.
    public var description: String { "\(app).\(name)" }

    /// Python tuple order of `str`: code-point order, which is UTF-8 byte order.
    public static func < (lhs: MigrationKey, rhs: MigrationKey) -> Bool {
        if lhs.app != rhs.app { return lhs.app.utf8.lexicographicallyPrecedes(rhs.app.utf8) }
        return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }
}

/// A migration as the graph needs it: its key, what it depends on, what it replaces, and what
/// must run after it. Dependency names may be `__first__` or `__latest__`, resolved as Django does.
public struct MigrationNodeSpec: Sendable {
    public var key: MigrationKey
    public var dependencies: [MigrationKey]
    public var replaces: [MigrationKey]
    public var runBefore: [MigrationKey]
    /// Where the migration was read from, for messages.
    public var path: String

    public init(key: MigrationKey, dependencies: [MigrationKey], replaces: [MigrationKey] = [],
                runBefore: [MigrationKey] = [], path: String = "") {
        self.key = key
        self.dependencies = dependencies
        self.replaces = replaces
        self.runBefore = runBefore
        self.path = path
    }
}
