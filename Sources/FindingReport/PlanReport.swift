import DjangoProject
import MigrationGraph
import PendingPlan

/// The pending plan as text for people or JSON for programs (`zerodowntime plan`).
public struct PlanReport: Sendable {
    /// What the database said, when the plan came from one.
    public struct Database: Sendable {
        public var vendor: String
        public var version: String?
        public var hasMigrationsTable: Bool

        public init(vendor: String, version: String?, hasMigrationsTable: Bool) {
            self.vendor = vendor
            self.version = version
            self.hasMigrationsTable = hasMigrationsTable
        }
    }

    public var plan: PendingPlan
    public var database: Database?
    /// The settings module the project was read with.
    public var settingsModule: String
    /// What was assumed where a value could not be known: a line each under the header.
    public var assumptions: [SettingsAssumption] = []
    /// Shown with `path` relative to the working directory.
    public var displayPath: @Sendable (String) -> String = { $0 }
    /// The project as read: each installed app, and the user model (JSON only, to compare with
    /// what Django itself resolves).
    public var apps: [InstalledApp] = []
    public var authUserModel: String?

    public init(plan: PendingPlan, database: Database?, settingsModule: String) {
        self.plan = plan
        self.database = database
        self.settingsModule = settingsModule
    }

    public func text() -> String {
        var out = "Pending migrations: \(plan.pending.count) of \(plan.migrationCount) (\(plan.sourceDescription))\n"
        for assumption in assumptions { out += assumption.line(displayPath: displayPath(assumption.path)) + "\n" }
        for key in plan.pending { out += "  \(key)\n" }
        if plan.pending.isEmpty { out += "  No planned migrations.\n" }
        return out
    }

    /// `{"pending": [["app", "name"], …], "source": …}` on one line, keys in a fixed order.
    public func json() -> String {
        var members: [(String, JSONValue)] = [
            ("pending", .array(plan.pending.map { .array([.string($0.app), .string($0.name)]) })),
            ("source", .string(plan.sourceName)),
            ("description", .string(plan.sourceDescription)),
            ("settings", .string(settingsModule)),
            ("assumptions", .array(assumptions.map(\.json))),
            ("counts", .object([("migrations", .int(plan.migrationCount)), ("applied", .int(plan.appliedCount)),
                                ("pending", .int(plan.pending.count))])),
        ]
        members.append(("apps", .array(apps.map { app in
            .object([("label", .string(app.label)), ("name", .string(app.name)), ("migrations_module", .optional(app.migrationsModule)),
                     ("migrations_directory", .optional(app.migrationsDirectory))])
        })))
        members.append(("auth_user_model", .optional(authUserModel)))
        if let database {
            members.append(("database", .object([("vendor", .string(database.vendor)), ("version", .optional(database.version)),
                                                 ("has_migrations_table", .bool(database.hasMigrationsTable))])))
        }
        return JSONValue.object(members).renderedCompact() + "\n"
    }
}
