import DatabaseTarget
import MigrationModel
import SchemaState

/// `AddField` whose default makes the database write every row.
public struct AddColumnRewritesTableRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-column-rewrites-table",
        name: "Adding a column that rewrites the table",
        kind: .locks,
        severity: .error,
        summary: "AddField with a volatile database default (or any default before PostgreSQL 11) rewrites the whole table under ACCESS EXCLUSIVE.",
        why: """
            Since PostgreSQL 11 a constant or stable default (`db_default=0`, `Now()`) is stored once in the \
            catalog: no row is touched. A volatile default (`RandomUUID()`, `gen_random_uuid()`, \
            `clock_timestamp()`, `random()`) must be computed per row, so PostgreSQL rewrites the table and \
            rebuilds all its indexes under an ACCESS EXCLUSIVE lock (measured: 1.7 s for 300k rows, reads and \
            writes blocked). Before PostgreSQL 11 every non-null default rewrites. A stored generated column \
            (`GeneratedField(db_persist=True)`) is computed for every row the same way.
            """,
        recipe: """
            Add the column nullable without a default, set the default for new rows \
            (`ALTER COLUMN … SET DEFAULT`), backfill existing rows in batches, then make it NOT NULL.
            """,
        appliesTo: "PostgreSQL (volatile defaults: all versions; any default: before 11), MySQL 8 (expression defaults)",
        triggeringExamples: [
            RuleExample(#"↓migrations.AddField(model_name="order", name="token", field=models.UUIDField(db_default=RandomUUID())),"#),
            RuleExample(#"↓migrations.AddField(model_name="product", name="stock", field=models.IntegerField(db_default=0)),"#,
                        target: Target(.postgresql, major: 10, reason: "example")),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AddField(model_name="product", name="stock", field=models.IntegerField(db_default=0)),"#),
            RuleExample(#"migrations.AddField(model_name="order", name="created", field=models.DateTimeField(db_default=django.db.models.functions.Now())),"#),
            RuleExample(#"migrations.AddField(model_name="order", name="token", field=models.UUIDField(db_default=RandomUUID())),"#,
                        target: Target(.sqlite, reason: "example")),
        ],
        emittedSQL: [#"ADD COLUMN "token" uuid DEFAULT \(?GEN_RANDOM_UUID\(\)\)? NOT NULL"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: true)
    )

    static let volatileFunctions: Set<String> = ["RandomUUID", "gen_random_uuid", "uuid_generate_v4", "clock_timestamp", "random", "Random", "UUID4", "statement_timestamp", "timeofday", "nextval"]

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "AddField", context.locksMatter, context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let field = context.newField, field.hasColumn else { return [] }
        let column = field.columnName(fieldName: name)
        let place = "column \"\(column)\" of table \"\(model.tableName)\" (\(model.name).\(name))"
        var reason: String?
        if let value = field.databaseDefault, isVolatile(value) {
            reason = "its database default `\(value.pythonSource)` is volatile, computed per row"
        } else if field.className == "GeneratedField", field.value.callKeywords?["db_persist"]?.boolValue == true {
            reason = "a stored generated column is computed for every row"
        } else if context.target.postgresBefore(11), field.databaseDefault != nil || (field.pythonDefault != nil && !field.null) {
            reason = "before PostgreSQL 11 every column added with a default is written into every row"
        } else if context.target.backend == .mysql, let value = field.databaseDefault, case .call = value.kind {
            reason = "MySQL rebuilds the table for a column with an expression default"
        }
        guard let reason else { return [] }
        let modelName = model.name.lowercased()
        let nullable = Recipe.rewritten(field.value, removing: ["default", "db_default"], setting: [("null", "True")])
        return [Violation(
            "AddField adds \(place) and rewrites the whole table with every index under an ACCESS EXCLUSIVE lock: \(reason).",
            recipe: Recipe.migrations([
                ("add_\(modelName)_\(name)_nullable", true, """
                    migrations.AddField(model_name="\(modelName)", name="\(name)", field=\(nullable)),
                    """),
                ("backfill_\(modelName)_\(name)", false, """
                    migrations.RunPython(backfill_\(name), migrations.RunPython.noop),  # in batches
                    """),
            ], note: "Add it without a default, fill it in batches, then constrain it (see set-not-null):"))]
    }

    private func isVolatile(_ value: PythonValue) -> Bool {
        if let name = value.calleeClassName, Self.volatileFunctions.contains(name) { return true }
        guard case .call(_, let arguments, _) = value.kind else { return false }
        // RawSQL("gen_random_uuid()") and Func(function="gen_random_uuid"); a plain string is a literal value.
        if value.calleeClassName == "RawSQL", let sql = arguments.first?.stringValue {
            return Self.volatileFunctions.contains { sql.contains($0 + "(") }
        }
        if let function = value.callKeywords?["function"]?.stringValue, Self.volatileFunctions.contains(function) { return true }
        return arguments.contains { isVolatile($0) }
    }
}

