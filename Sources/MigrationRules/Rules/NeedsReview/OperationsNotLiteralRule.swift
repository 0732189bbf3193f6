import MigrationModel
import SchemaState

/// A migration whose operations cannot be read without running Python. The check reports it
/// itself (it is not about one operation); this file holds its description and examples.
public struct OperationsNotLiteralRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "operations-not-literal",
        name: "Operations that cannot be read",
        kind: .needsReview,
        severity: .error,
        summary: "The migration's operations are not a literal list of operation calls, so nothing in it can be judged.",
        why: """
            zerodowntime reads migrations as text and never runs them. Operations built by code (a variable, \
            a comprehension, `operations += …`, `*other.operations`) cannot be read that way, so the migration \
            would pass unchecked. It is reported instead, as an error: a check that cannot see a migration must not pass it.
            """,
        recipe: "Write `operations = [...]` as a literal list of operation calls, as `makemigrations` does.",
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample("""
                from django.db import migrations

                OPERATIONS = [migrations.RunSQL("SELECT 1")]


                class Migration(migrations.Migration):
                    dependencies = [("shop", "0001_setup")]
                    operations = ↓OPERATIONS
                """),
            RuleExample(#"""
                migrations.RunSQL("SELECT 1", migrations.RunSQL.noop),
                ↓*[migrations.RunSQL("SELECT 2")],
                """#),
            RuleExample("""
                from django.db import migrations

                STATE = [migrations.DeleteModel(name="Order")]


                class Migration(migrations.Migration):
                    dependencies = [("shop", "0001_setup")]
                    operations = [
                        ↓migrations.SeparateDatabaseAndState(state_operations=STATE),
                    ]
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.RunSQL("SELECT 1", migrations.RunSQL.noop),"#),
            RuleExample(#"migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Order")]),"#),
            // A list the class body names (django-oscar's communication.0001) is read through.
            RuleExample("""
                from django.db import migrations


                class Migration(migrations.Migration):
                    dependencies = [("shop", "0001_setup")]
                    state_operations = [migrations.DeleteModel(name="Order")]
                    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
                """),
        ]
    )

    /// The check reports a whole `operations` it cannot read; here, the lists inside a
    /// `SeparateDatabaseAndState` (Oscar builds `state_operations` from a module variable): the
    /// models they create or change would be unknown to every later operation.
    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "SeparateDatabaseAndState" else { return [] }
        let unreadable = ["database_operations", "state_operations"].enumerated().compactMap { position, name -> String? in
            guard let value = context.operation.operationList(name, position: position) else { return nil }
            guard let entries = OperationEntry.entries(of: value) else { return "\(name)=\(value.pythonSource.prefix(60))" }
            return entries.contains { if case .unreadable = $0 { true } else { false } } ? "\(name)=\(value.pythonSource.prefix(60))" : nil
        }
        guard !unreadable.isEmpty else { return [] }
        return [Violation(
            "SeparateDatabaseAndState holds \(unreadable.joined(separator: " and ")), not a literal list of operation calls: what it does to the database and to Django's state cannot be read, so it and every later operation on the models it touches would pass unjudged.",
            recipe: "Write the list out in the migration (`state_operations=[migrations.CreateModel(...), ...]`), as makemigrations does.")]
    }
}
