import DatabaseTarget
import MigrationModel
import SchemaState

/// A foreign-key constraint validated against every row while both tables are locked.
public struct AddForeignKeyUnderLockRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-foreign-key-under-lock",
        name: "Adding a foreign key under lock",
        kind: .locks,
        severity: .error,
        summary: "A foreign-key constraint created or re-created on a live table checks every row while writes to both tables wait.",
        why: """
            Adding a FOREIGN KEY makes PostgreSQL look up the referenced row of every existing row, holding SHARE ROW \
            EXCLUSIVE on both tables: INSERT, UPDATE and DELETE on both wait for the whole scan. When Django alters \
            the column in the same operation (IntegerField → ForeignKey, a new target, any schema change to a \
            ForeignKey, which makes Django drop and re-add the constraint) or adds a NOT NULL column with a default, \
            the scan runs under the ACCESS EXCLUSIVE lock that ALTER TABLE took, and reads wait too; dropping the old \
            constraint takes ACCESS EXCLUSIVE on the referenced table as well. Added \
            `NOT VALID`, the constraint is only checked for new rows; `VALIDATE CONSTRAINT`, in a later transaction, \
            scans without blocking reads or writes. MySQL copies the table to add a foreign key while \
            foreign_key_checks is on, blocking writes for the copy.
            """,
        recipe: """
            PostgreSQL: keep the operation for Django's state, but in the database create the column without the \
            constraint (db_constraint=False) and add it with RunSQL `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY (…) \
            REFERENCES … NOT VALID`; then, in a separate migration, ValidateConstraint (or RunSQL `VALIDATE \
            CONSTRAINT`). MySQL: add it with foreign_key_checks = 0 (in place, existing rows unchecked) after \
            checking for orphans.
            """,
        appliesTo: "PostgreSQL (all versions), MySQL 8 (table copy); not SQLite",
        triggeringExamples: [
            RuleExample(#"""
                ↓migrations.AlterField(
                    model_name="order",
                    name="replacement",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#, setup: [#"""
                migrations.AddField(
                    model_name="order",
                    name="replacement",
                    field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#]),
            RuleExample(#"""
                ↓migrations.AddField(
                    model_name="order",
                    name="gift",
                    field=models.ForeignKey(default=1, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="shop.product"),
                ),
                """#),
            RuleExample(#"""
                ↓migrations.AlterField(
                    model_name="order",
                    name="bundle",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#, setup: [#"migrations.AddField(model_name="order", name="bundle", field=models.BigIntegerField(null=True, db_column="bundle_id")),"#]),
            RuleExample(#"""
                ↓migrations.AlterField(
                    model_name="order",
                    name="product",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to="shop.product"),
                ),
                """#),
            RuleExample(#"""
                ↓migrations.AddField(
                    model_name="order",
                    name="gift_product",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#, target: Target(.mysql, major: 8, reason: "example")),
            RuleExample(#"↓migrations.RenameField(model_name="order", old_name="product", new_name="item"),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.AddField(
                    model_name="order",
                    name="gift_product",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#),
            RuleExample(#"""
                migrations.AlterField(
                    model_name="order",
                    name="product",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="orders", to="shop.product"),
                ),
                """#),
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[
                        migrations.AlterField(
                            model_name="order",
                            name="replacement",
                            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                        ),
                    ],
                    database_operations=[
                        migrations.RunSQL(
                            'ALTER TABLE "shop_order" ADD CONSTRAINT "shop_order_replacement_id_fk" FOREIGN KEY ("replacement_id") REFERENCES "shop_product" ("id") DEFERRABLE INITIALLY DEFERRED NOT VALID',
                            reverse_sql='ALTER TABLE "shop_order" DROP CONSTRAINT "shop_order_replacement_id_fk"',
                        ),
                    ],
                ),
                """#, setup: [#"""
                migrations.AddField(
                    model_name="order",
                    name="replacement",
                    field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="shop.product"),
                ),
                """#]),
            RuleExample(#"""
                migrations.AlterField(
                    model_name="order",
                    name="product",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to="shop.product"),
                ),
                """#, target: Target(.sqlite, reason: "example")),
        ],
        emittedSQL: [
            #"ALTER TABLE "shop_order" ADD CONSTRAINT "shop_order_replacement_id_[0-9a-f]+_fk_shop_product_id" FOREIGN KEY \("replacement_id"\) REFERENCES "shop_product" \("id"\)"#,
        ],
        lockClaim: LockClaim(blocksReads: false, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        if context.operation.className == "RenameField" { return renamedForeignKey(context) }
        guard context.locksMatter, context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let field = context.newField,
              field.isForeignKey, field.dbConstraint else { return [] }
        let column = field.columnName(fieldName: name)
        let target = field.relatedModel.flatMap { context.state[$0] }
        let targetTable = target?.tableName ?? field.relatedModel.map { "\($0.app)_\($0.name)" } ?? "?"
        let targetName = target?.name ?? targetTable
        let targetColumn = target?.primaryKey.map { $0.field.columnName(fieldName: $0.name) } ?? "id"
        let mysql = context.target.backend == .mysql
        // Whether the column itself changes, so the scan runs under ACCESS EXCLUSIVE.
        var altersColumn = false
        // Whether the database needs the operation itself (without the constraint), not only the constraint.
        var changesField = true
        let what: String
        switch context.operation.className {
        case "AddField":
            let scans = !field.null && (field.pythonDefault != nil || field.databaseDefault != nil)
            guard scans || mysql else { return [] }
            altersColumn = true
            what = "AddField adds column \"\(column)\" to \"\(model.tableName)\" with a FOREIGN KEY to \"\(targetTable)\"" + (scans ? " and fills every row with the default" : "")
        case "AlterField":
            guard let before = context.fieldBefore else { return [] }
            let schemaChanged = LockRuleSupport.schemaSignature(before, name: name, ignoring: ["db_constraint"])
                != LockRuleSupport.schemaSignature(field, name: name, ignoring: ["db_constraint"])
            if !before.isForeignKey || !before.dbConstraint {
                // Only ALTER COLUMN (type, NULL, name) takes ACCESS EXCLUSIVE; the index and FK do not.
                altersColumn = context.state.columnType(of: before) != context.state.columnType(of: field)
                    || before.null != field.null || before.columnName(fieldName: name) != column
                changesField = schemaChanged
                what = "AlterField adds a FOREIGN KEY on \"\(model.tableName)\".\"\(column)\" to \"\(targetTable)\""
            } else {
                guard schemaChanged else { return [] }
                altersColumn = true
                what = "AlterField changes foreign key \(model.name).\(name), so Django drops its FOREIGN KEY constraint and adds it again (to \"\(targetTable)\")"
            }
        default:
            return []
        }
        let message: String
        if mysql {
            message = "\(what): MySQL copies the whole table to add a foreign key while foreign_key_checks is on, and writes to \(model.name) wait for the copy."
        } else if context.operation.className == "AlterField" && context.fieldBefore?.isForeignKey == true && context.fieldBefore?.dbConstraint == true {
            message = "\(what): DROP CONSTRAINT takes ACCESS EXCLUSIVE on both \"\(model.tableName)\" and \"\(targetTable)\", held while the new constraint checks every row, so reads and writes on \(model.name) and \(targetName) wait for the whole scan."
        } else if altersColumn {
            message = "\(what): PostgreSQL checks every row under the ACCESS EXCLUSIVE lock the ALTER TABLE took, so reads and writes on \(model.name) wait for the whole scan, and writes to \(targetName) too."
        } else {
            message = "\(what): PostgreSQL checks every row while holding SHARE ROW EXCLUSIVE on both tables, so writes to \(model.name) and \(targetName) wait for the whole scan."
        }
        let buildsIndex = field.hasIndex && !(context.fieldBefore?.hasIndex ?? false) && !mysql
        return [Violation(message, recipe: recipe(context, name: name, field: field, column: column, changesField: changesField,
                                                   buildsIndex: buildsIndex, references: (targetTable, targetColumn), mysql: mysql))]
    }

    private func recipe(_ context: OperationContext, name: String, field: FieldDefinition, column: String, changesField: Bool,
                        buildsIndex: Bool, references: (table: String, column: String), mysql: Bool) -> String {
        let label = context.modelLabel
        let table = context.tableName
        let constraint = LockRuleSupport.constraintName(table, [column], suffix: "fk")
        let isAdd = context.operation.className == "AddField"
        var database: [String] = []
        if changesField {
            // The column as the operation makes it, without the constraint (and, on PostgreSQL, without the index).
            let keywords = buildsIndex ? [("db_constraint", "False"), ("db_index", "False")] : [("db_constraint", "False")]
            database.append("migrations.\(context.operation.className)(model_name=\"\(label)\", name=\"\(name)\", field=\(Recipe.rewritten(field.value, setting: keywords))),")
        }
        if mysql {
            database.append("""
                migrations.RunSQL(
                    [
                        'SET FOREIGN_KEY_CHECKS = 0',
                        'ALTER TABLE `\(table)` ADD CONSTRAINT `\(constraint)` FOREIGN KEY (`\(column)`) REFERENCES `\(references.table)` (`\(references.column)`)',
                        'SET FOREIGN_KEY_CHECKS = 1',
                    ],
                    reverse_sql='ALTER TABLE `\(table)` DROP FOREIGN KEY `\(constraint)`',
                ),
                """)
        } else {
            database.append("""
                migrations.RunSQL(
                    'ALTER TABLE "\(table)" ADD CONSTRAINT "\(constraint)" FOREIGN KEY ("\(column)") REFERENCES "\(references.table)" ("\(references.column)") DEFERRABLE INITIALLY DEFERRED NOT VALID',
                    reverse_sql='ALTER TABLE "\(table)" DROP CONSTRAINT "\(constraint)"',
                ),
                """)
        }
        var steps: [(name: String, atomic: Bool, operations: String)] = [(name: "\(isAdd ? "add" : "alter")_\(label)_\(name)", atomic: true, operations: """
            migrations.SeparateDatabaseAndState(
                state_operations=[
                    \(context.operation.value.pythonSource),
                ],
                database_operations=[
            \(Recipe.indent(database.joined(separator: "\n"), by: 8))
                ],
            ),
            """)]
        if mysql {
            return Recipe.migrations(steps, note: """
                With foreign_key_checks = 0 MySQL adds the key in place without checking existing rows; first make sure \
                there are no orphans: SELECT c.`\(column)` FROM `\(table)` c LEFT JOIN `\(references.table)` p ON p.`\(references.column)` = c.`\(column)` WHERE c.`\(column)` IS NOT NULL AND p.`\(references.column)` IS NULL;
                """)
        }
        if buildsIndex {
            let index = LockRuleSupport.indexName(label, [name], suffix: "idx")
            steps.append((name: "add_\(index)_concurrently", atomic: false,
                          operations: LockRuleSupport.createIndexConcurrently(index, table: table, columns: [column])))
        }
        steps.append((name: "validate_\(constraint)", atomic: true, operations: """
            ValidateConstraint(model_name="\(label)", name="\(constraint)"),
            """))
        return Recipe.migrations(steps, note: "Add the constraint NOT VALID (new rows checked at once, no scan), then validate it in a separate migration (no blocking lock):")
    }

    /// RenameField on a foreign key whose column name follows the field's: Django drops the
    /// constraint, renames the column and adds the constraint again, validated (measured on
    /// wagtailcore.0079 by the history oracle).
    private func renamedForeignKey(_ context: OperationContext) -> [Violation] {
        guard context.isLivePostgresTable, let model = context.model,
              let old = context.operation.string("old_name", position: 1), let new = context.operation.string("new_name", position: 2),
              let field = model.field(old), field.isForeignKey, field.dbConstraint,
              field.columnName(fieldName: old) != field.columnName(fieldName: new) else { return [] }
        let target = field.relatedModel.flatMap { context.state[$0] }
        let targetTable = target?.tableName ?? field.relatedModel.map { "\($0.app)_\($0.name)" } ?? "?"
        let column = field.columnName(fieldName: old)
        return [Violation(
            "RenameField renames foreign key \(model.name).\(old) to \(new): Django drops its FOREIGN KEY constraint and adds it again on \"\(new)_id\", which checks every row of \"\(model.tableName)\" against \"\(targetTable)\" under the ACCESS EXCLUSIVE lock of the rename.",
            recipe: """
                Keep the column and its constraint, and rename the field in Django's state only:
                    migrations.SeparateDatabaseAndState(state_operations=[
                        \(context.operation.value.pythonSource),
                        migrations.AlterField(model_name="\(context.modelLabel)", name="\(new)", field=\(Recipe.withKeyword(field.value, "db_column", "\"\(column)\""))),
                    ]),
                """)]
    }
}
