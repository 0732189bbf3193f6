import DatabaseTarget
import MigrationModel
import SchemaState

/// A migration that takes a blocking lock on a live table with no lock timeout known to be set.
public struct LockTimeoutNotSetRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "lock-timeout-not-set",
        name: "A blocking lock without a lock timeout",
        kind: .locks,
        severity: .warning,
        summary: "The migration takes a lock that blocks a live table and no lock timeout is known to be set: behind one long query, it makes every query on the table wait.",
        why: """
            Even a lock held for a millisecond (ADD COLUMN, DROP COLUMN, a rename, DROP INDEX) has to be \
            granted first. While a long query or an idle transaction holds the table, the ALTER waits in the \
            lock queue, and every query that arrives after it waits behind it, reads included for ACCESS \
            EXCLUSIVE: the table is down for as long as that query runs. PostgreSQL's lock_timeout (default \
            0, wait forever) and MySQL's lock_wait_timeout (default one year) make the migration give up \
            instead, so it can be retried a moment later. Seen as set: in the settings files, PGOPTIONS, the \
            database session (role or database settings, when the check reads the database; Django's own \
            connection through manage.py check_migrations), or a RunSQL earlier in the migration.
            """,
        recipe: """
            Give migrations a short lock timeout and retry when it expires. PostgreSQL: \
            DATABASES["default"]["OPTIONS"] = {"options": "-c lock_timeout=5s"} (or ALTER ROLE … SET \
            lock_timeout = '5s', or PGOPTIONS='-c lock_timeout=5s' for the migrate command), or first in \
            the migration: migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop). \
            MySQL: OPTIONS = {"init_command": "SET SESSION lock_wait_timeout = 5"}. Where it is set \
            somewhere zerodowntime cannot see, turn the rule off in [tool.zerodowntime] rules.
            """,
        appliesTo: "PostgreSQL, MySQL 8",
        triggeringExamples: [
            RuleExample(#"↓migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),"#),
            RuleExample(#"""
                migrations.AlterField(model_name="product", name="price", field=models.IntegerField(help_text="in cents")),
                ↓migrations.RemoveField(model_name="product", name="legacy_code"),
                migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),
                """#),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.AddField(model_name="coupon", name="note", field=models.TextField(null=True)),
                ↓migrations.CreateModel(name="Refund", fields=[("id", models.BigAutoField(primary_key=True)), ("order", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.order"))]),
                """#),
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    database_operations=[↓migrations.RemoveField(model_name="product", name="legacy_code")],
                ),
                """#),
            RuleExample(#"↓migrations.RenameField(model_name="product", old_name="sku", new_name="code"),"#,
                        target: Target(.mysql, major: 8, reason: "example")),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop),
                migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),
                """#),
            RuleExample(#"migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),"#),
            RuleExample(#"migrations.AlterField(model_name="product", name="price", field=models.IntegerField(help_text="in cents")),"#),
            RuleExample(#"AddIndexConcurrently(model_name="product", index=models.Index(fields=["name"], name="product_name_idx")),"#, atomic: false),
            RuleExample(#"migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),"#,
                        target: Target(.sqlite, reason: "example")),
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[migrations.RemoveField(model_name="product", name="legacy_code")],
                ),
                """#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.locksMatter, context.lockTimeoutSetBy == nil, context.operation.className != "SeparateDatabaseAndState",
              let (table, lock) = Self.blockingLock(context.operation, state: context.state, app: context.app, target: context.target) else { return [] }
        // Once per migration: at its first blocking operation, unless a timeout was set before it.
        if context.earlierOperationTakesBlockingLock { return [] }
        for earlier in Self.databaseOperations(context.siblings) {
            if earlier.location == context.operation.location { break }
            if Self.setsTimeout(earlier, target: context.target) { return [] }
        }
        let postgres = context.target.isPostgreSQL
        let setting = postgres ? "lock_timeout" : "lock_wait_timeout"
        // The text report shows one recipe for every migration it names: both forms.
        let first = """
            migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop),
                (with atomic = False: migrations.RunSQL("SET lock_timeout = '5s'", "RESET lock_timeout"),)
            """
        let recipe = postgres ? """
            Set a lock timeout for migrations and retry the deploy when it expires, one of:
                DATABASES["default"]["OPTIONS"] = {"options": "-c lock_timeout=5s"}  # in the settings migrate runs with
                ALTER ROLE <the deploy user> SET lock_timeout = '5s';
                PGOPTIONS='-c lock_timeout=5s' python manage.py migrate
            or as the first operation of each migration named here:
                \(first)
            """ : """
            Set a lock wait timeout for migrations and retry the deploy when it expires:
                DATABASES["default"]["OPTIONS"] = {"init_command": "SET SESSION lock_wait_timeout = 5"}
            or as the first operation of each migration named here:
                migrations.RunSQL("SET SESSION lock_wait_timeout = 5", migrations.RunSQL.noop),
            """
        return [Violation(
            "\(context.operation.className) takes \(lock) on \"\(table)\" and no \(setting) is set: if a long query holds "
                + "\"\(table)\" it waits, and every query on \"\(table)\" after it waits too.",
            recipe: recipe, table: table == "the table" ? nil : table)]
    }

    /// The live table the operation locks and how, when that lock blocks reads or writes; nil for
    /// operations that take none (new tables, state-only changes, concurrent index builds).
    static func blockingLock(_ operation: MigrationOperation, state: ProjectState, app: String, target: Target) -> (table: String, lock: String)? {
        let postgres = target.isPostgreSQL
        let exclusive = postgres ? "an ACCESS EXCLUSIVE lock" : "a metadata lock"
        if operation.className == "RunSQL" {
            var created: Set<String> = []
            for statement in SQLStatement.statements(operation.literalSQL ?? [], postgres: postgres) {
                if case .createTable(let name) = statement.kind { created.insert(SQLScope.bare(name)) }
                if let (table, lock) = sqlLock(statement.kind, postgres: postgres), state.isLiveTable(table),
                   !(table.map { created.contains(SQLScope.bare($0)) } ?? false) {
                    return (table ?? "the table", lock)
                }
            }
            return nil
        }
        if operation.className == "CreateModel" {
            // A foreign key to an existing table locks that table against writes while it is added.
            let fields: PythonValueList
            switch operation.argument("fields", position: 1)?.kind {
            case .list(let items)?, .tuple(let items)?: fields = items
            default: return nil
            }
            for item in fields {
                guard case .tuple(let pair) = item.kind, pair.count == 2 else { continue }
                let field = state.field(pair[1], app: app)
                guard field.isForeignKey, field.dbConstraint, let target = field.relatedModel, let model = state.models[target],
                      model.hasTable, !model.createdInPlan else { continue }
                return (model.tableName, postgres ? "a SHARE ROW EXCLUSIVE lock" : "a metadata lock")
            }
            return nil
        }
        guard let name = OperationContext.modelName(of: operation), let model = state.model(app: app, name: name),
              model.hasTable, !model.createdInPlan else { return nil }
        switch operation.className {
        case "AddField" where operation.argument("field", position: 2).map({ state.field($0, app: app).isManyToMany }) == true:
            // The join table's foreign keys lock both tables against writes.
            return (model.tableName, postgres ? "a SHARE ROW EXCLUSIVE lock" : "a metadata lock")
        case "AddField", "RemoveField", "RenameField", "AlterOrderWithRespectTo", "AddConstraint", "RemoveConstraint",
             "AddConstraintNotValid", "RemoveIndex", "AlterUniqueTogether", "DeleteModel":
            return (model.tableName, exclusive)
        case "AddIndex", "AlterIndexTogether":
            return (model.tableName, postgres ? "a SHARE lock" : "a metadata lock")
        case "RenameModel":
            return model.dbTable == nil ? (model.tableName, exclusive) : nil
        case "AlterModelTable":
            return operation.argument("table", position: 1)?.stringValue != model.tableName ? (model.tableName, exclusive) : nil
        case "AlterField":
            guard let field = operation.string("name", position: 1), let before = model.field(field),
                  let value = operation.argument("field", position: 2) else { return nil }
            let after = state.field(value, app: app)
            guard LockRuleSupport.djangoAlters(before, after, name: field) else { return nil }
            let onlyIndexBuilt = !before.hasIndex && after.hasIndex
                && LockRuleSupport.schemaSignature(before, name: field, ignoring: ["db_index"]) == LockRuleSupport.schemaSignature(after, name: field, ignoring: ["db_index"])
            return (model.tableName, onlyIndexBuilt && postgres ? "a SHARE lock" : exclusive)
        default:
            return nil
        }
    }

    /// The table a raw SQL statement locks against reads or writes, and the lock.
    static func sqlLock(_ kind: SQLStatement.Kind, postgres: Bool) -> (table: String?, lock: String)? {
        let exclusive = postgres ? "an ACCESS EXCLUSIVE lock" : "a metadata lock"
        switch kind {
        case .createIndex(let concurrently, let table): return concurrently ? nil : (table, postgres ? "a SHARE lock" : "a metadata lock")
        case .dropIndex(let concurrently): return concurrently ? nil : (nil, exclusive)
        case .dropTable(let table), .alterColumnType(let table), .setNotNull(let table, _), .briefLock(let table): return (table, exclusive)
        case .dropColumn(let table, _), .addColumn(let table, _, _, _, _), .dropDefault(let table, _): return (table, exclusive)
        case .addConstraint(let table, _, _, let constraint, _, _):
            return (table, constraint == "foreign key" && postgres ? "a SHARE ROW EXCLUSIVE lock" : exclusive)
        case .blocking(let table, _, let lock): return (table, postgres ? "a \(lock) lock" : "a metadata lock")
        case .rename: return (nil, exclusive)
        case .validateConstraint, .createTable, .transaction, .setsLockTimeout, .fails, .outsideTransaction, .syntaxError, .harmless, .dataChange,
             .unknown:
            return nil
        }
    }

    /// A `RunSQL` that sets the lock timeout for what follows.
    static func setsTimeout(_ operation: MigrationOperation, target: Target) -> Bool {
        guard operation.className == "RunSQL" else { return false }
        let setting = target.isPostgreSQL ? "lock_timeout" : "lock_wait_timeout"
        return operation.literalSQL?.contains { $0.lowercased().contains(setting) } ?? false
    }

    /// The operations that run SQL, in order: top-level ones, and those in `database_operations`.
    static func databaseOperations(_ entries: [OperationEntry]) -> [MigrationOperation] {
        entries.flatMap { entry -> [MigrationOperation] in
            guard case .operation(let operation) = entry else { return [] }
            guard operation.className == "SeparateDatabaseAndState" else { return [operation] }
            return databaseOperations(operation.operations("database_operations", position: 0))
        }
    }
}
