import SchemaState

/// `RenameModel` or `AlterModelTable` that gives the table a new name.
public struct RenameTableRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "rename-table",
        name: "Renaming a table",
        kind: .breaksOldCode,
        severity: .error,
        summary: "RenameModel or AlterModelTable renames a table the previous release still queries by its old name.",
        why: """
            `ALTER TABLE … RENAME TO` is instant, but the previous release still queries the old table name \
            and fails with `relation … does not exist` until it is replaced. The rename takes an ACCESS \
            EXCLUSIVE lock. RenameModel also renames automatic many-to-many tables.
            """,
        recipe: """
            Rename the class only: keep the table with `Meta.db_table = "<old table>"` on the renamed model \
            (RenameModel then emits no SQL). A real rename needs the new name to exist while old code runs \
            (a view, or a new table with dual writes).
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.RenameModel(old_name="Product", new_name="Item"),"#),
            RuleExample(#"↓migrations.AlterModelTable(name="order", table="shop_purchase"),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.AlterModelTable(name="product", table="shop_product"),
                migrations.RenameModel(old_name="Product", new_name="Item"),
                """#),
            RuleExample(#"migrations.AlterModelTable(name="order", table="shop_order"),"#),
        ],
        emittedSQL: [#"ALTER TABLE "shop_product" RENAME TO "shop_item""#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.tableIsLive, let model = context.model else { return [] }
        let newTable: String
        switch context.operation.className {
        case "RenameModel":
            guard model.dbTable == nil, let new = context.operation.string("new_name", position: 1) else { return [] }
            newTable = "\(context.app)_\(new.lowercased())"
        case "AlterModelTable":
            newTable = context.operation.argument("table", position: 1)?.stringValue ?? "\(context.app)_\(model.key.name)"
        default:
            return []
        }
        guard newTable != model.tableName else { return [] }
        return [Violation(
            "\(context.operation.className) renames table \"\(model.tableName)\" to \"\(newTable)\" (\(model.name)) while the previous release still queries \"\(model.tableName)\": its queries fail until it is replaced.",
            recipe: """
                Keep the table name: give the model `class Meta: db_table = "\(model.tableName)"`, and in the migration set it before renaming:
                    migrations.AlterModelTable(name="\(model.name.lowercased())", table="\(model.tableName)"),
                    migrations.RenameModel(old_name="\(model.name)", new_name="…"),
                (both change Django's state only: no SQL runs).
                """)]
    }
}
