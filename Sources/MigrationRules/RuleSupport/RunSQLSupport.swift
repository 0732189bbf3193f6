import MigrationModel
import SchemaState

extension MigrationOperation {
    /// The literal SQL of a `RunSQL`: a string, or a list of strings and `(sql, params)` pairs.
    /// nil when any part is not a literal.
    var literalSQL: [String]? {
        guard let sql = argument("sql", position: 0) else { return nil }
        if let text = sql.stringValue { return [text] }
        switch sql.kind {
        case .list(let items), .tuple(let items):
            var texts: [String] = []
            for item in items {
                if let text = item.stringValue { texts.append(text); continue }
                if case .tuple(let pair) = item.kind, let first = pair.first?.stringValue { texts.append(first); continue }
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
