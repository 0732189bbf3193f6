import DjangoProject
import DatabaseTarget
import MigrationGraph
import MigrationRules

/// What a `check-migrations` run knows, for the reports to print.
public struct CheckReport: Sendable {
    public var result: CheckResult
    public var pending: [MigrationKey]
    /// `database`, `git` or `all`, and the words for it ("sqlite:///db.sqlite3 (settings DATABASES['default'])").
    public var source: String
    public var sourceDescription: String
    public var target: Target
    public var policy: CheckSettings.Policy
    /// Warnings fail the check too (`--fail-on warning`).
    public var failOn: Severity
    /// The directory paths are shown relative to (the project, or the current directory).
    public var baseDirectory: String
    /// Where a lock timeout for migrations was seen set, nil when nowhere.
    public var lockTimeoutSetBy: String? = nil
    /// What was assumed where a value could not be known, each with how to pin it.
    public var assumptions: [SettingsAssumption] = []

    public init(result: CheckResult, pending: [MigrationKey], source: String, sourceDescription: String, target: Target,
                policy: CheckSettings.Policy, failOn: Severity, baseDirectory: String) {
        self.result = result
        self.pending = pending
        self.source = source
        self.sourceDescription = sourceDescription
        self.target = target
        self.policy = policy
        self.failOn = failOn
        self.baseDirectory = baseDirectory
    }

    /// Whether the check fails: a reported finding at or above `failOn`.
    public var fails: Bool { result.reported.contains { $0.severity >= failOn } }
}
