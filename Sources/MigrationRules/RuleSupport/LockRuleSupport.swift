import MigrationModel
import SchemaState

/// What the lock rules share: where the danger is real, the lock an earlier operation already
/// holds, index groups, and names for the indexes and constraints their recipes create.
extension OperationContext {
    /// PostgreSQL, on a table that already holds rows the running code uses.
    var isLivePostgresTable: Bool { target.isPostgreSQL && tableIsLive }

    /// An operation earlier in this atomic migration that already took ACCESS EXCLUSIVE on the
    /// operation's table: whatever this one builds then runs under that lock, blocking reads too.
    var earlierAccessExclusive: MigrationOperation? {
        guard atomic, let model else { return nil }
        for (position, entry) in siblings.enumerated() where position < index {
            guard case .operation(let outer) = entry else { continue }
            let inner = outer.operations("database_operations", position: 0).compactMap { entry -> MigrationOperation? in
                if case .operation(let operation) = entry { return operation }
                return nil
            }
            for candidate in [outer] + inner where LockRuleSupport.takesAccessExclusive.contains(candidate.className) {
                let name = candidate.string("model_name") ?? candidate.string("model_name", position: 0)
                    ?? candidate.string("name", position: 0)
                if name?.lowercased() == model.key.name { return candidate }
            }
        }
        return nil
    }

    /// The operation as the migration spells its model: `"order"`.
    var modelLabel: String { modelName.lowercased() }

    /// Column names for field names of this model (`product` → `product_id`; `-name` → `name`).
    func columns(_ fields: [String]) -> [String] {
        fields.map { written in
            let name = written.hasPrefix("-") ? String(written.dropFirst()) : written
            return model?.field(name)?.columnName(fieldName: name) ?? name
        }
    }
}

enum LockRuleSupport {
    /// Operations whose SQL always takes ACCESS EXCLUSIVE (`ALTER TABLE`, `DROP INDEX`). AlterField is
    /// left out: whether it does depends on the field before it, which the context no longer has.
    static let takesAccessExclusive: Set<String> = [
        "AddField", "RemoveField", "RenameField", "AddConstraintNotValid", "RemoveConstraint", "RemoveIndex",
    ]

    /// Field keywords Django ignores when deciding whether an AlterField changes the schema
    /// (`Field.non_db_attrs`, Django 5.2), plus `db_comment` and the relation target (compared resolved).
    static let nonSchemaKeywords: Set<String> = [
        "blank", "choices", "db_column", "editable", "error_messages", "help_text", "limit_choices_to", "on_delete",
        "related_name", "related_query_name", "validators", "verbose_name", "db_comment", "to",
    ]

    /// What Django compares to decide whether an AlterField touches the database; `keeping` names
    /// keywords of `nonSchemaKeywords` that count on the backend at hand.
    /// `sqlOnly`: leave out what a third-party class says changes no SQL (Django still compares it,
    /// and SQLite remakes the table for it; PostgreSQL and MySQL get no statement).
    static func schemaSignature(_ field: FieldDefinition, name: String, ignoring: Set<String> = [], keeping: Set<String> = [],
                                sqlOnly: Bool = true) -> String {
        var ignored = nonSchemaKeywords.subtracting(keeping).union(ignoring)
        if sqlOnly { ignored.formUnion(field.pythonOnlyKeywords) }
        var parts = [field.className, field.columnName(fieldName: name), field.relatedModel?.description ?? ""]
        if case .call(_, let arguments, let keywords) = field.value.kind {
            if !(sqlOnly && field.positionalArgumentsArePythonOnly) {
                parts += arguments.dropFirst(field.isRelation ? 1 : 0).map(\.pythonSource)
            }
            parts += keywords.filter { !ignored.contains($0.name ?? "") }
                .map { "\($0.name ?? "**")=\($0.value.pythonSource)" }.sorted()
        }
        return parts.joined(separator: "|")
    }

    /// Whether Django sends any SQL for an AlterField from `before` to `after` (its
    /// `_field_should_be_altered`). A `db_comment` change counts: on PostgreSQL Django sends a no-op
    /// `ALTER COLUMN … TYPE` with the COMMENT (ACCESS EXCLUSIVE, measured), on SQLite it remakes the table.
    /// `sqlOnly: false` is Django's own comparison, which decides whether SQLite remakes the table.
    static func djangoAlters(_ before: FieldDefinition, _ after: FieldDefinition, name: String, sqlOnly: Bool = true) -> Bool {
        schemaSignature(before, name: name, keeping: ["db_comment"], sqlOnly: sqlOnly)
            != schemaSignature(after, name: name, keeping: ["db_comment"], sqlOnly: sqlOnly)
    }

    /// A name for an index the recipe creates: Django limits `Index.name` to 30 characters.
    static func indexName(_ model: String, _ columns: [String], suffix: String) -> String {
        let base = ([model.lowercased()] + columns).joined(separator: "_")
        let room = 30 - suffix.count - 1
        return String(base.prefix(room)) + "_" + suffix
    }

    /// A constraint name (PostgreSQL allows 63 bytes).
    static func constraintName(_ table: String, _ columns: [String], suffix: String) -> String {
        let base = ([table] + columns).joined(separator: "_")
        return String(base.prefix(62 - suffix.count)) + "_" + suffix
    }

    static func quoted(_ identifier: String) -> String { "\"\(identifier)\"" }

    static func quotedList(_ identifiers: [String]) -> String { identifiers.map(quoted).joined(separator: ", ") }

    /// `RunSQL` creating an index concurrently, reversible, for an `atomic = False` migration.
    static func createIndexConcurrently(_ name: String, table: String, columns: [String], unique: Bool = false) -> String {
        """
        migrations.RunSQL(
            'CREATE \(unique ? "UNIQUE " : "")INDEX CONCURRENTLY IF NOT EXISTS \(quoted(name)) ON \(quoted(table)) (\(quotedList(columns)))',
            reverse_sql='DROP INDEX CONCURRENTLY IF EXISTS \(quoted(name))',
        ),
        """
    }

    /// Names the lock an earlier operation holds, for messages.
    static func stackedNote(_ earlier: MigrationOperation?, table: String) -> String {
        guard let earlier else { return "" }
        return " This migration already holds ACCESS EXCLUSIVE on \"\(table)\" (from `\(OperationWording.describe(earlier))` earlier in it), so reads wait too."
    }
}
