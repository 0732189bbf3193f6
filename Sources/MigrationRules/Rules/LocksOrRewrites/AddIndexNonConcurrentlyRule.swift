import DatabaseTarget
import MigrationModel
import SchemaState

/// An index built without CONCURRENTLY on a table that is in use.
public struct AddIndexNonConcurrentlyRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-index-non-concurrently",
        name: "Building an index without CONCURRENTLY",
        kind: .locks,
        severity: .error,
        summary: "AddIndex, db_index=True, a ForeignKey's index or index_together build the index while writes to the table wait.",
        why: """
            Django's index operations run a plain `CREATE INDEX`, which holds a SHARE lock on the table for the whole \
            build: reads go on, but every INSERT, UPDATE and DELETE waits, for seconds to minutes on a large table. \
            When the same migration already altered the table (an AddField adds the column, then Django builds the \
            field's index at the end of the migration), the build runs under the ACCESS EXCLUSIVE lock the ALTER \
            TABLE took, and reads wait too. `CREATE INDEX CONCURRENTLY` takes only SHARE UPDATE EXCLUSIVE and blocks \
            neither, but cannot run inside a transaction.
            """,
        recipe: """
            Build the index with django.contrib.postgres.operations.AddIndexConcurrently in a migration of its own \
            with `atomic = False`. For a field's index, add the field with db_index=False, then record the index in \
            Django's state with SeparateDatabaseAndState(state_operations=[AlterField(... db_index=True)], \
            database_operations=[AddIndexConcurrently(...)]) in an `atomic = False` migration.
            """,
        appliesTo: "PostgreSQL (all versions); not MySQL 8 (InnoDB builds indexes in place without blocking writes) nor SQLite",
        triggeringExamples: [
            RuleExample(#"↓migrations.AddIndex(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#),
            RuleExample(#"↓migrations.AlterField(model_name="product", name="slug", field=models.SlugField()),"#),
            RuleExample(#"""
                ↓migrations.AddField(
                    model_name="order",
                    name="gift_product",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#),
            RuleExample(#"↓migrations.AlterIndexTogether(name="order", index_together={("quantity", "note")}),"#),
            RuleExample(#"""
                migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),
                ↓migrations.AddIndex(model_name="product", index=models.Index(fields=["weight"], name="product_weight_idx")),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"AddIndexConcurrently(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#,
                        atomic: false),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.AddIndex(model_name="coupon", index=models.Index(fields=["code"], name="coupon_code_idx")),
                """#),
            RuleExample(#"migrations.AddIndex(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#,
                        target: Target(.mysql, major: 8, reason: "example")),
            RuleExample(#"migrations.AddIndex(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#,
                        target: Target(.sqlite, reason: "example")),
            RuleExample(#"""
                migrations.AlterField(
                    model_name="order",
                    name="product",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="orders", to="shop.product"),
                ),
                """#),
        ],
        emittedSQL: [#"CREATE INDEX "product_sku_idx" ON "shop_product" \("sku"\)"#, #"CREATE INDEX (?!CONCURRENTLY)"#],
        lockClaim: LockClaim(blocksReads: false, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.isLivePostgresTable, let model = context.model else { return [] }
        let operation = context.operation
        let table = model.tableName
        let label = context.modelLabel
        let stacked = LockRuleSupport.stackedNote(context.earlierAccessExclusive, table: table)
        switch operation.className {
        case "AddIndex":
            guard let index = operation.argument("index", position: 1) else { return [] }
            let name = index.callKeywords?["name"]?.stringValue ?? "?"
            let fields = index.callKeywords?["fields"]?.stringList ?? []
            let on = fields.isEmpty ? "" : " (\(context.columns(fields).joined(separator: ", ")))"
            return [Violation(
                "AddIndex builds index \"\(name)\" on \"\(table)\"\(on) with a plain CREATE INDEX: writes to \(model.name) wait for the whole build (SHARE lock).\(stacked)",
                recipe: Recipe.migrations([(name: "add_\(name)_concurrently", atomic: false, operations: """
                    AddIndexConcurrently(
                        model_name="\(label)",
                        index=\(index.pythonSource),
                    ),
                    """)], note: "Replace the AddIndex with AddIndexConcurrently (from django.contrib.postgres.operations), in a migration of its own:"))]
        case "AddField", "AlterField":
            guard let name = operation.string("name", position: 1), let field = context.newField, field.hasIndex else { return [] }
            if operation.className == "AlterField" {
                guard let before = context.fieldBefore, !before.hasIndex else { return [] }
            }
            return [fieldIndex(context, name: name, field: field, model: model, stacked: stacked)]
        case "AlterIndexTogether":
            let before = model.indexTogether
            let added = ProjectState.together(operation.argument("index_together", position: 1)).filter { !before.contains($0) }
            return added.map { group in
                let indexName = LockRuleSupport.indexName(label, group, suffix: "idx")
                return Violation(
                    "AlterIndexTogether builds an index on \"\(table)\" (\(context.columns(group).joined(separator: ", "))) with a plain CREATE INDEX: writes to \(model.name) wait for the whole build (SHARE lock).\(stacked)",
                    recipe: Recipe.migrations([(name: "add_\(indexName)_concurrently", atomic: false, operations: """
                        AddIndexConcurrently(
                            model_name="\(label)",
                            index=models.Index(fields=[\(group.map { "\"\($0)\"" }.joined(separator: ", "))], name="\(indexName)"),
                        ),
                        """)], note: "index_together is gone since Django 5.1: declare models.Index(fields=[…], name=\"\(indexName)\") in Meta.indexes instead and build it concurrently:"))
            }
        default:
            return []
        }
    }

    private func fieldIndex(_ context: OperationContext, name: String, field: FieldDefinition, model: ModelState, stacked: String) -> Violation {
        let table = model.tableName
        let label = context.modelLabel
        let column = field.columnName(fieldName: name)
        let indexName = LockRuleSupport.indexName(label, [name], suffix: "idx")
        let what = field.explicitDbIndex == true ? "db_index=True" : "\(field.className)'s default index"
        let message: String
        if context.operation.className == "AddField" && context.atomic {
            message = "AddField adds column \"\(column)\" to \"\(table)\" and builds its index (\(what)) at the end of the migration, under the ACCESS EXCLUSIVE lock the ADD COLUMN took: reads and writes on \(model.name) wait for the whole index build."
        } else {
            message = "\(context.operation.className) builds an index on \"\(table)\".\"\(column)\" (\(what)) with a plain CREATE INDEX: writes to \(model.name) wait for the whole build (SHARE lock).\(stacked)"
        }
        var steps: [(name: String, atomic: Bool, operations: String)] = []
        let withoutIndex = Recipe.withKeyword(field.value, "db_index", "False")
        if context.operation.className == "AddField" {
            steps.append((name: "add_\(label)_\(name)", atomic: true, operations: """
                migrations.AddField(model_name="\(label)", name="\(name)", field=\(withoutIndex)),
                """))
        } else if let before = context.fieldBefore,
                  LockRuleSupport.schemaSignature(before, name: name, ignoring: ["db_index"])
                    != LockRuleSupport.schemaSignature(field, name: name, ignoring: ["db_index"]) {
            steps.append((name: "alter_\(label)_\(name)", atomic: true, operations: """
                migrations.AlterField(model_name="\(label)", name="\(name)", field=\(withoutIndex)),
                """))
        }
        steps.append((name: "add_\(indexName)_concurrently", atomic: false, operations: """
            migrations.SeparateDatabaseAndState(
                state_operations=[
                    migrations.AlterField(model_name="\(label)", name="\(name)", field=\(field.value.pythonSource)),
                ],
                database_operations=[
                    AddIndexConcurrently(model_name="\(label)", index=models.Index(fields=["\(name)"], name="\(indexName)")),
                ],
            ),
            """))
        let like = ["varchar", "text"].contains(field.ownColumnType?.name ?? "")
            ? "\nFor LIKE queries Django also builds a varchar_pattern_ops index on a text column; add one with opclasses=[\"varchar_pattern_ops\"] the same way if you need it."
            : ""
        return Violation(message, recipe: Recipe.migrations(steps, note: "Build the index concurrently, outside a transaction:") + like)
    }
}
