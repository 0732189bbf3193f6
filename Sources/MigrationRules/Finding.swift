import MigrationGraph

/// A rule's verdict on one operation, with its place and the words the reports print.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    public var app: String
    /// The migration's name: `0003_widget_status`.
    public var migration: String
    public var path: String
    /// 1-based line and column of the operation.
    public var line: Int
    public var column: Int
    /// The operation's class name: `AddField`.
    public var operation: String
    /// Django's own wording of the operation: `Add field status to widget`.
    public var description: String
    public var message: String
    public var why: String
    public var recipe: String
    /// Set when a configuration entry, class attribute or comment silenced the finding.
    public var ignoredBecause: String?
    /// The table the operation locks or changes (the operation's model's, unless the rule named
    /// another), and its size when the database said.
    public var table: String?
    public var tableRows: Int?
    public var tableBytes: Int?

    public init(rule: String, severity: Severity, app: String, migration: String, path: String, line: Int, column: Int,
                operation: String, description: String, message: String, why: String, recipe: String, ignoredBecause: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.app = app
        self.migration = migration
        self.path = path
        self.line = line
        self.column = column
        self.operation = operation
        self.description = description
        self.message = message
        self.why = why
        self.recipe = recipe
        self.ignoredBecause = ignoredBecause
    }

    public var key: MigrationKey { MigrationKey(app, migration) }
}
