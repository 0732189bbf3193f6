import SchemaState

/// Literal SQL in `RunSQL` whose statement kind is known to lock, rewrite or break old code.
public struct UnsafeRunSQLRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "unsafe-run-sql",
        name: "Raw SQL that locks or breaks old code",
        kind: .locks,
        severity: .error,
        summary: "RunSQL holds a statement that blocks a live table or breaks the previous release (CREATE INDEX without CONCURRENTLY, DROP, RENAME, ALTER COLUMN TYPE, SET NOT NULL, a validated constraint).",
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
            RuleExample(#"↓migrations.RunSQL('CREATE INDEX "order_note_idx" ON "shop_order" ("note")', 'DROP INDEX "order_note_idx"'),"#),
            RuleExample(#"↓migrations.RunSQL(['SET lock_timeout = 5000', 'ALTER TABLE "shop_product" DROP COLUMN "legacy_code"'], migrations.RunSQL.noop),"#),
            RuleExample(#"↓migrations.RunSQL('CREATE INDEX CONCURRENTLY "order_note_idx" ON "shop_order" ("note")', migrations.RunSQL.noop),"#),
            RuleExample(#"↓migrations.RunSQL('ALTER TABLE shop_product ADD CONSTRAINT price_positive CHECK (price > 0);'),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.RunSQL('CREATE INDEX CONCURRENTLY IF NOT EXISTS "order_note_idx" ON "shop_order" ("note")', 'DROP INDEX CONCURRENTLY IF EXISTS "order_note_idx"'),"#, atomic: false),
            RuleExample(#"migrations.RunSQL('ALTER TABLE "shop_product" ADD CONSTRAINT "price_positive" CHECK ("price" > 0) NOT VALID', migrations.RunSQL.noop),"#),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.RunSQL('CREATE INDEX "coupon_code_idx" ON "shop_coupon" ("code")', migrations.RunSQL.noop),
                """#),
        ],
        emittedSQL: [#"CREATE INDEX "order_note_idx" ON "shop_order""#],
        lockClaim: LockClaim(blocksReads: false, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RunSQL", let texts = context.operation.literalSQL else { return [] }
        var problems: [String] = []
        for statement in texts.flatMap(SQLStatement.split) {
            if let problem = problem(statement, context) { problems.append("`\(statement.text.prefix(120))`: \(problem)") }
        }
        guard !problems.isEmpty else { return [] }
        return [Violation("RunSQL " + problems.joined(separator: "; ") + ".",
                          recipe: Self.description.recipe)]
    }

    private func problem(_ statement: SQLStatement, _ context: OperationContext) -> String? {
        let postgres = context.target.isPostgreSQL
        switch statement.kind {
        case .createIndex(let concurrently, let table):
            if concurrently { return context.atomic && postgres ? "CREATE INDEX CONCURRENTLY cannot run in an atomic migration (set atomic = False)" : nil }
            return postgres && context.isLiveTable(table) ? "builds an index without CONCURRENTLY, blocking writes to \(table ?? "the table") for the whole build" : nil
        case .dropIndex(let concurrently):
            if concurrently { return context.atomic && postgres ? "DROP INDEX CONCURRENTLY cannot run in an atomic migration (set atomic = False)" : nil }
            return postgres ? "drops an index without CONCURRENTLY under an ACCESS EXCLUSIVE lock" : nil
        case .dropTable(let table):
            return context.isLiveTable(table) ? "drops table \(table ?? "") that the previous release may still query" : nil
        case .dropColumn(let table, let column):
            return context.isLiveTable(table) ? "drops column \(column ?? "") of \(table ?? "a table") that the previous release still selects" : nil
        case .rename:
            return "renames something the previous release still names"
        case .alterColumnType(let table):
            return context.locksMatter && context.isLiveTable(table) ? "changes a column type, which may rewrite \(table ?? "the table") under ACCESS EXCLUSIVE" : nil
        case .setNotNull(let table):
            return context.locksMatter && context.isLiveTable(table) ? "SET NOT NULL scans \(table ?? "the table") under ACCESS EXCLUSIVE" : nil
        case .addConstraint(let table, let notValid, let usingIndex):
            return context.locksMatter && !notValid && !usingIndex && context.isLiveTable(table)
                ? "adds a constraint without NOT VALID, validating every row of \(table ?? "the table") under lock" : nil
        case .addColumn(let table, let notNull, let hasDefault):
            return notNull && !hasDefault && context.isLiveTable(table) ? "adds a NOT NULL column without a default: the previous release's INSERTs fail" : nil
        case .harmless, .dataChange, .unknown:
            return nil
        }
    }
}
