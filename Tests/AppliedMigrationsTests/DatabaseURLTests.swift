import AppliedMigrations
import Testing

/// One URL, and what dj-database-url (and libpq, for the defaults) make of it.
struct URLExample: Sendable, CustomTestStringConvertible {
    var url: String
    var backend: DatabaseURL.Backend
    var redacted: String

    var testDescription: String { url }
}

private func postgres(_ endpoint: PostgreSQLConnectionSettings.Endpoint, user: String, password: String? = nil,
                      database: String, sslMode: PostgreSQLConnectionSettings.SSLMode = .prefer,
                      sslRootCertificate: String? = nil, connectTimeout: Duration? = nil,
                      searchPath: String? = nil) -> DatabaseURL.Backend {
    .postgresql(PostgreSQLConnectionSettings(
        endpoint: endpoint, user: user, password: password, database: database, sslMode: sslMode,
        sslRootCertificate: sslRootCertificate, connectTimeout: connectTimeout, searchPath: searchPath))
}

@Suite("Database URLs")
struct DatabaseURLTests {
    static let examples: [URLExample] = [
        URLExample(url: "sqlite:///relative.db", backend: .sqlite(path: "/project/relative.db"),
                   redacted: "sqlite:////project/relative.db"),
        URLExample(url: "sqlite:///data/../db.sqlite3", backend: .sqlite(path: "/project/db.sqlite3"),
                   redacted: "sqlite:////project/db.sqlite3"),
        URLExample(url: "sqlite:////abs/path.db", backend: .sqlite(path: "/abs/path.db"),
                   redacted: "sqlite:////abs/path.db"),
        URLExample(url: "sqlite:///my%20db.sqlite3", backend: .sqlite(path: "/project/my db.sqlite3"),
                   redacted: "sqlite:////project/my db.sqlite3"),
        URLExample(url: "spatialite:////srv/geo.db", backend: .sqlite(path: "/srv/geo.db"),
                   redacted: "sqlite:////srv/geo.db"),
        URLExample(url: "postgresql://zdt:s3cret@127.0.0.1:5433/zdt",
                   backend: postgres(.tcp(host: "127.0.0.1", port: 5433), user: "zdt", password: "s3cret", database: "zdt"),
                   redacted: "postgresql://zdt:***@127.0.0.1:5433/zdt"),
        URLExample(url: "postgres://app:p%40ss%3Aw%2Fd@db.example.com/shop",
                   backend: postgres(.tcp(host: "db.example.com", port: 5432), user: "app", password: "p@ss:w/d",
                                     database: "shop"),
                   redacted: "postgresql://app:***@db.example.com:5432/shop"),
        URLExample(url: "pgsql://reader@DB.Example.COM:6543/shop",
                   backend: postgres(.tcp(host: "db.example.com", port: 6543), user: "reader", database: "shop"),
                   redacted: "postgresql://reader@db.example.com:6543/shop"),
        URLExample(url: "postgres://app:@/shop",
                   backend: postgres(.tcp(host: "localhost", port: 5432), user: "app", database: "shop"),
                   redacted: "postgresql://app@localhost:5432/shop"),
        URLExample(url: "postgis://geo:pw@maps/gis",
                   backend: postgres(.tcp(host: "maps", port: 5432), user: "geo", password: "pw", database: "gis"),
                   redacted: "postgresql://geo:***@maps:5432/gis"),
        URLExample(url: "postgres://app@[::1]:5433/shop",
                   backend: postgres(.tcp(host: "::1", port: 5433), user: "app", database: "shop"),
                   redacted: "postgresql://app@[::1]:5433/shop"),
        URLExample(url: "postgres://app:pw@db/shop?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&connect_timeout=3",
                   backend: postgres(.tcp(host: "db", port: 5432), user: "app", password: "pw", database: "shop",
                                     sslMode: .verifyFull, sslRootCertificate: "/etc/ssl/ca.pem",
                                     connectTimeout: .seconds(3)),
                   redacted: "postgresql://app:***@db:5432/shop?sslmode=verify-full"),
        URLExample(url: "postgres://app@db/shop?connect_timeout=1",
                   backend: postgres(.tcp(host: "db", port: 5432), user: "app", database: "shop",
                                     connectTimeout: .seconds(2)),
                   redacted: "postgresql://app@db:5432/shop"),
        URLExample(url: "postgres://app@%2Fvar%2Frun%2Fpostgresql/shop",
                   backend: postgres(.unixSocket(directory: "/var/run/postgresql", port: 5432), user: "app",
                                     database: "shop"),
                   redacted: "postgresql://app@/shop?host=/var/run/postgresql"),
        URLExample(url: "postgres://app:pw@%2FVar%2Frun:5433/shop",
                   backend: postgres(.unixSocket(directory: "/Var/run", port: 5433), user: "app", password: "pw",
                                     database: "shop"),
                   redacted: "postgresql://app:***@/shop?host=/Var/run&port=5433"),
        URLExample(url: "postgres://app@/shop?host=/var/run/postgresql&port=5433",
                   backend: postgres(.unixSocket(directory: "/var/run/postgresql", port: 5433), user: "app",
                                     database: "shop"),
                   redacted: "postgresql://app@/shop?host=/var/run/postgresql&port=5433"),
        URLExample(url: "postgres://app@db/shop?currentSchema=tenant",
                   backend: postgres(.tcp(host: "db", port: 5432), user: "app", database: "shop", searchPath: "tenant"),
                   redacted: "postgresql://app@db:5432/shop"),
        URLExample(url: "postgres://app@db/shop?options=-c%20search_path%3Dtenant,public",
                   backend: postgres(.tcp(host: "db", port: 5432), user: "app", database: "shop",
                                     searchPath: "tenant,public"),
                   redacted: "postgresql://app@db:5432/shop"),
        URLExample(url: "  postgres://app@db/shop?sslmode=\n",
                   backend: postgres(.tcp(host: "db", port: 5432), user: "app", database: "shop"),
                   redacted: "postgresql://app@db:5432/shop"),
        URLExample(url: "mysql://root:hunter2@mysql.internal:3307/shop",
                   backend: .mysql(user: "root", host: "mysql.internal", port: 3307, database: "shop"),
                   redacted: "mysql://root:***@mysql.internal:3307/shop"),
    ]

    @Test("parses as dj-database-url does", arguments: examples)
    func parses(_ example: URLExample) throws {
        let url = try DatabaseURL(parsing: example.url, relativeTo: "/project")
        #expect(url.backend == example.backend)
        #expect(url.redacted == example.redacted)
        #expect(url.description == example.redacted)
    }

    @Test("every sslmode libpq knows", arguments: PostgreSQLConnectionSettings.SSLMode.allCases)
    func sslModes(_ mode: PostgreSQLConnectionSettings.SSLMode) throws {
        let url = try DatabaseURL(parsing: "postgres://app@db/shop?sslmode=\(mode.rawValue)", relativeTo: "/")
        guard case .postgresql(let settings) = url.backend else {
            Issue.record("not PostgreSQL: \(url.backend)")
            return
        }
        #expect(settings.sslMode == mode)
    }

    @Test("a URL without a user connects as the login user, as libpq does")
    func defaultUser() throws {
        let url = try DatabaseURL(parsing: "postgres://db/shop", relativeTo: "/")
        guard case .postgresql(let settings) = url.backend else {
            Issue.record("not PostgreSQL: \(url.backend)")
            return
        }
        #expect(!settings.user.isEmpty)
        #expect(settings.password == nil)
    }

    static let invalid: [(url: String, message: String)] = [
        ("sqlite://:memory:", "is an in-memory SQLite database"),
        ("sqlite://", "is an in-memory SQLite database"),
        ("sqlite:///:memory:", "is an in-memory SQLite database"),
        ("db.sqlite3", "has no scheme"),
        ("postgres://app:hunter2@db:99999/shop", "the port '99999' is not a number from 1 to 65535"),
        ("postgres://app:hunter2@db:port/shop", "the port 'port' is not a number"),
        ("postgres://app:hunter2@db/shop?sslmode=sometimes", "invalid sslmode 'sometimes'"),
        ("postgres://app:hunter2@db/shop?connect_timeout=soon", "invalid connect_timeout 'soon'"),
        ("postgres://app:hunter2@db/", "no PostgreSQL database name"),
        ("postgres://app:hunter2@[::1/shop", "unbalanced '['"),
        ("oracle://app:hunter2@db/shop", "database URL scheme 'oracle'"),
        ("ftp://app:hunter2@db/shop", "unknown database URL scheme 'ftp'"),
    ]

    @Test("says what is wrong, without the password", arguments: invalid)
    func rejects(_ example: (url: String, message: String)) {
        #expect {
            _ = try DatabaseURL(parsing: example.url, relativeTo: "/project")
        } throws: { error in
            let message = (error as? AppliedMigrationsError)?.message ?? ""
            return message.contains(example.message) && !message.contains("hunter2")
        }
    }

    @Test("the password is never shown")
    func redaction() throws {
        let url = try DatabaseURL(parsing: "postgresql://zdt:hunter2@127.0.0.1/zdt", relativeTo: "/")
        #expect(url.redacted == "postgresql://zdt:***@127.0.0.1:5432/zdt")
        #expect(!"\(url)".contains("hunter2"))
        guard case .postgresql(let settings) = url.backend else {
            Issue.record("not PostgreSQL")
            return
        }
        #expect(settings.location == "127.0.0.1:5432/zdt")
        #expect(settings.password == "hunter2")
    }

    @Test("MySQL parses, then says it cannot be read yet")
    func mysql() throws {
        let url = try DatabaseURL(parsing: "mysql://root:hunter2@db/shop", relativeTo: "/")
        #expect(url.vendor == "mysql")
        #expect(url.redacted == "mysql://root:***@db:3306/shop")
        #expect(throws: DatabaseURL.mysqlNotSupported) { _ = try url.appliedMigrationSource() }
        #expect(DatabaseURL.mysqlNotSupported.message
            == "MySQL is not supported yet; use --database-url with a SQLite or PostgreSQL database")
    }

    @Test("SQLite and PostgreSQL URLs give their sources")
    func sources() throws {
        let sqlite = try DatabaseURL(parsing: "sqlite:///db.sqlite3", relativeTo: "/project").appliedMigrationSource()
        #expect((sqlite as? SQLiteAppliedMigrations)?.path == "/project/db.sqlite3")
        let postgres = try DatabaseURL(parsing: "postgres://u@db/shop?connect_timeout=4", relativeTo: "/")
            .appliedMigrationSource(connectTimeout: .seconds(30))
        #expect((postgres as? PostgresAppliedMigrations)?.settings.connectTimeout == .seconds(4))
        #expect((postgres as? PostgresAppliedMigrations)?.connectTimeout == .seconds(30))
    }

    @Test("server_version_num as PostgreSQL prints it",
          arguments: [("160004", "16.4"), ("150018", "15.18"), ("170000", "17.0"), ("90624", "9.6.24")])
    func serverVersion(_ example: (number: String, version: String)) {
        #expect(PostgresAppliedMigrations.versionString(serverVersionNumber: example.number) == example.version)
    }
}

@Suite("Django DATABASES settings")
struct DjangoSettingsTests {
    @Test("SQLite NAME, absolute or relative to the project")
    func sqlite() throws {
        let absolute = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/app/db.sqlite3"],
            relativeTo: "/project")
        #expect(absolute.backend == .sqlite(path: "/srv/app/db.sqlite3"))
        let relative = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"], relativeTo: "/project")
        #expect(relative.backend == .sqlite(path: "/project/db.sqlite3"))
        let spatialite = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.contrib.gis.db.backends.spatialite", "NAME": "geo.db"],
            relativeTo: "/project")
        #expect(spatialite.backend == .sqlite(path: "/project/geo.db"))
    }

    @Test("PostgreSQL with defaults: localhost, 5432, sslmode prefer")
    func postgresDefaults() throws {
        let url = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.db.backends.postgresql", "NAME": "shop", "USER": "app",
                             "PASSWORD": "hunter2", "HOST": "", "PORT": ""],
            relativeTo: "/project")
        #expect(url.backend == postgres(.tcp(host: "localhost", port: 5432), user: "app", password: "hunter2",
                                        database: "shop"))
        #expect(url.redacted == "postgresql://app:***@localhost:5432/shop")
    }

    @Test("PostGIS, a port, a Unix socket HOST and OPTIONS")
    func postgresOptions() throws {
        let tcp = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.contrib.gis.db.backends.postgis", "NAME": "gis", "USER": "geo",
                             "HOST": "db.internal", "PORT": "6432", "OPTIONS.sslmode": "require",
                             "OPTIONS.sslrootcert": "/ca.pem", "OPTIONS.connect_timeout": "5"],
            relativeTo: "/")
        #expect(tcp.backend == postgres(.tcp(host: "db.internal", port: 6432), user: "geo", database: "gis",
                                        sslMode: .require, sslRootCertificate: "/ca.pem", connectTimeout: .seconds(5)))
        let socket = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.db.backends.postgresql", "NAME": "shop", "USER": "app",
                             "HOST": "/var/run/postgresql"],
            relativeTo: "/")
        #expect(socket.backend == postgres(.unixSocket(directory: "/var/run/postgresql", port: 5432), user: "app",
                                           database: "shop"))
    }

    @Test("MySQL engines are recognised")
    func mysql() throws {
        let url = try DatabaseURL(
            djangoSettings: ["ENGINE": "django.db.backends.mysql", "NAME": "shop", "USER": "root", "HOST": "db"],
            relativeTo: "/")
        #expect(url.backend == .mysql(user: "root", host: "db", port: 3306, database: "shop"))
        #expect(throws: DatabaseURL.mysqlNotSupported) { _ = try url.appliedMigrationSource() }
    }

    static let invalid: [(settings: [String: String], message: String)] = [
        (["ENGINE": "django.db.backends.oracle", "NAME": "x", "PASSWORD": "hunter2"], "ENGINE 'django.db.backends.oracle' is not supported"),
        (["NAME": "x"], "give no ENGINE"),
        (["ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"], "in-memory SQLite database"),
        (["ENGINE": "django.db.backends.sqlite3"], "no NAME"),
        (["ENGINE": "django.db.backends.postgresql", "PASSWORD": "hunter2"], "no PostgreSQL database name"),
        (["ENGINE": "django.db.backends.postgresql", "NAME": "x", "PORT": "fifty", "PASSWORD": "hunter2"], "invalid port 'fifty'"),
    ]

    @Test("says what is wrong with the settings", arguments: invalid)
    func rejects(_ example: (settings: [String: String], message: String)) {
        #expect {
            _ = try DatabaseURL(djangoSettings: example.settings, relativeTo: "/project")
        } throws: { error in
            let message = (error as? AppliedMigrationsError)?.message ?? ""
            return message.contains(example.message) && !message.contains("hunter2")
        }
    }
}
