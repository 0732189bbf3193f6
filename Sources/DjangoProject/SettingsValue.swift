import Foundation
import PythonSyntax

/// A value of a settings module as far as it can be known without running Python.
public indirect enum SettingsValue: Sendable, Equatable, CustomStringConvertible {
    case none
    case bool(Bool)
    case int(Int)
    case string(String)
    /// A `pathlib.Path` (or a string built by `os.path`), as an absolute or relative path.
    case path(String)
    case list([SettingsValue])
    case tuple([SettingsValue])
    case dict([(key: SettingsValue, value: SettingsValue)])
    /// A module or a callable of one (`os`, `os.path`, `pathlib.Path`), for attribute lookups and calls.
    case module(String)
    /// What `dj_database_url.config()` or `.parse(url)` returns: a database given by URL.
    case databaseURL(String)
    /// A function defined in the project (settings helpers), called with known arguments.
    case function(ProjectFunction)
    /// A library object the evaluator models (`environ.Env(...)`, `decouple.Csv()`), by type name and fields.
    case object(type: String, fields: [String: SettingsValue])
    /// Something that cannot be known statically, and why (with where it was computed).
    case unknown(String)

    public static func == (lhs: SettingsValue, rhs: SettingsValue) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.path(let a), .path(let b)): return a == b
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return a == b
        case (.dict(let a), .dict(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.module(let a), .module(let b)): return a == b
        case (.databaseURL(let a), .databaseURL(let b)): return a == b
        case (.function(let a), .function(let b)): return a === b
        case (.object(let a, let x), .object(let b, let y)): return a == b && x == y
        case (.unknown(let a), .unknown(let b)): return a == b
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .string(let s): return "'\(s)'"
        case .path(let p): return "Path('\(p)')"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let items): return "(" + items.map(\.description).joined(separator: ", ") + ")"
        case .dict(let entries): return "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .module(let name): return "<module \(name)>"
        case .databaseURL(let url): return "<database URL \(url)>"
        case .function(let function): return "<function \(function.definition.name)>"
        case .object(let type, _): return "<\(type) object>"
        case .unknown(let why): return "<unknown: \(why)>"
        }
    }

    /// A string or a path, as text.
    public var text: String? {
        switch self {
        case .string(let s), .path(let s): return s
        default: return nil
        }
    }

    /// The elements of a list or tuple.
    public var elements: [SettingsValue]? {
        switch self {
        case .list(let items), .tuple(let items): return items
        default: return nil
        }
    }

    public subscript(key: String) -> SettingsValue? {
        guard case .dict(let entries) = self else { return nil }
        return entries.last { $0.key == .string(key) }?.value
    }

    /// A value `json.load` returns.
    init(json object: Any) {
        switch object {
        case let text as String: self = .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) } else if let int = Int(exactly: number.doubleValue) {
                self = .int(int)
            } else {
                self = .unknown("a JSON number \(number)")
            }
        case let array as [Any]: self = .list(array.map(SettingsValue.init(json:)))
        case let dictionary as [String: Any]:
            self = .dict(dictionary.keys.sorted().map { (.string($0), SettingsValue(json: dictionary[$0]!)) })
        case is NSNull: self = .none
        default: self = .unknown("a JSON value")
        }
    }

    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// Whether the value nests at most `depth` deep and has at most `budget` parts (a shared
    /// part counts each time it appears, as a walk over the value meets it); stops early.
    func fits(depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0, depth >= 0 else { return false }
        switch self {
        case .list(let items), .tuple(let items):
            for item in items where !item.fits(depth: depth - 1, budget: &budget) { return false }
        case .dict(let entries):
            for entry in entries {
                if !entry.key.fits(depth: depth - 1, budget: &budget) || !entry.value.fits(depth: depth - 1, budget: &budget) { return false }
            }
        default:
            break
        }
        return true
    }

    /// The first reason this value (or a part of it) cannot be known.
    public var firstUnknown: String? {
        switch self {
        case .unknown(let why): return why
        // Loops, not `lazy.compactMap(…).first`: on a collection that computes each part twice,
        // which doubles at every level of nesting.
        case .list(let items), .tuple(let items):
            for item in items { if let why = item.firstUnknown { return why } }
            return nil
        case .dict(let entries):
            for entry in entries { if let why = entry.key.firstUnknown ?? entry.value.firstUnknown { return why } }
            return nil
        default: return nil
        }
    }
}

/// A function of the project's own code (a settings helper), kept to be called later.
public final class ProjectFunction: Sendable {
    public let definition: FunctionDefinition
    let store: ExpressionStore
    let path: String
    /// The module it was defined in: its globals are that module's names when it is called.
    let moduleName: String
    let isPackage: Bool
    /// Default values, evaluated where the function was defined, as Python does.
    let defaults: [String: SettingsValue]
    /// Set for a method of a class: `self`'s class.
    let isProperty: Bool

    init(definition: FunctionDefinition, store: ExpressionStore, path: String, moduleName: String, isPackage: Bool,
         defaults: [String: SettingsValue], isProperty: Bool) {
        self.definition = definition
        self.store = store
        self.path = path
        self.moduleName = moduleName
        self.isPackage = isPackage
        self.defaults = defaults
        self.isProperty = isProperty
    }
}
