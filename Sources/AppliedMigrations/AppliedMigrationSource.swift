import DatabaseTarget
import MigrationGraph

/// Where the applied set comes from.
public protocol AppliedMigrationSource: Sendable {
    /// The rows of `django_migrations`, or an empty set when the table does not exist.
    func appliedMigrations() async throws(AppliedMigrationsError) -> AppliedMigrationsSnapshot
}

/// What a database said about its migrations.
public struct AppliedMigrationsSnapshot: Sendable, Equatable {
    public var recorded: Set<MigrationKey>
    /// False when `django_migrations` does not exist: a fresh database, everything is pending.
    public var hasMigrationsTable: Bool
    /// `sqlite`, `postgresql`, as Django's `connection.vendor` names it; from `--applied-from`,
    /// whatever the file says (`unknown` when it says nothing).
    public var vendor: String
    /// The backend the vendor names, nil for one the check does not know.
    public var backend: Target.Backend? { Target.Backend(rawValue: vendor) }
    /// The server version (`160004` style numbers are turned into `16.4`), when the backend has one.
    public var serverVersion: String?
    /// False when the database itself does not exist yet (a SQLite file not created so far):
    /// Django would create it on `migrate`, so it is a fresh database too.
    public var databaseExists: Bool
    /// The session's lock timeout when one is set (`5s`; PostgreSQL's `lock_timeout`, MySQL's
    /// `lock_wait_timeout`), nil when it is the backend's wait-forever default or unknown.
    public var lockTimeout: String?
    /// The size of each table, when the database (or the file) said; empty otherwise.
    public var tableSizes: [String: TableSize] = [:]

    public init(recorded: Set<MigrationKey>, hasMigrationsTable: Bool, vendor: String, serverVersion: String?,
                databaseExists: Bool = true, lockTimeout: String? = nil) {
        self.recorded = recorded
        self.hasMigrationsTable = hasMigrationsTable
        self.vendor = vendor
        self.serverVersion = serverVersion
        self.databaseExists = databaseExists
        self.lockTimeout = lockTimeout
    }
}

/// Why the applied set could not be read. Messages never contain a password.
public struct AppliedMigrationsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
