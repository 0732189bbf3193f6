import MigrationModel
import SchemaState

/// ValidateConstraint in the same transaction as the NOT VALID add it should follow.
public struct ValidateConstraintInSameMigrationRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "validate-constraint-in-same-migration",
        name: "Validating a constraint in the migration that added it",
        kind: .locks,
        severity: .error,
        summary: "ValidateConstraint in the same atomic migration as its AddConstraintNotValid scans the table under the add's ACCESS EXCLUSIVE lock.",
        why: """
            Adding a constraint NOT VALID and validating it later only helps when the two run in different \
            transactions: `VALIDATE CONSTRAINT` itself takes SHARE UPDATE EXCLUSIVE and lets reads and writes go on. \
            In one atomic migration, the ACCESS EXCLUSIVE lock the NOT VALID CHECK took (SHARE ROW EXCLUSIVE on both \
            tables for a foreign key) is still held while the validation reads the whole table, so the two steps \
            block exactly as long as a plain AddConstraint.
            """,
        recipe: "Move ValidateConstraint to a migration of its own, after the one that adds the constraint NOT VALID.",
        appliesTo: "PostgreSQL (all versions)",
        triggeringExamples: [
            RuleExample(#"""
                AddConstraintNotValid(
                    model_name="order",
                    constraint=models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
                ),
                ↓ValidateConstraint(model_name="order", name="order_quantity_positive"),
                """#),
            RuleExample(#"""
                AddConstraintNotValid(
                    model_name="product",
                    constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0"),
                ),
                migrations.AlterField(model_name="product", name="description", field=models.TextField(null=True, help_text="Shown on the page")),
                migrations.SeparateDatabaseAndState(
                    database_operations=[↓ValidateConstraint(model_name="product", name="product_price_gte_0")],
                ),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"ValidateConstraint(model_name="order", name="order_quantity_positive"),"#, setup: [#"""
                AddConstraintNotValid(
                    model_name="order",
                    constraint=models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
                ),
                """#]),
            RuleExample(#"""
                AddConstraintNotValid(
                    model_name="order",
                    constraint=models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
                ),
                ValidateConstraint(model_name="order", name="order_quantity_positive"),
                """#, atomic: false),
        ],
        emittedSQL: [
            #"ADD CONSTRAINT "order_quantity_positive" CHECK \(.*\) NOT VALID"#,
            #"ALTER TABLE "shop_order" VALIDATE CONSTRAINT "order_quantity_positive""#,
        ],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        let operation = context.operation
        guard operation.className == "ValidateConstraint", context.atomic, context.isLivePostgresTable,
              let name = operation.string("name", position: 1) else { return [] }
        let here = operation.location
        for entry in context.siblings {
            guard case .operation(let outer) = entry else { continue }
            let inner = outer.operations("database_operations", position: 0).compactMap { entry -> MigrationOperation? in
                if case .operation(let operation) = entry { return operation }
                return nil
            }
            for candidate in [outer] + inner where candidate.className == "AddConstraintNotValid" {
                let place = candidate.location
                guard (place.line, place.column) < (here.line, here.column),
                      candidate.argument("constraint", position: 1)?.callKeywords?["name"]?.stringValue == name,
                      (candidate.string("model_name", position: 0) ?? "").lowercased() == context.modelLabel else { continue }
                return [Violation(
                    "ValidateConstraint validates \"\(name)\" in the same migration that added it NOT VALID (line \(place.line)): the ACCESS EXCLUSIVE lock the add took on \"\(context.tableName)\" is still held during the whole validation scan, so reads and writes on \(context.modelName) wait as long as with a plain AddConstraint.",
                    recipe: Recipe.migrations([(name: "validate_\(name)", atomic: true, operations: """
                        ValidateConstraint(model_name="\(context.modelLabel)", name="\(name)"),
                        """)], note: "Remove ValidateConstraint from \(context.migration.name) and put it in a migration of its own, after it:"))]
            }
        }
        return []
    }
}
