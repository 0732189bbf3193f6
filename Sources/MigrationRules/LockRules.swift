extension RuleCatalogue {
    /// Operations that lock or rewrite a busy table.
    static let lockRules: [any Rule] = [
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
    ]
}
