import SchemaState

/// Every `RunPython`: code we do not run, so a person must judge it.
public struct RunPythonNeedsReviewRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "run-python-needs-review",
        name: "A data migration to review",
        kind: .needsReview,
        severity: .warning,
        summary: "RunPython runs code zerodowntime does not execute: check that it batches its writes and is quick.",
        why: """
            A data migration can update every row of a busy table in one transaction, holding row locks on all \
            of them until the migration commits (measured: concurrent UPDATEs of touched rows waited for the \
            whole migration). zerodowntime reads migrations without running them, so it cannot tell what the \
            function does; it never passes one silently.
            """,
        recipe: """
            Keep backfills in their own migration with `atomic = False`, update in batches of a few thousand \
            rows (each batch its own transaction), and make the function safe to run twice. Silence this \
            finding with `# zerodowntime: ignore[run-python-needs-review] <why it is safe>` once reviewed.
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.RunPython(forwards, backwards),"#, atomic: false),
            RuleExample(#"""
                # zerodowntime: ignore[run-python-without-reverse] one-way by design
                ↓migrations.RunPython(forwards),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                # zerodowntime: ignore[run-python-needs-review] touches 12 rows
                migrations.RunPython(forwards, backwards),
                """#),
            RuleExample(#"migrations.RunSQL("SELECT 1", migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.RunPython(migrations.RunPython.noop, backwards),"#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RunPython", !context.operation.runPythonDoesNothingForward else { return [] }
        let function = context.operation.isSubclass ? "\(context.operation.writtenName)(…), a RunPython of a package"
            : context.operation.argument("code", position: 0)?.pythonSource ?? "the function"
        return [Violation(
            "RunPython runs `\(function)`, which zerodowntime does not execute: check that it writes in batches and does not hold locks on busy tables\(context.atomic ? " (this migration is atomic: all its writes commit together at the end)" : "").",
            recipe: """
                Once reviewed, say why on the line above:
                    # zerodowntime: ignore[run-python-needs-review] <why it is safe>
                For a backfill of a large table, give it its own migration with `atomic = False` and write in batches.
                """)]
    }
}
