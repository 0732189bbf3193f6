import CPgQuery
import Foundation

/// One statement of a SQL text, as PostgreSQL's own grammar read it.
public struct ParsedStatement: Sendable, Equatable {
    /// The statement's own text, without the `;` and the whitespace around it.
    public var text: String
    /// Where `text` starts in the input, in UTF-8 bytes.
    public var offset: Int
    /// The statement's node (`{"AlterTableStmt": {...}}`).
    public var tree: SQLTree
}

/// Why the grammar refused the text, and where (UTF-8 byte offset in the input).
public struct SQLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int?
    public var description: String { message }
}

/// PostgreSQL 15's parser (libpg_query, linked in): statements split and read as the server
/// would, never by splitting on `;`.
public enum PostgresParser {
    /// The grammar version of the linked library.
    public static let grammar = "PostgreSQL 15"

    public static func parse(_ sql: String) -> Result<[ParsedStatement], SQLSyntaxError> {
        // The C parser reads up to the first NUL byte; SQL never holds one.
        if sql.utf8.contains(0) { return .failure(SQLSyntaxError(message: "the SQL holds a NUL byte", offset: nil)) }
        let result = pg_query_parse(sql)
        defer { pg_query_free_parse_result(result) }
        if let error = result.error {
            let message = error.pointee.message.map { String(cString: $0) } ?? "syntax error"
            let cursor = Int(error.pointee.cursorpos)
            return .failure(SQLSyntaxError(message: message, offset: cursor > 0 ? cursor - 1 : nil))
        }
        guard let json = result.parse_tree,
              let object = try? JSONSerialization.jsonObject(with: Data(String(cString: json).utf8)),
              case .object(let document) = SQLTree(json: object) else {
            return .failure(SQLSyntaxError(message: "the parser gave no tree", offset: nil))
        }
        let bytes = Array(sql.utf8)
        var statements: [ParsedStatement] = []
        for entry in document["stmts"]?.array ?? [] {
            guard let tree = entry["stmt"] else { continue }
            let start = min(max(entry["stmt_location"]?.int ?? 0, 0), bytes.count)
            let length = entry["stmt_len"]?.int ?? 0
            let end = length > 0 ? min(start + length, bytes.count) : bytes.count
            let raw = bytes[start..<end]
            // Leading whitespace and comments belong to the statement's span; the text starts at its first word.
            let leading = leadingTrivia(raw)
            let text = String(decoding: raw.dropFirst(leading), as: UTF8.self)
            statements.append(ParsedStatement(text: text.trimmingCharacters(in: .whitespacesAndNewlines),
                                              offset: start + leading, tree: tree))
        }
        return .success(statements)
    }

    /// Bytes of whitespace and `--` / `/* */` comments before the first word.
    private static func leadingTrivia(_ bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                index += 1
            } else if byte == 0x2D, index + 1 < bytes.endIndex, bytes[index + 1] == 0x2D {
                while index < bytes.endIndex, bytes[index] != 0x0A { index += 1 }
            } else if byte == 0x2F, index + 1 < bytes.endIndex, bytes[index + 1] == 0x2A {
                index += 2
                while index + 1 < bytes.endIndex, !(bytes[index] == 0x2A && bytes[index + 1] == 0x2F) { index += 1 }
                index = min(index + 2, bytes.endIndex)
            } else {
                break
            }
        }
        return index - bytes.startIndex
    }
}

extension SQLTree {
    init(json: Any) {
        switch json {
        case let members as [String: Any]: self = .object(members.mapValues(SQLTree.init(json:)))
        case let items as [Any]: self = .array(items.map(SQLTree.init(json:)))
        case let text as String: self = .string(text)
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber too, of its boolean subclass.
            if String(describing: type(of: number)).contains("Boolean") { self = .bool(number.boolValue) } else { self = .number(number.doubleValue) }
        default: self = .null
        }
    }
}
