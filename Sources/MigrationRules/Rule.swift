import MigrationGraph
import SchemaState

/// A check of one operation against the state right before it. One rule per file in `Rules/`.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// What is wrong with the operation, in the user's own names; empty when nothing is.
    func check(_ context: OperationContext) -> [Violation]
}

extension Rule {
    public var description: RuleDescription { Self.description }
}

/// One thing a rule found: the message names the user's app, model, field, table and column;
/// the recipe is the safe way, ready to paste.
public struct Violation: Sendable {
    public var message: String
    public var recipe: String
    /// Overrides the rule's `why` when the reason depends on the case (a target version, a type).
    public var why: String?
    /// Where to point, when not at the operation itself (a keyword inside it).
    public var location: SourceLocationOverride?
    /// The table the finding is about, when not the operation's own model's.
    public var table: String?

    public init(_ message: String, recipe: String, why: String? = nil, location: SourceLocationOverride? = nil, table: String? = nil) {
        self.message = message
        self.recipe = recipe
        self.why = why
        self.location = location
        self.table = table
    }
}

public struct SourceLocationOverride: Sendable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
