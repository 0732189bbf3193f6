import DjangoProject
import Foundation
import MigrationGraph

/// The migrations `manage.py migrate` would apply, in its order, and where the answer came from.
public struct PendingPlan: Sendable {
    public enum Source: Sendable, Equatable {
        /// The database's `django_migrations` (the URL is shown without its password).
        case database(description: String, hasMigrationsTable: Bool)
        /// Files git says were added or changed.
        case git(String)
        /// Every migration, as for a fresh database.
        case all
    }

    public var pending: [MigrationKey]
    public var source: Source
    /// How many migrations the graph holds, and how many of them count as applied.
    public var migrationCount: Int
    public var appliedCount: Int
    public var planner: MigrationPlanner

    /// Plans against recorded rows, running the same checks as `migrate`, in its order.
    public static func fromDatabase(project: DjangoProject, recorded: Set<MigrationKey>, source: Source,
                                    databaseAlias: String = "default") throws -> PendingPlan {
        let planner = try MigrationPlanner(migrations: project.nodeSpecs(), migratedApps: project.migratedAppLabels,
                                           unmigratedApps: project.unmigratedAppLabels, recorded: recorded)
        try planner.checkConsistentHistory(database: databaseAlias)
        try planner.checkNoConflicts()
        return PendingPlan(planner: planner, source: source)
    }

    /// Plans every migration, as on a fresh database.
    public static func all(project: DjangoProject) throws -> PendingPlan {
        let planner = try MigrationPlanner(migrations: project.nodeSpecs(), migratedApps: project.migratedAppLabels,
                                           unmigratedApps: project.unmigratedAppLabels, recorded: [])
        try planner.checkNoConflicts()
        return PendingPlan(planner: planner, source: .all)
    }

    /// Plans the migrations in `files` as if everything else were applied: what a commit or a
    /// pull request brings, in the order Django would apply it.
    public static func candidates(project: DjangoProject, files: [String], source: Source) throws -> PendingPlan {
        let chosen = Set(files.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        let candidateKeys = Set(project.migrations.filter { chosen.contains(URL(fileURLWithPath: $0.path).standardizedFileURL.path) }.map(\.key))
        let everything = Set(project.migrations.map(\.key))
        let planner = try MigrationPlanner(migrations: project.nodeSpecs(), migratedApps: project.migratedAppLabels,
                                           unmigratedApps: project.unmigratedAppLabels, recorded: everything.subtracting(candidateKeys))
        try planner.checkNoConflicts()
        return PendingPlan(planner: planner, source: source)
    }

    /// `database`, `git` or `all`, as reports name the source.
    public var sourceName: String {
        switch source {
        case .database: return "database"
        case .git: return "git"
        case .all: return "all"
        }
    }

    /// The source in words, for people.
    public var sourceDescription: String {
        switch source {
        case .database(let description, let hasTable):
            return hasTable ? description : description + ", no django_migrations table yet: a fresh database"
        case .git(let what): return "migrations \(what)"
        case .all: return "every migration, as on a fresh database"
        }
    }

    /// Every migration, applied or not, in the order `migrate` would apply them on a fresh
    /// database: the order the check replays the history in.
    public func fullOrder() -> [MigrationKey] { planner.fullPlan() }

    init(planner: MigrationPlanner, source: Source) {
        self.planner = planner
        self.source = source
        self.pending = planner.pendingMigrations()
        self.migrationCount = planner.graph.migrationKeys.count
        self.appliedCount = planner.graph.migrationKeys.filter(planner.applied.contains).count
    }
}
