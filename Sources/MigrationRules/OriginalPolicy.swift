import MigrationModel
import SchemaState

/// django-zerodowntime 0.3.0's verdict, exactly: a migration is compatible when it holds only
/// `CreateModel`, `AddField` with `null=True` and no `default`, and `AlterModelOptions`.
/// `SeparateDatabaseAndState` is not looked into; a migration without operations passes.
enum OriginalPolicy {
    static let ruleIdentifier = "original-incompatible"
    static let compatible: Set<String> = ["CreateModel", "AddField", "AlterModelOptions"]

    static func judge(_ migration: CheckedMigration, entries: [OperationEntry]) -> [Finding] {
        var findings: [Finding] = []
        for entry in entries {
            switch entry {
            case .operation(let operation):
                if isCompatible(operation) { continue }
                findings.append(finding(migration, line: operation.location.line, column: operation.location.column + 1,
                                        operation: operation.className, description: OperationWording.describe(operation),
                                        reason: reason(operation)))
            case .unreadable(let value):
                findings.append(finding(migration, line: value.location.line, column: value.location.column + 1, operation: "?",
                                        description: value.pythonSource, reason: "it is not an operation call that can be read"))
            }
        }
        return findings
    }

    static func isCompatible(_ operation: MigrationOperation) -> Bool {
        guard compatible.contains(operation.className) else { return false }
        guard operation.className == "AddField" else { return true }
        guard let field = operation.argument("field", position: 2) else { return false }
        let keywords = field.callKeywords
        return keywords?["null"]?.boolValue == true && keywords?["default"] == nil
    }

    static func reason(_ operation: MigrationOperation) -> String {
        guard operation.className == "AddField" else {
            return "\(operation.className) is not one of CreateModel, AddField and AlterModelOptions"
        }
        let keywords = operation.argument("field", position: 2)?.callKeywords
        if keywords?["default"] != nil { return "the new field has a default, which fills every row" }
        return "the new field is not null=True"
    }

    static func finding(_ migration: CheckedMigration, line: Int, column: Int, operation: String, description: String, reason: String) -> Finding {
        Finding(rule: ruleIdentifier, severity: .error, app: migration.key.app, migration: migration.key.name, path: migration.path,
                line: line, column: column, operation: operation, description: description,
                message: "\(description): incompatible with Zero Downtime Deployments (\(reason)).",
                why: "The original django-zerodowntime 0.3.0 accepts only CreateModel, AddField with null=True and no default, and AlterModelOptions.",
                recipe: "Run with --policy recommended for a verdict per operation with its safe recipe.")
    }
}
