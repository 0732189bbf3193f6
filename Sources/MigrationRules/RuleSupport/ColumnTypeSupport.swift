import MigrationModel
import SchemaState

/// The type change an `AlterField` makes to its column, as the target database sees it.
struct ColumnTypeChange {
    var model: ModelState
    var name: String
    var column: String
    var before: FieldDefinition
    var after: FieldDefinition
    var oldType: ColumnType
    var newType: ColumnType
    var change: TypeChange

    /// nil when the operation is not an AlterField on a live table, or a type is unknown.
    init?(_ context: OperationContext) {
        guard context.operation.className == "AlterField", context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let before = model.field(name),
              let after = context.newField, before.hasColumn, after.hasColumn,
              let oldType = context.state.columnType(of: before), let newType = context.state.columnType(of: after) else { return nil }
        self.model = model
        self.name = name
        self.column = after.columnName(fieldName: name)
        self.before = before
        self.after = after
        self.oldType = oldType
        self.newType = newType
        var change = context.target.backend == .mysql ? TypeChange.mysql(from: oldType, to: newType) : TypeChange.postgres(from: oldType, to: newType)
        if before.dbCollation != after.dbCollation && change != .narrowing { change = .rewrite }
        self.change = change
    }
}
