import DatabaseTarget
import MigrationModel
import SchemaState

/// A `RunPython` in the same atomic migration as schema changes on live tables.
public struct RunPythonWithSchemaChangesRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "run-python-with-schema-changes",
        name: "A data migration in the same transaction as schema changes",
        kind: .locks,
        severity: .error,
        summary: "RunPython shares an atomic migration with schema changes: their locks are held for the whole data migration.",
        why: """
            On PostgreSQL an atomic migration is one transaction: every lock an ALTER TABLE takes (most take \
            ACCESS EXCLUSIVE, which blocks reads too) is held until the migration commits, after the data \
            migration has run over every row. A quick ALTER becomes a long outage.
            """,
        recipe: """
            Split it: the schema change in one migration, the data migration in the next, with \
            `atomic = False` and batched writes.
            """,
        appliesTo: "PostgreSQL (transactional DDL)",
        triggeringExamples: [
            RuleExample(#"""
                migrations.AddField(model_name="product", name="stock", field=models.IntegerField(null=True)),
                ↓migrations.RunPython(forwards, backwards),
                """#),
            RuleExample(#"""
                ↓migrations.RunPython(forwards, backwards),
                migrations.AlterField(model_name="order", name="note", field=models.CharField(max_length=300, null=True)),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.AddField(model_name="product", name="stock", field=models.IntegerField(null=True)),
                migrations.RunPython(forwards, backwards),
                """#, atomic: false),
            RuleExample(#"""
                migrations.AlterModelOptions(name="product", options={"ordering": ["name"]}),
                migrations.RunPython(forwards, backwards),
                """#),
            RuleExample(#"""
                migrations.AddField(model_name="product", name="stock", field=models.IntegerField(null=True)),
                migrations.RunPython(forwards, backwards),
                """#, target: Target(.mysql, major: 8, reason: "example")),
            RuleExample(#"""
                migrations.AlterField(model_name="product", name="price", field=models.IntegerField(help_text="in cents")),
                migrations.RunPython(forwards, backwards),
                """#),
            RuleExample(#"""
                migrations.RunPython(forwards, backwards),
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True))]),
                migrations.AddField(model_name="coupon", name="code", field=models.CharField(max_length=10, null=True)),
                """#),
            RuleExample(#"""
                migrations.AddField(model_name="product", name="stock", field=models.IntegerField(null=True)),
                migrations.RunPython(migrations.RunPython.noop, backwards),
                """#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RunPython", context.atomic, context.target.isPostgreSQL, !context.isDatabaseOnly,
              !context.operation.runPythonDoesNothingForward else { return [] }
        // Schema changes that lock a live table, as the lock rules see them, each against the state
        // right before it (an AlterField that only changes choices sends no SQL; a table created in
        // the plan, or earlier in this migration, is not live).
        var before: [MigrationOperation] = [], after: [MigrationOperation] = []
        var state = context.stateAtMigrationStart ?? context.state
        for (position, entry) in context.siblings.enumerated() {
            guard case .operation(let other) = entry else { continue }
            defer { state.apply(other, app: context.app, migration: context.migration, pending: true) }
            guard position != context.index else { continue }
            var databaseState = state
            for operation in LockTimeoutNotSetRule.databaseOperations([entry]) {
                defer { databaseState.apply(operation, app: context.app, migration: context.migration, pending: true) }
                guard LockTimeoutNotSetRule.blockingLock(operation, state: databaseState, app: context.app, target: context.target) != nil
                else { continue }
                if position < context.index { before.append(other) } else { after.append(other) }
                break
            }
        }
        let code = context.operation.argument("code", position: 0)?.pythonSource ?? "forwards"
        func recipe(_ placement: String) -> String { """
            Move the RunPython to a migration of its own that runs \(placement):
                class Migration(migrations.Migration):
                    atomic = False
                    dependencies = [("\(context.app)", "\(context.migration.name)")]
                    operations = [
                        migrations.RunPython(\(code), \(context.operation.argument("reverse_code", position: 1)?.pythonSource ?? "migrations.RunPython.noop")),
                    ]
            """
        }
        func described(_ operations: [MigrationOperation]) -> String {
            operations.prefix(3).map { OperationWording.describe($0) }.joined(separator: "; ")
        }
        if let first = before.first {
            return [Violation(
                "RunPython runs in the same transaction as \(described(before)), which ran before it: the locks those take (line \(first.location.line)) are held until the data migration has finished.",
                recipe: recipe("after this one"))]
        }
        guard let first = after.first else { return [] }
        return [Violation(
            "RunPython runs in the same transaction as \(described(after)), which runs after it (line \(first.location.line)): every row the data migration writes stays locked until that schema change has been granted its lock and the migration commits, and if its lock waits behind a long query, so do those rows.",
            recipe: recipe("before this one (this one depending on it)"))]
    }
}
