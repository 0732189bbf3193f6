import SchemaState

/// Django's `Operation.describe()`, word for word, so reports read like Django's own output.
public enum OperationWording {
    public static func describe(_ operation: MigrationOperation) -> String {
        func s(_ name: String, _ position: Int? = nil) -> String { operation.string(name, position: position) ?? "?" }
        switch operation.className {
        case "CreateModel":
            let proxy: Bool = {
                guard let options = operation.argument("options", position: 2), case .dict(let entries) = options.kind else { return false }
                return entries.contains { $0.key?.stringValue == "proxy" && $0.value.boolValue == true }
            }()
            return "Create \(proxy ? "proxy " : "")model \(s("name", 0))"
        case "DeleteModel": return "Delete model \(s("name", 0))"
        case "RenameModel": return "Rename model \(s("old_name", 0)) to \(s("new_name", 1))"
        case "AlterModelTable": return "Rename table for \(s("name", 0)) to \(operation.argument("table", position: 1)?.stringValue ?? "(default)")"
        case "AlterModelTableComment": return "Alter \(s("name", 0)) table comment"
        case "AlterUniqueTogether", "AlterIndexTogether":
            let option = operation.className == "AlterUniqueTogether" ? "unique_together" : "index_together"
            let count = ProjectState.together(operation.argument(option, position: 1)).count
            return "Alter \(option) for \(s("name", 0)) (\(count) constraint(s))"
        case "AlterOrderWithRespectTo": return "Set order_with_respect_to on \(s("name", 0)) to \(s("order_with_respect_to", 1))"
        case "AlterModelOptions": return "Change Meta options on \(s("name", 0))"
        case "AlterModelManagers": return "Change managers on \(s("name", 0))"
        case "AddIndex", "AddIndexConcurrently":
            let index = operation.argument("index", position: 1)
            let name = index?.callKeywords?["name"]?.stringValue ?? "?"
            let prefix = operation.className == "AddIndexConcurrently" ? "Concurrently create" : "Create"
            if let fields = index?.callKeywords?["fields"]?.stringList {
                return "\(prefix) index \(name) on field(s) \(fields.joined(separator: ", ")) of model \(s("model_name", 0))"
            }
            return "\(prefix) index \(name) on \(index?.callArguments?.map(expressionString).joined(separator: ", ") ?? "?") on model \(s("model_name", 0))"
        case "RemoveIndex": return "Remove index \(s("name", 1)) from \(s("model_name", 0))"
        case "RemoveIndexConcurrently": return "Concurrently remove index \(s("name", 1)) from \(s("model_name", 0))"
        case "RenameIndex":
            if let old = operation.string("old_name", position: 2) {
                return "Rename index \(old) on \(s("model_name", 0)) to \(s("new_name", 1))"
            }
            let fields = operation.argument("old_fields", position: 3)?.pythonSource ?? "?"
            return "Rename unnamed index for \(fields) on \(s("model_name", 0)) to \(s("new_name", 1))"
        case "AddConstraint":
            return "Create constraint \(operation.argument("constraint", position: 1)?.callKeywords?["name"]?.stringValue ?? "?") on model \(s("model_name", 0))"
        case "AddConstraintNotValid":
            return "Create not valid constraint \(operation.argument("constraint", position: 1)?.callKeywords?["name"]?.stringValue ?? "?") on model \(s("model_name", 0))"
        case "RemoveConstraint": return "Remove constraint \(s("name", 1)) from model \(s("model_name", 0))"
        case "AlterConstraint": return "Alter constraint \(s("name", 1)) on \(s("model_name", 0))"
        case "ValidateConstraint": return "Validate constraint \(s("name", 1)) on model \(s("model_name", 0))"
        case "AddField": return "Add field \(s("name", 1)) to \(s("model_name", 0))"
        case "RemoveField": return "Remove field \(s("name", 1)) from \(s("model_name", 0))"
        case "AlterField": return "Alter field \(s("name", 1)) on \(s("model_name", 0))"
        case "RenameField": return "Rename field \(s("old_name", 1)) on \(s("model_name", 0)) to \(s("new_name", 2))"
        case "RunSQL": return "Raw SQL operation"
        case "RunPython": return "Raw Python operation"
        case "SeparateDatabaseAndState": return "Custom state/database change combination"
        case "CreateExtension", "BtreeGinExtension", "BtreeGistExtension", "CITextExtension", "CryptoExtension",
             "HStoreExtension", "TrigramExtension", "UnaccentExtension", "BloomExtension":
            return "Creates extension \(operation.string("name", position: 0) ?? Self.extensionNames[operation.className] ?? "?")"
        case "CreateCollation": return "Create collation \(s("name", 0))"
        case "RemoveCollation": return "Remove collation \(s("name", 0))"
        default: return "\(operation.className) operation"
        }
    }

    /// `str()` of a Django expression as written in an index: `Lower("name")` → `Lower(F(name))`,
    /// `F("a")` → `F(a)`, `Lower("b").desc()` → `OrderBy(Lower(F(b)), descending=True)`.
    static func expressionString(_ value: PythonValue) -> String {
        switch value.kind {
        case .string: return "F(\(value.stringValue ?? ""))"
        case .int, .float, .bool, .none: return "Value(\(value.pythonSource))"
        case .call(let function, let arguments, let keywords):
            if case .attribute(let base, let method) = function.kind, arguments.isEmpty, keywords.isEmpty, method == "desc" || method == "asc" {
                return "OrderBy(\(expressionString(base))\(method == "desc" ? ", descending=True" : ""))"
            }
            let name = value.calleeClassName ?? function.pythonSource
            if name == "F", let field = arguments.first?.stringValue { return "F(\(field))" }
            var parts = arguments.map(expressionString)
            parts += keywords.compactMap { keyword in keyword.name.map { "\($0)=\(keyword.value.pythonSource)" } }
            return "\(name)(\(parts.joined(separator: ", ")))"
        default:
            return value.pythonSource
        }
    }

    static let extensionNames = [
        "BtreeGinExtension": "btree_gin", "BtreeGistExtension": "btree_gist", "CITextExtension": "citext",
        "CryptoExtension": "pgcrypto", "HStoreExtension": "hstore", "TrigramExtension": "pg_trgm",
        "UnaccentExtension": "unaccent", "BloomExtension": "bloom",
    ]
}

import MigrationModel
