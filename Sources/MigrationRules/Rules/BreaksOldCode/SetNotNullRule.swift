import DatabaseTarget
import SchemaState

/// `AlterField` from `null=True` to NOT NULL on a live table.
public struct SetNotNullRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "set-not-null",
        name: "Making a column NOT NULL",
        kind: .breaksOldCode,
        severity: .error,
        summary: "AlterField makes a column NOT NULL: a full scan under ACCESS EXCLUSIVE, and old code that writes NULL fails.",
        why: """
            `ALTER COLUMN … SET NOT NULL` takes an ACCESS EXCLUSIVE lock and reads the whole table to prove no \
            row is NULL, blocking reads and writes meanwhile (PostgreSQL skips the scan only when a validated \
            CHECK (col IS NOT NULL) exists, from version 12). With a `default`, Django first runs \
            `UPDATE … SET col = default WHERE col IS NULL` in the same transaction. The previous release may \
            still write NULL, and its INSERTs and UPDATEs then fail.
            """,
        recipe: """
            First deploy code that never writes NULL and backfill existing rows in batches. Then add \
            CHECK (col IS NOT NULL) NOT VALID, validate it in its own migration (no blocking lock), and only \
            then run the AlterField (PostgreSQL 12+ uses the check and skips the scan) and drop the check.
            """,
        appliesTo: "all backends (the lock and the scan: PostgreSQL, MySQL)",
        triggeringExamples: [
            RuleExample(#"↓migrations.AlterField(model_name="product", name="description", field=models.TextField(default="")),"#),
            RuleExample(#"↓migrations.AlterField(model_name="order", name="note", field=models.CharField(max_length=200)),"#,
                        target: Target(.postgresql, major: 11, reason: "example")),
            RuleExample(#"""
                migrations.AddConstraintNotValid(model_name="product", constraint=models.CheckConstraint(condition=Q(description__isnull=False), name="product_description_not_null")),
                ↓migrations.AlterField(model_name="product", name="description", field=models.TextField()),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AlterField(model_name="product", name="description", field=models.TextField()),"#, setup: [
                #"migrations.AddConstraintNotValid(model_name="product", constraint=models.CheckConstraint(condition=Q(description__isnull=False), name="product_description_not_null")),"#,
                #"ValidateConstraint(model_name="product", name="product_description_not_null"),"#,
            ]),
            RuleExample(#"migrations.AlterField(model_name="product", name="price", field=models.IntegerField(null=True)),"#),
        ],
        emittedSQL: [#"ALTER COLUMN "description" SET NOT NULL"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "AlterField", context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let before = model.field(name),
              let after = context.newField, before.null, !after.null, after.hasColumn else { return [] }
        let column = after.columnName(fieldName: name)
        let modelName = model.name.lowercased()
        if hasValidatedNotNullCheck(model, field: name), !context.target.postgresBefore(12) { return [] }
        var message = "AlterField makes column \"\(column)\" of table \"\(model.tableName)\" (\(model.name).\(name)) NOT NULL"
        if context.locksMatter {
            message += ": the table is scanned under an ACCESS EXCLUSIVE lock that blocks reads and writes"
            if let value = after.pythonDefault {
                message += ", after `UPDATE … SET \"\(column)\" = \(value.pythonSource) WHERE \"\(column)\" IS NULL` in the same transaction"
            }
        }
        message += ", and the previous release's writes of NULL to \(model.name).\(name) fail."
        let check = "\(modelName)_\(name)_not_null"
        let recipe = Recipe.migrations([
            ("\(check)_not_valid", true, """
                AddConstraintNotValid(  # from django.contrib.postgres.operations
                    model_name="\(modelName)",
                    constraint=models.CheckConstraint(condition=models.Q(\(name)__isnull=False), name="\(check)"),
                ),
                """),
            ("validate_\(check)", true, """
                ValidateConstraint(model_name="\(modelName)", name="\(check)"),
                """),
            ("\(modelName)_\(name)_set_not_null", true, """
                migrations.AlterField(model_name="\(modelName)", name="\(name)", field=\(Recipe.without(after.value, ["default"]))),
                migrations.RemoveConstraint(model_name="\(modelName)", name="\(check)"),
                """),
        ], note: "After deploying code that never writes NULL and backfilling NULL rows in batches:" +
            (context.target.postgresBefore(12) ? " (before PostgreSQL 12 SET NOT NULL still scans: keep the validated check instead of step 3)" : ""))
        return [Violation(message, recipe: recipe)]
    }

    /// A validated `CheckConstraint(condition=Q(field__isnull=False))` already guarantees it.
    private func hasValidatedNotNullCheck(_ model: ModelState, field: String) -> Bool {
        model.constraints.contains { name, constraint in
            !model.notValidConstraints.contains(name) && constraint.pythonSource.contains("\(field)__isnull=False")
        }
    }
}
