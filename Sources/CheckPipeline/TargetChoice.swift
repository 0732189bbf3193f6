import AppliedMigrations
import DatabaseTarget
import DjangoProject
import FindingReport
import Foundation
import MigrationRules
import ProjectConfiguration

/// The database the check judges for: `--target`, else the connected database, else the
/// configuration's target, else the settings' ENGINE, else the oldest PostgreSQL Django 5.2
/// supports. A configured target also wins over an SQLite database of another backend: a
/// laptop's SQLite is not production.
enum TargetChoice {
    static func choose(asked: String?, snapshot: AppliedMigrationsSnapshot?, configuration: ProjectConfiguration,
                       project: DjangoProject, databaseAlias: String?) -> Target {
        if let asked, let target = Target(parsing: asked, reason: "--target") { return target }
        var fromDatabase: Target?
        if let snapshot, let backend = snapshot.backend {
            let reason = "from the database" + (snapshot.serverVersion.map { ", server version \($0)" } ?? "")
            fromDatabase = backend == .sqlite ? Target(.sqlite, reason: reason) : Target(backend: backend, serverVersion: snapshot.serverVersion, reason: reason)
        }
        if let text = configuration.target, let file = configuration.file, var configured = Target(parsing: text, reason: "target in \(relativePath(file, to: FileManager.default.currentDirectoryPath))") {
            if let fromDatabase, fromDatabase.backend == configured.backend { return fromDatabase }
            if fromDatabase != nil { configured.reason += "; the database read is \(fromDatabase!.description)" }
            return configured
        }
        if let fromDatabase { return fromDatabase }
        let alias = DatabaseChoice.alias(databaseAlias, settings: project.settings)
        if case .dict(let entries)? = project.settings.database(alias),
           let engine = entries.first(where: { $0.key.text == "ENGINE" })?.value, case .string(let name) = engine {
            let reason = "ENGINE \(name) in the settings; version unknown"
            if name.contains("postgis") || name.contains("postgresql") { return Target(.postgresql, major: 14, reason: reason + ", assuming 14, the oldest Django 5.2 supports") }
            if name.contains("mysql") { return Target(.mysql, major: 8, reason: reason + ", assuming 8") }
            if name.contains("sqlite") { return Target(.sqlite, reason: "ENGINE \(name) in the settings") }
        }
        return .djangoDefault
    }
}
