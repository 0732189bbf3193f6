import MigrationGraph
import MigrationModel

/// Every model of the project as the migrations so far have left it, like Django's `ProjectState`.
public struct ProjectState: Sendable {
    public var models: [ModelKey: ModelState] = [:]
    /// `settings.AUTH_USER_MODEL`, `"auth.User"` by default.
    public var authUserModel: String
    /// Follows a field class written in a migration to the Django field it derives from.
    public var resolveFieldClass: @Sendable (String) -> String?

    public init(authUserModel: String = "auth.User", resolveFieldClass: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.authUserModel = authUserModel
        self.resolveFieldClass = resolveFieldClass
    }

    public subscript(key: ModelKey) -> ModelState? { models[key] }

    public func model(app: String, name: String?) -> ModelState? {
        guard let name else { return nil }
        return models[ModelKey(app, name)]
    }

    /// Reads a field as the project would: its class followed to Django's, its relation resolved.
    public func field(_ value: PythonValue, app: String) -> FieldDefinition {
        var field = FieldDefinition(value, resolvingClass: resolveFieldClass)
        if let target = field.relatedTo {
            field.relatedModel = relatedModel(target, app: app)
        }
        return field
    }

    func relatedModel(_ target: PythonValue, app: String) -> ModelKey? {
        if let text = target.stringValue {
            if text == "self" { return nil }
            return ModelKey(reference: text, in: app)
        }
        if case .name(let dotted) = target.kind, dotted.hasSuffix("AUTH_USER_MODEL") {
            return ModelKey(reference: authUserModel, in: app)
        }
        if case .name(let dotted) = target.kind {
            // A model class named directly: the same app.
            return ModelKey(app, String(dotted.split(separator: ".").last ?? ""))
        }
        return nil
    }

    /// The column type of a field in this state: a relation takes its target's primary key type.
    public func columnType(of field: FieldDefinition) -> ColumnType? {
        guard field.isForeignKey else { return field.ownColumnType }
        guard let target = field.relatedModel, let key = models[target]?.primaryKey?.field else { return nil }
        guard var type = key.ownColumnType else { return nil }
        type.isArray = false
        return type
    }

    /// The fields of other models whose foreign keys point at `model`.
    public func references(to model: ModelKey) -> [(model: ModelState, name: String, field: FieldDefinition)] {
        var found: [(ModelState, String, FieldDefinition)] = []
        for other in models.values.sorted(by: { $0.key < $1.key }) {
            for (name, field) in other.fields where field.isForeignKey && field.relatedModel == model {
                found.append((other, name, field))
            }
        }
        return found
    }

    // MARK: - Applying operations

    /// Changes the state as Django's `state_forwards` would. Operations that change no model
    /// (RunSQL, RunPython, extensions) leave it as it is; unknown ones too.
    public mutating func apply(_ operation: MigrationOperation, app: String, migration: MigrationKey, pending: Bool) {
        let modelName = operation.string("model_name", position: 0)
        switch operation.className {
        case "CreateModel":
            guard let name = operation.string("name", position: 0) else { return }
            var model = ModelState(key: ModelKey(app, name), name: name, fields: [])
            if let fields = operation.argument("fields", position: 1) {
                switch fields.kind {
                case .list(let items), .tuple(let items):
                    for item in items {
                        guard case .tuple(let pair) = item.kind, pair.count == 2, let fieldName = pair[0].stringValue else { continue }
                        model.setField(fieldName, field(pair[1], app: app))
                    }
                default:
                    break
                }
            }
            if let options = operation.argument("options", position: 2) { applyOptions(options, to: &model) }
            model.createdBy = migration
            model.createdInPlan = pending
            models[model.key] = model
        case "DeleteModel":
            if let name = operation.string("name", position: 0) { models[ModelKey(app, name)] = nil }
        case "RenameModel":
            guard let old = operation.string("old_name", position: 0), let new = operation.string("new_name", position: 1),
                  var model = models.removeValue(forKey: ModelKey(app, old)) else { return }
            let oldKey = model.key
            model.key = ModelKey(app, new)
            model.name = new
            models[model.key] = model
            for key in models.keys { models[key]!.retargetRelations(from: oldKey, to: model.key) }
        case "AlterModelTable":
            guard let name = operation.string("name", position: 0) else { return }
            let table = operation.argument("table", position: 1)
            models[ModelKey(app, name)]?.dbTable = table?.stringValue
        case "AlterModelOptions":
            guard let name = operation.string("name", position: 0), var model = models[ModelKey(app, name)],
                  let options = operation.argument("options", position: 1) else { return }
            applyOptions(options, to: &model)
            models[model.key] = model
        case "AlterUniqueTogether":
            guard let name = operation.string("name", position: 0) else { return }
            models[ModelKey(app, name)]?.uniqueTogether = Self.together(operation.argument("unique_together", position: 1))
        case "AlterIndexTogether":
            guard let name = operation.string("name", position: 0) else { return }
            models[ModelKey(app, name)]?.indexTogether = Self.together(operation.argument("index_together", position: 1))
        case "AlterOrderWithRespectTo":
            guard let name = operation.string("name", position: 0) else { return }
            models[ModelKey(app, name)]?.orderWithRespectTo = operation.argument("order_with_respect_to", position: 1)?.stringValue
        case "AddField", "AlterField":
            guard let modelName, let name = operation.string("name", position: 1),
                  let value = operation.argument("field", position: 2) else { return }
            let definition = field(value, app: app)
            models[ModelKey(app, modelName)]?.setField(name, definition)
        case "RemoveField":
            guard let modelName, let name = operation.string("name", position: 1) else { return }
            models[ModelKey(app, modelName)]?.removeField(name)
        case "RenameField":
            // In place: copying the model out would copy all its fields for every rename.
            guard let modelName, let old = operation.string("old_name", position: 1),
                  let new = operation.string("new_name", position: 2) else { return }
            let key = ModelKey(app, modelName)
            guard models[key]?.renameField(old, to: new) == true else { return }
            models[key]!.uniqueTogether = models[key]!.uniqueTogether.map { $0.map { $0 == old ? new : $0 } }
            models[key]!.indexTogether = models[key]!.indexTogether.map { $0.map { $0 == old ? new : $0 } }
        case "AddIndex", "AddIndexConcurrently":
            guard let modelName, let index = operation.argument("index", position: 1),
                  let name = index.callKeywords?["name"]?.stringValue else { return }
            models[ModelKey(app, modelName)]?.indexes[name] = index
        case "RemoveIndex", "RemoveIndexConcurrently":
            guard let modelName, let name = operation.string("name", position: 1) else { return }
            models[ModelKey(app, modelName)]?.indexes[name] = nil
        case "RenameIndex":
            guard let modelName, let new = operation.string("new_name", position: 1) else { return }
            let key = ModelKey(app, modelName)
            if let old = operation.string("old_name", position: 2), let index = models[key]?.indexes.removeValue(forKey: old) {
                models[key]?.indexes[new] = index
            }
        case "AddConstraint", "AddConstraintNotValid":
            guard let modelName, let constraint = operation.argument("constraint", position: 1),
                  let name = constraint.callKeywords?["name"]?.stringValue else { return }
            models[ModelKey(app, modelName)]?.constraints[name] = constraint
            if operation.className == "AddConstraintNotValid" { models[ModelKey(app, modelName)]?.notValidConstraints.insert(name) }
        case "RemoveConstraint":
            guard let modelName, let name = operation.string("name", position: 1) else { return }
            models[ModelKey(app, modelName)]?.constraints[name] = nil
            models[ModelKey(app, modelName)]?.notValidConstraints.remove(name)
        case "ValidateConstraint":
            guard let modelName, let name = operation.string("name", position: 1) else { return }
            models[ModelKey(app, modelName)]?.notValidConstraints.remove(name)
        case "SeparateDatabaseAndState":
            for entry in operation.operations("state_operations", position: 1) {
                if case .operation(let inner) = entry { apply(inner, app: app, migration: migration, pending: pending) }
            }
        case "RunSQL":
            for entry in operation.operations("state_operations", position: 2) {
                if case .operation(let inner) = entry { apply(inner, app: app, migration: migration, pending: pending) }
            }
        default:
            break
        }
    }

    private func applyOptions(_ options: PythonValue, to model: inout ModelState) {
        guard case .dict(let entries) = options.kind else { return }
        for entry in entries {
            guard let key = entry.key?.stringValue else { continue }
            switch key {
            case "db_table": model.dbTable = entry.value.stringValue
            case "managed": model.managed = entry.value.boolValue ?? true
            case "proxy": model.proxy = entry.value.boolValue ?? false
            case "unique_together": model.uniqueTogether = Self.together(entry.value)
            case "index_together": model.indexTogether = Self.together(entry.value)
            case "order_with_respect_to": model.orderWithRespectTo = entry.value.stringValue
            case "indexes", "constraints":
                guard case .list(let items) = entry.value.kind else { continue }
                for item in items {
                    guard let name = item.callKeywords?["name"]?.stringValue else { continue }
                    if key == "indexes" { model.indexes[name] = item } else { model.constraints[name] = item }
                }
            default: break
            }
        }
    }

    /// `unique_together`/`index_together`: `{("a", "b")}`, `[["a", "b"]]`, or a single `("a", "b")`.
    public static func together(_ value: PythonValue?) -> [[String]] {
        guard let value else { return [] }
        switch value.kind {
        case .list(let items), .tuple(let items), .set(let items):
            if let flat = value.stringList { return flat.isEmpty ? [] : [flat] }
            return items.compactMap(\.stringList)
        case .call(_, let arguments, _) where ["set", "frozenset", "list", "tuple"].contains(value.calleeName ?? ""):
            // Older migrations write `set([("a", "b")])`; `set()` is empty.
            return arguments.count == 1 ? together(arguments[0]) : []
        default:
            return []
        }
    }
}
