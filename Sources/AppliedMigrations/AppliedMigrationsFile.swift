import Foundation
import MigrationGraph
import RunInputs

/// Applied migrations handed over as JSON, for when the database is only reachable from
/// somewhere else (a deploy job, `manage.py check_migrations` asking Django itself):
///
///     {"applied": [["auth", "0001_initial"], …], "vendor": "postgresql", "version": "16.4",
///      "has_migrations_table": true, "description": "Django connection 'default'",
///      "lock_timeout": "5s"}
///
/// (`lock_timeout`: the connection's lock timeout when one is set, else null or absent; an
/// optional `"project"` member holds what Django resolved for the project, `DjangoFacts`; an
/// optional `"tables"` member the size of each table, `{"name": {"rows": N, "bytes": N}}`.)
///
/// A bare list of pairs is accepted too.
public enum AppliedMigrationsFile {
    public struct Contents: Sendable {
        public var snapshot: AppliedMigrationsSnapshot
        public var description: String?
    }

    /// Reads `path`, or standard input for `-`.
    public static func read(_ path: String) throws(AppliedMigrationsError) -> Contents {
        try parse(try readData(path), origin: path == "-" ? "standard input" : path)
    }

    /// The bytes of `path`, or of standard input for `-` (read once by the caller).
    public static func readData(_ path: String) throws(AppliedMigrationsError) -> Data {
        let data: Data
        if path == "-" {
            InputLog.shared.dependsOnSomethingElse("standard input")
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            InputLog.shared.read(path)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw AppliedMigrationsError("--applied-from \(path): cannot read the file")
            }
            data = contents
        }
        return data
    }

    public static func parse(_ data: Data, origin: String) throws(AppliedMigrationsError) -> Contents {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation's own description is "The data couldn't be read…"; the debug text names the place.
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "the text is not valid JSON"
            throw AppliedMigrationsError("--applied-from \(origin): not JSON (\(detail)); expected {\"applied\": [[\"app\", \"name\"], …]}")
        }
        let list: Any?
        var vendor = "unknown"
        var version: String?
        var hasTable = true
        var description: String?
        var lockTimeout: String?
        var tables: [String: TableSize] = [:]
        if let dictionary = object as? [String: Any] {
            tables = try TableSize.parseTables(dictionary["tables"], origin: "--applied-from \(origin)")
            lockTimeout = dictionary["lock_timeout"] as? String
            list = dictionary["applied"]
            vendor = dictionary["vendor"] as? String ?? vendor
            version = dictionary["version"] as? String
            hasTable = dictionary["has_migrations_table"] as? Bool ?? true
            description = dictionary["description"] as? String
        } else {
            list = object
        }
        guard let pairs = list as? [Any] else {
            throw AppliedMigrationsError("--applied-from \(origin): expected \"applied\" to be a list of [\"app\", \"name\"] pairs")
        }
        var recorded = Set<MigrationKey>()
        for (index, pair) in pairs.enumerated() {
            guard let strings = pair as? [String], strings.count == 2 else {
                throw AppliedMigrationsError("--applied-from \(origin): entry \(index) is not an [\"app\", \"name\"] pair")
            }
            recorded.insert(MigrationKey(strings[0], strings[1]))
        }
        var snapshot = AppliedMigrationsSnapshot(recorded: recorded, hasMigrationsTable: hasTable, vendor: vendor,
                                                 serverVersion: version, lockTimeout: lockTimeout)
        snapshot.tableSizes = tables
        return Contents(snapshot: snapshot, description: description)
    }
}
