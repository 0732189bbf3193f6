import Foundation
import MigrationGraph
import RunInputs
import SQLiteNIO

/// The applied set of a SQLite database file, read without ever writing to it.
///
/// The file is opened through a `file:` URI with `mode=ro`: sqlite-nio always passes
/// `SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE` but also `SQLITE_OPEN_URI`, and `mode=ro` overrides
/// both, so the file is neither created nor modified. A missing file is a fresh database, as it
/// is for Django (which would create it on `migrate`).
public struct SQLiteAppliedMigrations: AppliedMigrationSource {
    /// An absolute path (a relative one is taken from the current directory).
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// The version of the SQLite library that reads the file (`3.50.4`).
    public static var libraryVersion: String { SQLiteConnection.libraryVersionString() }

    public func appliedMigrations() async throws(AppliedMigrationsError) -> AppliedMigrationsSnapshot {
        // What is applied is in these files' bytes: while they are unchanged, so is the answer.
        for file in [path, path + "-wal", path + "-journal"] { InputLog.shared.read(file) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return AppliedMigrationsSnapshot(recorded: [], hasMigrationsTable: false, vendor: "sqlite",
                                             serverVersion: Self.libraryVersion, databaseExists: false)
        }
        if isDirectory.boolValue {
            throw AppliedMigrationsError("cannot read SQLite database \(path): it is a directory")
        }
        let connection = try await Self.openReadOnly(path)
        do {
            let snapshot = try await read(connection)
            try? await connection.close()
            return snapshot
        } catch {
            try? await connection.close()
            throw AppliedMigrationsError("cannot read SQLite database \(path): \(Self.reason(error))")
        }
    }

    /// Opens an existing file for reading; never creates one, even if it vanished since it was seen.
    static func openReadOnly(_ path: String) async throws(AppliedMigrationsError) -> SQLiteConnection {
        do {
            let immutable = isWriteAheadLogged(path) && !FileManager.default.fileExists(atPath: path + "-wal")
            return try await SQLiteConnection.open(storage: .file(path: readOnlyURI(path, immutable: immutable)))
        } catch {
            throw AppliedMigrationsError("cannot open SQLite database \(path): \(reason(error))")
        }
    }

    private func read(_ connection: SQLiteConnection) async throws -> AppliedMigrationsSnapshot {
        // Django's `table_names()` on SQLite: tables only, not views.
        let tables = try await connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'")
        guard !tables.isEmpty else {
            return AppliedMigrationsSnapshot(recorded: [], hasMigrationsTable: false, vendor: "sqlite",
                                             serverVersion: Self.libraryVersion)
        }
        var recorded = Set<MigrationKey>()
        for row in try await connection.query("SELECT app, name FROM django_migrations") {
            guard let app = row.column("app")?.string, let name = row.column("name")?.string else {
                let shown = "\(row)"
                throw AppliedMigrationsError("django_migrations has a row without a text app and name: "
                                             + (shown.count > 200 ? String(shown.prefix(200)) + "… (\(shown.utf8.count) bytes)" : shown))
            }
            recorded.insert(MigrationKey(app, name))
        }
        return AppliedMigrationsSnapshot(recorded: recorded, hasMigrationsTable: true, vendor: "sqlite",
                                         serverVersion: Self.libraryVersion)
    }

    /// Whether the file's header says WAL mode (format versions 2 at offsets 18 and 19).
    ///
    /// Even read-only, SQLite makes `-wal` and `-shm` files beside a WAL database and leaves them.
    /// When there is no `-wal` file, every transaction is already in the main file, so it is read
    /// as `immutable`: no side files, no locks.
    static func isWriteAheadLogged(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20,
              header.prefix(16) == Data("SQLite format 3\0".utf8) else { return false }
        return header[header.startIndex + 18] == 2 || header[header.startIndex + 19] == 2
    }

    /// `file:/abs/path?mode=ro`, with the characters a URI path cannot hold percent-encoded.
    static func readOnlyURI(_ path: String, immutable: Bool = false) -> String {
        let absolute = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        var bytes = [UInt8]()
        for byte in absolute.utf8 {
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                bytes += Array("%\(String(byte, radix: 16, uppercase: true))".utf8)
            } else {
                bytes.append(byte)
            }
        }
        let encoded = String(decoding: bytes, as: UTF8.self)
        return "file:\(encoded)?mode=ro" + (immutable ? "&immutable=1" : "")
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? AppliedMigrationsError { return error.message }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .notADatabase: return "file is not a database"
            case .cantOpen: return "unable to open the database file"
            case .permission: return "permission denied"
            case .corrupt: return "the database disk image is malformed"
            default: return error.message
            }
        }
        return String(describing: error)
    }
}
