/// Every rule of the recommended policy, in the order `zerodowntime rules` lists them.
public enum RuleCatalogue {
    /// The one registry: a rule is in force when it is listed here, and the tests fail for a
    /// file under `Rules/` that is not. The order is the order in which one operation's findings
    /// are reported; `zerodowntime rules` groups them by each rule's own kind (its folder).
    public static let all: [any Rule] = [
        DropColumnRule(),
        RenameColumnRule(),
        DropTableRule(),
        RenameTableRule(),
        AddNotNullColumnRule(),
        SetNotNullRule(),
        NarrowColumnRule(),
        ChangeColumnTypeRule(),
        AddColumnRewritesTableRule(),
        AddIndexNonConcurrentlyRule(),
        AddUniqueUnderLockRule(),
        AddCheckConstraintUnderLockRule(),
        AddForeignKeyUnderLockRule(),
        AddExclusionConstraintRule(),
        RemoveIndexNonConcurrentlyRule(),
        ConcurrentIndexInAtomicMigrationRule(),
        ValidateConstraintInSameMigrationRule(),
        SQLiteRemakesTableRule(),
        LockTimeoutNotSetRule(),
        RunPythonWithSchemaChangesRule(),
        UnsafeRunSQLRule(),
        RunPythonWithoutReverseRule(),
        RunPythonNeedsReviewRule(),
        RunSQLNeedsReviewRule(),
        UnknownOperationRule(),
        UnknownFieldTypeRule(),
        OperationsNotLiteralRule(),
    ]

    public static var descriptions: [RuleDescription] { all.map { type(of: $0).description } }

    public static func rule(_ identifier: String) -> RuleDescription? {
        descriptions.first { $0.identifier == identifier }
    }

    /// Identifiers the configuration and ignore comments may name.
    public static var identifiers: Set<String> { Set(descriptions.map(\.identifier) + [OriginalPolicy.ruleIdentifier]) }

    static func validate(_ identifier: String, place: String) throws(CheckConfigurationError) {
        guard !identifiers.contains(identifier) else { return }
        let close = identifiers.sorted().min { distance($0, identifier) < distance($1, identifier) }
        let hint = close.map { distance($0, identifier) <= 3 ? " (did you mean \($0)?)" : "" } ?? ""
        throw CheckConfigurationError("\(place): unknown rule '\(identifier)'\(hint); `zerodowntime rules` lists them")
    }

    /// Levenshtein distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
