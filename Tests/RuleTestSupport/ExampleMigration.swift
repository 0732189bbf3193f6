import DatabaseTarget
import Foundation
import MigrationGraph
import MigrationModel
import MigrationRules
import PythonSyntax
import SchemaState

/// Turns a rule example into migration files: the shared history (`0001_setup`), the example's
/// setup migrations (`0002_setup`, …) and the example itself (`NNNN_case`), all in app `shop`.
public struct ExampleMigration: Sendable {
    public struct File: Sendable {
        public var name: String
        public var source: String
    }

    /// The files in order; the last is the example.
    public var files: [File]
    /// Where the markers were, in the last file (1-based line and column).
    public var markers: [(line: Int, column: Int)]

    public static let app = "shop"

    public init(_ example: RuleExample) {
        var files: [File] = []
        let setups = [ExampleMigration.history] + example.setup
        for (index, body) in setups.enumerated() {
            let name = String(format: "%04d_setup", index + 1)
            files.append(File(name: name, source: ExampleMigration.wrap(body, after: files.last?.name, atomic: true)))
        }
        let caseName = String(format: "%04d_case", setups.count + 1)
        let (clean, markers) = ExampleMigration.wrapMarked(example.source, after: files.last?.name, atomic: example.atomic)
        files.append(File(name: caseName, source: clean))
        self.files = files
        self.markers = markers
    }

    static func wrap(_ body: String, after previous: String?, atomic: Bool) -> String {
        if body.contains("class Migration") { return body }
        let dependency = previous.map { "(\"shop\", \"\($0)\")" } ?? ""
        var source = header
        source += "class Migration(migrations.Migration):\n"
        if !atomic { source += "    atomic = False\n" }
        source += "    dependencies = [\(dependency)]\n"
        source += "    operations = [\n"
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) where !line.allSatisfy({ $0 == " " }) {
            source += "        " + line + "\n"
        }
        source += "    ]\n"
        return source
    }

    /// Wraps and removes the markers, remembering where they were.
    static func wrapMarked(_ body: String, after previous: String?, atomic: Bool) -> (String, [(line: Int, column: Int)]) {
        let wrapped = wrap(body, after: previous, atomic: atomic)
        var clean = ""
        var markers: [(Int, Int)] = []
        for (number, line) in wrapped.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = ""
            for character in line {
                if character == RuleExample.marker {
                    markers.append((number + 1, text.utf8.count + 1))
                } else {
                    text.append(character)
                }
            }
            clean += text + "\n"
        }
        return (String(clean.dropLast()), markers)
    }

    static let header = """
        import uuid

        import django.contrib.postgres.fields
        import django.db.models.deletion
        import django.db.models.functions
        from django.conf import settings
        from django.contrib.postgres.constraints import ExclusionConstraint
        from django.contrib.postgres.functions import RandomUUID
        from django.contrib.postgres.operations import (
            AddConstraintNotValid,
            AddIndexConcurrently,
            RemoveIndexConcurrently,
            ValidateConstraint,
        )
        from django.db import migrations, models
        from django.db.models import F, Q
        from django.utils import timezone


        def forwards(apps, schema_editor):
            pass


        def backwards(apps, schema_editor):
            pass



        """

    /// What the examples build on: a `Product` and an `Order` that references it.
    public static let history = """
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=50)),
                ("sku", models.CharField(max_length=32)),
                ("price", models.IntegerField()),
                ("description", models.TextField(null=True)),
                ("legacy_code", models.CharField(max_length=20, null=True)),
                ("slug", models.SlugField(db_index=False)),
            ],
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("quantity", models.IntegerField(default=1)),
                ("note", models.CharField(max_length=200, null=True)),
                ("product", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.product")),
            ],
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["quantity"], name="order_quantity_idx"),
        ),
        """
}

extension ExampleMigration {
    /// Checks the example as a pending migration after its (applied) history.
    public func check(target: Target, rules: [any Rule] = RuleCatalogue.all) throws -> CheckResult {
        var checked: [CheckedMigration] = []
        for (index, file) in files.enumerated() {
            let module = try PythonParser.parse(file.source).get()
            checked.append(CheckedMigration(key: MigrationKey(Self.app, file.name), path: "shop/migrations/\(file.name).py",
                                            module: module, migration: MigrationClass(module: module),
                                            isPending: index == files.count - 1))
        }
        var settings = CheckSettings()
        settings.target = target
        return try MigrationCheck(settings: settings, rules: rules).run(checked, state: ProjectState())
    }
}
