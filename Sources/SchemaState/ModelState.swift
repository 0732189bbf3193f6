import MigrationGraph
import MigrationModel

/// One model's fields and options right before an operation, and where it came from.
public struct ModelState: Sendable {
    public var key: ModelKey
    /// The class name as written in the migration: `Product`.
    public var name: String
    /// In declaration order. Changed only through the methods below, which keep `positions` true:
    /// a history that adds thousands of fields to one model looks each one up in constant time.
    public private(set) var fields: [(name: String, field: FieldDefinition)]
    /// Lowercased field name → index in `fields` (Django's field names are case-insensitive here).
    private var positions: [String: Int] = [:]
    public var dbTable: String?
    public var managed = true
    public var proxy = false
    public var uniqueTogether: [[String]] = []
    public var indexTogether: [[String]] = []
    /// `Meta.order_with_respect_to`: Django keeps the order in a `_order` column.
    public var orderWithRespectTo: String?
    /// `Meta.indexes` and `Meta.constraints`, by name.
    public var indexes: [String: PythonValue] = [:]
    public var constraints: [String: PythonValue] = [:]
    /// Constraints added `NOT VALID` and not validated since.
    public var notValidConstraints: Set<String> = []
    /// The migration that created the model.
    public var createdBy: MigrationKey?
    /// Whether that migration is pending too: the table is new, empty, and unknown to old code.
    public var createdInPlan = false

    public init(key: ModelKey, name: String, fields: [(name: String, field: FieldDefinition)]) {
        self.key = key
        self.name = name
        self.fields = []
        for (fieldName, field) in fields { setField(fieldName, field) }
    }

    /// The table: `Meta.db_table`, else `app_label` + `_` + the lowercased model name.
    public var tableName: String { dbTable ?? "\(key.app)_\(key.name)" }

    /// Whether Django creates a table for it (not unmanaged, not a proxy).
    public var hasTable: Bool { managed && !proxy }

    public func field(_ name: String) -> FieldDefinition? {
        positions[name.lowercased()].map { fields[$0].field }
    }

    public var primaryKey: (name: String, field: FieldDefinition)? {
        fields.first { $0.field.primaryKey }
    }

    /// Replaces the field of that name where it stands, or appends it.
    mutating func setField(_ name: String, _ field: FieldDefinition) {
        let lowered = name.lowercased()
        if let index = positions[lowered] {
            fields[index] = (name, field)
        } else {
            positions[lowered] = fields.count
            fields.append((name, field))
        }
    }

    mutating func removeField(_ name: String) {
        guard let index = positions.removeValue(forKey: name.lowercased()) else { return }
        fields.remove(at: index)
        for position in index..<fields.count { positions[fields[position].name.lowercased()] = position }
    }

    /// RenameField: the field keeps its place. Returns false when there is no field `old`.
    mutating func renameField(_ old: String, to new: String) -> Bool {
        guard let index = positions.removeValue(forKey: old.lowercased()) else { return false }
        fields[index].name = new
        positions[new.lowercased()] = index
        return true
    }

    /// Points every foreign key to `old` at `new` (RenameModel).
    mutating func retargetRelations(from old: ModelKey, to new: ModelKey) {
        for index in fields.indices where fields[index].field.relatedModel == old {
            fields[index].field.relatedModel = new
        }
    }
}
