import DatabaseTarget
import SchemaState

/// `AlterField` to a type that holds less: a shorter `max_length`, a smaller integer.
public struct NarrowColumnRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "narrow-column",
        name: "Narrowing a column's type",
        kind: .breaksOldCode,
        severity: .error,
        summary: "AlterField narrows a column (shorter max_length, smaller integer): a full rewrite, and old code's longer values fail.",
        why: """
            A shorter `varchar(n)`, `text` → `varchar(n)` or a smaller integer makes PostgreSQL rewrite the \
            whole table and rebuild every one of its indexes under an ACCESS EXCLUSIVE lock (measured: \
            varchar(200) → varchar(100) rewrote the table and both its indexes). The ALTER fails if a row holds \
            a longer value, and the previous release can still write values that no longer fit.
            """,
        recipe: """
            Validate in the application first (a form/model validator, or a CHECK (length(col) <= n) added \
            NOT VALID and validated), deploy it, then decide whether the narrower type is worth a rewrite: \
            the CHECK alone gives the guarantee without one.
            """,
        appliesTo: "all backends (the rewrite: PostgreSQL, MySQL)",
        triggeringExamples: [
            RuleExample(#"↓migrations.AlterField(model_name="order", name="note", field=models.CharField(max_length=100, null=True)),"#),
            RuleExample(#"↓migrations.AlterField(model_name="product", name="price", field=models.SmallIntegerField()),"#,
                        target: Target(.mysql, major: 8, reason: "example")),
            RuleExample(#"↓migrations.AlterField(model_name="product", name="description", field=models.CharField(max_length=500, null=True)),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AlterField(model_name="order", name="note", field=models.CharField(max_length=400, null=True)),"#),
            RuleExample(#"migrations.AlterField(model_name="order", name="note", field=models.TextField(null=True)),"#),
        ],
        emittedSQL: [#"ALTER COLUMN "note" TYPE varchar\(100\)"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: true)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard let change = ColumnTypeChange(context), change.change == .narrowing else { return [] }
        let modelName = change.model.name.lowercased()
        let check = "\(modelName)_\(change.name)_fits"
        let condition: String
        if let length = change.newType.length {
            condition = "models.Q(\(change.name)__length__lte=\(length))  # needs `from django.db.models.functions import Length` registered as a lookup"
        } else {
            condition = "models.Q(\(change.name)__gte=<min>, \(change.name)__lte=<max>)"
        }
        var message = "AlterField narrows column \"\(change.column)\" of table \"\(change.model.tableName)\" (\(change.model.name).\(change.name)) from \(change.oldType) to \(change.newType)"
        if context.locksMatter { message += ": the table is rewritten with every index under an ACCESS EXCLUSIVE lock" }
        message += ", the ALTER fails if a row does not fit, and the previous release can still write values that do not fit."
        return [Violation(message, recipe: Recipe.migrations([
            ("\(check)_not_valid", true, """
                AddConstraintNotValid(model_name="\(modelName)", constraint=models.CheckConstraint(condition=\(condition), name="\(check)")),
                """),
            ("validate_\(check)", true, """
                ValidateConstraint(model_name="\(modelName)", name="\(check)"),
                """),
        ], note: "Enforce the limit in code first, and with a check that needs no rewrite:"))]
    }
}
