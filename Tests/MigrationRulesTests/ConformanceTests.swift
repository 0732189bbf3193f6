import DatabaseTarget
import MigrationRules
import RuleTestSupport
import Testing

/// One row of ../shared/knowledge/operations.md: a migration, and the rules it must trigger on
/// PostgreSQL 12 and 16, MySQL 8 and SQLite (nothing listed: safe there).
struct ConformanceCase: Sendable, CustomStringConvertible {
    var row: String
    var source: String
    var setup: [String] = []
    var atomic = true
    var pg12: Set<String>
    var pg16: Set<String>
    var mysql: Set<String>
    var sqlite: Set<String>
    /// What Django's PostgreSQL SQL for the migration contains (a regular expression), or nil for no SQL.
    var sql: String?
    /// The error PostgreSQL gives when the migration runs on a table with rows (it cannot be applied
    /// there at all), nil when it runs.
    var failsWithRows: String? = nil

    var description: String { row }

    /// `remade`: Django remakes the table on SQLite (`sqlite-remakes-table`, checked against Django's
    /// SQLite SQL by `SQLiteRemakeDifferentialTests`).
    init(_ row: String, _ source: String, setup: [String] = [], atomic: Bool = true, pg12: Set<String>? = nil,
         pg16: Set<String>? = nil, postgres: Set<String> = [], mysql: Set<String> = [], sqlite: Set<String> = [],
         remade: Bool = false, sql: String?, failsWithRows: String? = nil) {
        self.row = row
        self.failsWithRows = failsWithRows
        self.source = source
        self.setup = setup
        self.atomic = atomic
        self.pg12 = pg12 ?? postgres
        self.pg16 = pg16 ?? postgres
        self.mysql = mysql
        self.sqlite = remade ? sqlite.union([ConformanceCase.remakeRule]) : sqlite
        self.sql = sql
    }

    /// Breaks old code everywhere.
    init(_ row: String, _ source: String, setup: [String] = [], everywhere: Set<String>, remade: Bool = false, sql: String?,
         failsWithRows: String? = nil) {
        self.init(row, source, setup: setup, postgres: everywhere, mysql: everywhere, sqlite: everywhere, remade: remade, sql: sql,
                  failsWithRows: failsWithRows)
    }

    static let remakeRule = "sqlite-remakes-table"

    /// Whether the row says Django remakes the table on SQLite.
    var remadeOnSQLite: Bool { sqlite.contains(Self.remakeRule) }

    var example: RuleExample { RuleExample(source, setup: setup, atomic: atomic) }

    nonisolated(unsafe) static let targets: [(String, Target, KeyPath<ConformanceCase, Set<String>>)] = [
        ("PostgreSQL 12", Target(.postgresql, major: 12, reason: "conformance"), \.pg12),
        ("PostgreSQL 16", Target(.postgresql, major: 16, reason: "conformance"), \.pg16),
        ("MySQL 8", Target(.mysql, major: 8, reason: "conformance"), \.mysql),
        ("SQLite", Target(.sqlite, reason: "conformance"), \.sqlite),
    ]
}

@Suite struct ConformanceTests {
    @Test(arguments: ConformanceTable.cases)
    func verdictPerBackend(_ row: ConformanceCase) throws {
        let migration = ExampleMigration(row.example)
        for (name, target, expected) in ConformanceCase.targets {
            // Whether a row takes a blocking lock at all is held against PostgreSQL's own locks by
            // DjangoSQLDifferentialTests.blockingLocks, for every row.
            let found = Set(try migration.check(target: target).reported.map(\.rule)).subtracting([LockTimeoutNotSetRule.description.identifier])
            #expect(found == row[keyPath: expected], "\(row.row) on \(name): \(found.sorted()) instead of \(row[keyPath: expected].sorted())")
        }
    }
}

enum ConformanceTable {
    static let unmanagedOrderTable = #"migrations.AlterField(model_name="order", name="product", field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.product", db_constraint=False)),"#

    static let cases: [ConformanceCase] = [
        ConformanceCase("CreateModel", #"migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10, unique=True)), ("order", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.order"))]),"#,
                        sql: #"CREATE TABLE "shop_coupon""#),
        ConformanceCase("DeleteModel", #"migrations.DeleteModel(name="Order"),"#, everywhere: ["drop-table"], sql: #"DROP TABLE "shop_order" CASCADE"#),
        ConformanceCase("RenameModel", #"migrations.RenameModel(old_name="Order", new_name="Purchase"),"#, everywhere: ["rename-table"], sql: #"ALTER TABLE "shop_order" RENAME TO "shop_purchase""#),
        ConformanceCase("AlterModelTable", #"migrations.AlterModelTable(name="order", table="shop_purchase"),"#, everywhere: ["rename-table"], sql: #"RENAME TO "shop_purchase""#),
        ConformanceCase("AlterModelTableComment", #"migrations.AlterModelTableComment(name="order", table_comment="orders"),"#, sql: #"COMMENT ON TABLE "shop_order""#),
        ConformanceCase("AlterModelOptions", #"migrations.AlterModelOptions(name="order", options={"ordering": ["-id"]}),"#, sql: nil),
        ConformanceCase("AlterModelManagers", #"migrations.AlterModelManagers(name="order", managers=[]),"#, sql: nil),
        ConformanceCase("AlterOrderWithRespectTo", #"migrations.AlterOrderWithRespectTo(name="order", order_with_respect_to="product"),"#,
                        everywhere: ["add-not-null-column"], remade: true, sql: #"ADD COLUMN "_order" integer DEFAULT 0 NOT NULL"#),
        ConformanceCase("AlterUniqueTogether (add)", #"migrations.AlterUniqueTogether(name="product", unique_together={("name", "sku")}),"#,
                        postgres: ["add-unique-under-lock"], sql: #"ADD CONSTRAINT "\w+" UNIQUE \("name", "sku"\)"#),
        ConformanceCase("AlterIndexTogether (add)", #"migrations.AlterIndexTogether(name="product", index_together={("name", "sku")}),"#,
                        postgres: ["add-index-non-concurrently"], sql: #"CREATE INDEX "\w+" ON "shop_product" \("name", "sku"\)"#),
        ConformanceCase("AddField nullable, no default", #"migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)),"#,
                        sql: #"ADD COLUMN "weight" integer NULL"#),
        ConformanceCase("AddField NOT NULL + constant default", #"migrations.AddField(model_name="product", name="stock", field=models.IntegerField(default=0)),"#,
                        everywhere: ["add-not-null-column"], remade: true, sql: #"DROP DEFAULT"#),
        ConformanceCase("AddField NOT NULL + callable default", #"migrations.AddField(model_name="order", name="token", field=models.UUIDField(default=uuid.uuid4)),"#,
                        everywhere: ["add-not-null-column"], remade: true, sql: #"ADD COLUMN "token" uuid DEFAULT '[0-9a-f-]+'::uuid NOT NULL"#),
        ConformanceCase("AddField db_default constant", #"migrations.AddField(model_name="product", name="stock", field=models.IntegerField(db_default=0)),"#,
                        remade: true, sql: #"ADD COLUMN "stock" integer DEFAULT 0 NOT NULL"#),
        ConformanceCase("AddField db_default volatile", #"migrations.AddField(model_name="order", name="token", field=models.UUIDField(db_default=RandomUUID())),"#,
                        postgres: ["add-column-rewrites-table"], mysql: ["add-column-rewrites-table"], remade: true, sql: #"DEFAULT \(?GEN_RANDOM_UUID\(\)\)? NOT NULL"#),
        ConformanceCase("AddField NOT NULL, one-off default (preserve_default=False)", #"migrations.AddField(model_name="product", name="code", field=models.CharField(max_length=8, default="x"), preserve_default=False),"#,
                        everywhere: ["add-not-null-column"], remade: true, sql: #"DROP DEFAULT"#),
        ConformanceCase("AddField ForeignKey (nullable)", #"migrations.AddField(model_name="order", name="gift_for", field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="shop.product", related_name="+")),"#,
                        postgres: ["add-index-non-concurrently"], mysql: ["add-foreign-key-under-lock"], sql: #"CREATE INDEX "\w+" ON "shop_order" \("gift_for_id"\)"#),
        ConformanceCase("AddField unique=True", #"migrations.AddField(model_name="product", name="ean", field=models.CharField(max_length=13, null=True, unique=True)),"#,
                        postgres: ["add-unique-under-lock"], remade: true, sql: #"UNIQUE"#),
        ConformanceCase("AddField ManyToManyField", #"migrations.AddField(model_name="product", name="related", field=models.ManyToManyField(to="shop.order")),"#,
                        sql: #"CREATE TABLE "shop_product_related""#),
        ConformanceCase("AddField PositiveIntegerField (its CHECK >= 0)", #"migrations.AddField(model_name="order", name="quantity_left", field=models.PositiveIntegerField(null=True)),"#,
                        postgres: ["add-check-constraint-under-lock"], mysql: ["add-check-constraint-under-lock"],
                        sql: #"ADD COLUMN "quantity_left" integer NULL CHECK \("quantity_left" >= 0\)"#),
        ConformanceCase("AddField NOT NULL with db_default=None", #"migrations.AddField(model_name="product", name="stock", field=models.IntegerField(db_default=None, default=None, null=False)),"#,
                        everywhere: ["add-not-null-column"], remade: true, sql: #"ADD COLUMN "stock" integer DEFAULT NULL NOT NULL"#,
                        failsWithRows: "contains null values"),
        ConformanceCase("AlterUniqueTogether written set([...])", #"migrations.AlterUniqueTogether(name="product", unique_together=set([("name", "sku")])),"#,
                        postgres: ["add-unique-under-lock"], sql: #"ADD CONSTRAINT "\w+" UNIQUE \("name", "sku"\)"#),
        ConformanceCase("RemoveField", #"migrations.RemoveField(model_name="product", name="legacy_code"),"#, everywhere: ["drop-column"], sql: #"DROP COLUMN "legacy_code""#),
        ConformanceCase("AlterField type change int→bigint", #"migrations.AlterField(model_name="product", name="price", field=models.BigIntegerField()),"#,
                        postgres: ["change-column-type"], mysql: ["change-column-type"], remade: true, sql: #"ALTER COLUMN "price" TYPE bigint"#),
        ConformanceCase("AlterField IntegerField→PositiveIntegerField (its CHECK >= 0)", #"migrations.AlterField(model_name="order", name="quantity", field=models.PositiveIntegerField(default=1)),"#,
                        postgres: ["add-check-constraint-under-lock"], mysql: ["add-check-constraint-under-lock"], remade: true,
                        sql: #"ADD CONSTRAINT "\w+" CHECK \("quantity" >= 0\)"#),
        ConformanceCase("AlterField max_length written as a string", #"migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=50)),"#,
                        setup: [#"migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length="50")),"#],
                        remade: true, sql: nil),
        ConformanceCase("AlterField Wagtail StreamField, blocks only", #"migrations.AlterField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock()), ("quote", 1)], block_lookup={1: ("wagtail.blocks.CharBlock", (), {})}, blank=True)),"#,
                        setup: [#"migrations.AddField(model_name="product", name="body", field=wagtail.fields.StreamField([("text", wagtail.blocks.TextBlock())], blank=True)),"#],
                        remade: true, sql: nil),
        ConformanceCase("AlterField JSONField encoder only", #"migrations.AlterField(model_name="product", name="data", field=models.JSONField(null=True, encoder=django.core.serializers.json.DjangoJSONEncoder)),"#,
                        setup: [#"migrations.AddField(model_name="product", name="data", field=models.JSONField(null=True)),"#],
                        remade: true, sql: nil),
        ConformanceCase("AlterField max_length increase", #"migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=200)),"#,
                        mysql: ["change-column-type"], remade: true, sql: #"ALTER COLUMN "name" TYPE varchar\(200\)"#),
        ConformanceCase("AlterField CharField→TextField", #"migrations.AlterField(model_name="order", name="note", field=models.TextField(null=True)),"#,
                        mysql: ["change-column-type"], remade: true, sql: #"ALTER COLUMN "note" TYPE text"#),
        ConformanceCase("AlterField max_length decrease", #"migrations.AlterField(model_name="order", name="note", field=models.CharField(max_length=100, null=True)),"#,
                        everywhere: ["narrow-column"], remade: true, sql: #"ALTER COLUMN "note" TYPE varchar\(100\)"#),
        ConformanceCase("AlterField null→NOT NULL", #"migrations.AlterField(model_name="product", name="description", field=models.TextField(default="")),"#,
                        everywhere: ["set-not-null"], remade: true, sql: #"SET NOT NULL"#),
        ConformanceCase("AlterField NOT NULL→null", #"migrations.AlterField(model_name="product", name="price", field=models.IntegerField(null=True)),"#,
                        remade: true, sql: #"DROP NOT NULL"#),
        ConformanceCase("AlterField add db_index", #"migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, db_index=True)),"#,
                        postgres: ["add-index-non-concurrently"], remade: true, sql: #"CREATE INDEX "\w+" ON "shop_product" \("sku"\)"#),
        ConformanceCase("AlterField remove db_index", #"migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32)),"#,
                        setup: [#"migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, db_index=True)),"#],
                        postgres: ["remove-index-non-concurrently"], remade: true, sql: #"DROP INDEX IF EXISTS"#),
        ConformanceCase("AlterField add unique", #"migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, unique=True)),"#,
                        postgres: ["add-unique-under-lock"], remade: true, sql: #"ADD CONSTRAINT "\w+" UNIQUE \("sku"\)"#),
        ConformanceCase("AlterField db_constraint False→True", #"migrations.AlterField(model_name="order", name="product", field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.product")),"#,
                        setup: [unmanagedOrderTable], postgres: ["add-foreign-key-under-lock"], mysql: ["add-foreign-key-under-lock"], remade: true, sql: #"FOREIGN KEY \("product_id"\) REFERENCES "shop_product""#),
        ConformanceCase("AlterField db_comment", #"migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=50, db_comment="display name")),"#,
                        remade: true, sql: #"COMMENT ON COLUMN "shop_product"."name""#),
        ConformanceCase("AlterField Python-only attributes", #"migrations.AlterField(model_name="product", name="price", field=models.IntegerField(help_text="in cents", verbose_name="price")),"#,
                        sql: nil),
        ConformanceCase("RenameField", #"migrations.RenameField(model_name="product", old_name="sku", new_name="code"),"#, everywhere: ["rename-column"], sql: #"RENAME COLUMN "sku" TO "code""#),
        ConformanceCase("RenameField of a ForeignKey (its constraint dropped and added again)", #"migrations.RenameField(model_name="order", old_name="product", new_name="item"),"#,
                        postgres: ["rename-column", "add-foreign-key-under-lock"], mysql: ["rename-column"], sqlite: ["rename-column"], remade: true,
                        sql: #"ADD CONSTRAINT "\w+" FOREIGN KEY \("item_id"\)"#),
        ConformanceCase("AddIndex", #"migrations.AddIndex(model_name="product", index=models.Index(fields=["name"], name="product_name_idx")),"#,
                        postgres: ["add-index-non-concurrently"], sql: #"CREATE INDEX "product_name_idx" ON "shop_product""#),
        ConformanceCase("RemoveIndex", #"migrations.RemoveIndex(model_name="order", name="order_quantity_idx"),"#,
                        postgres: ["remove-index-non-concurrently"], sql: #"DROP INDEX IF EXISTS "order_quantity_idx""#),
        ConformanceCase("RenameIndex", #"migrations.RenameIndex(model_name="order", new_name="order_qty_idx", old_name="order_quantity_idx"),"#,
                        sql: #"ALTER INDEX "order_quantity_idx" RENAME TO "order_qty_idx""#),
        ConformanceCase("AddConstraint CheckConstraint", #"migrations.AddConstraint(model_name="product", constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0")),"#,
                        postgres: ["add-check-constraint-under-lock"], mysql: ["add-check-constraint-under-lock"], remade: true, sql: #"ADD CONSTRAINT "product_price_gte_0" CHECK"#),
        ConformanceCase("AddConstraint UniqueConstraint", #"migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["name", "sku"], name="product_name_sku_uniq")),"#,
                        postgres: ["add-unique-under-lock"], remade: true, sql: #"ADD CONSTRAINT "product_name_sku_uniq" UNIQUE"#),
        ConformanceCase("AddConstraint UniqueConstraint with condition", #"migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["sku"], condition=Q(price__gt=0), name="product_sku_paid_uniq")),"#,
                        postgres: ["add-unique-under-lock"], sql: #"CREATE UNIQUE INDEX "product_sku_paid_uniq""#),
        ConformanceCase("AddConstraint ExclusionConstraint", #"migrations.AddConstraint(model_name="order", constraint=ExclusionConstraint(name="order_no_overlap", expressions=[("quantity", "=")], index_type="gist")),"#,
                        postgres: ["add-exclusion-constraint"], remade: true, sql: #"EXCLUDE USING gist"#),
        ConformanceCase("RemoveConstraint", #"migrations.RemoveConstraint(model_name="product", name="product_price_gte_0"),"#,
                        setup: [#"migrations.AddConstraint(model_name="product", constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0")),"#],
                        remade: true, sql: #"DROP CONSTRAINT "product_price_gte_0""#),
        ConformanceCase("RunSQL literal CREATE INDEX", #"migrations.RunSQL('CREATE INDEX "order_note_idx" ON "shop_order" ("note")', 'DROP INDEX "order_note_idx"'),"#,
                        postgres: ["unsafe-run-sql"], sql: #"CREATE INDEX "order_note_idx""#),
        ConformanceCase("RunSQL not literal", #"migrations.RunSQL(open("x.sql").read(), migrations.RunSQL.noop),"#,
                        postgres: ["run-sql-needs-review"], mysql: ["run-sql-needs-review"], sqlite: ["run-sql-needs-review"], sql: nil),
        ConformanceCase("RunPython with reverse_code", #"migrations.RunPython(forwards, backwards),"#,
                        postgres: ["run-python-needs-review"], mysql: ["run-python-needs-review"], sqlite: ["run-python-needs-review"], sql: nil),
        ConformanceCase("RunPython without reverse_code", #"migrations.RunPython(forwards),"#,
                        postgres: ["run-python-needs-review", "run-python-without-reverse"], mysql: ["run-python-needs-review", "run-python-without-reverse"],
                        sqlite: ["run-python-needs-review", "run-python-without-reverse"], sql: nil),
        ConformanceCase("RunPython after schema changes (atomic)", #"migrations.AddField(model_name="product", name="weight", field=models.IntegerField(null=True)), migrations.RunPython(forwards, backwards),"#,
                        postgres: ["run-python-needs-review", "run-python-with-schema-changes"], mysql: ["run-python-needs-review"], sqlite: ["run-python-needs-review"],
                        sql: #"ADD COLUMN "weight""#),
        ConformanceCase("RunSQL ADD COLUMN with a volatile default", #"migrations.RunSQL('ALTER TABLE "shop_order" ADD COLUMN "token" uuid DEFAULT gen_random_uuid()', migrations.RunSQL.noop),"#,
                        postgres: ["unsafe-run-sql"], sql: #"ADD COLUMN "token" uuid DEFAULT gen_random_uuid\(\)"#),
        ConformanceCase("RunSQL ALTER COLUMN DROP NOT NULL", #"migrations.RunSQL('ALTER TABLE "shop_product" ALTER COLUMN "description" DROP NOT NULL', migrations.RunSQL.noop),"#,
                        sql: #"DROP NOT NULL"#),
        ConformanceCase("RunSQL ALTER COLUMN SET DEFAULT", #"migrations.RunSQL('ALTER TABLE "shop_product" ALTER COLUMN "price" SET DEFAULT 0', migrations.RunSQL.noop),"#,
                        sql: #"SET DEFAULT 0"#),
        ConformanceCase("RunSQL ADD CONSTRAINT UNIQUE", #"migrations.RunSQL('ALTER TABLE "shop_product" ADD CONSTRAINT "product_sku_key" UNIQUE ("sku")', migrations.RunSQL.noop),"#,
                        postgres: ["unsafe-run-sql"], sql: #"UNIQUE \("sku"\)"#),
        ConformanceCase("RunSQL TRUNCATE", #"migrations.RunSQL('TRUNCATE "shop_order"', migrations.RunSQL.noop),"#,
                        postgres: ["unsafe-run-sql"], mysql: ["run-sql-needs-review"], sqlite: ["run-sql-needs-review"], sql: #"TRUNCATE"#),
        ConformanceCase("SeparateDatabaseAndState, state only", #"migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField(model_name="product", name="legacy_code")]),"#, sql: nil),
        ConformanceCase("SeparateDatabaseAndState, database operations", #"migrations.SeparateDatabaseAndState(database_operations=[migrations.RemoveField(model_name="product", name="legacy_code")]),"#,
                        everywhere: ["drop-column"], sql: #"DROP COLUMN "legacy_code""#),
        ConformanceCase("AddIndexConcurrently (atomic = False)", #"AddIndexConcurrently(model_name="product", index=models.Index(fields=["name"], name="product_name_idx")),"#, atomic: false,
                        sql: #"CREATE INDEX CONCURRENTLY "product_name_idx""#),
        ConformanceCase("AddIndexConcurrently in an atomic migration", #"AddIndexConcurrently(model_name="product", index=models.Index(fields=["name"], name="product_name_idx")),"#,
                        postgres: ["concurrent-index-in-atomic-migration"], sql: nil),
        ConformanceCase("RemoveIndexConcurrently (atomic = False)", #"RemoveIndexConcurrently(model_name="order", name="order_quantity_idx"),"#, atomic: false,
                        sql: #"DROP INDEX CONCURRENTLY IF EXISTS "order_quantity_idx""#),
        ConformanceCase("CreateExtension", #"django.contrib.postgres.operations.TrigramExtension(),"#, sql: #"CREATE EXTENSION IF NOT EXISTS "pg_trgm""#),
        ConformanceCase("AddConstraintNotValid", #"AddConstraintNotValid(model_name="product", constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0")),"#,
                        sql: #"CHECK \("price" >= 0\) NOT VALID"#),
        ConformanceCase("ValidateConstraint in its own migration", #"ValidateConstraint(model_name="product", name="product_price_gte_0"),"#,
                        setup: [#"AddConstraintNotValid(model_name="product", constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0")),"#],
                        sql: #"VALIDATE CONSTRAINT "product_price_gte_0""#),
        ConformanceCase("ValidateConstraint with its AddConstraintNotValid", #"AddConstraintNotValid(model_name="product", constraint=models.CheckConstraint(condition=Q(price__gte=0), name="product_price_gte_0")), ValidateConstraint(model_name="product", name="product_price_gte_0"),"#,
                        postgres: ["validate-constraint-in-same-migration"], sql: #"VALIDATE CONSTRAINT"#),
        ConformanceCase("CreateCollation", #"django.contrib.postgres.operations.CreateCollation("case_insensitive", provider="icu", locale="und-u-ks-level2", deterministic=False),"#,
                        sql: #"CREATE COLLATION "case_insensitive""#),
    ]
}
