import DatabaseTarget
import SchemaState

/// An exclusion constraint built and checked while the table is locked, with no online form.
public struct AddExclusionConstraintRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-exclusion-constraint",
        name: "Adding an exclusion constraint",
        kind: .locks,
        severity: .error,
        summary: "AddConstraint(ExclusionConstraint) builds its index and checks every row while reads and writes on the table wait.",
        why: """
            `ALTER TABLE … ADD CONSTRAINT … EXCLUDE USING gist (…)` takes ACCESS EXCLUSIVE on PostgreSQL, builds the \
            GiST (or SP-GiST) index and checks every pair of conflicting rows before it releases the lock: nothing can \
            read or write the table meanwhile. Unlike CHECK and FOREIGN KEY constraints, an exclusion constraint \
            cannot be added NOT VALID, and cannot be attached to an index built concurrently (`USING INDEX` takes \
            only unique b-tree indexes), so there is no online way to add one.
            """,
        recipe: """
            There is no lock-free path. Add the constraint when the table is created or still small, or in a \
            maintenance window with a short lock_timeout. Until then, enforce the rule in application code (for \
            example a transaction that locks the overlapping rows with select_for_update before writing).
            """,
        appliesTo: "PostgreSQL (all versions)",
        triggeringExamples: [
            RuleExample(#"""
                ↓migrations.AddConstraint(
                    model_name="order",
                    constraint=ExclusionConstraint(name="order_period_excl", expressions=[("period", "&&")]),
                ),
                """#, setup: [#"migrations.AddField(model_name="order", name="period", field=django.contrib.postgres.fields.DateTimeRangeField(null=True)),"#]),
            RuleExample(#"""
                ↓migrations.AddConstraint(
                    model_name="order",
                    constraint=ExclusionConstraint(name="order_note_period_excl", expressions=[("period", "&&")], condition=Q(note__isnull=False)),
                ),
                """#, setup: [#"migrations.AddField(model_name="order", name="period", field=django.contrib.postgres.fields.DateTimeRangeField(null=True)),"#]),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.CreateModel(
                    name="Booking",
                    fields=[("id", models.BigAutoField(primary_key=True)), ("period", django.contrib.postgres.fields.DateTimeRangeField())],
                ),
                migrations.AddConstraint(
                    model_name="booking",
                    constraint=ExclusionConstraint(name="booking_period_excl", expressions=[("period", "&&")]),
                ),
                """#),
            RuleExample(#"""
                migrations.AddConstraint(
                    model_name="product",
                    constraint=ExclusionConstraint(name="product_sku_excl", expressions=[("sku", "=")]),
                ),
                """#, target: Target(.sqlite, reason: "example")),
        ],
        emittedSQL: [#"ALTER TABLE "shop_order" ADD CONSTRAINT "order_period_excl" EXCLUDE USING (GIST|gist) \("period" WITH &&\)"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "AddConstraint", context.isLivePostgresTable, let model = context.model,
              let constraint = context.operation.argument("constraint", position: 1),
              constraint.calleeClassName == "ExclusionConstraint" else { return [] }
        let name = constraint.callKeywords?["name"]?.stringValue ?? "?"
        return [Violation(
            "AddConstraint adds exclusion constraint \"\(name)\" to \"\(model.tableName)\": PostgreSQL builds its index and checks every row under ACCESS EXCLUSIVE, so reads and writes on \(model.name) wait for the whole build, and it has no NOT VALID or concurrent form.",
            recipe: """
                No online path exists. Either run this migration in a maintenance window (or while "\(model.tableName)" is \
                small), with a short lock_timeout so it gives up instead of queueing every query behind it:
                    migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop),
                    \(context.operation.value.pythonSource),
                or postpone the constraint and enforce "\(name)" in code meanwhile: lock the rows that could conflict \
                (\(model.name).objects.select_for_update().filter(…)) in the transaction that writes.
                """)]
    }
}
