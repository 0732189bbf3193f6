import DatabaseTarget
import SchemaState

/// `RenameField` that renames the column the running code still names.
public struct RenameColumnRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "rename-column",
        name: "Renaming a column",
        kind: .breaksOldCode,
        severity: .error,
        summary: "RenameField renames a column the previous release still selects and inserts by its old name.",
        why: """
            `ALTER TABLE … RENAME COLUMN` is instant, but the previous release names the old column in every \
            query of the model and fails with `column … does not exist` until it is replaced. The rename takes \
            an ACCESS EXCLUSIVE lock.
            """,
        recipe: """
            Rename in Python only: keep the column by giving the renamed field `db_column="<old name>"` \
            (no SQL). To really rename the column: add the new column, write both, backfill, read the new \
            one, then drop the old one over several releases.
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.RenameField(model_name="product", old_name="sku", new_name="code"),"#),
            RuleExample(#"↓migrations.RenameField(model_name="order", old_name="product", new_name="item"),"#,
                        target: Target(.mysql, major: 8, reason: "example")),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, db_column="sku")),
                migrations.RenameField(model_name="product", old_name="sku", new_name="code"),
                """#),
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.RenameField(model_name="product", old_name="sku", new_name="code")],
                ),
                """#),
        ],
        emittedSQL: [#"RENAME COLUMN "sku" TO "code""#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RenameField", context.tableIsLive, let model = context.model,
              let old = context.operation.string("old_name", position: 1), let new = context.operation.string("new_name", position: 2),
              let field = model.field(old), field.hasColumn, field.dbColumn == nil else { return [] }
        let oldColumn = field.columnName(fieldName: old)
        let newColumn = field.columnName(fieldName: new)
        guard oldColumn != newColumn else { return [] }
        let keepColumn = Recipe.withKeyword(field.value, "db_column", "\"\(oldColumn)\"")
        return [Violation(
            "RenameField renames column \"\(oldColumn)\" of table \"\(model.tableName)\" to \"\(newColumn)\" (\(model.name).\(old) → \(new)) while the previous release still uses \"\(oldColumn)\": its queries on \(model.name) fail until it is replaced.",
            recipe: """
                Keep the column and rename only the Python field: in the model write
                    \(new) = \(keepColumn)
                and replace this operation with the state-only rename (no SQL):
                    migrations.SeparateDatabaseAndState(
                        state_operations=[
                            migrations.RenameField(model_name="\(model.name.lowercased())", old_name="\(old)", new_name="\(new)"),
                            migrations.AlterField(model_name="\(model.name.lowercased())", name="\(new)", field=\(keepColumn)),
                        ],
                    ),
                """)]
    }
}
