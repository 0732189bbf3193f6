import Foundation
import PythonSyntax

/// Runs a settings module's top-level statements without Python, as far as their values can be
/// known: literals, `BASE_DIR / "x"`, `os.path.join`, `Path(__file__).resolve().parent`, list
/// concatenation and `+=`, `from .base import *`, environment lookups (read from this process's
/// environment, as Django would at run time), and `dj_database_url`. What cannot be known becomes
/// `.unknown` with the reason and the place.
struct SettingsEvaluator {
    /// Loads another module's names for `from X import *` and `from X import a`; nil when it cannot be found.
    typealias ModuleLoader = (_ dottedName: String) throws(DjangoProjectError) -> [String: SettingsValue]?

    let path: String
    let moduleName: String
    let isPackage: Bool
    let environment: [String: String]
    let loadModule: ModuleLoader
    private(set) var scope: [String: SettingsValue] = [:]
    /// Why the module stopped early, as Python would have raised there (a star import of a
    /// module that is not found): nothing after that statement was read.
    private(set) var stoppedBecause: String?
    private var store: ExpressionStore
    /// How deep `evaluate` is; a reference, as `evaluate` does not mutate the evaluator.
    private let depth = EvaluationDepth()

    /// Settings are short: past these bounds a value is unknown (with why), never a stack
    /// overflow or a value that doubles on every line until memory runs out.
    static let maximumDepth = 200
    static let maximumElements = 100_000
    static let maximumStringBytes = 1_000_000

    init(module: Module, path: String, moduleName: String, isPackage: Bool, environment: [String: String],
         loadModule: @escaping ModuleLoader) {
        self.path = path
        self.moduleName = moduleName
        self.isPackage = isPackage
        self.environment = environment
        self.loadModule = loadModule
        self.store = module.expressions
        scope["__file__"] = .path(path)
        scope["__name__"] = .string(moduleName)
    }

    mutating func run(_ statements: [Statement]) throws(DjangoProjectError) {
        _ = try execute(statements)
    }

    /// Runs statements; returns false when an import failed inside them (the rest is skipped, as a raise would).
    private mutating func execute(_ statements: [Statement]) throws(DjangoProjectError) -> Bool {
        for statement in statements {
            if try !execute(statement) { return false }
        }
        return true
    }

    private func place(_ location: SourceLocation) -> String { "\(path):\(location.line):\(location.column + 1)" }

    private mutating func execute(_ statement: Statement) throws(DjangoProjectError) -> Bool {
        switch statement.kind {
        case .assign(let targets, let value):
            let result = evaluate(value)
            for target in targets { assign(result, to: target) }
        case .annAssign(let target, _, let value?, _):
            assign(evaluate(value), to: target)
        case .augAssign(let target, let op, let value):
            let current = evaluate(target)
            assign(binary(current, op, evaluate(value), at: statement.location), to: target)
        case .expression(let expression):
            mutateInPlace(expression)
        case .import(let aliases):
            for alias in aliases {
                if let asName = alias.asName {
                    scope[asName] = .module(alias.name)
                } else {
                    let top = String(alias.name.split(separator: ".").first ?? "")
                    scope[top] = .module(top)
                }
            }
        case .importFrom(let module, let names, let level):
            let target = absoluteModule(module, level: level)
            if target == "os" || target == "os.path" || target == "pathlib" || target.hasPrefix("django") || target == "dj_database_url" {
                for alias in names where alias.name != "*" { scope[alias.asName ?? alias.name] = .module(target + "." + alias.name) }
                return true
            }
            guard let names2 = try loadModule(target) else {
                for alias in names where alias.name != "*" {
                    scope[alias.asName ?? alias.name] = .unknown("imported from \(target), which is not in the project (\(place(statement.location)))")
                }
                guard names.contains(where: { $0.name == "*" }) else { return true }
                stoppedBecause = stoppedBecause ?? "\(place(statement.location)): `from \(String(repeating: ".", count: level))\(module ?? "") import *` names \(target), which is not in the project or its virtualenv (pass --python with the project's interpreter if it is installed there); nothing after that line was read"
                return false
            }
            for alias in names {
                if alias.name == "*" {
                    for (name, value) in names2 where !name.hasPrefix("_") { scope[name] = value }
                } else {
                    scope[alias.asName ?? alias.name] = names2[alias.name]
                        ?? .unknown("\(alias.name) is not defined in \(target) (\(place(statement.location)))")
                }
            }
        case .if(let test, let body, let orElse):
            switch truth(evaluate(test)) {
            case true?: return try execute(body)
            case false?: return try execute(orElse)
            case nil:
                // Both branches may run: what they leave different is unknown.
                var taken = self
                var other = self
                _ = try taken.execute(body)
                _ = try other.execute(orElse)
                for name in Set(taken.scope.keys).union(other.scope.keys) where taken.scope[name] != other.scope[name] {
                    scope[name] = .unknown("depends on a condition at \(place(statement.location))")
                }
            }
        case .try(let body, let handlers, let orElse, let finalBody, _):
            if try execute(body) {
                _ = try execute(orElse)
            } else if let handler = handlers.first {
                _ = try execute(handler.body)
            }
            _ = try execute(finalBody)
        case .functionDef(let definition):
            scope[definition.name] = .unknown("function \(definition.name) (\(place(statement.location)))")
        case .classDef(let definition):
            scope[definition.name] = .unknown("class \(definition.name) (\(place(statement.location)))")
        case .delete(let targets):
            for target in targets {
                if case .name(let id, _) = store[target].kind { scope[id] = nil }
            }
        default:
            break
        }
        return true
    }

    private func absoluteModule(_ module: String?, level: Int) -> String {
        guard level > 0 else { return module ?? "" }
        var parts = moduleName.split(separator: ".").map(String.init)
        // A module's package is its name without the last part; a package's is itself.
        if !isPackage { parts.removeLast() }
        parts.removeLast(min(parts.count, level - 1))
        if let module { parts.append(module) }
        return parts.joined(separator: ".")
    }

    // MARK: - Assignment

    private mutating func assign(_ assigned: SettingsValue, to target: Expression) {
        // Bounded when stored, so no value in the scope is too deep or too large to walk.
        var budget = Self.maximumElements
        let value = assigned.fits(depth: Self.maximumDepth, budget: &budget) ? assigned
            : .unknown("a value nested more than \(Self.maximumDepth) deep or of more than \(Self.maximumElements) parts at \(place(store[target].location))")
        switch store[target].kind {
        case .name(let id, _):
            scope[id] = value
        case .subscript(let container, let key, _):
            // `DATABASES["default"]["NAME"] = …`: rebuild the nested dictionaries along the path.
            var path: [SettingsValue] = [evaluate(key)]
            var root = container
            while case .subscript(let inner, let innerKey, _) = store[root].kind {
                path.insert(evaluate(innerKey), at: 0)
                root = inner
            }
            guard case .name(let id, _) = store[root].kind, let current = scope[id] else { return }
            scope[id] = updating(current, at: path[...], with: value)
        case .tuple(let list, _), .list(let list, _):
            let targets = store[list]
            if let values = value.elements, values.count == targets.count {
                for (t, v) in zip(targets, values) { assign(v, to: t) }
            } else {
                for t in targets { assign(.unknown("unpacked from a value of another shape at \(place(store[target].location))"), to: t) }
            }
        default:
            break
        }
    }

    private func updating(_ container: SettingsValue, at path: ArraySlice<SettingsValue>, with value: SettingsValue) -> SettingsValue {
        guard let key = path.first else { return value }
        guard case .dict(var entries) = container else { return container }
        if let index = entries.lastIndex(where: { $0.key == key }) {
            entries[index].value = updating(entries[index].value, at: path.dropFirst(), with: value)
        } else if path.count == 1 {
            entries.append((key, value))
        }
        return .dict(entries)
    }

    /// `X.append(v)`, `X.extend(v)`, `X.insert(i, v)`, `X.remove(v)`, `D["k"].update({…})` on a settings name.
    private mutating func mutateInPlace(_ expression: Expression) {
        guard case .call(let function, let args, _) = store[expression].kind,
              case .attribute(let receiver, let method, _) = store[function].kind else { return }
        let arguments = store[args].map { evaluate($0) }
        let current = evaluate(receiver)
        var updated: SettingsValue?
        switch (method, current) {
        case ("append", .list(let items)) where arguments.count == 1: updated = .list(items + arguments)
        case ("extend", .list(let items)) where arguments.count == 1:
            updated = arguments[0].elements.map { .list(items + $0) } ?? .unknown("extended with \(arguments[0])")
        case ("insert", .list(var items)) where arguments.count == 2:
            if case .int(let i) = arguments[0] {
                items.insert(arguments[1], at: i < 0 ? max(0, items.count + i) : min(i, items.count))
                updated = .list(items)
            }
        case ("remove", .list(var items)) where arguments.count == 1:
            if let i = items.firstIndex(of: arguments[0]) { items.remove(at: i) }
            updated = .list(items)
        case ("update", .dict(var entries)) where arguments.count == 1:
            if case .dict(let more) = arguments[0] {
                for entry in more {
                    if let i = entries.firstIndex(where: { $0.key == entry.key }) { entries[i].value = entry.value } else { entries.append(entry) }
                }
                updated = .dict(entries)
            }
        default:
            break
        }
        if let updated { assign(updated, to: receiver) }
    }

    // MARK: - Expressions

    func evaluate(_ expression: Expression) -> SettingsValue {
        let node = store[expression]
        let here = place(node.location)
        depth.value += 1
        defer { depth.value -= 1 }
        if depth.value > Self.maximumDepth {
            return .unknown("an expression nested more than \(Self.maximumDepth) deep at \(here)")
        }
        switch node.kind {
        case .constant(let constant, _):
            switch constant {
            case .none: return .none
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .string(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .int(.small(let v)): return .int(Int(v))
            default: return .unknown("a literal of another type at \(here)")
            }
        case .joinedStr(let parts):
            var text = ""
            for part in store[parts] {
                switch store[part].kind {
                case .constant(.string(let bytes), _): text += String(decoding: bytes, as: UTF8.self)
                case .formattedValue(let value, _, nil):
                    switch evaluate(value) {
                    case .string(let s), .path(let s): text += s
                    case .int(let i): text += String(i)
                    default: return .unknown("an f-string with an unknown part at \(here)")
                    }
                default: return .unknown("an f-string at \(here)")
                }
            }
            return .string(text)
        case .name(let id, _):
            return scope[id] ?? .unknown("\(id) is not known statically (\(here))")
        case .list(let list, _): return .list(evaluateElements(list))
        case .tuple(let list, _): return .tuple(evaluateElements(list))
        case .set(let list): return .list(evaluateElements(list))
        case .dict(let keys, let values):
            var entries: [(key: SettingsValue, value: SettingsValue)] = []
            for (key, value) in zip(store[keys], store[values]) {
                if key == Expression.noKey {
                    guard case .dict(let more) = evaluate(value) else { return .unknown("a dict with ** at \(here)") }
                    if entries.count + more.count > Self.maximumElements { return tooLarge(at: here) }
                    entries += more
                } else {
                    entries.append((evaluate(key), evaluate(value)))
                }
            }
            return .dict(entries)
        case .binOp(let left, let op, let right):
            return binary(evaluate(left), op, evaluate(right), at: node.location)
        case .attribute(let base, let attribute, _):
            return self.attribute(evaluate(base), attribute, at: here)
        case .subscript(let base, let key, _):
            let container = evaluate(base)
            let index = evaluate(key)
            switch (container, index) {
            case (.module("os.environ"), .string(let name)):
                return environment[name].map(SettingsValue.string)
                    ?? .unknown("environment variable \(name) is not set (\(here))")
            case (.dict, _): return container[index.text ?? ""] ?? .unknown("no key \(index) at \(here)")
            case (.list(let items), .int(let i)), (.tuple(let items), .int(let i)):
                let position = i < 0 ? items.count + i : i
                return items.indices.contains(position) ? items[position] : .unknown("index out of range at \(here)")
            default: return .unknown("a subscript at \(here)")
            }
        case .call(let function, let args, let keywords):
            return call(function, arguments: store[args].map { evaluate($0) },
                        keywords: Dictionary(store[keywords].compactMap { k in k.name.map { ($0, evaluate(k.value)) } }, uniquingKeysWith: { $1 }),
                        at: here)
        case .ifExp(let test, let body, let orElse):
            switch truth(evaluate(test)) {
            case true?: return evaluate(body)
            case false?: return evaluate(orElse)
            case nil: return .unknown("a conditional expression at \(here)")
            }
        case .unaryOp(.not, let operand):
            return truth(evaluate(operand)).map { .bool(!$0) } ?? .unknown("`not` of an unknown value at \(here)")
        case .unaryOp(.uSub, let operand):
            // Python's ints have no bounds; ours do: past them the value is unknown, not a trap.
            if case .int(let i) = evaluate(operand), i != .min { return .int(-i) }
            return .unknown("a negative value at \(here)")
        case .compare(let left, let ops, let comparators) where ops.count == 1:
            let a = evaluate(left)
            let b = evaluate(store[comparators].first!)
            if a.isUnknown || b.isUnknown { return .unknown("a comparison at \(here)") }
            switch ops[0] {
            case .eq: return .bool(a == b)
            case .notEq: return .bool(a != b)
            case .in, .notIn:
                let contained = b.elements?.contains(a) ?? (a.text.flatMap { x in b.text.map { $0.contains(x) } } ?? false)
                return .bool(ops[0] == .in ? contained : !contained)
            default: return .unknown("a comparison at \(here)")
            }
        case .boolOp(let op, let list):
            var last: SettingsValue = .none
            for value in store[list].map({ evaluate($0) }) {
                guard let truthy = truth(value) else { return .unknown("a boolean expression at \(here)") }
                last = value
                if op == .or && truthy { return value }
                if op == .and && !truthy { return value }
            }
            return last
        default:
            return .unknown("a \(node.kind.className) expression at \(here)")
        }
    }

    private func evaluateElements(_ list: ExpressionList) -> [SettingsValue] {
        var values: [SettingsValue] = []
        for element in store[list] {
            if case .starred(let inner, _) = store[element].kind {
                values += evaluate(inner).elements ?? [.unknown("an unpacked value at \(place(store[element].location))")]
            } else {
                values.append(evaluate(element))
            }
        }
        return values
    }

    private func truth(_ value: SettingsValue) -> Bool? {
        switch value {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .string(let s): return !s.isEmpty
        case .path: return true
        case .list(let items), .tuple(let items): return !items.isEmpty
        case .dict(let entries): return !entries.isEmpty
        case .module, .databaseURL: return true
        case .unknown: return nil
        }
    }

    private func tooLarge(at here: String) -> SettingsValue {
        .unknown("a value of more than \(Self.maximumElements) elements or \(Self.maximumStringBytes) bytes at \(here)")
    }

    private func binary(_ left: SettingsValue, _ op: BinaryOperator, _ right: SettingsValue, at location: SourceLocation) -> SettingsValue {
        let tooLarge = { self.tooLarge(at: self.place(location)) }
        switch (left, op, right) {
        case (.list(let a), .add, .list(let b)), (.list(let a), .add, .tuple(let b)):
            return a.count + b.count > Self.maximumElements ? tooLarge() : .list(a + b)
        case (.tuple(let a), .add, .tuple(let b)):
            return a.count + b.count > Self.maximumElements ? tooLarge() : .tuple(a + b)
        case (.string(let a), .add, .string(let b)):
            return a.utf8.count + b.utf8.count > Self.maximumStringBytes ? tooLarge() : .string(a + b)
        case (.int(let a), .add, .int(let b)) where !a.addingReportingOverflow(b).overflow: return .int(a + b)
        case (.path(let a), .div, .string(let b)), (.path(let a), .div, .path(let b)): return .path(joinPath(a, b))
        default:
            if let why = left.firstUnknown ?? right.firstUnknown { return .unknown(why) }
            return .unknown("an expression at \(place(location))")
        }
    }

    private func attribute(_ base: SettingsValue, _ name: String, at here: String) -> SettingsValue {
        switch base {
        case .module(let module): return .module(module + "." + name)
        case .path(let p):
            switch name {
            case "parent": return .path(parentPath(p))
            case "name": return .string(URL(fileURLWithPath: p).lastPathComponent)
            default: return .module("path." + name + "|" + p)
            }
        case .dict, .list, .string: return .module("value." + name)
        case .unknown: return base
        default: return .unknown("attribute \(name) at \(here)")
        }
    }

    private func call(_ function: Expression, arguments: [SettingsValue], keywords: [String: SettingsValue], at here: String) -> SettingsValue {
        let callee = evaluate(function)
        guard case .module(let name) = callee else {
            if case .unknown(let why) = callee { return .unknown(why) }
            return .unknown("a call at \(here)")
        }
        // Methods of a path: `Path(...).resolve()`, `.joinpath(...)`.
        if name.hasPrefix("path.") {
            let parts = name.dropFirst(5).split(separator: "|", maxSplits: 1).map(String.init)
            let (method, p) = (parts[0], parts.count > 1 ? parts[1] : "")
            switch method {
            case "resolve", "absolute", "expanduser": return .path(normalise(p))
            case "joinpath": return .path(arguments.compactMap(\.text).reduce(p, joinPath))
            default: return .unknown("Path.\(method)() at \(here)")
            }
        }
        let first = arguments.first
        switch name {
        case "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath":
            guard let text = first?.text else { return first.flatMap { $0.isUnknown ? $0 : nil } ?? .unknown("Path() at \(here)") }
            return .path(arguments.dropFirst().compactMap(\.text).reduce(text, joinPath))
        case "os.path.join":
            guard arguments.allSatisfy({ $0.text != nil }), let head = first?.text else {
                return arguments.first { $0.isUnknown } ?? .unknown("os.path.join at \(here)")
            }
            return .path(arguments.dropFirst().compactMap(\.text).reduce(head, joinPath))
        case "os.path.dirname":
            return first?.text.map { .path(parentPath($0)) } ?? (first ?? .unknown("dirname at \(here)"))
        case "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.expanduser":
            return first?.text.map { .path(normalise($0)) } ?? (first ?? .unknown("\(name) at \(here)"))
        case "os.environ.get", "os.getenv":
            guard case .string(let variable)? = first else { return .unknown("an environment lookup at \(here)") }
            if let value = environment[variable] { return .string(value) }
            return arguments.count > 1 ? arguments[1] : (keywords["default"] ?? .none)
        case "str":
            return first?.text.map(SettingsValue.string) ?? (first ?? .string(""))
        case "list", "tuple":
            guard let items = first?.elements else { return first ?? .list([]) }
            return name == "list" ? .list(items) : .tuple(items)
        case "dj_database_url.config":
            let variable = keywords["env"]?.text ?? "DATABASE_URL"
            if let url = environment[variable] { return .databaseURL(url) }
            if let fallback = keywords["default"]?.text { return .databaseURL(fallback) }
            return .unknown("dj_database_url.config() with \(variable) unset and no default (\(here))")
        case "dj_database_url.parse":
            return first?.text.map(SettingsValue.databaseURL) ?? .unknown("dj_database_url.parse at \(here)")
        default:
            if name.hasPrefix("value.") { return .unknown("a method call at \(here)") }
            return .unknown("a call to \(name) at \(here)")
        }
    }

    private func joinPath(_ base: String, _ component: String) -> String {
        if component.hasPrefix("/") { return component }
        if base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    private func parentPath(_ p: String) -> String {
        let normalised = normalise(p)
        guard let slash = normalised.lastIndex(of: "/") else { return "." }
        return slash == normalised.startIndex ? "/" : String(normalised[..<slash])
    }

    /// Makes a path absolute (relative to the settings file's directory is wrong for Python, which
    /// resolves against the working directory; `__file__` is always absolute here) and folds `.` and `..`.
    private func normalise(_ p: String) -> String {
        let absolute = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// The evaluator's recursion depth, shared by its copies.
private final class EvaluationDepth {
    var value = 0
}
