import DatabaseTarget
import MigrationGraph
import MigrationModel
import SchemaState

/// Everything a rule may look at for one operation: the operation, its migration, the project
/// state right before it, and the database it is judged for.
public struct OperationContext: Sendable {
    public var operation: MigrationOperation
    public var migration: MigrationKey
    public var path: String
    /// Whether the migration runs in one transaction (`atomic`, default True).
    public var atomic: Bool
    /// The migration's top-level operations, and this one's position among them (for an
    /// operation inside `SeparateDatabaseAndState`, the position of that wrapper).
    public var siblings: [OperationEntry]
    public var index: Int
    /// The state right before the operation.
    public var state: ProjectState
    public var target: Target
    /// Whether the operation sits in `SeparateDatabaseAndState(database_operations=…)`.
    public var isDatabaseOnly: Bool
    /// Where a lock timeout for migrations was found set (settings, PGOPTIONS, the database role).
    public var lockTimeoutSetBy: String? = nil
    /// Whether an earlier operation of the migration already takes a lock that blocks a live table.
    public var earlierOperationTakesBlockingLock = false
    /// The state before the migration's first operation, for rules that judge its other operations.
    public var stateAtMigrationStart: ProjectState? = nil

    public var app: String { migration.app }

    /// The model the operation names (`model_name`, else `name`), in the state before it.
    public var model: ModelState? {
        state.model(app: app, name: Self.modelName(of: operation))
    }

    /// The model name an operation takes: `model_name`, else `name` (`old_name` for RenameModel).
    static func modelName(of operation: MigrationOperation) -> String? {
        if operation.className == "RenameModel" { return operation.string("old_name", position: 0) }
        return operation.string("model_name") ?? (takesModelName.contains(operation.className)
            ? operation.string("model_name", position: 0) : operation.string("name", position: 0))
    }

    /// Whether the table already exists with data and old code uses it: not created by a
    /// migration that is itself pending.
    public var tableIsLive: Bool {
        guard let model else { return true }
        return model.hasTable && !model.createdInPlan
    }

    /// Whether PostgreSQL's and MySQL's lock and rewrite dangers count. On SQLite one writer locks the
    /// whole database and Django remakes tables instead: `sqlite-remakes-table` says when.
    public var locksMatter: Bool { target.backend != .sqlite }

    /// The field named by `name` (AddField, AlterField, RemoveField) as it was before.
    public var fieldBefore: FieldDefinition? {
        model?.field(operation.string("name", position: 1) ?? "")
    }

    /// The operation's `field=` as the project reads it.
    public var newField: FieldDefinition? {
        operation.argument("field", position: 2).map { state.field($0, app: app) }
    }

    /// Top-level operations of the migration other than this one, with inner database operations.
    public var otherOperations: [MigrationOperation] {
        var result: [MigrationOperation] = []
        for (position, entry) in siblings.enumerated() where position != index {
            guard case .operation(let operation) = entry else { continue }
            result.append(operation)
        }
        return result
    }

    /// Operations that take a model by `model_name` first.
    static let takesModelName: Set<String> = [
        "AddField", "AlterField", "RemoveField", "RenameField", "AddIndex", "RemoveIndex", "RenameIndex",
        "AddConstraint", "RemoveConstraint", "AlterConstraint", "AddIndexConcurrently", "RemoveIndexConcurrently",
        "AddConstraintNotValid", "ValidateConstraint",
    ]

    /// The class name as the model was written (`Product`), else the lowercased name.
    public var modelName: String {
        model?.name ?? operation.string("model_name", position: 0) ?? operation.string("name", position: 0) ?? "?"
    }

    /// The model's table name, else Django's default for the name.
    public var tableName: String {
        model?.tableName ?? "\(app)_\(modelName.lowercased())"
    }
}
