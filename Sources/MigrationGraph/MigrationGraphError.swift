/// The errors Django's migration loader and `migrate` raise, with Django's own wording so that users
/// recognise them, followed by what to do.
public enum MigrationGraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `NodeNotFoundError`: a dependency (or `run_before`) names a migration that does not exist.
    case nodeNotFound(message: String, missing: MigrationKey, origin: MigrationKey, path: String)
    /// `CircularDependencyError`.
    case circularDependency([MigrationKey])
    /// Several leaf nodes in one app: Django asks for a merge migration.
    case conflictingMigrations([String: [String]])
    /// `InconsistentMigrationHistory`: an applied migration whose dependency is not applied.
    case inconsistentHistory(migration: MigrationKey, dependency: MigrationKey, database: String)
    /// `ValueError` from `check_key`.
    case dependencyOnAppWithNoMigrations(app: String, origin: MigrationKey, path: String)
    case dependencyOnUnknownApp(app: String, origin: MigrationKey, path: String)

    public var description: String {
        switch self {
        case .nodeNotFound(let message, _, _, let path):
            return "\(path.isEmpty ? "" : path + ": ")\(message)"
        case .circularDependency(let cycle):
            return "circular dependency between migrations: \(cycle.map(\.description).joined(separator: ", ")) (Django: CircularDependencyError); break the cycle by removing one of these dependencies"
        case .conflictingMigrations(let leaves):
            let apps = leaves.keys.sorted().map { "\(leaves[$0]!.joined(separator: ", ")) in \($0)" }
            return "Conflicting migrations detected; multiple leaf nodes in the migration graph: (\(apps.joined(separator: "; "))). To fix them run 'python manage.py makemigrations --merge'"
        case .inconsistentHistory(let migration, let dependency, let database):
            return "Migration \(migration) is applied before its dependency \(dependency) on database '\(database)'. (Django: InconsistentMigrationHistory); Django refuses to migrate this database until the history is repaired"
        case .dependencyOnAppWithNoMigrations(let app, let origin, let path):
            return "\(path.isEmpty ? "" : path + ": ")Dependency on app with no migrations: \(app) (in \(origin))"
        case .dependencyOnUnknownApp(let app, let origin, let path):
            return "\(path.isEmpty ? "" : path + ": ")Dependency on unknown app: \(app) (in \(origin)); add it to INSTALLED_APPS or remove the dependency"
        }
    }
}
