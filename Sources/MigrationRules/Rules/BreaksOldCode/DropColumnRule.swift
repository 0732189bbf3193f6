import DatabaseTarget
import SchemaState

/// `RemoveField` on a table the running code still reads.
public struct DropColumnRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "drop-column",
        name: "Dropping a column",
        kind: .breaksOldCode,
        severity: .error,
        summary: "RemoveField drops a column the previous release still selects and inserts.",
        why: """
            Django's ORM names every column of a model in its SELECT and INSERT statements. While the \
            release rolls out, processes running the previous code still name the dropped column and fail \
            with `column … does not exist` until every one of them is replaced. The DROP itself takes an \
            ACCESS EXCLUSIVE lock (brief, but it queues behind long queries and blocks everything behind it).
            """,
        recipe: """
            Two releases. Release 1: remove the field from the model and from Django's state only, with \
            SeparateDatabaseAndState(state_operations=[RemoveField(...)]) (no SQL; make the column nullable \
            or give it a db_default first if it is NOT NULL). Release 2, once no old code runs: drop the \
            column with RunSQL.
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.RemoveField(model_name="product", name="legacy_code"),"#),
            RuleExample(#"↓migrations.RemoveField(model_name="order", name="product"),"#),
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    database_operations=[↓migrations.RemoveField(model_name="product", name="legacy_code")],
                ),
                """#, target: Target(.sqlite, reason: "example")),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.RemoveField(model_name="product", name="legacy_code")],
                ),
                """#),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.RemoveField(model_name="coupon", name="code"),
                """#),
        ],
        emittedSQL: [#"DROP COLUMN "legacy_code""#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RemoveField", context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let field = model.field(name) else { return [] }
        let modelName = model.name.lowercased()
        var stepZero = ""
        if !field.null && field.databaseDefault == nil && field.hasColumn {
            stepZero = """
                    # First, so new code can insert rows without it (it is NOT NULL without a database default):
                    migrations.AlterField(model_name="\(modelName)", name="\(name)", field=\(Recipe.withKeyword(field.value, "null", "True"))),
                """ + "\n"
        }
        if field.isManyToMany {
            return [Violation(
                "RemoveField drops the join table of \(model.name).\(name) while the previous release still queries it.",
                recipe: Recipe.twoReleases(removal: """
                    migrations.SeparateDatabaseAndState(
                        state_operations=[migrations.RemoveField(model_name="\(modelName)", name="\(name)")],
                    ),
                    """, later: "migrations.RemoveField(...) is gone from state: drop the join table with RunSQL(\"DROP TABLE …\") in a later release."))]
        }
        let column = field.columnName(fieldName: name)
        return [Violation(
            "RemoveField drops column \"\(column)\" of table \"\(model.tableName)\" (\(model.name).\(name)) while the previous release still selects and inserts it: its queries on \(model.name) fail until it is replaced.",
            recipe: Recipe.twoReleases(removal: stepZero + """
                    migrations.SeparateDatabaseAndState(
                        state_operations=[migrations.RemoveField(model_name="\(modelName)", name="\(name)")],
                    ),
                """, later: """
                    migrations.RunSQL(
                        'ALTER TABLE "\(model.tableName)" DROP COLUMN "\(column)"',
                        reverse_sql=migrations.RunSQL.noop,
                    ),
                """))]
    }
}
