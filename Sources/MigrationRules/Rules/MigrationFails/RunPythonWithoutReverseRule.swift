import SchemaState

/// `RunPython` without `reverse_code`: the migration cannot be unapplied.
public struct RunPythonWithoutReverseRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "run-python-without-reverse",
        name: "A data migration that cannot be reversed",
        kind: .migrationFails,
        severity: .warning,
        summary: "RunPython has no reverse_code: rolling the release back with `migrate` fails with IrreversibleError.",
        why: """
            Rolling back a bad release means migrating back to the previous migration. Django refuses to \
            unapply a RunPython without `reverse_code` (`IrreversibleError`), so the rollback stops there, \
            in the middle of an incident.
            """,
        recipe: """
            Pass `reverse_code`: a function that undoes the change, or `migrations.RunPython.noop` when there \
            is nothing to undo.
            """,
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.RunPython(forwards),"#),
            RuleExample(#"↓migrations.RunPython(code=forwards, atomic=False),"#, atomic: false),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.RunPython(forwards, migrations.RunPython.noop),"#),
            RuleExample(#"migrations.RunPython(forwards, reverse_code=backwards),"#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        // A subclass (Wagtail's BootstrapTranslatableModel) brings its own reverse, or says it has none.
        guard context.operation.className == "RunPython", !context.operation.isSubclass,
              context.operation.argument("reverse_code", position: 1).map({ $0.isNone }) ?? true else { return [] }
        let function = context.operation.argument("code", position: 0)?.pythonSource ?? "forwards"
        return [Violation(
            "RunPython(\(function)) has no reverse_code: `migrate \(context.app) <previous>` cannot roll this migration back.",
            recipe: "migrations.RunPython(\(function), migrations.RunPython.noop),  # or a function that undoes it")]
    }
}
