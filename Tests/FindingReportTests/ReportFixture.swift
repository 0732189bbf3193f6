import FindingReport
import MigrationGraph
// Finding and CheckResult have no public initializer: a check makes them, these tests write them by hand.
import MigrationRules

/// A check run written by hand: an error and a silenced error in a migration under the project,
/// a warning in one outside it, found in the opposite order to the pending one.
enum ReportFixture {
    static let shop = MigrationKey("shop", "0003_remove_widget_colour")
    static let billing = MigrationKey("billing", "0002_invoice_total")

    static let dropColour = Finding(
        rule: "drop-column", severity: .error, app: "shop", migration: shop.name,
        path: "/work/shop/shop/migrations/0003_remove_widget_colour.py", line: 12, column: 9,
        operation: "RemoveField", description: "Remove field colour from widget",
        message: "Removing \"colour\" from widget: old code, 100% sure,\nstill reads it: café",
        why: "The previous release selects widget.colour.",
        recipe: """
            Release 1:
                SeparateDatabaseAndState(state_operations=[RemoveField("widget", "colour")])

            Release 2:
                RunSQL("ALTER TABLE shop_widget DROP COLUMN colour")
            """,
        ignoredBecause: nil)

    static let dropSize = Finding(
        rule: "drop-column", severity: .error, app: "shop", migration: shop.name,
        path: "/work/shop/shop/migrations/0003_remove_widget_colour.py", line: 20, column: 9,
        operation: "RemoveField", description: "Remove field size from widget",
        message: "Removing \"size\" from widget.", why: "The previous release selects widget.size.",
        recipe: "Remove it in two releases.", ignoredBecause: "comment on line 19: column unused since 2.3")

    static let noReverse = Finding(
        rule: "run-python-without-reverse", severity: .warning, app: "billing", migration: billing.name,
        path: "/srv/billing/migrations/0002_invoice_total.py", line: 7, column: 9,
        operation: "RunPython", description: "Raw Python operation",
        message: "RunPython without reverse_code.", why: "The migration cannot be rolled back.",
        recipe: "migrations.RunPython(fill_totals, migrations.RunPython.noop)", ignoredBecause: nil)

    /// A missing lock timeout, once in each migration.
    static func lockTimeout(_ key: MigrationKey, line: Int) -> Finding {
        Finding(rule: "lock-timeout-not-set", severity: .warning, app: key.app, migration: key.name,
                path: key == shop ? "/work/shop/shop/migrations/0003_remove_widget_colour.py" : "/srv/billing/migrations/0002_invoice_total.py",
                line: line, column: 9, operation: "AddField", description: "Add field",
                message: "AddField takes an ACCESS EXCLUSIVE lock on \"\(key.app)\".", why: "It waits behind long queries.",
                recipe: "Set lock_timeout.", ignoredBecause: nil)
    }

    static func report(findings: [Finding] = [noReverse, dropColour, dropSize], policy: CheckSettings.Policy = .recommended,
                       failOn: Severity = .error, baseDirectory: String = "/work/shop") -> CheckReport {
        CheckReport(result: CheckResult(findings: findings, checkedMigrations: [shop, billing], operationCount: 5),
                    pending: [shop, billing], source: "git", sourceDescription: "migrations added since origin/main",
                    target: .djangoDefault, policy: policy, failOn: failOn, baseDirectory: baseDirectory)
    }

    static let header = "2 pending migrations from migrations added since origin/main; target: PostgreSQL 14 "
        + "(no database, --target or ENGINE: PostgreSQL 14, the oldest Django 5.2 supports)"
    static let summary = "1 error, 1 warning, 1 ignored in 5 operations of 2 migrations"
}
