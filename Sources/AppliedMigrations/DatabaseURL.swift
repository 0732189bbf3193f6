import Foundation

/// The database to read the applied migrations from, named the way a Django project names it:
/// a `DATABASE_URL` as dj-database-url parses it, or a `DATABASES` entry of the settings.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public enum Backend: Sendable, Equatable {
        /// An absolute path to a SQLite file.
        case sqlite(path: String)
        case postgresql(PostgreSQLConnectionSettings)
        /// Recognised so the user gets a precise message; not readable yet.
        case mysql(user: String, host: String, port: Int, database: String)
    }

    public var backend: Backend

    /// `sqlite`, `postgresql` or `mysql`, as Django's `connection.vendor` says it.
    public var vendor: String {
        switch backend {
        case .sqlite: "sqlite"
        case .postgresql: "postgresql"
        case .mysql: "mysql"
        }
    }

    /// The URL with the password replaced by `***`: `postgresql://zdt:***@127.0.0.1:5432/zdt`.
    public var redacted: String {
        switch backend {
        case .sqlite(let path): "sqlite:///\(path)"
        case .postgresql(let settings): settings.redactedURL
        case .mysql(let user, let host, let port, let database):
            "mysql://\(user.isEmpty ? "" : "\(user):***@")\(Self.hostForURL(host)):\(port)/\(database)"
        }
    }

    public var description: String { redacted }

    public init(backend: Backend) {
        self.backend = backend
    }

    public static let mysqlNotSupported = AppliedMigrationsError(
        "MySQL is not supported yet; use --database-url with a SQLite or PostgreSQL database")

    /// Where the applied migrations are read from for this database.
    /// `connectTimeout` applies when the URL gives no `connect_timeout`; `taskExecutor`, when
    /// given, runs a PostgreSQL exchange's tasks (see `PostgresAppliedMigrations.taskExecutor`).
    public func appliedMigrationSource(connectTimeout: Duration = .seconds(10), taskExecutor: (any TaskExecutor)? = nil)
        throws(AppliedMigrationsError) -> any AppliedMigrationSource
    {
        switch backend {
        case .sqlite(let path):
            return SQLiteAppliedMigrations(path: path)
        case .postgresql(let settings):
            return PostgresAppliedMigrations(settings: settings, connectTimeout: connectTimeout, taskExecutor: taskExecutor)
        case .mysql:
            throw Self.mysqlNotSupported
        }
    }
}

// MARK: - Parsing a URL

extension DatabaseURL {
    static let sqliteSchemes: Set<String> = ["sqlite", "spatialite"]
    static let postgresqlSchemes: Set<String> = ["postgres", "postgresql", "pgsql", "postgis", "timescale", "timescalegis"]
    static let mysqlSchemes: Set<String> = ["mysql", "mysql2", "mysqlgis", "mysql-connector"]
    /// The rest of dj-database-url's schemes: known, but not something we can read.
    static let otherSchemes: Set<String> = ["mongodb", "mongodb+srv", "mssql", "mssqlms", "oracle", "oraclegis",
                                            "redshift", "cockroach"]

    /// Parses `url` as dj-database-url does. A relative SQLite path (`sqlite:///db.sqlite3`) is
    /// taken relative to `baseDirectory`.
    public init(parsing url: String, relativeTo baseDirectory: String) throws(AppliedMigrationsError) {
        let text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = Self.redactingUnparsed(text)
        if text == "sqlite://:memory:" { throw Self.inMemory(shown) }
        let split = SplitURL(text)
        guard !split.scheme.isEmpty else {
            throw AppliedMigrationsError("invalid database URL '\(shown)': it has no scheme (expected sqlite://, postgres:// or postgresql://)")
        }
        let scheme = split.scheme

        if Self.sqliteSchemes.contains(scheme) {
            let name = Self.percentDecoded(split.path.dropFirst())
            if name.isEmpty || name == ":memory:" { throw Self.inMemory(shown) }
            self.init(backend: .sqlite(path: Self.absolutePath(name, relativeTo: baseDirectory)))
            return
        }

        guard Self.postgresqlSchemes.contains(scheme) || Self.mysqlSchemes.contains(scheme) else {
            let known = Self.otherSchemes.contains(scheme) ? "" : "unknown "
            throw AppliedMigrationsError(
                "\(known)database URL scheme '\(scheme)' in '\(shown)' is not supported: zerodowntime reads the applied migrations from SQLite (sqlite://) or PostgreSQL (postgres://, postgresql://)")
        }

        let userinfo: Substring
        let hostinfo: Substring
        if let at = split.netloc.lastIndex(of: "@") {
            userinfo = split.netloc[..<at]
            hostinfo = split.netloc[split.netloc.index(after: at)...]
        } else {
            userinfo = ""
            hostinfo = split.netloc
        }
        var user = ""
        var password = ""
        if let colon = userinfo.firstIndex(of: ":") {
            user = Self.percentDecoded(userinfo[..<colon])
            password = Self.percentDecoded(userinfo[userinfo.index(after: colon)...])
        } else {
            user = Self.percentDecoded(userinfo)
        }

        var rawHost: Substring
        var rawPort: Substring = ""
        if let open = hostinfo.firstIndex(of: "[") {
            let bracketed = hostinfo[hostinfo.index(after: open)...]
            guard let close = bracketed.firstIndex(of: "]") else {
                throw AppliedMigrationsError("invalid database URL '\(shown)': unbalanced '[' in the host")
            }
            rawHost = bracketed[..<close]
            let after = bracketed[bracketed.index(after: close)...]
            if let colon = after.firstIndex(of: ":") { rawPort = after[after.index(after: colon)...] }
        } else if let colon = hostinfo.firstIndex(of: ":") {
            rawHost = hostinfo[..<colon]
            rawPort = hostinfo[hostinfo.index(after: colon)...]
        } else {
            rawHost = hostinfo
        }
        // A percent-encoded host is a Unix-socket directory (`%2Fvar%2Frun%2Fpostgresql`): keep its case.
        let host = rawHost.contains("%") ? Self.percentDecoded(rawHost) : rawHost.lowercased()
        if !rawPort.isEmpty {
            guard rawPort.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(rawPort), number <= 65535 else {
                throw AppliedMigrationsError("invalid database URL '\(shown)': the port '\(rawPort)' is not a number from 1 to 65535")
            }
            if number == 0 { rawPort = "" }
        }
        var options: [String: String] = [:]
        for (key, value) in Self.queryItems(split.query) { options[key] = value }
        if let schema = options.removeValue(forKey: "currentSchema") {
            options["options"] = "-c search_path=\(schema)"
        }
        let name = Self.percentDecoded(split.path.dropFirst())

        if Self.mysqlSchemes.contains(scheme) {
            self.init(backend: .mysql(user: user, host: host.isEmpty ? "localhost" : host,
                                      port: Int(rawPort) ?? 3306, database: name))
            return
        }
        let settings = try PostgreSQLConnectionSettings(
            user: user, password: password, host: host, port: String(rawPort), name: name, options: options,
            shown: "database URL '\(shown)'")
        self.init(backend: .postgresql(settings))
    }

    static func inMemory(_ shown: String) -> AppliedMigrationsError {
        AppliedMigrationsError(
            "'\(shown)' is an in-memory SQLite database: it holds no applied migrations to read; give the path of the database file (sqlite:///relative/path.db or sqlite:////absolute/path.db)")
    }

    static func absolutePath(_ path: String, relativeTo baseDirectory: String) -> String {
        let full = path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    static func hostForURL(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// The password of a URL that may not even parse, replaced by `***`, for messages.
    static func redactingUnparsed(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let netlocEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let netloc = rest[..<netlocEnd]
        guard let at = netloc.lastIndex(of: "@") else { return url }
        let userinfo = netloc[..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// `urllib.parse.unquote`: `%XX` sequences as UTF-8 bytes, anything malformed left as it is.
    static func percentDecoded<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) -> String {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
                continue
            }
            bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `urllib.parse.parse_qsl` with blank values dropped, as `parse_qs` does by default.
    static func queryItems(_ query: Substring) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let value = pair[pair.index(after: equals)...]
            guard !value.isEmpty else { return nil }
            return (percentDecoded(pair[..<equals], plusAsSpace: true), percentDecoded(value, plusAsSpace: true))
        }
    }
}

/// `urllib.parse.urlsplit`, for the parts a database URL uses.
struct SplitURL {
    var scheme = ""
    var netloc: Substring = ""
    var path: Substring = ""
    var query: Substring = ""

    init(_ url: String) {
        var rest = Substring(url)
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
           rest[rest.startIndex].isASCII, rest[rest.startIndex].isLetter,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
            netloc = rest[..<end]
            rest = rest[end...]
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        path = rest
    }
}

// MARK: - Django settings

extension DatabaseURL {
    static let sqliteEngines: Set<String> = ["django.db.backends.sqlite3", "django.contrib.gis.db.backends.spatialite"]
    static let postgresqlEngines: Set<String> = [
        "django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2",
        "django.contrib.gis.db.backends.postgis", "timescale.db.backends.postgresql", "timescale.db.backends.postgis",
    ]
    static let mysqlEngines: Set<String> = ["django.db.backends.mysql", "django.contrib.gis.db.backends.mysql",
                                            "mysql.connector.django"]

    /// A `DATABASES` entry read from the settings, as strings: `ENGINE`, `NAME`, `USER`, `PASSWORD`,
    /// `HOST`, `PORT`, and each `OPTIONS` entry as `OPTIONS.sslmode`, `OPTIONS.sslrootcert`, ….
    /// A relative SQLite `NAME` is taken relative to `baseDirectory`.
    public init(djangoSettings settings: [String: String], relativeTo baseDirectory: String)
        throws(AppliedMigrationsError)
    {
        let engine = settings["ENGINE"] ?? ""
        let name = settings["NAME"] ?? ""
        var options: [String: String] = [:]
        for (key, value) in settings where key.hasPrefix("OPTIONS.") {
            options[String(key.dropFirst("OPTIONS.".count))] = value
        }
        if Self.sqliteEngines.contains(engine) {
            if name == ":memory:" || name.hasPrefix("file::memory:") { throw Self.inMemory("NAME \(name)") }
            guard !name.isEmpty else {
                throw AppliedMigrationsError("the database settings give no NAME for the SQLite database file")
            }
            self.init(backend: .sqlite(path: Self.absolutePath(name, relativeTo: baseDirectory)))
        } else if Self.postgresqlEngines.contains(engine) {
            let settings = try PostgreSQLConnectionSettings(
                user: settings["USER"] ?? "", password: settings["PASSWORD"] ?? "", host: settings["HOST"] ?? "",
                port: settings["PORT"] ?? "", name: name, options: options, shown: "the database settings")
            self.init(backend: .postgresql(settings))
        } else if Self.mysqlEngines.contains(engine) {
            let host = settings["HOST"] ?? ""
            self.init(backend: .mysql(user: settings["USER"] ?? "", host: host.isEmpty ? "localhost" : host,
                                      port: Int(settings["PORT"] ?? "") ?? 3306, database: name))
        } else if engine.isEmpty || engine == "django.db.backends.dummy" {
            throw AppliedMigrationsError("the database settings give no ENGINE; use --database-url with a SQLite or PostgreSQL database")
        } else {
            throw AppliedMigrationsError(
                "database ENGINE '\(engine)' is not supported: zerodowntime reads the applied migrations from SQLite or PostgreSQL")
        }
    }
}

// MARK: - PostgreSQL

/// How to reach a PostgreSQL database, with libpq's meaning for each setting.
public struct PostgreSQLConnectionSettings: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The directory of the server's socket, as libpq takes it: the socket is `<directory>/.s.PGSQL.<port>`.
        case unixSocket(directory: String, port: Int)
    }

    /// libpq's `sslmode`.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    /// Nil when none is given (an empty password is none, as in Django).
    public var password: String?
    public var database: String
    /// `prefer` unless the URL or settings say otherwise, as in libpq.
    public var sslMode: SSLMode
    /// A CA bundle to verify the server with (`sslrootcert`); the system's roots otherwise.
    public var sslRootCertificate: String?
    /// `connect_timeout`, when given.
    public var connectTimeout: Duration?
    /// From `options=-c search_path=…` or dj-database-url's `currentSchema`: it decides which
    /// `django_migrations` is visible.
    public var searchPath: String?
    /// `require_auth` (or `PGREQUIREAUTH`): SCRAM only unless it allows clear text or MD5.
    public var passwordMethods: PasswordMethods

    public init(endpoint: Endpoint, user: String, password: String?, database: String, sslMode: SSLMode = .prefer,
                sslRootCertificate: String? = nil, connectTimeout: Duration? = nil, searchPath: String? = nil,
                passwordMethods: PasswordMethods = .scramOnly) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.connectTimeout = connectTimeout
        self.searchPath = searchPath
        self.passwordMethods = passwordMethods
    }

    /// Django's reading of a `DATABASES` entry: `HOST`/`PORT` win over `OPTIONS` `host`/`port`.
    init(user: String, password: String, host: String, port: String, name: String, options: [String: String],
         shown: String) throws(AppliedMigrationsError) {
        let host = !host.isEmpty ? host : (options["host"] ?? "")
        let portText = !port.isEmpty ? port : (options["port"] ?? "")
        var portNumber = 5432
        if !portText.isEmpty {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw AppliedMigrationsError("invalid port '\(portText)' in \(shown): expected a number from 1 to 65535")
            }
            portNumber = number
        }
        let database = !name.isEmpty ? name : (options["dbname"] ?? "")
        guard !database.isEmpty else {
            throw AppliedMigrationsError("no PostgreSQL database name in \(shown) (postgresql://user:password@host:port/DATABASE)")
        }
        var sslMode = SSLMode.prefer
        if let text = options["sslmode"] {
            guard let mode = SSLMode(rawValue: text) else {
                throw AppliedMigrationsError(
                    "invalid sslmode '\(text)' in \(shown): expected one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sslMode = mode
        }
        var connectTimeout: Duration?
        if let text = options["connect_timeout"] {
            guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw AppliedMigrationsError("invalid connect_timeout '\(text)' in \(shown): expected whole seconds")
            }
            // libpq: 0 or less waits forever (we keep our default instead), and the least is 2 seconds.
            if seconds > 0 { connectTimeout = .seconds(max(seconds, 2)) }
        }
        var passwordMethods = PasswordMethods.scramOnly
        if let text = options["require_auth"] ?? ProcessInfo.processInfo.environment["PGREQUIREAUTH"].flatMap({ $0.isEmpty ? nil : $0 }) {
            passwordMethods = try PasswordMethods(requireAuth: text, shown: shown)
        }
        let resolvedUser = !user.isEmpty ? user : (options["user"] ?? ProcessInfo.processInfo.userName)
        let resolvedPassword = !password.isEmpty ? password : options["password"]
        let resolvedHost = host.isEmpty ? "localhost" : host
        self.init(
            endpoint: resolvedHost.hasPrefix("/")
                ? .unixSocket(directory: resolvedHost, port: portNumber)
                : .tcp(host: resolvedHost, port: portNumber),
            user: resolvedUser,
            password: (resolvedPassword?.isEmpty ?? true) ? nil : resolvedPassword,
            database: database,
            sslMode: sslMode,
            sslRootCertificate: options["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 },
            connectTimeout: connectTimeout,
            searchPath: options["options"].flatMap(Self.searchPath(fromLibpqOptions:)),
            passwordMethods: passwordMethods)
    }

    /// `search_path` out of libpq's `options` (`-c search_path=a,b`, `-csearch_path=a`, `--search_path=a`).
    static func searchPath(fromLibpqOptions options: String) -> String? {
        let words = options.split(separator: " ", omittingEmptySubsequences: true)
        var index = 0
        while index < words.count {
            var setting: Substring?
            if words[index] == "-c", index + 1 < words.count {
                setting = words[index + 1]
                index += 1
            } else if words[index].hasPrefix("-c") {
                setting = words[index].dropFirst(2)
            } else if words[index].hasPrefix("--") {
                setting = words[index].dropFirst(2)
            }
            index += 1
            guard let setting, let equals = setting.firstIndex(of: "=") else { continue }
            let name = setting[..<equals].replacingOccurrences(of: "-", with: "_")
            if name == "search_path" { return String(setting[setting.index(after: equals)...]) }
        }
        return nil
    }

    /// `host:port/database`, for messages: never the password.
    public var location: String {
        switch endpoint {
        case .tcp(let host, let port):
            "\(DatabaseURL.hostForURL(host)):\(port)/\(database)"
        case .unixSocket(let directory, let port):
            "\(socketPath(directory: directory, port: port)) (database \(database))"
        }
    }

    func socketPath(directory: String, port: Int) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + ".s.PGSQL.\(port)"
    }

    /// `postgresql://zdt:***@127.0.0.1:5432/zdt`.
    public var redactedURL: String {
        let allowed = CharacterSet.urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@"))
        let escapedUser = user.addingPercentEncoding(withAllowedCharacters: allowed) ?? user
        let userinfo = user.isEmpty ? "" : escapedUser + (password == nil ? "" : ":***") + "@"
        let escapedDatabase = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        var query: [String] = []
        let hostPart: String
        switch endpoint {
        case .tcp(let host, let port):
            hostPart = "\(DatabaseURL.hostForURL(host)):\(port)"
        case .unixSocket(let directory, let port):
            hostPart = ""
            query.append("host=\(directory)")
            if port != 5432 { query.append("port=\(port)") }
        }
        if sslMode != .prefer { query.append("sslmode=\(sslMode.rawValue)") }
        if passwordMethods != .scramOnly {
            query.append("require_auth=" + ([passwordMethods.allowsCleartext ? "password" : nil, passwordMethods.allowsMD5 ? "md5" : nil, "scram-sha-256"]
                .compactMap { $0 }.joined(separator: ",")))
        }
        return "postgresql://\(userinfo)\(hostPart)/\(escapedDatabase)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
}
