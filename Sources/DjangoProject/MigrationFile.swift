import Foundation
import MigrationGraph
import MigrationModel
import PythonSyntax

/// One migration of an installed app, read and parsed.
public struct MigrationFile: Sendable {
    public var key: MigrationKey
    public var path: String
    public var module: Module
    public var migration: MigrationClass

    /// The graph's view: dependencies (swappable ones resolved with `AUTH_USER_MODEL`), `replaces`
    /// and `run_before`, read from literal values; anything else is an error with its place.
    public func nodeSpec(authUserModel: String) throws(DjangoProjectError) -> MigrationNodeSpec {
        try nodeSpec(authUserModel: authUserModel, computed: nil)
    }

    /// The graph's view; an attribute that is not literal is evaluated by `computed` (with the
    /// settings, the module's own names and its app's modules), when given.
    func nodeSpec(authUserModel: String, computed: ComputedMigrationAttributes?) throws(DjangoProjectError) -> MigrationNodeSpec {
        func read(_ value: PythonValue?, _ attribute: String) throws(DjangoProjectError) -> [MigrationKey] {
            do throws(DjangoProjectError) {
                return try keys(value, attribute: attribute, authUserModel: authUserModel)
            } catch {
                guard let computed else { throw error }
                return try computed.keys(of: self, attribute: attribute)
            }
        }
        return MigrationNodeSpec(
            key: key,
            dependencies: try read(migration.dependencies, "dependencies"),
            replaces: try read(migration.replaces, "replaces"),
            runBefore: try read(migration.runBefore, "run_before"),
            path: path)
    }

    private func keys(_ value: PythonValue?, attribute: String, authUserModel: String) throws(DjangoProjectError) -> [MigrationKey] {
        guard let value else { return [] }
        let entries: PythonValueList
        switch value.kind {
        case .list(let items), .tuple(let items): entries = items
        case .none: return []
        default: throw notLiteral(attribute, at: value.location)
        }
        var keys: [MigrationKey] = []
        for entry in entries {
            switch entry.kind {
            case .tuple(let pair), .list(let pair):
                guard pair.count == 2, let app = pair[0].stringValue, let name = pair[1].stringValue else {
                    throw notLiteral(attribute, at: entry.location)
                }
                keys.append(MigrationKey(app, name))
            case .call(let function, let arguments, _):
                // `migrations.swappable_dependency(settings.AUTH_USER_MODEL)` → (user app, "__first__").
                guard case .name(let callee) = function.kind, callee.hasSuffix("swappable_dependency"), arguments.count == 1 else {
                    throw notLiteral(attribute, at: entry.location)
                }
                let model: String
                switch arguments[0].kind {
                case .name(let setting) where setting.hasSuffix("AUTH_USER_MODEL"): model = authUserModel
                case .string: model = arguments[0].stringValue ?? ""
                default: throw notLiteral(attribute, at: entry.location)
                }
                keys.append(MigrationKey(String(model.split(separator: ".", maxSplits: 1).first ?? ""), "__first__"))
            default:
                throw notLiteral(attribute, at: entry.location)
            }
        }
        return keys
    }

    private func notLiteral(_ attribute: String, at location: SourceLocation) -> DjangoProjectError {
        DjangoProjectError("\(path):\(location.line):\(location.column + 1): \(attribute) of \(key) is not a literal list of (app, name) pairs, so it cannot be read without running Python; write it as a literal")
    }
}
