import MigrationModel
import PythonSyntax
import SchemaState

extension MigrationOperation {
    /// The literal SQL of a `RunSQL`: a string, or a list of strings and `(sql, params)` pairs.
    /// nil when any part is not a literal.
    var literalSQL: [String]? { literalSQLParts?.map(\.text) }

    /// The same, each text with the place of its string literal in the migration file.
    var literalSQLParts: [(text: String, location: SourceLocation)]? {
        guard let sql = argument("sql", position: 0) else { return nil }
        if let text = sql.stringValue { return [(text, sql.location)] }
        switch sql.kind {
        case .list(let items), .tuple(let items):
            var texts: [(text: String, location: SourceLocation)] = []
            for item in items {
                if let text = item.stringValue { texts.append((text, item.location)); continue }
                if case .tuple(let pair) = item.kind, let first = pair.first, let text = first.stringValue {
                    texts.append((text, first.location))
                    continue
                }
                return nil
            }
            return texts
        default:
            return nil
        }
    }
}

extension OperationContext {
    /// Whether a table named in SQL is one old code uses (not created in this plan); unknown tables count as live.
    func isLiveTable(_ table: String?) -> Bool { state.isLiveTable(table) }
}

extension ProjectState {
    /// Whether a table named in SQL is one old code uses (not created in this plan); unknown tables count as live.
    func isLiveTable(_ table: String?) -> Bool {
        guard let table else { return true }
        let bare = table.split(separator: ".").last.map(String.init) ?? table
        guard let model = models.values.first(where: { $0.tableName == bare }) else { return true }
        return !model.createdInPlan
    }
}

/// What the SQL run before a statement of the migration established, for judging it: tables it
/// created (new and empty), an explicit BEGIN still open, constraints added NOT VALID in the same
/// transaction, and columns a validated `CHECK (column IS NOT NULL)` covers.
struct SQLScope {
    var createdTables: Set<String> = []
    var inExplicitTransaction = false
    var addedNotValidInThisTransaction: Set<String> = []
    var validatedNotNull: Set<String> = []
    var notValidNotNull: [String: String] = [:]
    /// NOT NULL columns added with a default earlier in the migration ("table.column").
    var notNullAddedWithDefault: Set<String> = []

    func isLive(_ table: String?, _ context: OperationContext) -> Bool {
        if let table, createdTables.contains(Self.bare(table)) { return false }
        return context.isLiveTable(table)
    }

    func hasValidatedNotNullCheck(table: String?, column: String) -> Bool {
        validatedNotNull.contains("\(table.map(Self.bare) ?? "").\(column)")
    }

    static func bare(_ table: String) -> String { table.split(separator: ".").last.map(String.init) ?? table }

    /// A separate string of a non-atomic migration's RunSQL runs in a transaction of its own.
    mutating func startsTransaction() {
        if !inExplicitTransaction { addedNotValidInThisTransaction = [] }
    }

    /// The scope after `statement` ran.
    mutating func advance(past statement: SQLStatement) {
        switch statement.kind {
        case .createTable(let name): createdTables.insert(Self.bare(name))
        case .transaction(let begins):
            inExplicitTransaction = begins
            if !begins { addedNotValidInThisTransaction = [] }
        case .addConstraint(let table, let notValid, _, _, let name, let column):
            if notValid, let name { addedNotValidInThisTransaction.insert(name) }
            if let column, let key = table.map({ "\(Self.bare($0)).\(column)" }) {
                if notValid { if let name { notValidNotNull[name] = key } } else { validatedNotNull.insert(key) }
            }
        case .validateConstraint(_, let name):
            if let name, let key = notValidNotNull[name] { validatedNotNull.insert(key) }
        case .addColumn(let table, true, true, _, let column?):
            if let table { notNullAddedWithDefault.insert("\(Self.bare(table)).\(column)") }
        default: break
        }
    }
}

extension OperationContext {
    /// The statements of a `RunSQL`'s literal SQL as the target's grammar reads them, with the
    /// string each came from (a separate string is a separate transaction outside an atomic migration).
    func sqlStatements(of operation: MigrationOperation) -> [(text: Int, statement: SQLStatement)] {
        guard let parts = operation.literalSQLParts else { return [] }
        return parts.enumerated().flatMap { index, part in
            SQLStatement.statements([part.text], postgres: target.isPostgreSQL).map { statement in
                var placed = statement
                placed.location = SQLStatement.place(statement.offset, in: part.text, literalAt: part.location)
                return (index, placed)
            }
        }
    }

    /// This RunSQL's statements, each with what the migration's SQL before it established.
    func judgedSQLStatements() -> [(SQLStatement, SQLScope)] {
        var ignored = SQLScope()
        return judgedSQLStatements(finalScope: &ignored)
    }

    /// The same, and the scope after its last statement.
    func judgedSQLStatements(finalScope: inout SQLScope) -> [(SQLStatement, SQLScope)] {
        var scope = SQLScope()
        var judged: [(SQLStatement, SQLScope)] = []
        for (position, entry) in siblings.enumerated() where position <= index {
            guard case .operation(let outer) = entry else { continue }
            let operations = outer.className == "SeparateDatabaseAndState"
                ? outer.operations("database_operations", position: 0).compactMap { if case .operation(let inner) = $0 { inner } else { nil } }
                : [outer]
            for operation in operations where operation.className == "RunSQL" {
                let mine = operation.location == self.operation.location
                for (_, statement) in sqlStatements(of: operation) {
                    // Outside an atomic migration Django runs each statement on its own (it splits
                    // the string), so each commits alone unless the SQL opened a transaction.
                    if !atomic { scope.startsTransaction() }
                    if mine { judged.append((statement, scope)) }
                    scope.advance(past: statement)
                }
                if mine {
                    finalScope = scope
                    return judged
                }
            }
        }
        return judged
    }
}

extension SQLStatement {
    /// Where a statement starting `offset` bytes into `text` sits in the migration file, for a
    /// string literal starting at `literal`: exact for plain and triple-quoted strings without
    /// escapes before the statement (an escape shifts the column, never the line of a later line).
    static func place(_ offset: Int?, in text: String, literalAt literal: SourceLocation) -> SourceLocation? {
        guard let offset else { return nil }
        let before = Array(text.utf8.prefix(offset))
        let newlines = before.filter { $0 == 0x0A }.count
        if newlines == 0 {
            // Past the opening quote (three for a triple-quoted string: a statement after a newline
            // is the usual case there, and is exact).
            return SourceLocation(line: literal.line, column: literal.column + 1 + offset)
        }
        let lastNewline = before.lastIndex(of: 0x0A) ?? 0
        return SourceLocation(line: literal.line + newlines, column: offset - lastNewline - 1)
    }
}
