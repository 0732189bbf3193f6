import Foundation

/// What Django itself resolved for a project, handed over by `manage.py check_migrations` (the
/// `"project"` member of `--applied-from`'s JSON): each installed app's label, module and
/// migrations directory (after `MIGRATION_MODULES`), and the settings the check reads
/// (`AUTH_USER_MODEL` and every swappable `*_MODEL`). Where it is given, nothing of it is read
/// statically or assumed.
///
///     "project": {"apps": [{"label": "auth", "name": "django.contrib.auth",
///                           "migrations_module": "django.contrib.auth.migrations",
///                           "migrations_directory": "/…/django/contrib/auth/migrations"}, …],
///                 "settings": {"AUTH_USER_MODEL": "users.User", "WAGTAIL_PAGE_MODEL": "wagtailcore.Page"}}
public struct DjangoFacts: Sendable, Equatable {
    public struct App: Sendable, Equatable {
        public var label: String
        public var name: String
        public var migrationsModule: String?
        public var migrationsDirectory: String?
    }

    public var apps: [App]
    /// Setting name → its text value.
    public var settings: [String: String]

    /// The `"project"` member of an `--applied-from` document; nil when there is none.
    public static func parse(_ data: Data, origin: String) throws(DjangoProjectError) -> DjangoFacts? {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let project = document["project"] else { return nil }
        guard let object = project as? [String: Any], let apps = object["apps"] as? [Any] else {
            throw DjangoProjectError("--applied-from \(origin): \"project\" must be {\"apps\": [...], \"settings\": {...}}")
        }
        var facts = DjangoFacts(apps: [], settings: [:])
        for (index, entry) in apps.enumerated() {
            guard let app = entry as? [String: Any], let label = app["label"] as? String, let name = app["name"] as? String else {
                throw DjangoProjectError("--applied-from \(origin): project apps entry \(index) needs \"label\" and \"name\"")
            }
            facts.apps.append(App(label: label, name: name, migrationsModule: app["migrations_module"] as? String,
                                  migrationsDirectory: app["migrations_directory"] as? String))
        }
        for (name, value) in object["settings"] as? [String: Any] ?? [:] {
            if let text = value as? String { facts.settings[name] = text }
        }
        return facts
    }
}
