import DatabaseTarget
import MigrationRules
import RuleTestSupport
import Testing

/// Fields of common PyPI packages, known by class without their package (issue 12): their
/// column, and the arguments that change no SQL.
@Suite struct ThirdPartyFieldTests {
    static let postgres = Target(.postgresql, major: 16, reason: "test")

    private func rules(_ operation: String, setup: [String], target: Target = postgres) throws -> [String] {
        try ExampleMigration(RuleExample(operation, setup: setup)).check(target: target).reported.map(\.rule).sorted()
    }

    @Test func aStreamFieldWhoseBlocksChangeSendsNoSQL() throws {
        let setup = [#"migrations.AddField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock())], blank=True)),"#]
        let blocks = #"migrations.AlterField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock()), ("quote", 1)], block_lookup={1: ("wagtail.blocks.CharBlock", (), {})}, blank=True, min_num=1)),"#
        // No unknown-field-type, and no lock: PostgreSQL gets no statement (jsonb stays jsonb).
        #expect(try rules(blocks, setup: setup) == [])
        // Django still compares the blocks, so SQLite remakes the table.
        #expect(try rules(blocks, setup: setup, target: Target(.sqlite, reason: "test")) == ["sqlite-remakes-table"])
        // NULL-ability is the column's: that is SQL.
        let nullable = #"migrations.AlterField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock())], blank=True, null=True)),"#
        #expect(try rules(nullable, setup: setup) == ["lock-timeout-not-set"])
    }

    @Test func aRichTextFieldIsATextColumnAndAStreamFieldAJSONOne() throws {
        let setup = [#"migrations.AddField(model_name="product", name="intro", field=wagtail.fields.RichTextField(blank=True)),"#]
        let features = #"migrations.AlterField(model_name="product", name="intro", field=wagtail.fields.RichTextField(blank=True, features=["bold", "link"])),"#
        #expect(try rules(features, setup: setup) == [])
        // RichTextField to StreamField: text to jsonb, a rewrite.
        let toStream = #"migrations.AlterField(model_name="product", name="intro", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock())], blank=True)),"#
        #expect(try rules(toStream, setup: setup).contains("change-column-type"))
    }

    @Test func taggitAndMoneyFieldsAreKnown() throws {
        let tags = #"migrations.AddField(model_name="product", name="tags", field=taggit.managers.TaggableManager(help_text="A comma-separated list of tags.", through="taggit.TaggedItem", to="taggit.Tag", verbose_name="Tags")),"#
        #expect(try !rules(tags, setup: []).contains("unknown-field-type"))
        let setup = [#"migrations.AddField(model_name="product", name="cost", field=djmoney.models.fields.MoneyField(max_digits=10, decimal_places=2, null=True, default_currency="USD")),"#]
        let currency = #"migrations.AlterField(model_name="product", name="cost", field=djmoney.models.fields.MoneyField(max_digits=10, decimal_places=2, null=True, default_currency="EUR")),"#
        #expect(try rules(currency, setup: setup) == [], "the default currency is Python's")
        let scale = #"migrations.AlterField(model_name="product", name="cost", field=djmoney.models.fields.MoneyField(max_digits=10, decimal_places=4, null=True, default_currency="USD")),"#
        #expect(try rules(scale, setup: setup).contains("change-column-type"), "numeric(10,2) to numeric(10,4) rewrites the table")
    }
}
