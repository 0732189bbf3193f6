import AppliedMigrations
import DjangoProject
import Foundation

/// Which database the applied set is read from, and reading it: the request's URL, else
/// `DATABASE_URL`, else the settings' `DATABASES` entry for the alias.
struct DatabaseChoice {
    var url: String?
    var alias: String?
    var environment: [String: String]
    var connectTimeout: Int

    /// The database named before the settings are read; nil when the settings name it.
    func urlBeforeSettings(projectDirectory: String) throws -> (DatabaseURL, origin: String)? {
        if let url {
            return (try DatabaseURL(parsing: url, relativeTo: projectDirectory), "--database-url")
        }
        if let fromEnvironment = environment["DATABASE_URL"], !fromEnvironment.isEmpty, alias == nil {
            return (try DatabaseURL(parsing: fromEnvironment, relativeTo: projectDirectory), "DATABASE_URL")
        }
        return nil
    }

    func readSnapshot(_ url: DatabaseURL) async throws -> AppliedMigrationsSnapshot {
        // libpq: zero or less waits indefinitely; here a day, past which PostgresNIO's clock would not go.
        let source = try url.appliedMigrationSource(connectTimeout: .seconds(connectTimeout > 0 ? connectTimeout : 86_400))
        return try await source.appliedMigrations()
    }

    /// The alias whose entry the settings give: the one asked for, else the original tool's
    /// `CHECK_MIGRATIONS` when defined, else `default`.
    static func alias(_ asked: String?, settings: DjangoSettings) -> String {
        asked ?? (settings.hasDatabase("CHECK_MIGRATIONS") ? "CHECK_MIGRATIONS" : "default")
    }

    /// The URL, the alias, and where the URL came from, in words.
    func url(for project: DjangoProject) throws -> (DatabaseURL, alias: String, origin: String) {
        let alias = Self.alias(self.alias, settings: project.settings)
        if let (url, origin) = try urlBeforeSettings(projectDirectory: project.directory) { return (url, alias, origin) }
        let settingsFile = project.settings.file
        guard let entry = project.settings.database(alias) else {
            let databases = project.settings.values["DATABASES"]
            if databases == nil {
                throw CheckRequestError(project.settings.notSet("DATABASES").message + "; pass --database-url URL or set DATABASE_URL")
            }
            if let why = databases?.firstUnknown {
                throw CheckRequestError("\(settingsFile): DATABASES cannot be read statically: \(why); pass --database-url URL or set DATABASE_URL")
            }
            throw CheckRequestError("\(settingsFile): DATABASES has no '\(alias)' alias; pass --database ALIAS or --database-url URL")
        }
        let origin = alias == "CHECK_MIGRATIONS" && self.alias == nil
            ? "settings DATABASES['CHECK_MIGRATIONS'], the original tool's alias" : "settings DATABASES['\(alias)']"
        if case .databaseURL(let url) = entry {
            return (try DatabaseURL(parsing: url, relativeTo: project.directory), alias, origin)
        }
        guard case .dict(let entries) = entry else {
            throw CheckRequestError("\(settingsFile): DATABASES['\(alias)'] cannot be read statically: \(entry.firstUnknown ?? entry.description); pass --database-url or set DATABASE_URL")
        }
        var strings: [String: String] = [:]
        for (key, value) in entries {
            guard let name = key.text else { continue }
            if name == "OPTIONS", case .dict(let options) = value {
                for option in options {
                    if let optionName = option.key.text, let text = Self.scalarText(option.value) { strings["OPTIONS." + optionName] = text }
                }
                continue
            }
            guard ["ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT"].contains(name) else { continue }
            if let text = Self.scalarText(value) {
                strings[name] = text
            } else if value != .none {
                throw CheckRequestError("\(settingsFile): DATABASES['\(alias)']['\(name)'] cannot be read statically: \(value.firstUnknown ?? value.description); pass --database-url or set DATABASE_URL")
            }
        }
        return (try DatabaseURL(djangoSettings: strings, relativeTo: project.directory), alias, origin)
    }

    private static func scalarText(_ value: SettingsValue) -> String? {
        switch value {
        case .string(let s), .path(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }
}
