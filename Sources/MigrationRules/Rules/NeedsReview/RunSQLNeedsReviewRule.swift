import SchemaState

/// `RunSQL` that cannot be read, or whose statements are not ones we can judge.
public struct RunSQLNeedsReviewRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "run-sql-needs-review",
        name: "Raw SQL to review",
        kind: .needsReview,
        severity: .warning,
        summary: "RunSQL holds SQL that is not a literal, or statements zerodowntime does not judge (data changes, triggers, anything unusual).",
        why: """
            zerodowntime judges literal SQL by statement kind where the kind is simple. SQL built by code, \
            data changes (UPDATE, DELETE, INSERT: row locks held until the migration commits) and other \
            statements cannot be judged statically, and are never passed silently.
            """,
        recipe: """
            Review the SQL: data changes belong in their own migration with `atomic = False`, in batches. \
            Once reviewed, say why: `# zerodowntime: ignore[run-sql-needs-review] <why it is safe>`.
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.RunSQL("UPDATE shop_order SET note = '' WHERE note IS NULL", migrations.RunSQL.noop),"#),
            RuleExample(#"↓migrations.RunSQL(open("custom.sql").read(), migrations.RunSQL.noop),"#),
            RuleExample(#"↓migrations.RunSQL("CREATE TRIGGER order_audit AFTER UPDATE ON shop_order FOR EACH ROW EXECUTE FUNCTION audit()"),"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.RunSQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunSQL('COMMENT ON TABLE "shop_order" IS $$orders, one per checkout; see docs$$', migrations.RunSQL.noop),"#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RunSQL" else { return [] }
        guard let texts = context.operation.literalSQL else {
            let written = context.operation.argument("sql", position: 0)?.pythonSource ?? "the SQL"
            return [Violation("RunSQL runs `\(written)`, which is not literal SQL: zerodowntime cannot see what it does.",
                              recipe: Self.description.recipe)]
        }
        let unjudged = SQLStatement.statements(texts, postgres: context.target.isPostgreSQL).filter {
            if case .syntaxError = $0.kind { return true }
            return $0.kind == .dataChange || $0.kind == .unknown
        }
        guard !unjudged.isEmpty else { return [] }
        let listed = unjudged.prefix(3).map { statement -> String in
            let quoted = "`\(statement.text.prefix(100))`"
            switch statement.kind {
            case .dataChange: return quoted + " (a data change: its row locks are held until the migration commits)"
            case .syntaxError(let message): return quoted + " (not PostgreSQL 15 syntax: \(message))"
            default: return quoted
            }
        }
        return [Violation("RunSQL runs statements zerodowntime does not judge: " + listed.joined(separator: ", ") + ".",
                          recipe: Self.description.recipe)]
    }
}
