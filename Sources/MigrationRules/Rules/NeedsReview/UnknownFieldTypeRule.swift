import SchemaState

/// An `AlterField` whose field class could not be followed to a Django field.
public struct UnknownFieldTypeRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "unknown-field-type",
        name: "A field class zerodowntime cannot follow",
        kind: .needsReview,
        severity: .warning,
        summary: "AlterField changes a field whose class could not be followed to a Django field, so the column type change cannot be judged.",
        why: """
            Whether an AlterField rewrites the table depends on the column type before and after. A custom \
            field class is followed through its base classes in the project and its virtualenv; when the \
            class cannot be found (a package not installed where zerodowntime looks, a class built \
            dynamically), its column type is unknown, and the change is never passed silently.
            """,
        recipe: "Check the SQL with `manage.py sqlmigrate <app> <migration>`: an `ALTER COLUMN … TYPE` that is not a varchar growing is a rewrite. Point zerodowntime at the project's virtualenv (`--python`) so it can read the field's class.",
        appliesTo: "all backends",
        triggeringExamples: [
            RuleExample(#"↓migrations.AlterField(model_name="product", name="price", field=shop.fields.PriceField(max_digits=12, decimal_places=2)),"#),
            RuleExample(#"↓migrations.AlterField(model_name="product", name="price", field=models.IntegerField()),"#,
                        setup: [#"migrations.AlterField(model_name="product", name="price", field=shop.fields.PriceField(max_digits=10, decimal_places=2)),"#]),
        ],
        nonTriggeringExamples: [
            RuleExample(#"migrations.AlterField(model_name="product", name="price", field=models.BigIntegerField()),"#),
            RuleExample(#"migrations.AddField(model_name="product", name="cost", field=shop.fields.PriceField(max_digits=12, decimal_places=2, null=True)),"#),
            // Common PyPI fields are known by their class (ThirdPartyField): a StreamField is a JSON
            // column whatever its blocks, a MoneyField a decimal one.
            RuleExample(#"migrations.AlterField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock()), ("quote", 1)], block_lookup={1: ("wagtail.blocks.CharBlock", (), {})}, blank=True)),"#,
                        setup: [#"migrations.AddField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock())], blank=True)),"#]),
            RuleExample(#"migrations.AlterField(model_name="product", name="price", field=djmoney.models.fields.MoneyField(max_digits=12, decimal_places=2, default_currency="EUR")),"#,
                        setup: [#"migrations.AlterField(model_name="product", name="price", field=djmoney.models.fields.MoneyField(max_digits=12, decimal_places=2, default_currency="USD")),"#]),
        ]
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.operation.className == "AlterField", context.tableIsLive, let model = context.model,
              let name = context.operation.string("name", position: 1), let before = model.field(name),
              let after = context.newField, !before.isKnownClass || !after.isKnownClass,
              before.value.pythonSource != after.value.pythonSource else { return [] }
        let unknown = [before, after].filter { !$0.isKnownClass }.map(\.writtenName)
        return [Violation(
            "AlterField changes \(model.name).\(name) (column \"\(after.columnName(fieldName: name))\" of \"\(model.tableName)\"), but the class \(Set(unknown).sorted().joined(separator: ", ")) could not be followed to a Django field: whether the table is rewritten is unknown.",
            recipe: "Run `manage.py sqlmigrate \(context.app) \(context.migration.name)` and look for `ALTER COLUMN \"\(after.columnName(fieldName: name))\" TYPE`; pass --python with the project's virtualenv so the class can be read.")]
    }
}
