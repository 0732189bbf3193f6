import PythonSyntax

/// A statement of literal SQL in a `RunSQL`, classified by what it does to a live database. For a
/// PostgreSQL target the statements come from PostgreSQL's own grammar (`SQLStatement+Postgres`);
/// for MySQL and SQLite from a small splitter and classifier, and anything else is "unknown".
public struct SQLStatement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case createIndex(concurrently: Bool, table: String?)
        case dropIndex(concurrently: Bool)
        case dropTable(String?)
        case dropColumn(table: String?, column: String?)
        /// A table or column renamed: the previous release still names it.
        case rename(String, table: String? = nil)
        case alterColumnType(table: String?)
        case setNotNull(table: String?, column: String? = nil)
        /// `constraint`: check, foreign key, unique, primary key, exclusion (nil when not read).
        case addConstraint(table: String?, notValid: Bool, usingIndex: Bool, constraint: String? = nil, name: String? = nil,
                           notNullColumn: String? = nil)
        /// `rewrites`: a volatile default or a stored generated column, computed for every row.
        case addColumn(table: String?, notNull: Bool, hasDefault: Bool, rewrites: String? = nil, column: String? = nil)
        /// `ALTER COLUMN … DROP DEFAULT`: a brief lock; after a NOT NULL column was added with that
        /// default in the same migration, the previous release's INSERTs fail.
        case dropDefault(table: String?, column: String?)
        case validateConstraint(table: String?, name: String?)
        case createTable(String)
        /// Work on the whole table under a lock that blocks it (TRUNCATE, CLUSTER, VACUUM FULL,
        /// REINDEX, SET TABLESPACE, LOCK TABLE, DETACH PARTITION): what it is and the lock.
        case blocking(table: String?, what: String, lock: String)
        /// An ACCESS EXCLUSIVE lock held only for a catalog change (SET/DROP DEFAULT, DROP
        /// CONSTRAINT, RENAME CONSTRAINT): harmless unless it waits behind a long query.
        case briefLock(table: String?)
        /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT written into the SQL.
        case transaction(begins: Bool)
        /// `SET [LOCAL] lock_timeout`.
        case setsLockTimeout
        /// A statement that fails on a live server whatever the data (DROP DATABASE, CREATE DATABASE).
        case fails(String)
        /// Online, but refused inside a transaction block (plain VACUUM, REINDEX CONCURRENTLY,
        /// DETACH PARTITION CONCURRENTLY): fine only in a migration with `atomic = False`.
        case outsideTransaction(String)
        /// Refused by PostgreSQL's grammar.
        case syntaxError(String)
        /// COMMENT ON, SET, SELECT, CREATE EXTENSION, DROP NOT NULL, plain VACUUM, CREATE DOMAIN…
        case harmless
        /// INSERT, UPDATE, DELETE: a backfill to review.
        case dataChange
        case unknown
    }

    public var text: String
    public var kind: Kind
    /// Where the statement starts in its SQL string (UTF-8 bytes), when the grammar said.
    public var offset: Int? = nil
    /// Where it starts in the migration file, when known.
    public var location: SourceLocation? = nil

    /// Splits on `;` outside quotes, dollar quotes and comments.
    public static func split(_ sql: String) -> [SQLStatement] {
        var statements: [String] = []
        var current = ""
        var characters = Array(sql)[...]
        var quote: Character?
        var dollarTag: String?
        while let character = characters.popFirst() {
            if let tag = dollarTag {
                current.append(character)
                if current.hasSuffix(tag) && current.count >= tag.count * 2 { dollarTag = nil }
                continue
            }
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character; current.append(character)
            case "$":
                let rest = characters.prefix { $0 != "$" && ($0.isLetter || $0.isNumber || $0 == "_") }
                if characters.dropFirst(rest.count).first == "$" {
                    let tag = "$" + String(rest) + "$"
                    current += tag
                    characters = characters.dropFirst(rest.count + 1)
                    dollarTag = tag
                } else {
                    current.append(character)
                }
            case "-" where characters.first == "-":
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            case ";":
                statements.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .map { SQLStatement(text: $0, kind: classify($0)) }
    }

    static func classify(_ statement: String) -> Kind {
        let words = statement.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "," }).map(String.init)
        let original = statement.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "," }).map(String.init)
        func word(_ i: Int) -> String { i < words.count ? words[i] : "" }
        func after(_ keyword: String) -> String? {
            guard let i = words.firstIndex(of: keyword), i + 1 < original.count else { return nil }
            var name = original[i + 1]
            if name.uppercased() == "ONLY" || name.uppercased() == "IF", i + 3 < original.count { name = original[name.uppercased() == "IF" ? i + 3 : i + 2] }
            return name.trimmingCharacters(in: CharacterSet(charactersIn: "\"`"))
        }
        switch word(0) {
        case "CREATE":
            if word(1) == "INDEX" || (word(1) == "UNIQUE" && word(2) == "INDEX") {
                return .createIndex(concurrently: words.contains("CONCURRENTLY"), table: after("ON"))
            }
            if ["TABLE", "EXTENSION", "SCHEMA", "SEQUENCE", "TYPE", "COLLATION", "VIEW"].contains(word(1)) { return .harmless }
            if word(1) == "OR" && word(2) == "REPLACE" && ["FUNCTION", "VIEW", "PROCEDURE"].contains(word(3)) { return .harmless }
            if word(1) == "FUNCTION" { return .harmless }
            return .unknown
        case "DROP":
            switch word(1) {
            case "INDEX": return .dropIndex(concurrently: word(2) == "CONCURRENTLY")
            case "TABLE": return .dropTable(after("TABLE"))
            case "FUNCTION", "EXTENSION", "SEQUENCE", "TYPE", "VIEW", "TRIGGER": return .harmless
            default: return .unknown
            }
        case "ALTER":
            guard word(1) == "TABLE" else { return word(1) == "INDEX" && words.contains("RENAME") ? .harmless : .unknown }
            let table = after("TABLE")
            if words.contains("RENAME") { return .rename(statement) }
            // `DROP COLUMN x`, not `ALTER COLUMN x DROP NOT NULL` / `DROP DEFAULT`.
            if zip(words, words.dropFirst()).contains(where: { $0 == "DROP" && $1 == "COLUMN" }) {
                return .dropColumn(table: table, column: after("COLUMN"))
            }
            if words.contains("TYPE") && words.contains("ALTER") { return .alterColumnType(table: table) }
            if let set = words.firstIndex(of: "SET"), word(set + 1) == "NOT", word(set + 2) == "NULL" { return .setNotNull(table: table, column: nil) }
            if words.contains("ADD") && (words.contains("CONSTRAINT") || words.contains("FOREIGN") || words.contains("CHECK") || words.contains("UNIQUE") || words.contains("PRIMARY")) {
                let constraint = words.contains("UNIQUE") ? "unique" : words.contains("PRIMARY") ? "primary key"
                    : words.contains("FOREIGN") ? "foreign key" : words.contains("CHECK") ? "check" : nil
                return .addConstraint(table: table, notValid: words.contains("VALID") && words.contains("NOT"),
                                      usingIndex: words.contains("USING") && words.contains("INDEX"), constraint: constraint)
            }
            if words.contains("ADD") {
                let notNull = zip(words, words.dropFirst()).contains { $0 == "NOT" && $1 == "NULL" }
                return .addColumn(table: table, notNull: notNull, hasDefault: words.contains("DEFAULT"))
            }
            if words.contains("VALIDATE") || words.contains("DEFAULT") || (words.contains("DROP") && words.contains("NOT")) { return .harmless }
            if words.contains("DROP") && words.contains("CONSTRAINT") { return .harmless }
            return .unknown
        case "COMMENT", "SET", "SELECT", "RESET", "ANALYZE", "GRANT", "REVOKE": return .harmless
        case "INSERT", "UPDATE", "DELETE", "WITH": return .dataChange
        default: return .unknown
        }
    }
}

import Foundation
