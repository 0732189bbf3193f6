import PythonSyntax

/// The module-level `class Migration` of a migration file: its bases and the six attributes
/// Django reads, each as set directly in the class body (the last assignment wins).
public struct MigrationClass: Sendable {
    public var location: SourceLocation
    public var bases: [PythonValue]
    public var initial: PythonValue?
    public var atomic: PythonValue?
    public var dependencies: PythonValue?
    public var replaces: PythonValue?
    public var runBefore: PythonValue?
    public var operations: PythonValue?
    /// The class body's other names (Oscar's `state_operations = [...]`, handed to
    /// `SeparateDatabaseAndState(state_operations=state_operations)`).
    public var otherAttributes: [String: PythonValue] = [:]

    /// The attribute names, in the order the dump contract prints them.
    public static let attributeNames = ["initial", "atomic", "dependencies", "replaces", "run_before", "operations"]

    /// The last top-level `class Migration` of the module, or nil when there is none.
    /// A class nested in `if`, `try` or a function does not count, as in CPython at import time.
    public init?(module: Module) {
        var found: (ClassDefinition, SourceLocation)?
        for statement in module.body {
            if case .classDef(let definition) = statement.kind, definition.name == "Migration" {
                found = (definition, statement.location)
            }
        }
        guard let (definition, location) = found else { return nil }
        self.location = location
        let store = module.expressions
        self.bases = definition.bases.map { PythonValue($0, in: store) }
        for statement in definition.body {
            switch statement.kind {
            case .assign(let targets, let value):
                for target in targets {
                    if case .name(let name, _) = store[target].kind { set(name, PythonValue(value, in: store)) }
                }
            case .annAssign(let target, _, let value?, _):
                if case .name(let name, _) = store[target].kind { set(name, PythonValue(value, in: store)) }
            case .augAssign(let target, _, _):
                if case .name(let name, _) = store[target].kind {
                    set(name, PythonValue(opaque: "AugAssign", at: statement.location, in: store))
                }
            default:
                break
            }
        }
    }

    private mutating func set(_ name: String, _ value: PythonValue) {
        switch name {
        case "initial": initial = value
        case "atomic": atomic = value
        case "dependencies": dependencies = value
        case "replaces": replaces = value
        case "run_before": runBefore = value
        case "operations": operations = value
        default: otherAttributes[name] = value
        }
    }

    /// The attributes in contract order.
    public var attributes: [PythonValue?] { [initial, atomic, dependencies, replaces, runBefore, operations] }
}
