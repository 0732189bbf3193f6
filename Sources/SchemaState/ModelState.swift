import MigrationGraph
import MigrationModel

/// A model as Django's migration state knows it: `app_label` and the lowercased model name.
public struct ModelKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var app: String
    public var name: String

    public init(_ app: String, _ name: String) {
        self.app = app
        self.name = name.lowercased()
    }

    /// `"shop.Product"` or `"Product"` (in `app`) → a key.
    public init?(reference: String, in app: String) {
        let parts = reference.split(separator: ".")
        switch parts.count {
        case 1: self.init(app, String(parts[0]))
        case 2: self.init(String(parts[0]), String(parts[1]))
        default: return nil
        }
    }

    public var description: String { "\(app).\(name)" }
    public static func < (a: ModelKey, b: ModelKey) -> Bool { (a.app, a.name) < (b.app, b.name) }
}

/// One model's fields and options right before an operation, and where it came from.
public struct ModelState: Sendable {
    public var key: ModelKey
    /// The class name as written in the migration: `Product`.
    public var name: String
    public var fields: [(name: String, field: FieldDefinition)]
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

    /// The table: `Meta.db_table`, else `app_label` + `_` + the lowercased model name.
    public var tableName: String { dbTable ?? "\(key.app)_\(key.name)" }

    /// Whether Django creates a table for it (not unmanaged, not a proxy).
    public var hasTable: Bool { managed && !proxy }

    public func field(_ name: String) -> FieldDefinition? {
        fields.last { $0.name.lowercased() == name.lowercased() }?.field
    }

    public var primaryKey: (name: String, field: FieldDefinition)? {
        fields.first { $0.field.primaryKey }
    }

    mutating func setField(_ name: String, _ field: FieldDefinition) {
        if let index = fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            fields[index] = (name, field)
        } else {
            fields.append((name, field))
        }
    }

    mutating func removeField(_ name: String) {
        fields.removeAll { $0.name.lowercased() == name.lowercased() }
    }
}
