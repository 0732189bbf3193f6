import DatabaseTarget
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
        ]
    )

    /// Operations that change no table: options, managers, state-only wrappers, other code.
    static let withoutSchemaChange: Set<String> = [
        "AlterModelOptions", "AlterModelManagers", "RunPython", "RunSQL", "SeparateDatabaseAndState", "CreateModel",
        "AlterModelTableComment", "RenameIndex", "CreateExtension", "CreateCollation", "RemoveCollation", "IgnoreMigration",
    ]

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "RunPython", context.atomic, context.target.isPostgreSQL, !context.isDatabaseOnly else { return [] }
        let schemaChanges = context.otherOperations.filter { other in
            guard !Self.withoutSchemaChange.contains(other.className) else { return false }
            guard let model = context.state.model(app: context.app, name: OperationContext.modelName(of: other)) else { return true }
            return model.hasTable && !model.createdInPlan
        }
        guard let first = schemaChanges.first else { return [] }
        let described = schemaChanges.prefix(3).map { OperationWording.describe($0) }.joined(separator: "; ")
        return [Violation(
            "RunPython runs in the same transaction as \(described): the locks those take (line \(first.location.line)) are held until the data migration has finished.",
            recipe: """
                Move the RunPython to a migration of its own that runs after this one:
                    class Migration(migrations.Migration):
                        atomic = False
                        dependencies = [("\(context.app)", "\(context.migration.name)")]
                        operations = [
                            migrations.RunPython(\(context.operation.argument("code", position: 0)?.pythonSource ?? "forwards"), \(context.operation.argument("reverse_code", position: 1)?.pythonSource ?? "migrations.RunPython.noop")),
                        ]
                """)]
    }
}
