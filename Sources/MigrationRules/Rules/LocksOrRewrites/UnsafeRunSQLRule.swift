import SchemaState

/// Literal SQL in `RunSQL` whose statement kind is known to lock, rewrite or break old code.
public struct UnsafeRunSQLRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "unsafe-run-sql",
        name: "Raw SQL that locks or breaks old code",
        kind: .locks,
        severity: .error,
        summary: "RunSQL holds a statement that blocks a live table, fails in a transaction or breaks the previous release (read with PostgreSQL's grammar: CREATE INDEX without CONCURRENTLY, DROP, RENAME, ALTER COLUMN TYPE, SET NOT NULL, a validated constraint, a volatile default, TRUNCATE, REINDEX, CLUSTER, VACUUM FULL…).",
        why: """
            Raw SQL gets no help from Django: `CREATE INDEX` without CONCURRENTLY blocks writes for the whole \
            build; DROP and RENAME break the previous release's queries; `ALTER COLUMN … TYPE` rewrites the \
            table under ACCESS EXCLUSIVE; `SET NOT NULL` and `ADD CONSTRAINT` without NOT VALID scan the table \
            under ACCESS EXCLUSIVE (or SHARE ROW EXCLUSIVE for foreign keys); `CREATE INDEX CONCURRENTLY` \
            cannot run inside the transaction of an atomic migration.
            """,
        recipe: """
            Use the online form of each statement: `CREATE INDEX CONCURRENTLY IF NOT EXISTS` and \
            `DROP INDEX CONCURRENTLY IF EXISTS` in a migration with `atomic = False`; `ADD CONSTRAINT … NOT VALID` \
            then `VALIDATE CONSTRAINT` in a separate migration; expand-and-contract for renames, drops and type changes.
            """,
        appliesTo: "PostgreSQL (locks), all backends (drops and renames)",
        triggeringExamples: [
            RuleExample(#"migrations.RunSQL('↓CREATE INDEX "order_note_idx" ON "shop_order" ("note")', 'DROP INDEX "order_note_idx"'),"#),
            RuleExample(#"migrations.RunSQL(['SET lock_timeout = 5000', '↓ALTER TABLE "shop_product" DROP COLUMN "legacy_code"'], migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('↓CREATE INDEX CONCURRENTLY "order_note_idx" ON "shop_order" ("note")', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('↓ALTER TABLE shop_product ADD CONSTRAINT price_positive CHECK (price > 0);'),"#),
            RuleExample(#"migrations.RunSQL('↓ALTER TABLE "shop_order" ADD COLUMN "token" uuid DEFAULT gen_random_uuid()', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('BEGIN; ↓CREATE INDEX CONCURRENTLY "order_note_idx" ON "shop_order" ("note"); COMMIT;', migrations.RunSQL.noop),"#, atomic: false),
            RuleExample(#"migrations.RunSQL('ALTER TABLE shop_product ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID; ↓ALTER TABLE shop_product VALIDATE CONSTRAINT price_positive;'),"#),
            RuleExample(#"migrations.RunSQL('↓ALTER TABLE shop_product ADD CONSTRAINT sku_unique UNIQUE (sku)', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL(["↓TRUNCATE shop_order"], migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL("↓REINDEX TABLE shop_order", migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL("↓VACUUM shop_order", migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('↓ALTER TABLE "shop_order" ADD COLUMN "seq" bigserial', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL(["↓BEGIN", "UPDATE shop_order SET quantity = 1 WHERE id = 1"], migrations.RunSQL.noop),"#, atomic: false),
            RuleExample(#"migrations.RunSQL('ALTER TABLE shop_order ADD COLUMN rank integer DEFAULT 0 NOT NULL; ↓ALTER TABLE shop_order ALTER COLUMN rank DROP DEFAULT', migrations.RunSQL.noop),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.RunSQL('CREATE INDEX CONCURRENTLY IF NOT EXISTS "order_note_idx" ON "shop_order" ("note")', 'DROP INDEX CONCURRENTLY IF EXISTS "order_note_idx"'),"#, atomic: false),
            RuleExample(#"migrations.RunSQL('ALTER TABLE "shop_product" ADD CONSTRAINT "price_positive" CHECK ("price" > 0) NOT VALID', migrations.RunSQL.noop),"#),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.RunSQL('CREATE INDEX "coupon_code_idx" ON "shop_coupon" ("code")', migrations.RunSQL.noop),
                """#),
            RuleExample(#"migrations.RunSQL('ALTER TABLE "shop_product" ALTER COLUMN "description" DROP NOT NULL', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('ALTER TABLE "shop_product" ALTER COLUMN "description" DROP DEFAULT', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('ALTER TABLE "shop_product" RENAME CONSTRAINT "a" TO "b"', migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('CREATE TABLE shop_scratch (id bigint, note text); CREATE INDEX scratch_note_idx ON shop_scratch (note)', 'DROP TABLE shop_scratch'),"#),
            RuleExample(#"""
                migrations.RunSQL([
                    'ALTER TABLE shop_product ADD CONSTRAINT description_nn CHECK (description IS NOT NULL) NOT VALID',
                    'ALTER TABLE shop_product VALIDATE CONSTRAINT description_nn',
                    'ALTER TABLE shop_product ALTER COLUMN description SET NOT NULL',
                ], migrations.RunSQL.noop),
                """#, atomic: false),
            RuleExample(#"migrations.RunSQL(["REINDEX TABLE CONCURRENTLY shop_order", "VACUUM (ANALYZE) shop_order"], migrations.RunSQL.noop),"#, atomic: false),
            RuleExample(#"migrations.RunSQL("CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0)", "DROP DOMAIN positive_int"),"#),
            RuleExample(#"migrations.RunSQL('ALTER TABLE shop_product ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID; ALTER TABLE shop_product VALIDATE CONSTRAINT price_positive;', migrations.RunSQL.noop),"#, atomic: false),
            RuleExample(#"migrations.RunSQL('CREATE TABLE shop_scratch (id bigint, tmp text); ALTER TABLE shop_scratch RENAME COLUMN tmp TO note; DROP TABLE shop_scratch', migrations.RunSQL.noop),"#),
        ],
        emittedSQL: [#"CREATE INDEX "order_note_idx" ON "shop_order""#],
        lockClaim: LockClaim(blocksReads: false, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RunSQL", context.operation.literalSQL != nil else { return [] }
        var problems: [String] = []
        var first: SQLStatement?
        var after = SQLScope()
        let statements = context.judgedSQLStatements(finalScope: &after)
        for (statement, scope) in statements {
            guard let problem = problem(statement, scope, context) else { continue }
            first = first ?? statement
            problems.append("`\(statement.text.prefix(120))`: \(problem)")
        }
        // A BEGIN left open outside an atomic migration: Django records the migration inside it,
        // and closing the connection rolls both back.
        if !context.atomic, after.inExplicitTransaction, context.target.isPostgreSQL,
           let opening = statements.last(where: { if case .transaction(true) = $0.0.kind { true } else { false } })?.0 {
            first = first ?? opening
            problems.append("`\(opening.text.prefix(60))`: opens a transaction the SQL never commits: Django records the migration inside it, and both are rolled back when the connection closes")
        }
        guard !problems.isEmpty else { return [] }
        // Pointed at the first dangerous statement inside the SQL string.
        let location = first?.location.map { SourceLocationOverride(line: $0.line, column: $0.column + 1) }
        return [Violation("RunSQL " + problems.joined(separator: "; ") + ".", recipe: recipe(first?.kind) ?? Self.description.recipe,
                          location: location)]
    }

    private func problem(_ statement: SQLStatement, _ scope: SQLScope, _ context: OperationContext) -> String? {
        let postgres = context.target.isPostgreSQL
        let locks = context.locksMatter
        func live(_ table: String?) -> Bool { scope.isLive(table, context) }
        switch statement.kind {
        case .createIndex(let concurrently, let table):
            if concurrently {
                guard postgres else { return nil }
                if context.atomic { return "CREATE INDEX CONCURRENTLY cannot run in an atomic migration (set atomic = False)" }
                return scope.inExplicitTransaction ? "CREATE INDEX CONCURRENTLY cannot run inside the BEGIN written before it" : nil
            }
            return postgres && live(table) ? "builds an index without CONCURRENTLY under a SHARE lock: writes to \(table ?? "the table") wait for the whole build" : nil
        case .dropIndex(let concurrently):
            if concurrently {
                guard postgres else { return nil }
                if context.atomic { return "DROP INDEX CONCURRENTLY cannot run in an atomic migration (set atomic = False)" }
                return scope.inExplicitTransaction ? "DROP INDEX CONCURRENTLY cannot run inside the BEGIN written before it" : nil
            }
            // The drop itself is brief (remove-index-non-concurrently is a warning for the same
            // reason): lock-timeout-not-set speaks for its ACCESS EXCLUSIVE lock.
            return nil
        case .dropTable(let table):
            return live(table) ? "drops table \(table ?? "") (ACCESS EXCLUSIVE) that the previous release may still query" : nil
        case .dropColumn(let table, let column):
            return live(table) ? "drops column \(column ?? "") of \(table ?? "a table") (ACCESS EXCLUSIVE) that the previous release still selects" : nil
        case .rename(_, let table):
            return live(table) ? "renames something the previous release still names (ACCESS EXCLUSIVE)" : nil
        case .alterColumnType(let table):
            return locks && live(table) ? "changes a column type, which may rewrite \(table ?? "the table") under ACCESS EXCLUSIVE" : nil
        case .setNotNull(let table, let column):
            guard locks, live(table) else { return nil }
            if context.target.isPostgreSQL, !context.target.postgresBefore(12), let column, scope.hasValidatedNotNullCheck(table: table, column: column) {
                return nil
            }
            return "SET NOT NULL scans \(table ?? "the table") under ACCESS EXCLUSIVE (on PostgreSQL 12+ a validated CHECK (\(column ?? "column") IS NOT NULL) first makes it skip the scan)"
        case .addConstraint(let table, let notValid, let usingIndex, let constraint, _, _):
            guard locks, live(table), !notValid, !usingIndex else { return nil }
            // MySQL 8 builds a unique index or primary key in place, with writes going on.
            if !postgres, constraint == "unique" || constraint == "primary key" { return nil }
            let lock = constraint == "foreign key" ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE"
            if constraint == "unique" || constraint == "primary key" {
                return "adds a \(constraint!) constraint, building its unique index and checking every row of \(table ?? "the table") under \(lock)"
            }
            return "adds a \(constraint ?? "") constraint without NOT VALID, validating every row of \(table ?? "the table") under \(lock)"
        case .validateConstraint(let table, let name):
            // VALIDATE takes SHARE UPDATE EXCLUSIVE, unless the NOT VALID add is in the same transaction.
            guard postgres, live(table), let name, scope.addedNotValidInThisTransaction.contains(name) else { return nil }
            return "validates \(name) in the same transaction that added it NOT VALID: the scan runs under the add's ACCESS EXCLUSIVE lock"
        case .dropDefault(let table, let column):
            guard let table, let column, scope.notNullAddedWithDefault.contains("\(SQLScope.bare(table)).\(column)") else { return nil }
            return "drops the default of \(column), added NOT NULL with it earlier in this migration: the previous release's INSERTs, which leave \(column) out, fail"
        case .addColumn(let table, let notNull, let hasDefault, let rewrites, _):
            guard live(table) else { return nil }
            if let rewrites, locks { return "adds a column that rewrites \(table ?? "the table") under ACCESS EXCLUSIVE: \(rewrites)" }
            return notNull && !hasDefault ? "adds a NOT NULL column without a default: the previous release's INSERTs fail" : nil
        case .blocking(let table, let what, let lock):
            return locks && live(table) ? "\(what), holding \(lock) on \(table ?? "the table")" : nil
        case .outsideTransaction(let what):
            guard postgres else { return nil }
            if context.atomic { return "\(what) cannot run inside a transaction block, and an atomic migration is one (set atomic = False)" }
            return scope.inExplicitTransaction ? "\(what) cannot run inside the BEGIN written before it" : nil
        case .fails(let what):
            return "\(what) fails in a migration (it cannot run against the database the application is using)"
        case .createTable, .briefLock, .transaction, .setsLockTimeout, .syntaxError, .harmless, .dataChange, .unknown:
            return nil
        }
    }

    /// The online form of the first dangerous statement, when it has one.
    private func recipe(_ kind: SQLStatement.Kind?) -> String? {
        switch kind {
        case .addConstraint(_, _, _, let constraint, let name, _) where constraint == "unique" || constraint == "primary key":
            let clause = constraint == "unique" ? "UNIQUE" : "PRIMARY KEY"
            let constraintName = name ?? "<name>"
            return """
                A unique or primary key constraint has no NOT VALID. Build its index first, without blocking writes, then \
                attach it (a brief ACCESS EXCLUSIVE lock, no scan):
                1. a migration with atomic = False:
                    migrations.RunSQL('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "\(constraintName)_idx" ON <table> (<columns>)', 'DROP INDEX CONCURRENTLY IF EXISTS "\(constraintName)_idx"'),
                2. then:
                    migrations.RunSQL('ALTER TABLE <table> ADD CONSTRAINT "\(constraintName)" \(clause) USING INDEX "\(constraintName)_idx"', 'ALTER TABLE <table> DROP CONSTRAINT "\(constraintName)"'),
                """
        case .setNotNull(_, let column):
            let name = column ?? "<column>"
            return """
                PostgreSQL 12+: add `CHECK ("\(name)" IS NOT NULL) NOT VALID`, VALIDATE it in a separate migration (no blocking \
                lock), then SET NOT NULL skips the scan; drop the check afterwards.
                """
        case .blocking:
            return "Run it outside the deploy, in a maintenance window, or use its online form: REINDEX … CONCURRENTLY, DETACH PARTITION … CONCURRENTLY, pg_repack instead of CLUSTER / VACUUM FULL / SET TABLESPACE, DELETE in batches instead of TRUNCATE."
        default:
            return nil
        }
    }
}
