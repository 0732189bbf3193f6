import SchemaState

/// AddIndexConcurrently / RemoveIndexConcurrently in a migration that runs in a transaction.
public struct ConcurrentIndexInAtomicMigrationRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "concurrent-index-in-atomic-migration",
        name: "Concurrent index operation in an atomic migration",
        kind: .migrationFails,
        severity: .error,
        summary: "AddIndexConcurrently and RemoveIndexConcurrently refuse to run in a migration without atomic = False.",
        why: """
            PostgreSQL cannot run `CREATE INDEX CONCURRENTLY` or `DROP INDEX CONCURRENTLY` inside a transaction \
            block, and Django runs every migration in one transaction unless it says `atomic = False`. Django \
            therefore refuses: "The AddIndexConcurrently operation cannot be executed inside a transaction (set \
            atomic = False on the migration)." The migration fails on deploy, and every migration after it waits.
            """,
        recipe: """
            Put the concurrent operation in a migration of its own with `atomic = False`, and leave the other \
            operations in an atomic migration: a non-atomic migration that fails halfway leaves its earlier \
            operations applied.
            """,
        appliesTo: "PostgreSQL (all versions)",
        triggeringExamples: [
            RuleExample(#"↓AddIndexConcurrently(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#),
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.RemoveIndex(model_name="order", name="order_quantity_idx")],
                    database_operations=[↓RemoveIndexConcurrently(model_name="order", name="order_quantity_idx")],
                ),
                """#),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                ↓AddIndexConcurrently(model_name="coupon", index=models.Index(fields=["code"], name="coupon_code_idx")),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"AddIndexConcurrently(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#,
                        atomic: false),
            RuleExample(#"RemoveIndexConcurrently(model_name="order", name="order_quantity_idx"),"#, atomic: false),
            RuleExample(#"migrations.AddIndex(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        let operation = context.operation
        guard ["AddIndexConcurrently", "RemoveIndexConcurrently"].contains(operation.className),
              context.atomic, context.target.isPostgreSQL else { return [] }
        let index = operation.className == "AddIndexConcurrently"
            ? operation.argument("index", position: 1)?.callKeywords?["name"]?.stringValue
            : operation.string("name", position: 1)
        let name = index ?? context.modelLabel
        let verb = operation.className == "AddIndexConcurrently" ? "add" : "remove"
        return [Violation(
            "\(operation.className) (index \"\(name)\" on \"\(context.tableName)\") is in \(context.migration.name), which runs in a transaction: Django refuses with \"The \(operation.className) operation cannot be executed inside a transaction (set atomic = False on the migration)\" and the migration fails.",
            recipe: Recipe.migrations([(name: "\(verb)_\(name)_concurrently", atomic: false, operations: operation.value.pythonSource + ",")],
                                      note: "Move it to a migration of its own that sets `atomic = False` (keep the other operations of \(context.migration.name) atomic):"))]
    }
}
