import DatabaseTarget
import SchemaState

/// An index dropped without CONCURRENTLY on a table that is in use.
public struct RemoveIndexNonConcurrentlyRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "remove-index-non-concurrently",
        name: "Dropping an index without CONCURRENTLY",
        kind: .locks,
        // A warning: the drop itself is instant (measured: a brief ACCESS EXCLUSIVE, no scan), the danger
        // is the lock queue, which a lock timeout also bounds.
        severity: .warning,
        summary: "RemoveIndex, db_index=False or a smaller index_together drops the index under a brief ACCESS EXCLUSIVE lock that queues behind running queries.",
        why: """
            `DROP INDEX` takes ACCESS EXCLUSIVE on the index's table. The drop itself is quick, but the lock request \
            waits behind every running query on the table, and every query that arrives after it waits behind the \
            request: one slow report turns the drop into an outage. In an atomic migration the lock is also held \
            until the migration commits. `DROP INDEX CONCURRENTLY` takes SHARE UPDATE EXCLUSIVE and blocks neither \
            reads nor writes, but cannot run inside a transaction.
            """,
        recipe: """
            Drop it with django.contrib.postgres.operations.RemoveIndexConcurrently in a migration of its own with \
            `atomic = False`; for a field's index, SeparateDatabaseAndState(state_operations=[AlterField(...)], \
            database_operations=[RunSQL('DROP INDEX CONCURRENTLY IF EXISTS …')]).
            """,
        appliesTo: "PostgreSQL (all versions); not MySQL 8 (in place, without blocking writes) nor SQLite",
        triggeringExamples: [
            RuleExample(#"↓migrations.RemoveIndex(model_name="order", name="order_quantity_idx"),"#),
            RuleExample(#"↓migrations.AlterField(model_name="product", name="slug", field=models.SlugField(db_index=False)),"#,
                        setup: [#"migrations.AlterField(model_name="product", name="slug", field=models.SlugField()),"#]),
            RuleExample(#"↓migrations.AlterIndexTogether(name="order", index_together=set()),"#,
                        setup: [#"migrations.AlterIndexTogether(name="order", index_together={("quantity", "note")}),"#]),
        ],
        nonTriggeringExamples: [
            RuleExample(#"RemoveIndexConcurrently(model_name="order", name="order_quantity_idx"),"#, atomic: false),
            RuleExample(#"migrations.RemoveIndex(model_name="order", name="order_quantity_idx"),"#,
                        target: Target(.mysql, major: 8, reason: "example")),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.AddIndex(model_name="coupon", index=models.Index(fields=["code"], name="coupon_code_idx")),
                migrations.RemoveIndex(model_name="coupon", name="coupon_code_idx"),
                """#),
        ],
        emittedSQL: [#"DROP INDEX IF EXISTS "order_quantity_idx""#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.isLivePostgresTable, let model = context.model else { return [] }
        let operation = context.operation
        let label = context.modelLabel
        let table = model.tableName
        let consequence = "DROP INDEX takes ACCESS EXCLUSIVE on \"\(table)\": brief, but it queues behind running queries on \(model.name) and every later read and write queues behind it."
        let findName = "Django named the index itself (and, for a varchar or text column, a `…_like` twin it also drops); find the names with: SELECT indexname FROM pg_indexes WHERE tablename = '\(table)';"
        switch operation.className {
        case "RemoveIndex":
            guard let name = operation.string("name", position: 1) else { return [] }
            return [Violation("RemoveIndex drops index \"\(name)\" without CONCURRENTLY: \(consequence)",
                              recipe: Recipe.migrations([(name: "remove_\(name)_concurrently", atomic: false, operations: """
                                  RemoveIndexConcurrently(model_name="\(label)", name="\(name)"),
                                  """)], note: "Replace the RemoveIndex with RemoveIndexConcurrently (from django.contrib.postgres.operations), in a migration of its own:"))]
        case "AlterField":
            guard let name = operation.string("name", position: 1), let before = context.fieldBefore, before.hasIndex,
                  let field = context.newField, !field.hasIndex, !field.unique else { return [] }
            let column = before.columnName(fieldName: name)
            return [Violation("AlterField drops the index on \"\(table)\".\"\(column)\" without CONCURRENTLY: \(consequence)",
                              recipe: Recipe.migrations([(name: "remove_\(label)_\(name)_index_concurrently", atomic: false, operations: """
                                  migrations.SeparateDatabaseAndState(
                                      state_operations=[\(operation.value.pythonSource)],
                                      database_operations=[
                                          migrations.RunSQL(
                                              'DROP INDEX CONCURRENTLY IF EXISTS "\(table)_\(column)_…"',
                                              reverse_sql='CREATE INDEX CONCURRENTLY IF NOT EXISTS "\(table)_\(column)_…" ON "\(table)" ("\(column)")',
                                          ),
                                      ],
                                  ),
                                  """)], note: findName))]
        case "AlterIndexTogether":
            let after = ProjectState.together(operation.argument("index_together", position: 1))
            let removed = model.indexTogether.filter { !after.contains($0) }
            guard !removed.isEmpty else { return [] }
            let groups = removed.map { "(\(context.columns($0).joined(separator: ", ")))" }.joined(separator: ", ")
            let drops = removed.map { group in
                let columns = context.columns(group)
                return "'DROP INDEX CONCURRENTLY IF EXISTS \"\(table)_\(columns.joined(separator: "_"))_…_idx\"',"
            }
            return [Violation("AlterIndexTogether drops the index on \"\(table)\" \(groups) without CONCURRENTLY: \(consequence)",
                              recipe: Recipe.migrations([(name: "remove_\(label)_index_together_concurrently", atomic: false, operations: """
                                  migrations.SeparateDatabaseAndState(
                                      state_operations=[\(operation.value.pythonSource)],
                                      database_operations=[
                                          migrations.RunSQL([
                                              \(drops.joined(separator: "\n                "))
                                          ]),
                                      ],
                                  ),
                                  """)], note: findName))]
        default:
            return []
        }
    }
}
