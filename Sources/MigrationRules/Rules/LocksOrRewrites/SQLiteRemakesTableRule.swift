import DatabaseTarget
import MigrationModel
import SchemaState

/// On SQLite, an operation Django can only carry out by copying the whole table.
public struct SQLiteRemakesTableRule: Rule {
    public init() {}

    static let sqlite = Target(.sqlite, reason: "example")

    public static let description = RuleDescription(
        identifier: "sqlite-remakes-table",
        name: "SQLite remakes the table",
        kind: .locks,
        severity: .warning,
        summary: "On SQLite Django copies every row of the table into a new one for this operation, holding the database's only write lock.",
        why: """
            SQLite's ALTER TABLE can only rename, add a plain nullable column without a default, and (3.35.5+) \
            drop a column that is not indexed, unique, a primary key or a foreign key. For anything else \
            Django's SQLite schema editor remakes the table: CREATE TABLE "new__<table>", INSERT INTO it \
            SELECT every row, DROP the old table, rename the new one, recreate its indexes. SQLite allows one \
            writer for the whole database, so every other write, to any table, waits for the copy and fails \
            with "database is locked" once its busy timeout (Django's default: 5 s) runs out; reads go on in \
            WAL mode. Informational: on a small table the copy takes milliseconds; on a big one it is downtime \
            for writers.
            """,
        recipe: """
            Run the migration when writes are few, or let writers wait longer than the copy takes: \
            DATABASES["default"]["OPTIONS"] = {"timeout": 30} (seconds). A nullable column without a default \
            (AddField with null=True) is added with a plain ADD COLUMN instead.
            """,
        appliesTo: "SQLite (informational)",
        triggeringExamples: [
            RuleExample(#"↓migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=100)),"#, target: sqlite),
            RuleExample(#"↓migrations.AddField(model_name="product", name="stock", field=models.IntegerField(default=0)),"#, target: sqlite),
            RuleExample(#"↓migrations.AddField(model_name="product", name="code", field=models.CharField(max_length=10, null=True, unique=True)),"#, target: sqlite),
            RuleExample(#"↓migrations.AddField(model_name="product", name="added", field=models.DateTimeField(null=True, db_default=None)),"#, target: sqlite),
            RuleExample(#"↓migrations.RemoveField(model_name="order", name="product"),"#, target: sqlite),
            RuleExample(#"↓migrations.RemoveField(model_name="product", name="legacy_code"),"#,
                        target: Target(.sqlite, major: 3, minor: 31, reason: "example")),
            RuleExample(#"↓migrations.AddConstraint(model_name="product", constraint=models.CheckConstraint(condition=Q(price__gte=0), name="price_gte_0")),"#, target: sqlite),
            RuleExample(#"↓migrations.RenameField(model_name="order", old_name="product", new_name="item"),"#, target: sqlite),
            RuleExample(#"↓migrations.RenameModel(old_name="Product", new_name="Article"),"#, target: sqlite),
            RuleExample(#"↓migrations.AlterOrderWithRespectTo(name="order", order_with_respect_to="product"),"#, target: sqlite),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),"#, target: sqlite),
            RuleExample(#"migrations.AddField(model_name="product", name="added", field=models.DateTimeField(null=True, default=None)),"#, target: sqlite),
            RuleExample(#"migrations.RemoveField(model_name="product", name="legacy_code"),"#, target: sqlite),
            RuleExample(#"migrations.RenameField(model_name="product", old_name="legacy_code", new_name="old_code"),"#, target: sqlite),
            RuleExample(#"migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=50, help_text="Shown on the page")),"#, target: sqlite),
            RuleExample(#"migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["sku"], condition=Q(price__gt=0), name="sku_when_priced")),"#, target: sqlite),
            RuleExample(#"migrations.AddIndex(model_name="product", index=models.Index(fields=["sku"], name="product_sku_idx")),"#, target: sqlite),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.AlterField(model_name="coupon", name="code", field=models.CharField(max_length=20)),
                """#, target: sqlite),
            RuleExample(#"migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=100)),"#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.target.backend == .sqlite else { return [] }
        return remakes(context).filter { context.isLiveTable($0.table) }.map { remake in
            Violation(
                "\(context.operation.className) makes Django remake table \"\(remake.table)\" on SQLite (\(remake.reason)): "
                    + "every row is copied into \"new__\(remake.table)\" while the database's write lock is held, so other writers wait.",
                recipe: """
                    Every write to the database waits while "\(remake.table)" is copied: run the migration when writes are few, \
                    or give writers a busy timeout longer than the copy: DATABASES["default"]["OPTIONS"] = {"timeout": 30}.
                    """)
        }
    }

    /// The tables Django's SQLite schema editor (Django 5.2) copies for the operation, and why.
    func remakes(_ context: OperationContext) -> [(table: String, reason: String)] {
        let operation = context.operation
        guard let model = context.model, model.hasTable else { return [] }
        let own = model.tableName
        switch operation.className {
        case "AddField":
            guard let field = context.newField, field.hasColumn else { return [] }
            return addColumnProblem(field).map { [(own, "ADD COLUMN cannot add \($0)")] } ?? []
        case "RemoveField":
            guard let name = operation.string("name", position: 1), let field = model.field(name), field.hasColumn else { return [] }
            if let problem = dropColumnProblem(field) { return [(own, "DROP COLUMN cannot drop \(problem)")] }
            if sqliteBefore(3, 35, context.target) { return [(own, "SQLite before 3.35.5 has no DROP COLUMN")] }
            return []
        case "AlterField":
            guard let name = operation.string("name", position: 1), let before = model.field(name),
                  let after = context.newField, before.hasColumn, after.hasColumn,
                  LockRuleSupport.djangoAlters(before, after, name: name, sqlOnly: false) else { return [] }
            return [(own, "SQLite has no ALTER COLUMN")]
        case "RenameField":
            guard let old = operation.string("old_name", position: 1), let new = operation.string("new_name", position: 2),
                  let field = model.field(old), field.hasColumn,
                  field.columnName(fieldName: old) != field.columnName(fieldName: new),
                  field.isForeignKey && field.dbConstraint else { return [] }
            return [(own, "a foreign key column cannot be renamed in place")]
        case "RenameModel":
            // Every foreign key to the model is altered to point at the renamed table; a model
            // whose `db_table` keeps the name changes nothing.
            guard model.dbTable == nil else { return [] }
            return context.state.references(to: model.key).filter { $0.model.hasTable }
                .map { ($0.model.tableName, "its foreign key \($0.model.name).\($0.name) now points at the renamed table") }
                .uniqued(on: \.table)
        case "AlterOrderWithRespectTo":
            let adds = operation.string("order_with_respect_to", position: 1) != nil && model.orderWithRespectTo == nil
            return adds ? [(own, "ADD COLUMN cannot add the NOT NULL \"_order\" column")] : []
        case "AddConstraint", "RemoveConstraint":
            let constraint = operation.className == "AddConstraint"
                ? operation.argument("constraint", position: 1)
                : operation.string("name", position: 1).flatMap { model.constraints[$0] }
            guard let constraint, !isIndexBackedUniqueConstraint(constraint) else { return [] }
            return [(own, "SQLite cannot \(operation.className == "AddConstraint" ? "add" : "drop") a constraint of an existing table")]
        default:
            return []
        }
    }

    /// What ADD COLUMN cannot do (Django's `DatabaseSchemaEditor.add_field`), nil when it can.
    private func addColumnProblem(_ field: FieldDefinition) -> String? {
        if field.primaryKey { return "a primary key" }
        if field.unique { return "a UNIQUE column" }
        if !field.null { return "a NOT NULL column" }
        if let value = field.pythonDefault, !value.isNone { return "a column with a default" }
        let keywords = field.value.callKeywords
        if keywords?["auto_now"]?.boolValue == true || keywords?["auto_now_add"]?.boolValue == true {
            return "a column with a default (auto_now)"
        }
        // Django 5.2 keeps `db_default` as written: anything but a `Value(...)` takes the remake path.
        if field.databaseDefaultIsNull { return "a column with a database default" }
        if let value = field.databaseDefault, value.calleeClassName != "Value" {
            return "a column with a database default"
        }
        return nil
    }

    /// What DROP COLUMN cannot do (Django's `remove_field`), nil when it can.
    private func dropColumnProblem(_ field: FieldDefinition) -> String? {
        if field.primaryKey { return "a primary key" }
        if field.unique { return "a UNIQUE column" }
        if field.isForeignKey && field.dbConstraint { return "a foreign key column" }
        if field.explicitDbIndex ?? (field.isForeignKey || field.className == "SlugField") { return "an indexed column" }
        return nil
    }

    /// A `UniqueConstraint` Django builds as a plain unique index on SQLite (conditions, expressions,
    /// `include`, `deferrable`) rather than by remaking the table.
    private func isIndexBackedUniqueConstraint(_ constraint: PythonValue) -> Bool {
        guard constraint.calleeClassName == "UniqueConstraint" else { return false }
        if let arguments = constraint.callArguments, !arguments.isEmpty { return true }
        return ["condition", "include", "deferrable"].contains { constraint.callKeywords?[$0].map { !$0.isNone } ?? false }
    }

    private func sqliteBefore(_ major: Int, _ minor: Int, _ target: Target) -> Bool {
        guard let known = target.major else { return false }
        return (known, target.minor ?? 0) < (major, minor)
    }
}

extension Array {
    fileprivate func uniqued<Key: Hashable>(on key: (Element) -> Key) -> [Element] {
        var seen = Set<Key>()
        return filter { seen.insert(key($0)).inserted }
    }
}
