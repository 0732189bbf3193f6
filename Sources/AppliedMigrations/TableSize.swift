import Foundation
import RunInputs

/// How big a table is, as the database's catalog says (PostgreSQL: the planner's row estimate,
/// `pg_class.reltuples`, and `pg_total_relation_size`, indexes and TOAST included).
public struct TableSize: Sendable, Equatable {
    /// nil when the table was never analysed (`reltuples` is -1 then).
    public var rows: Int?
    public var bytes: Int?

    public init(rows: Int?, bytes: Int?) {
        self.rows = rows
        self.bytes = bytes
    }

    /// The one catalog query, for every table visible on the search path. `--stats-file` takes
    /// the same figures as `{"tables": {...}}` (README.md gives the query that writes it).
    public static let catalogQuery = """
        SELECT c.relname, c.reltuples::float8, pg_catalog.pg_total_relation_size(c.oid)
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm')
            AND n.nspname NOT IN ('pg_catalog', 'pg_toast', 'information_schema')
            AND pg_catalog.pg_table_is_visible(c.oid)
        """

    /// `{"catalog_book": {"rows": 2300000, "bytes": 1503238553}, …}`, as `--applied-from`'s
    /// `tables` member and `--stats-file` hold it. Entries that are not objects are errors.
    public static func parseTables(_ value: Any?, origin: String) throws(AppliedMigrationsError) -> [String: TableSize] {
        guard let value, !(value is NSNull) else { return [:] }
        guard let tables = value as? [String: Any] else {
            throw AppliedMigrationsError("\(origin): \"tables\" must be an object of {\"table\": {\"rows\": N, \"bytes\": N}}")
        }
        var sizes: [String: TableSize] = [:]
        for (name, entry) in tables {
            guard let fields = entry as? [String: Any] else {
                throw AppliedMigrationsError("\(origin): \"tables\".\"\(name)\" must be an object like {\"rows\": 1000, \"bytes\": 65536}")
            }
            func number(_ key: String) throws(AppliedMigrationsError) -> Int? {
                guard let raw = fields[key], !(raw is NSNull) else { return nil }
                guard let number = raw as? NSNumber, !(raw is Bool), number.doubleValue.isFinite,
                      number.doubleValue >= 0, number.doubleValue < 9e18 else {
                    throw AppliedMigrationsError("\(origin): \"tables\".\"\(name)\".\"\(key)\" must be a number of 0 or more, or null")
                }
                return Int(number.doubleValue.rounded())
            }
            sizes[name] = TableSize(rows: try number("rows"), bytes: try number("bytes"))
        }
        return sizes
    }

    /// `--stats-file FILE`: `{"tables": {...}}` as `statsFileQuery` writes it.
    public static func readStatsFile(_ path: String) throws(AppliedMigrationsError) -> [String: TableSize] {
        InputLog.shared.read(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppliedMigrationsError("--stats-file \(path): cannot read the file")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw AppliedMigrationsError("--stats-file \(path): not JSON; expected {\"tables\": {\"table\": {\"rows\": N, \"bytes\": N}}}")
        }
        guard let document = object as? [String: Any] else {
            throw AppliedMigrationsError("--stats-file \(path): expected a JSON object with \"tables\"")
        }
        return try parseTables(document["tables"], origin: "--stats-file \(path)")
    }
}
