import DatabaseTarget

/// How a check is run: the policy, the target, and what the user turned off or silenced.
public struct CheckSettings: Sendable {
    public enum Policy: String, Sendable, CaseIterable {
        /// The full rule catalogue, aware of backend and version.
        case recommended
        /// django-zerodowntime 0.3.0 exactly.
        case original
    }

    public var policy: Policy = .recommended
    public var target: Target = .djangoDefault
    /// Rule id → a severity, or nil for "off".
    public var severities: [String: Severity?] = [:]
    /// App labels and `app.migration_name`s not checked.
    public var excludedApps: Set<String> = []
    public var excludedMigrations: Set<String> = []
    /// `app.migration_name` → rule ids silenced there, with the reason given.
    public var migrationIgnores: [String: (rules: [String], reason: String)] = [:]
    /// Where a lock timeout for migrations was found set, nil when nowhere zerodowntime can see.
    public var lockTimeoutSetBy: String?

    public init() {}
}

/// Input that names a rule that does not exist, or is otherwise unusable: the check stops (exit 2).
public struct CheckConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
