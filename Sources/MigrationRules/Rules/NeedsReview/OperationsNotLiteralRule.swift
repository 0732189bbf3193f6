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
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.RunSQL("SELECT 1", migrations.RunSQL.noop),"#),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] { [] }
}
