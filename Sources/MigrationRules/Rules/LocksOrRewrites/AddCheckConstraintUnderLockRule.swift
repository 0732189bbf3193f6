import DatabaseTarget
import SchemaState

/// A CHECK constraint validated against every row while the table is locked.
public struct AddCheckConstraintUnderLockRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-check-constraint-under-lock",
        name: "Adding a CHECK constraint under lock",
        kind: .locks,
        severity: .error,
        summary: "AddConstraint(CheckConstraint) checks every existing row while reads and writes on the table wait.",
        why: """
            `ALTER TABLE … ADD CONSTRAINT … CHECK (…)` takes ACCESS EXCLUSIVE on PostgreSQL and keeps it while it \
            reads the whole table to prove every row passes: nothing can read or write the table until the scan ends. \
            Added `NOT VALID`, the constraint applies to new rows at once and skips the scan; `VALIDATE CONSTRAINT`, \
            run later in its own transaction, scans under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor \
            writes. MySQL 8 adds a CHECK constraint by copying the table (ALGORITHM=COPY): writes wait for the copy, \
            and it has no NOT VALID form.
            """,
        recipe: """
            PostgreSQL: two migrations. First AddConstraintNotValid(model_name=…, constraint=<the same constraint>) \
            (django.contrib.postgres.operations), then, in a migration of its own, ValidateConstraint(model_name=…, \
            name=…). MySQL: add it while the table is small or in a maintenance window, or with an online \
            schema-change tool (gh-ost, pt-online-schema-change) and a state-only SeparateDatabaseAndState.
            """,
        appliesTo: "PostgreSQL (all versions), MySQL 8.0.16+ (table copy); not SQLite",
        triggeringExamples: [
            RuleExample(#"""
                ↓migrations.AddConstraint(
                    model_name="order",
                    constraint=models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
                ),
                """#),
            RuleExample(#"""
                ↓migrations.AddConstraint(
                    model_name="product",
                    constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0"),
                ),
                """#, target: Target(.mysql, major: 8, reason: "example")),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                AddConstraintNotValid(
                    model_name="order",
                    constraint=models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
                ),
                """#),
            RuleExample(#"""
                migrations.AddConstraint(
                    model_name="order",
                    constraint=models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
                ),
                """#, target: Target(.sqlite, reason: "example")),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("percent", models.IntegerField())]),
                migrations.AddConstraint(
                    model_name="coupon",
                    constraint=models.CheckConstraint(condition=Q(percent__lte=100), name="coupon_percent_lte_100"),
                ),
                """#),
        ],
        emittedSQL: [#"ALTER TABLE "shop_order" ADD CONSTRAINT "order_quantity_positive" CHECK \(.*"quantity" > 0"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "AddConstraint", context.tableIsLive, let model = context.model,
              let constraint = context.operation.argument("constraint", position: 1),
              constraint.calleeClassName == "CheckConstraint" else { return [] }
        let name = constraint.callKeywords?["name"]?.stringValue ?? "?"
        let label = context.modelLabel
        switch context.target.backend {
        case .postgresql:
            return [Violation(
                "AddConstraint adds CHECK constraint \"\(name)\" to \"\(model.tableName)\" and checks every row under ACCESS EXCLUSIVE: reads and writes on \(model.name) wait for the whole scan.",
                recipe: Recipe.migrations([
                    (name: "add_\(name)_not_valid", atomic: true, operations: """
                        AddConstraintNotValid(
                            model_name="\(label)",
                            constraint=\(constraint.pythonSource),
                        ),
                        """),
                    (name: "validate_\(name)", atomic: true, operations: """
                        ValidateConstraint(model_name="\(label)", name="\(name)"),
                        """),
                ], note: "from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint\nAdd it NOT VALID (brief lock, no scan; new rows are checked at once), then validate it in a separate migration (no blocking lock):"))]
        case .mysql:
            if context.target.major == 8, let minor = context.target.minor, minor < 16 { return [] }
            return [Violation(
                "AddConstraint adds CHECK constraint \"\(name)\" to `\(model.tableName)`: MySQL copies the whole table to check it, and writes to \(model.name) wait for the copy.",
                recipe: """
                    MySQL has no NOT VALID. Add it while `\(model.tableName)` is small or in a maintenance window; or run \
                    `ALTER TABLE \(model.tableName) ADD CONSTRAINT \(name) CHECK (…)` with gh-ost or pt-online-schema-change \
                    and record it in Django's state only:
                        migrations.SeparateDatabaseAndState(state_operations=[\(context.operation.value.pythonSource)]),
                    """)]
        case .sqlite:
            return []
        }
    }
}
