import DatabaseTarget
import MigrationModel
import SchemaState

/// A unique constraint whose index is built, and checked, while the table is locked.
public struct AddUniqueUnderLockRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        identifier: "add-unique-under-lock",
        name: "Adding a unique constraint under lock",
        kind: .locks,
        severity: .error,
        summary: "unique=True, unique_together or a UniqueConstraint builds its index and checks every row while the table is locked.",
        why: """
            PostgreSQL enforces a unique constraint with a unique index. `ALTER TABLE … ADD CONSTRAINT … UNIQUE` \
            (and `ADD COLUMN … UNIQUE`) builds that index and checks every row for duplicates under ACCESS EXCLUSIVE: \
            reads and writes on the table wait for the whole build. Django also builds a `_like` index for a unique \
            varchar or text column under the same lock. A UniqueConstraint with a condition, expressions, include or \
            opclasses becomes `CREATE UNIQUE INDEX`, which holds SHARE: writes wait for the build.
            """,
        recipe: """
            Build the unique index first with `CREATE UNIQUE INDEX CONCURRENTLY` (RunSQL, in an `atomic = False` \
            migration), then attach it with `ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX …` (brief, no scan) in \
            SeparateDatabaseAndState, whose state_operations carry the original operation so Django's state matches.
            """,
        appliesTo: "PostgreSQL (all versions); not MySQL 8 (InnoDB adds unique indexes in place) nor SQLite",
        triggeringExamples: [
            RuleExample(#"↓migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, unique=True)),"#),
            RuleExample(#"""
                ↓migrations.AddConstraint(
                    model_name="order",
                    constraint=models.UniqueConstraint(fields=["product", "note"], name="order_product_note_uniq"),
                ),
                """#),
            RuleExample(#"↓migrations.AlterUniqueTogether(name="product", unique_together={("name", "price")}),"#),
            RuleExample(#"↓migrations.AddField(model_name="product", name="barcode", field=models.CharField(max_length=40, null=True, unique=True)),"#),
            RuleExample(#"""
                ↓migrations.AddConstraint(
                    model_name="product",
                    constraint=models.UniqueConstraint(fields=["legacy_code"], condition=Q(legacy_code__isnull=False), name="product_legacy_code_uniq"),
                ),
                """#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"""
                migrations.SeparateDatabaseAndState(
                    state_operations=[
                        migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, unique=True)),
                    ],
                    database_operations=[
                        migrations.RunSQL(
                            'ALTER TABLE "shop_product" ADD CONSTRAINT "product_sku_uniq" UNIQUE USING INDEX "product_sku_uniq"',
                            reverse_sql='ALTER TABLE "shop_product" DROP CONSTRAINT "product_sku_uniq"',
                        ),
                    ],
                ),
                """#),
            RuleExample(#"migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=32, unique=True)),"#,
                        target: Target(.mysql, major: 8, reason: "example")),
            RuleExample(#"""
                migrations.CreateModel(name="Coupon", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=10))]),
                migrations.AlterField(model_name="coupon", name="code", field=models.CharField(max_length=10, unique=True)),
                """#),
            RuleExample(#"migrations.AlterUniqueTogether(name="product", unique_together=set()),"#,
                        setup: [#"migrations.AlterUniqueTogether(name="product", unique_together={("name", "price")}),"#]),
        ],
        emittedSQL: [#"ALTER TABLE "shop_product" ADD CONSTRAINT "shop_product_sku_[0-9a-f]+_uniq" UNIQUE \("sku"\)"#],
        lockClaim: LockClaim(blocksReads: true, blocksWrites: true, rewritesTable: false)
    )

    public func check(_ context: OperationContext) -> [Violation] {
        guard context.isLivePostgresTable, let model = context.model else { return [] }
        let operation = context.operation
        let label = context.modelLabel
        switch operation.className {
        case "AddField", "AlterField":
            // A primary key added to a live table builds its unique index the same way (AlterField
            // into one is a different change, left to the type and NOT NULL rules).
            guard let name = operation.string("name", position: 1), let field = context.newField,
                  field.unique, !field.primaryKey || operation.className == "AddField", field.hasColumn else { return [] }
            if operation.className == "AlterField" {
                guard let before = context.fieldBefore, !before.unique else { return [] }
            }
            let column = field.columnName(fieldName: name)
            let constraint = LockRuleSupport.constraintName(model.tableName, [column], suffix: "uniq")
            let verb = operation.className == "AddField" ? "adds column \"\(column)\" to" : "makes column \"\(column)\" unique on"
            var steps: [(name: String, atomic: Bool, operations: String)] = []
            if operation.className == "AddField" {
                var plain = Recipe.without(field.value, ["unique"])
                if field.className == "OneToOneField" {
                    // One-to-one is unique by class: add it as a plain ForeignKey first.
                    plain = "models.ForeignKey(db_index=False, " + plain.drop { $0 != "(" }.dropFirst()
                }
                steps.append((name: "add_\(label)_\(name)", atomic: true, operations: """
                    migrations.AddField(model_name="\(label)", name="\(name)", field=\(plain)),
                    """))
            }
            return [violation(
                "\(operation.className) \(verb) \"\(model.tableName)\" with a \(field.primaryKey ? "PRIMARY KEY" : "UNIQUE constraint"): PostgreSQL builds its index and checks every row under ACCESS EXCLUSIVE, so reads and writes on \(model.name) wait for the whole build.",
                context, model, groups: [(constraint, [column])], steps: steps,
                state: "migrations.AlterField(model_name=\"\(label)\", name=\"\(name)\", field=\(field.value.pythonSource)),")]
        case "AlterUniqueTogether":
            let before = model.uniqueTogether
            let added = ProjectState.together(operation.argument("unique_together", position: 1)).filter { !before.contains($0) }
            guard !added.isEmpty else { return [] }
            let groups = added.map { group -> (String, [String]) in
                let columns = context.columns(group)
                return (LockRuleSupport.constraintName(model.tableName, columns, suffix: "uniq"), columns)
            }
            let listed = groups.map { "(\($0.1.joined(separator: ", ")))" }.joined(separator: ", ")
            return [violation(
                "AlterUniqueTogether adds a UNIQUE constraint on \"\(model.tableName)\" \(listed): PostgreSQL builds its index and checks every row under ACCESS EXCLUSIVE, so reads and writes on \(model.name) wait for the whole build.",
                context, model, groups: groups, steps: [], state: operation.value.pythonSource + ",")]
        case "AddConstraint":
            guard let constraint = operation.argument("constraint", position: 1),
                  constraint.calleeClassName == "UniqueConstraint" else { return [] }
            let keywords = constraint.callKeywords
            let name = keywords?["name"]?.stringValue ?? "?"
            let columns = context.columns(keywords?["fields"]?.stringList ?? [])
            let asIndex = !(constraint.callArguments?.isEmpty ?? true)
                || ["condition", "include", "opclasses", "expressions"].contains { keywords?[$0] != nil } || columns.isEmpty
            if asIndex {
                return [Violation(
                    "AddConstraint adds unique constraint \"\(name)\" to \"\(model.tableName)\" as a plain CREATE UNIQUE INDEX: writes to \(model.name) wait for the whole build (SHARE lock).\(LockRuleSupport.stackedNote(context.earlierAccessExclusive, table: model.tableName))",
                    recipe: Recipe.migrations([(name: "add_\(name)_concurrently", atomic: false, operations: """
                        migrations.SeparateDatabaseAndState(
                            state_operations=[\(operation.value.pythonSource)],
                            database_operations=[
                                migrations.RunSQL(
                                    # The statement `manage.py sqlmigrate` prints for this constraint, with CONCURRENTLY:
                                    'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "\(name)" ON "\(model.tableName)" (…) WHERE …',
                                    reverse_sql='DROP INDEX CONCURRENTLY IF EXISTS "\(name)"',
                                ),
                            ],
                        ),
                        """)], note: "Build the unique index concurrently and record the constraint in Django's state only:"))]
            }
            return [violation(
                "AddConstraint adds unique constraint \"\(name)\" to \"\(model.tableName)\" (\(columns.joined(separator: ", "))): PostgreSQL builds its index and checks every row under ACCESS EXCLUSIVE, so reads and writes on \(model.name) wait for the whole build.",
                context, model, groups: [(name, columns)], steps: [], state: operation.value.pythonSource + ",")]
        default:
            return []
        }
    }

    /// Index concurrently, then `ADD CONSTRAINT … USING INDEX` with the original operation as state.
    private func violation(_ message: String, _ context: OperationContext, _ model: ModelState, groups: [(String, [String])],
                           steps: [(name: String, atomic: Bool, operations: String)], state: String) -> Violation {
        let table = LockRuleSupport.quoted(model.tableName)
        let indexes = groups.map { LockRuleSupport.createIndexConcurrently($0.0, table: model.tableName, columns: $0.1, unique: true) }
        let attach = groups.map { group in
            """
                    migrations.RunSQL(
                        'ALTER TABLE \(table) ADD CONSTRAINT "\(group.0)" UNIQUE USING INDEX "\(group.0)"',
                        reverse_sql='ALTER TABLE \(table) DROP CONSTRAINT "\(group.0)"',
                    ),
            """
        }
        let first = groups.first?.0 ?? "uniq"
        let all = steps + [
            (name: "add_\(first)_index_concurrently", atomic: false, operations: indexes.joined(separator: "\n")),
            (name: "add_\(first)", atomic: true, operations: """
                migrations.SeparateDatabaseAndState(
                    state_operations=[
                        \(state)
                    ],
                    database_operations=[
                \(attach.joined(separator: "\n"))
                    ],
                ),
                """),
        ]
        return Violation(message, recipe: Recipe.migrations(all, note: "Build the unique index concurrently, then attach it (brief ACCESS EXCLUSIVE, no scan):"))
    }
}
