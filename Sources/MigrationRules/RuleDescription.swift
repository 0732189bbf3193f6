import DatabaseTarget

/// What a rule is, in the words `zerodowntime rules` and `explain` print and the tests run.
public struct RuleDescription: Sendable {
    public enum Kind: String, Sendable {
        /// Old code, still serving while the release rolls out, fails against the new schema.
        case breaksOldCode = "breaks old code"
        /// The database locks or rewrites a table while the migration runs.
        case locks = "locks or rewrites"
        /// The migration itself fails, or cannot be rolled back.
        case migrationFails = "migration fails"
        /// Something we cannot judge statically: a person must look.
        case needsReview = "needs review"
    }

    /// Stable kebab-case identifier: `drop-column`.
    public var identifier: String
    public var name: String
    public var kind: Kind
    public var severity: Severity
    /// One line.
    public var summary: String
    /// Why this is dangerous, in a paragraph.
    public var why: String
    /// The safe way, in general terms; each finding also carries one filled with the user's names.
    public var recipe: String
    /// Where the danger is real, in words: "PostgreSQL (all versions), MySQL 8".
    public var appliesTo: String
    public var triggeringExamples: [RuleExample]
    public var nonTriggeringExamples: [RuleExample]
    /// What the SQL Django emits for a triggering example must contain (regular expressions, on
    /// PostgreSQL), so the rule's claim stays true as Django changes.
    public var emittedSQL: [String]
    /// What PostgreSQL does while that SQL runs, for the lock-probe test.
    public var lockClaim: LockClaim?

    public init(identifier: String, name: String, kind: Kind, severity: Severity, summary: String, why: String,
                recipe: String, appliesTo: String, triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample],
                emittedSQL: [String] = [], lockClaim: LockClaim? = nil) {
        self.identifier = identifier
        self.name = name
        self.kind = kind
        self.severity = severity
        self.summary = summary
        self.why = why
        self.recipe = recipe
        self.appliesTo = appliesTo
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
        self.emittedSQL = emittedSQL
        self.lockClaim = lockClaim
    }
}

public enum Severity: String, Sendable, Comparable, CaseIterable {
    case warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// What a rule says PostgreSQL does to the table while the migration's transaction is open.
public struct LockClaim: Sendable, Equatable {
    public var blocksReads: Bool
    public var blocksWrites: Bool
    public var rewritesTable: Bool

    public init(blocksReads: Bool, blocksWrites: Bool, rewritesTable: Bool) {
        self.blocksReads = blocksReads
        self.blocksWrites = blocksWrites
        self.rewritesTable = rewritesTable
    }
}

/// A migration used as an example: `↓` marks the operation a finding must point at.
/// The migration runs after the shared example history (`RuleExample.history`), as app `shop`.
public struct RuleExample: Sendable {
    public var source: String
    /// Migrations applied before it, after the shared history (each a full migration source).
    public var setup: [String]
    /// The database the example is judged for.
    public var target: Target
    /// Whether the example migration is atomic (the default for Django migrations).
    public var atomic: Bool

    /// `source` is the body of `operations = [...]` (or a whole migration file when it holds
    /// `class Migration`).
    public init(_ source: String, setup: [String] = [], target: Target = .example, atomic: Bool = true) {
        self.source = source
        self.setup = setup
        self.target = target
        self.atomic = atomic
    }

    public static let marker: Character = "↓"
}

extension Target {
    /// The target examples are judged for unless they say otherwise.
    public static let example = Target(.postgresql, major: 16, reason: "example")
}
