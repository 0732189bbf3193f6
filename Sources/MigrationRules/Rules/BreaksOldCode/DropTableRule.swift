import DatabaseTarget
import SchemaState

/// `DeleteModel` of a table the running code still uses.
public struct DropTableRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "drop-table",
        name: "Dropping a table",
        kind: .breaksOldCode,
        severity: .error,
        summary: "DeleteModel drops a table the previous release still queries.",
        why: """
            `DROP TABLE … CASCADE` removes the table and every foreign key pointing at it. The previous \
            release still queries the model (and joins it from related models) and fails with \
            `relation … does not exist` until it is replaced. The drop takes ACCESS EXCLUSIVE on the table \
            and on every table whose foreign key it drops.
            """,
        recipe: """
            Two releases. Release 1: stop using the model in code and remove it from Django's state only, \
            with SeparateDatabaseAndState(state_operations=[DeleteModel(...)]). Release 2, once no old code \
            runs: drop the table with RunSQL.
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"""
                migrations.RemoveField(model_name="order", name="product"),
                ↓migrations.DeleteModel(name="Product"),
                """#),
            RuleExample(#"↓migrations.DeleteModel(name="Order"),"#, target: Target(.sqlite, reason: "example")),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.DeleteModel(name="Order")],
                ),
                """#),
            RuleExample(#"""
                migrations.CreateModel(name="Draft", fields=[("id", models.BigAutoField(primary_key=True))]),
                migrations.DeleteModel(name="Draft"),
                """#),
            RuleExample(#"migrations.DeleteModel(name="Report"),"#, setup: [#"""
                migrations.CreateModel(name="Report", fields=[("id", models.BigAutoField(primary_key=True))], options={"managed": False}),
                """#]),
        ],
        emittedSQL: [#"DROP TABLE "shop_product" CASCADE"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "DeleteModel", context.tableIsLive, let model = context.model else { return [] }
        let incoming = context.state.references(to: model.key).filter { $0.model.key != model.key }
        let also = incoming.isEmpty ? "" : " It also drops the foreign keys of " + incoming.map { "\($0.model.name).\($0.name)" }.joined(separator: ", ") + "."
        return [Violation(
            "DeleteModel drops table \"\(model.tableName)\" (\(model.name)) while the previous release still queries it: its queries on \(model.name) fail until it is replaced.\(also)",
            recipe: Recipe.twoReleases(removal: """
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.DeleteModel(name="\(model.name)")],
                ),
                """, later: """
                migrations.RunSQL('DROP TABLE IF EXISTS "\(model.tableName)" CASCADE', reverse_sql=migrations.RunSQL.noop),
                """))]
    }
}
