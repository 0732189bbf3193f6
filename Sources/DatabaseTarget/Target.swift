/// The database a check is for: its backend and version decide which dangers are real.
public struct Target: Sendable, Equatable, CustomStringConvertible {
    public enum Backend: String, Sendable, CaseIterable {
        case postgresql, mysql, sqlite
    }

    public var backend: Backend
    /// The major version (`16`, `8`), nil when unknown.
    public var major: Int?
    public var minor: Int?
    /// Why this target: "from the database", "--target", "settings ENGINE", "default".
    public var reason: String

    public init(_ backend: Backend, major: Int? = nil, minor: Int? = nil, reason: String) {
        self.backend = backend
        self.major = major
        self.minor = minor
        self.reason = reason
    }

    /// The oldest PostgreSQL Django 5.2 supports: the safe assumption when nothing else is known.
    public static let djangoDefault = Target(.postgresql, major: 14, reason: "no database, --target or ENGINE: PostgreSQL 14, the oldest Django 5.2 supports")

    /// `postgresql@16`, `postgres@12.4`, `mysql@8`, `sqlite`.
    public init?(parsing text: String, reason: String) {
        let parts = text.lowercased().split(separator: "@", maxSplits: 1)
        guard let name = parts.first else { return nil }
        switch name {
        case "postgresql", "postgres", "pg", "postgis": backend = .postgresql
        case "mysql", "mariadb": backend = .mysql
        case "sqlite", "sqlite3": backend = .sqlite
        default: return nil
        }
        self.reason = reason
        if parts.count == 2 {
            let numbers = parts[1].split(separator: ".").map { Int($0) }
            guard let first = numbers.first, let major = first else { return nil }
            self.major = major
            self.minor = numbers.count > 1 ? numbers[1] : nil
        } else {
            major = nil
            minor = nil
        }
    }

    /// From a server version string: `15.18`, `16.2 (Debian 16.2-1)`.
    public init(backend: Backend, serverVersion: String?, reason: String) {
        self.backend = backend
        self.reason = reason
        let numbers = (serverVersion ?? "").prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        self.major = numbers.first
        self.minor = numbers.count > 1 ? numbers[1] : nil
    }

    public var isPostgreSQL: Bool { backend == .postgresql }

    /// Whether this is PostgreSQL older than `major` (an unknown version counts as the oldest Django supports).
    public func postgresBefore(_ major: Int) -> Bool {
        backend == .postgresql && (self.major ?? 14) < major
    }

    public var description: String {
        let name: String
        switch backend {
        case .postgresql: name = "PostgreSQL"
        case .mysql: name = "MySQL"
        case .sqlite: name = "SQLite"
        }
        guard let major else { return name }
        return minor.map { "\(name) \(major).\($0)" } ?? "\(name) \(major)"
    }

    /// `postgresql@16`: the form `--target` takes.
    public var identifier: String {
        major.map { "\(backend.rawValue)@\($0)" + (minor.map { ".\($0)" } ?? "") } ?? backend.rawValue
    }
}
