import SchemaState

/// An operation class that is neither Django's nor `django.contrib.postgres`'s.
public struct UnknownOperationRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "unknown-operation",
        name: "An operation zerodowntime does not know",
        kind: .needsReview,
        severity: .warning,
        summary: "The operation's class is not one of Django's, so what it does to the database cannot be judged.",
        why: """
            Third-party and project-specific operation classes can run any SQL. zerodowntime reads migrations \
            without importing them, so it knows Django's and `django.contrib.postgres`'s operations only; \
            it never passes another one silently.
            """,
        recipe: "Review what the operation's `database_forwards` runs (`manage.py sqlmigrate <app> <migration>` shows its SQL), then silence the finding with a reason.",
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓pgtrigger.migrations.AddTrigger(model_name="order", trigger=None),"#),
            RuleExample(#"↓myapp.operations.BackfillColumn(model_name="order", name="note"),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AlterModelOptions(name="product", options={"ordering": ["name"]}),"#),
            RuleExample(#"ValidateConstraint(model_name="order", name="order_quantity_positive"),"#),
        ]
    )

    /// Django 5.2's operations and django.contrib.postgres's.
    public static let knownOperations: Set<String> = [
        "CreateModel", "DeleteModel", "RenameModel", "AlterModelTable", "AlterModelTableComment", "AlterUniqueTogether",
        "AlterIndexTogether", "AlterOrderWithRespectTo", "AlterModelOptions", "AlterModelManagers", "AddIndex", "RemoveIndex",
        "RenameIndex", "AddConstraint", "RemoveConstraint", "AlterConstraint", "AddField", "RemoveField", "AlterField",
        "RenameField", "RunSQL", "RunPython", "SeparateDatabaseAndState",
        "AddIndexConcurrently", "RemoveIndexConcurrently", "CreateExtension", "BloomExtension", "BtreeGinExtension",
        "BtreeGistExtension", "CITextExtension", "CryptoExtension", "HStoreExtension", "TrigramExtension", "UnaccentExtension",
        "CreateCollation", "RemoveCollation", "AddConstraintNotValid", "ValidateConstraint",
    ]

    public func check(_ context: OperationContext) -> [Violation] {
        guard !Self.knownOperations.contains(context.operation.className) else { return [] }
        return [Violation(
            "\(context.operation.writtenName) is not a Django operation: zerodowntime cannot tell what it does to the database.",
            recipe: "Check its SQL with `manage.py sqlmigrate \(context.app) \(context.migration.name)`, then add `# zerodowntime: ignore[unknown-operation] <what it does>` on the line above.")]
    }
}
