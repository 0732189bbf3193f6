import DatabaseTarget
import SchemaState

/// `AddField` of a NOT NULL column without a database default on a live table.
public struct AddNotNullColumnRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-not-null-column",
        name: "Adding a NOT NULL column without a database default",
        kind: .breaksOldCode,
        severity: .error,
        summary: "AddField adds a NOT NULL column with no database default: the previous release's INSERTs fail.",
        why: """
            Django fills existing rows with the field's Python `default` (`ADD COLUMN … DEFAULT x NOT NULL`) and \
            then drops that default (`ALTER COLUMN … DROP DEFAULT`). The previous release does not know the \
            column, so its INSERTs leave it out and fail with `null value in column … violates not-null \
            constraint` until it is replaced. A callable default (`uuid.uuid4`, `timezone.now`) is evaluated \
            once: every existing row gets the same value.
            """,
        recipe: """
            Give the field a database default with `db_default=` (Django 5.0+), which the database keeps, so \
            old INSERTs get it. When the value must differ per row: add the column with null=True, deploy code \
            that writes it, backfill in batches, then make it NOT NULL (see set-not-null).
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.AddField(model_name="product", name="stock", field=models.IntegerField(default=0)),"#),
            RuleExample(#"""
                ↓migrations.AddField(
                    model_name="order",
                    name="token",
                    field=models.UUIDField(default=uuid.uuid4),
                ),
                """#, target: Target(.sqlite, reason: "example")),
            RuleExample(#"↓migrations.AddField(model_name="order", name="placed", field=models.DateTimeField(default=timezone.now), preserve_default=False),"#),
            RuleExample(#"↓migrations.AlterOrderWithRespectTo(name="order", order_with_respect_to="product"),"#),
            RuleExample(#"↓migrations.AddField(model_name="product", name="stock", field=models.IntegerField(db_default=None, default=None, null=False)),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AddField(model_name="product", name="stock", field=models.IntegerField(db_default=0)),"#),
            RuleExample(#"migrations.AddField(model_name="product", name="stock", field=models.IntegerField(null=True)),"#),
            RuleExample(#"migrations.AddField(model_name="product", name="tags", field=models.ManyToManyField(to="shop.order")),"#),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True))]),
                migrations.AddField(model_name="coupon", name="code", field=models.CharField(max_length=10, default="")),
                """#),
        ],
        emittedSQL: [#"ADD COLUMN "stock" integer DEFAULT 0 NOT NULL"#, #"ALTER COLUMN "stock" DROP DEFAULT"#]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        if context.operation.className == "AlterOrderWithRespectTo" { return orderColumn(context) }
        guard context.operation.className == "AddField", context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let field = context.newField,
              field.hasColumn, !field.null, field.databaseDefault == nil, field.className != "GeneratedField" else { return [] }
        let column = field.columnName(fieldName: name)
        let modelName = model.name.lowercased()
        var message = "AddField adds NOT NULL column \"\(column)\" to table \"\(model.tableName)\" (\(model.name).\(name)) without a database default: the previous release's INSERTs into \(model.name) leave it out and fail until it is replaced."
        if field.defaultIsCallable, let value = field.pythonDefault {
            message += " The default `\(value.pythonSource)` is evaluated once: every existing row gets the same value."
        }
        // `db_default=None` (and a Python default of None) leave the existing rows NULL in a NOT NULL column.
        let nullDefault = field.databaseDefaultIsNull || field.pythonDefault?.isNone == true
        if nullDefault {
            message += " Its default is NULL, which a NOT NULL column cannot hold: on a table with rows the ADD COLUMN itself fails (column contains null values)."
        }
        let recipe: String
        if let value = field.pythonDefault, !nullDefault, !field.defaultIsCallable, !field.isForeignKey {
            recipe = """
                Keep the default in the database with db_default (Django 5.0+): old INSERTs get it.
                    migrations.AddField(
                        model_name="\(modelName)",
                        name="\(name)",
                        field=\(Recipe.withKeyword(field.value, "db_default", value.pythonSource)),
                    ),
                and in the model: \(name) = \(Recipe.withKeyword(field.value, "db_default", value.pythonSource))
                """
        } else {
            let nullable = Recipe.rewritten(field.value, removing: ["default", "db_default"], setting: [("null", "True")])
            recipe = Recipe.migrations([
                ("add_\(modelName)_\(name)_nullable", true, """
                    migrations.AddField(model_name="\(modelName)", name="\(name)", field=\(nullable)),
                    """),
                ("backfill_\(modelName)_\(name)", false, """
                    migrations.RunPython(backfill_\(name), migrations.RunPython.noop),  # in batches, after the code that writes it is live
                    """),
                ("\(modelName)_\(name)_not_null", true, """
                    # the NOT NULL step of set-not-null: AddConstraintNotValid, ValidateConstraint, then AlterField(null=False)
                    """),
            ], note: "Add it nullable, deploy code that writes it, backfill each row, then make it NOT NULL:")
        }
        return [Violation(message, recipe: recipe)]
    }

    /// `AlterOrderWithRespectTo` adds Django's hidden `_order` column, NOT NULL, its default dropped.
    private func orderColumn(_ context: OperationContext) -> [Violation] {
        guard context.tableIsLive, let model = context.model, model.orderWithRespectTo == nil,
              let target = context.operation.argument("order_with_respect_to", position: 1)?.stringValue else { return [] }
        let modelName = model.name.lowercased()
        return [Violation(
            "AlterOrderWithRespectTo adds NOT NULL column \"_order\" to table \"\(model.tableName)\" (\(model.name) ordered by \(target)) without a database default: the previous release's INSERTs into \(model.name) leave it out and fail until it is replaced.",
            recipe: """
                Add the column with a default the database keeps, and tell Django's state separately:
                    migrations.SeparateDatabaseAndState(
                        database_operations=[
                            migrations.RunSQL(
                                'ALTER TABLE "\(model.tableName)" ADD COLUMN "_order" integer DEFAULT 0 NOT NULL',
                                'ALTER TABLE "\(model.tableName)" DROP COLUMN "_order"',
                            ),
                        ],
                        state_operations=[
                            migrations.AlterOrderWithRespectTo(name="\(modelName)", order_with_respect_to="\(target)"),
                        ],
                    ),
                """)]
    }
}
