import Foundation
import PythonSyntax

/// Runs a module's top-level statements without Python, as far as their values can be known:
/// assignments, `if`/`for`/`while`/`try`, the project's own functions called with known
/// arguments, imports of the project's modules, and the libraries settings use (os, pathlib,
/// sys, django, dj-database-url, django-environ, python-decouple). What cannot be known is
/// `.unknown` with the reason and the place; where an unknown decides a branch, the branch a
/// production `manage.py migrate` takes is chosen and recorded as a `SettingsAssumption`.
struct SettingsEvaluator {
    /// The file being run (an included file while it runs).
    var path: String
    let moduleName: String
    let isPackage: Bool
    let context: EvaluationContext
    var store: ExpressionStore
    var scope: [String: SettingsValue] = [:]
    /// For each name, the assumptions its value depends on.
    var influence: [String: Set<Int>] = [:]
    /// The assumptions made in this module (and the functions it called), by number.
    var assumptions: [Int: SettingsAssumption] = [:]
    /// Why the module stopped early, as Python would have raised there (a star import of a
    /// module that is not found, the step bound): nothing after that statement was read.
    private(set) var stoppedBecause: String?
    /// Inside a function: what `return` gave.
    var returned: SettingsValue?
    /// Inside a loop: `break` or `continue` seen.
    var loopExit: LoopExit?
    /// Assumptions deciding the branch being run.
    var controlInfluence: Set<Int> = []
    /// Whether this runs a function body (names are local; `return` ends it).
    let isFunctionBody: Bool

    enum LoopExit { case breakLoop, continueLoop }

    init(module: Module, path: String, moduleName: String, isPackage: Bool, context: EvaluationContext) {
        self.path = path
        self.moduleName = moduleName
        self.isPackage = isPackage
        self.context = context
        self.store = module.expressions
        self.isFunctionBody = false
        scope["__file__"] = .path(path)
        scope["__name__"] = .string(moduleName)
        for (name, value) in context.pins { scope[name] = value }
    }

    /// A function body's evaluator: the defining module's names, then the arguments.
    init(function: ProjectFunction, globals: ModuleNames, context: EvaluationContext) {
        self.path = function.path
        self.moduleName = function.moduleName
        self.isPackage = function.isPackage
        self.context = context
        self.store = function.store
        self.isFunctionBody = true
        self.scope = globals.scope
        self.influence = globals.influence
    }

    var names: ModuleNames { ModuleNames(scope: scope, influence: influence) }

    mutating func run(_ statements: [Statement]) {
        _ = execute(statements)
    }

    /// Runs statements; false when they stopped (a failed import, `return`, `break`, the step bound).
    mutating func execute(_ statements: [Statement]) -> Bool {
        for statement in statements {
            if !execute(statement) { return false }
            if returned != nil || loopExit != nil { return false }
        }
        return true
    }

    func place(_ location: SourceLocation) -> String { "\(path):\(location.line):\(location.column + 1)" }

    private mutating func execute(_ statement: Statement) -> Bool {
        guard context.step(at: place(statement.location)) else {
            stoppedBecause = stoppedBecause ?? context.exhausted
            return false
        }
        context.readInfluence = []
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
            if stoppedBecause != nil { return false }
        case .import(let aliases):
            for alias in aliases {
                if !importModule(alias.name, at: statement.location) {
                    // Outside a `try`, an unknown top-level module is taken as a library not on this search path.
                    guard tryDepth == 0, !isProjectPackage(alias.name) else { return importFailed(alias.name, at: statement.location) }
                }
                if let asName = alias.asName {
                    bind(asName, .module(alias.name))
                } else {
                    let top = String(alias.name.split(separator: ".").first ?? "")
                    bind(top, .module(top))
                }
            }
        case .importFrom(let module, let names, let level):
            return importFrom(module, names: names, level: level, at: statement.location)
        case .if(let test, let body, let orElse):
            return executeBranch(test, body, orElse, at: statement.location)
        case .for(let target, let iter, let body, let orElse, _):
            return executeFor(target, iter, body, orElse, at: statement.location)
        case .while(let test, let body, let orElse):
            return executeWhile(test, body, orElse, at: statement.location)
        case .try(let body, let handlers, let orElse, let finalBody, _):
            tryDepth += handlers.isEmpty ? 0 : 1
            let finishedBody = execute(body)
            tryDepth -= handlers.isEmpty ? 0 : 1
            if finishedBody {
                _ = execute(orElse)
            } else if returned == nil, loopExit == nil, failedImport || raised, let handler = handlers.first {
                // An import that failed or a `raise`: the first handler runs, as Python's
                // would for the ImportError or the exception settings guard against.
                failedImport = false
                raised = false
                stoppedBecause = nil
                if let name = handler.name { bind(name, .unknown("the exception caught at \(place(handler.location))")) }
                _ = execute(handler.body)
            }
            let result = returned
            _ = execute(finalBody)
            if returned == nil { returned = result }
            return stoppedBecause == nil
        case .with(let items, let body, _):
            var suppresses = false
            for item in items {
                // `with suppress(ImportError): import x; INSTALLED_APPS.append("x")` (pretalx): a
                // failed import ends the block, as a `try … except: pass` would.
                if case .call(let function, _, _) = store[item.contextExpression].kind {
                    switch store[function].kind {
                    case .name("suppress", _), .attribute(_, "suppress", _): suppresses = true
                    default: break
                    }
                }
                let value = evaluate(item.contextExpression)
                if let target = item.optionalVars { assign(value, to: target) }
            }
            guard suppresses else { return execute(body) }
            tryDepth += 1
            let finished = execute(body)
            tryDepth -= 1
            if !finished, returned == nil, loopExit == nil, failedImport || raised {
                failedImport = false
                raised = false
                stoppedBecause = nil
            }
            return stoppedBecause == nil
        case .raise:
            // At module level with nothing to catch it, a settings module raises only where the
            // environment lacks what a deploy gives it (`if not SECRET_KEY: raise ...`): reading
            // goes on, as it must for the settings after it. In a `try` or a function it is raised.
            guard tryDepth > 0 || isFunctionBody else { return true }
            raised = true
            stoppedBecause = "\(place(statement.location)): the settings raise an exception here (as Django would fail to start); nothing after it was read"
            return false
        case .match(let subject, let cases):
            return executeMatch(subject, cases, at: statement.location)
        case .functionDef(let definition):
            bind(definition.name, .function(makeFunction(definition)))
        case .classDef(let definition):
            bind(definition.name, classValue(definition, at: statement.location))
        case .return(let value):
            returned = value.map { evaluate($0) } ?? SettingsValue.none
            return false
        case .break:
            loopExit = .breakLoop
            return false
        case .continue:
            loopExit = .continueLoop
            return false
        case .delete(let targets):
            for target in targets {
                if case .name(let id, _) = store[target].kind { scope[id] = nil }
            }
        case .global, .nonlocal:
            // A function writing module names: its effects on them are not followed.
            break
        default:
            break
        }
        return true
    }

    /// Set while a statement stopped because an import failed (an `except ImportError` may catch it).
    var failedImport = false
    /// Set while a statement stopped at a `raise` (an `except` may catch it).
    var raised = false
    /// How many `try` blocks with handlers the running statement is inside: there a missing
    /// module is the ImportError the handler expects.
    var tryDepth = 0

    /// `match`: the first case whose pattern matches the subject (literals, `_`, captures, `|`);
    /// when that cannot be decided, the names any case sets are unknown after it.
    private mutating func executeMatch(_ subject: Expression, _ cases: [MatchCase], at location: SourceLocation) -> Bool {
        let value = evaluate(subject)
        for matchCase in cases {
            guard let matched = matches(matchCase.pattern, value) else { break }
            if matched, matchCase.guardExpression.map({ truth(evaluate($0)) == true }) ?? true {
                bindCaptures(matchCase.pattern, value)
                return execute(matchCase.body)
            }
            if matched { continue }
        }
        guard value.isUnknown || cases.contains(where: { matches($0.pattern, value) == nil }) else { return true }
        var probe = self
        for matchCase in cases { _ = probe.execute(matchCase.body) }
        for name in probe.scope.keys where probe.scope[name] != scope[name] {
            scope[name] = .unknown("set by a `match` that cannot be decided at \(place(location)): \(value.firstUnknown ?? "")")
        }
        return true
    }

    private func matches(_ pattern: Pattern, _ value: SettingsValue) -> Bool? {
        switch pattern.kind {
        case .matchAs(nil, _): return true
        case .matchAs(let inner?, _): return matches(inner, value)
        case .matchValue(let expression):
            let expected = evaluate(expression)
            if expected.isUnknown || value.isUnknown { return nil }
            return expected == value
        case .matchSingleton(let constant):
            if value.isUnknown { return nil }
            switch constant {
            case .none: return value == .none
            case .true: return value == .bool(true)
            case .false: return value == .bool(false)
            default: return nil
            }
        case .matchOr(let alternatives):
            var unknown = false
            for alternative in alternatives {
                switch matches(alternative, value) {
                case true?: return true
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : false
        default:
            return nil
        }
    }

    private mutating func bindCaptures(_ pattern: Pattern, _ value: SettingsValue) {
        if case .matchAs(let inner, let name?) = pattern.kind {
            if let inner { bindCaptures(inner, value) }
            bind(name, value)
        }
    }

    private mutating func importFailed(_ name: String, at location: SourceLocation) -> Bool {
        failedImport = true
        stoppedBecause = "\(place(location)): module \(name) is not in the project or its virtualenv (pass --python with the project's interpreter if it is installed there); nothing after that line was read"
        return false
    }

    // MARK: - Branches and loops

    /// `if`: the branch the condition names; when it is unknown, the `else` branch (the condition
    /// assumed false), said as an assumption when the two branches would leave any name different.
    private mutating func executeBranch(_ test: Expression, _ body: [Statement], _ orElse: [Statement], at location: SourceLocation) -> Bool {
        let condition = evaluate(test)
        let conditionInfluence = context.readInfluence
        if let known = truth(condition) {
            guard !conditionInfluence.isEmpty else { return execute(known ? body : orElse) }
            // Decided by an assumed value: what the other branch would have set depends on it too.
            var other = self
            _ = other.execute(known ? orElse : body)
            let finished = execute(known ? body : orElse)
            for name in Set(scope.keys).union(other.scope.keys) where scope[name] != other.scope[name] {
                influence[name, default: []].formUnion(conditionInfluence)
            }
            return finished
        }
        var taken = self
        var other = self
        let id = context.nextAssumption
        context.nextAssumption += 1
        taken.controlInfluence.formUnion(conditionInfluence.union([id]))
        other.controlInfluence.formUnion(conditionInfluence.union([id]))
        let finished = taken.execute(orElse)
        _ = other.execute(body)
        let differing = Set(taken.scope.keys).union(other.scope.keys).filter { taken.scope[$0] != other.scope[$0] }
        let restoredControl = controlInfluence
        self = taken
        controlInfluence = restoredControl
        if !differing.isEmpty || taken.returned != other.returned {
            let name = unknownRoot(test) ?? render(test)
            let decided = differing.sorted().first(where: DjangoSettings.readByTheCheck) ?? differing.sorted().first
            assumptions[id] = SettingsAssumption(
                name: name, path: path, line: location.line,
                assumed: "`\(render(test))` is false" + (orElse.isEmpty ? " (its body skipped)" : " (its `else` branch taken)"),
                why: condition.firstUnknown ?? "unknown", pin: pinAdvice(for: name, deciding: decided))
            for name in differing { influence[name, default: []].insert(id) }
        }
        return finished
    }

    private mutating func executeFor(_ target: Expression, _ iter: Expression, _ body: [Statement], _ orElse: [Statement], at location: SourceLocation) -> Bool {
        let sequence = evaluate(iter)
        guard let items = iterate(sequence) else {
            // The loop's effects are unknown: every name it assigns is unknown after it.
            var probe = self
            _ = probe.execute(body)
            for name in probe.scope.keys where probe.scope[name] != scope[name] {
                scope[name] = .unknown("set in a loop over an unknown value at \(place(location)): \(sequence.firstUnknown ?? "")")
            }
            return true
        }
        for item in items {
            assign(item, to: target)
            switch runLoopBody(body) {
            case .next: continue
            case .broke: return true
            case .stopped: return false
            }
        }
        return execute(orElse)
    }

    private enum LoopStep { case next, broke, stopped }

    /// One pass of a loop's body: on to the next, out of the loop (`break`), or stopped.
    private mutating func runLoopBody(_ body: [Statement]) -> LoopStep {
        let finished = execute(body)
        if let exit = loopExit {
            loopExit = nil
            return exit == .breakLoop ? .broke : .next
        }
        return finished ? .next : .stopped
    }

    private mutating func executeWhile(_ test: Expression, _ body: [Statement], _ orElse: [Statement], at location: SourceLocation) -> Bool {
        while true {
            guard context.step(at: place(location)) else {
                stoppedBecause = stoppedBecause ?? context.exhausted
                return false
            }
            guard let holds = truth(evaluate(test)) else {
                stoppedBecause = "\(place(location)): a `while` loop whose condition is unknown (\(evaluate(test).firstUnknown ?? "")); nothing after it was read"
                return false
            }
            if !holds { return execute(orElse) }
            switch runLoopBody(body) {
            case .next: continue
            case .broke: return true
            case .stopped: return false
            }
        }
    }

    /// The items of a value a `for` or a comprehension walks; nil when unknown.
    func iterate(_ value: SettingsValue) -> [SettingsValue]? {
        switch value {
        case .list(let items), .tuple(let items): return items
        case .dict(let entries): return entries.map(\.key)
        case .string(let s): return s.map { .string(String($0)) }
        default: return nil
        }
    }

    // MARK: - Imports

    /// Whether `import name` succeeds: the project's module, a library, or the standard library.
    private mutating func importModule(_ name: String, at location: SourceLocation) -> Bool {
        if Self.isModelledLibrary(name) || StandardLibrary.contains(name) { return true }
        switch (try? context.loadModule(name)) ?? .library {
        case .project, .library: return true
        case .notFound: return false
        }
    }

    /// Modules whose names the evaluator knows itself, never read from disk.
    static func isModelledLibrary(_ module: String) -> Bool {
        let top = module.split(separator: ".").first.map(String.init) ?? module
        return ["os", "sys", "pathlib", "django", "dj_database_url", "environ", "decouple", "configurations", "split_settings",
                "importlib_metadata"].contains(top) || module == "importlib.metadata"
    }

    private mutating func importFrom(_ module: String?, names: [Alias], level: Int, at location: SourceLocation) -> Bool {
        let target = absoluteModule(module, level: level)
        if Self.isModelledLibrary(target) {
            for alias in names where alias.name != "*" { bind(alias.asName ?? alias.name, .module(target + "." + alias.name)) }
            return true
        }
        let lookup: ModuleLookup
        do throws(DjangoProjectError) {
            lookup = try context.loadModule(target)
        } catch {
            stoppedBecause = error.message
            return false
        }
        switch lookup {
        case .project(let loaded):
            for alias in names {
                if alias.name == "*" {
                    for (name, value) in loaded.scope where !name.hasPrefix("_") {
                        bind(name, value, influencedBy: loaded.influence[name] ?? [])
                    }
                } else if let value = loaded.scope[alias.name] {
                    bind(alias.asName ?? alias.name, value, influencedBy: loaded.influence[alias.name] ?? [])
                } else if let submodule = try? context.loadModule(target + "." + alias.name), case .project = submodule {
                    bind(alias.asName ?? alias.name, .module(target + "." + alias.name))
                } else {
                    bind(alias.asName ?? alias.name, .unknown("\(alias.name) is not defined in \(target) (\(place(location)))"))
                }
            }
        case .library:
            // `import *` from a library brings settings (nautobot_config.py starts with
            // `from nautobot.core.settings import *`): that module is evaluated as the project's.
            if names.contains(where: { $0.name == "*" }) {
                do throws(DjangoProjectError) {
                    if let loaded = try context.loadLibraryModule(target) {
                        for (name, value) in loaded.scope where !name.hasPrefix("_") {
                            bind(name, value, influencedBy: loaded.influence[name] ?? [])
                        }
                    }
                } catch {
                    stoppedBecause = error.message
                    return false
                }
            }
            // Other names of a library are not evaluated (it is not the project's code): unknown values.
            for alias in names where alias.name != "*" {
                bind(alias.asName ?? alias.name, .unknown("\(alias.name) from the library \(target), which is not evaluated (\(place(location)))"))
            }
        case .notFound:
            if StandardLibrary.contains(target) {
                for alias in names where alias.name != "*" {
                    bind(alias.asName ?? alias.name, .module(target + "." + alias.name))
                }
                return true
            }
            if names.contains(where: { $0.name == "*" }) {
                failedImport = true
                stoppedBecause = "\(place(location)): `from \(String(repeating: ".", count: level))\(module ?? "") import *` names \(target), which is not in the project or its virtualenv (pass --python with the project's interpreter if it is installed there); nothing after that line was read"
                return false
            }
            if level == 0, tryDepth == 0, !isProjectPackage(target) {
                // Found nowhere and nothing catches it: most likely a library this machine's
                // search path does not show (pass --python); its names are unknown, and reading
                // goes on rather than stopping at the first import.
                for alias in names where alias.name != "*" {
                    bind(alias.asName ?? alias.name, .unknown("\(alias.name) from \(target), which is not found (pass --python with the project's interpreter) (\(place(location)))"))
                }
                return true
            }
            return importFailed(target, at: location)
        }
        return true
    }

    /// Whether the top-level package of `module` is one of the project's own.
    private func isProjectPackage(_ module: String) -> Bool {
        let top = String(module.split(separator: ".").first ?? "")
        if case .project? = try? context.loadModule(top) { return true }
        return false
    }

    func absoluteModule(_ module: String?, level: Int) -> String {
        guard level > 0 else { return module ?? "" }
        var parts = moduleName.split(separator: ".").map(String.init)
        // A module's package is its name without the last part; a package's is itself.
        if !isPackage, !parts.isEmpty { parts.removeLast() }
        parts.removeLast(min(parts.count, level - 1))
        if let module { parts.append(module) }
        return parts.joined(separator: ".")
    }

    // MARK: - Definitions

    private func makeFunction(_ definition: FunctionDefinition) -> ProjectFunction {
        var defaults: [String: SettingsValue] = [:]
        let parameters = definition.arguments.positionalOnly + definition.arguments.args
        for (parameter, value) in zip(parameters.suffix(definition.arguments.defaults.count), definition.arguments.defaults) {
            defaults[parameter.name] = evaluate(value)
        }
        for (parameter, value) in zip(definition.arguments.keywordOnly, definition.arguments.keywordDefaults) {
            if let value { defaults[parameter.name] = evaluate(value) }
        }
        let isProperty = definition.decorators.contains { if case .name("property", _) = store[$0].kind { true } else { false } }
        return ProjectFunction(definition: definition, store: store, path: path, moduleName: moduleName, isPackage: isPackage,
                               defaults: defaults, isProperty: isProperty)
    }

    /// A class as a namespace of its attributes (django-configurations' settings classes): the
    /// body runs with the module's names; the bases' attributes come first.
    private mutating func classValue(_ definition: ClassDefinition, at location: SourceLocation) -> SettingsValue {
        var fields: [String: SettingsValue] = [:]
        var baseNames: [SettingsValue] = []
        for base in definition.bases {
            let value = evaluate(base)
            baseNames.append(value)
            if case .object("class", let inherited) = value {
                for (name, field) in inherited where name != "__bases__" && name != "__name__" { fields[name] = field }
            }
        }
        var body = self
        body.scope = scope
        let before = body.scope
        _ = body.execute(definition.body)
        for (name, value) in body.scope where before[name] != value { fields[name] = value }
        fields["__bases__"] = .tuple(baseNames)
        fields["__name__"] = .string(definition.name)
        return .object(type: "class", fields: fields)
    }

    // MARK: - Assignment

    /// Binds a name, keeping its pin, and notes what its value depends on.
    mutating func bind(_ name: String, _ value: SettingsValue, influencedBy extra: Set<Int> = []) {
        if !isFunctionBody, let pinned = context.pins[name] {
            scope[name] = pinned
            influence[name] = []
            return
        }
        scope[name] = value
        influence[name] = context.readInfluence.union(controlInfluence).union(extra)
    }

    mutating func assign(_ assigned: SettingsValue, to target: Expression) {
        // Bounded when stored, so no value in the scope is too deep or too large to walk.
        var budget = EvaluationContext.maximumElements
        var value = assigned.fits(depth: EvaluationContext.maximumDepth, budget: &budget) ? assigned
            : .unknown("a value nested more than \(EvaluationContext.maximumDepth) deep or of more than \(EvaluationContext.maximumElements) parts at \(place(store[target].location))")
        switch store[target].kind {
        case .name(let id, _):
            if id == "DEBUG", !isFunctionBody, context.pins[id] == nil, let why = value.firstUnknown, value.isUnknown {
                // The branch a production deploy takes: Django's own default.
                let number = context.nextAssumption
                context.nextAssumption += 1
                assumptions[number] = SettingsAssumption(name: "DEBUG", path: path, line: store[target].location.line,
                                                         assumed: "DEBUG = False (as in production)", why: why,
                                                         pin: SettingsAssumption.pin(for: "DEBUG"))
                value = .bool(false)
                context.readInfluence.insert(number)
            }
            bind(id, value)
        case .subscript(let container, let key, _):
            // `DATABASES["default"]["NAME"] = …`: rebuild the nested dictionaries along the path.
            var path: [SettingsValue] = [evaluate(key)]
            var root = container
            while case .subscript(let inner, let innerKey, _) = store[root].kind {
                path.insert(evaluate(innerKey), at: 0)
                root = inner
            }
            if case .call(let function, _, _) = store[root].kind, case .name(let builtin, _) = store[function].kind,
               builtin == "globals" || builtin == "locals", scope[builtin] == nil, path.count == 1 {
                // `globals()[name] = value`: a module name set by its text.
                if let name = path[0].text { bind(name, value) }
                return
            }
            guard case .name(let id, _) = store[root].kind, let current = scope[id] else { return }
            let previous = influence[id] ?? []
            bind(id, updating(current, at: path[...], with: value), influencedBy: previous)
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

    /// `X.append(v)`, `X.extend(v)`, `X.insert(i, v)`, `X.remove(v)`, `D.update({…})`,
    /// `D.setdefault(k, v)` on a name; any other call is evaluated for what it returns.
    private mutating func mutateInPlace(_ expression: Expression) {
        if case .call(let function, let args, _) = store[expression].kind, evaluate(function) == .module("split_settings.tools.include") {
            includeFiles(evaluateElements(args), at: store[expression].location)
            return
        }
        guard case .call(let function, let args, let keywords) = store[expression].kind,
              case .attribute(let receiver, let method, _) = store[function].kind else {
            _ = evaluate(expression)
            return
        }
        let arguments = store[args].map { evaluate($0) }
        let current = evaluate(receiver)
        if current == .module("builtins.globals()"), method == "update" {
            // `locals().update({...})` at module level: each key becomes a name.
            guard case .dict(let entries)? = arguments.first else {
                stoppedBecause = stoppedBecause ?? "\(place(store[expression].location)): names set through \(render(receiver)).update() with an unknown mapping (\(arguments.first?.firstUnknown ?? "")); nothing after it was read"
                return
            }
            for entry in entries { if let name = entry.key.text { bind(name, entry.value) } }
            return
        }
        if current == .module("sys.path"), method == "append" || method == "insert", let added = arguments.last?.text {
            context.sysPathAdditions.append(normalise(added))
            return
        }
        let previous: Set<Int>
        if case .name(let id, _) = store[receiver].kind { previous = influence[id] ?? [] } else { previous = [] }
        var updated: SettingsValue?
        switch (method, current) {
        case ("append", .list(let items)) where arguments.count == 1: updated = .list(items + arguments)
        case ("extend", .list(let items)) where arguments.count == 1:
            updated = iterate(arguments[0]).map { .list(items + $0) } ?? .unknown("extended with \(arguments[0])")
        case ("insert", .list(var items)) where arguments.count == 2:
            if case .int(let i) = arguments[0] {
                items.insert(arguments[1], at: i < 0 ? max(0, items.count + i) : min(i, items.count))
                updated = .list(items)
            }
        case ("remove", .list(var items)) where arguments.count == 1:
            if let i = items.firstIndex(of: arguments[0]) { items.remove(at: i) }
            updated = .list(items)
        case ("update", .dict(let entries)) where arguments.count <= 1:
            var more: [(key: SettingsValue, value: SettingsValue)] = []
            if let first = arguments.first {
                guard case .dict(let given) = first else { updated = .unknown("updated with \(first)"); break }
                more = given
            }
            for keyword in store[keywords] { if let name = keyword.name { more.append((.string(name), evaluate(keyword.value))) } }
            updated = .dict(merged(entries, more))
        case ("setdefault", .dict(var entries)) where arguments.count == 2:
            if !entries.contains(where: { $0.key == arguments[0] }) { entries.append((arguments[0], arguments[1])) }
            updated = .dict(entries)
        case (_, .unknown):
            break
        default:
            _ = evaluate(expression)
        }
        if let updated { assign(updated, to: receiver, keeping: previous) }
    }

    /// django-split-settings' `include("components/*.py", optional("local.py"))`: each file
    /// (globs in name order, relative to this module's directory) runs in this module's names.
    private mutating func includeFiles(_ patterns: [SettingsValue], at location: SourceLocation) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for pattern in patterns {
            var optional = false
            var text = pattern.text
            if case .object("split_settings.optional", let fields) = pattern { optional = true; text = fields["path"]?.text }
            guard let relative = text else {
                stoppedBecause = "\(place(location)): include() of an unknown file (\(pattern.firstUnknown ?? "")); nothing after it was read"
                return
            }
            // Only the project's own files: one elsewhere differs from machine to machine.
            let root = context.projectRoot.map { $0 + "/" }
            let files = Glob.files(matching: relative.hasPrefix("/") ? relative : directory + "/" + relative)
                .filter { file in root.map { normalise(file).hasPrefix($0) } ?? true }
            if files.isEmpty && !optional {
                stoppedBecause = "\(place(location)): include() found no file for \(relative) (split_settings raises here); nothing after it was read"
                return
            }
            for file in files {
                let module: Module
                do throws(DjangoProjectError) { module = try parse(file) } catch {
                    stoppedBecause = error.message
                    return
                }
                let (savedStore, savedPath, savedScopeFile) = (store, path, scope["__file__"])
                (store, path) = (module.expressions, file)
                scope["__file__"] = .path(file)
                let finished = execute(module.body)
                (store, path) = (savedStore, savedPath)
                scope["__file__"] = savedScopeFile
                if !finished { return }
            }
        }
    }

    private mutating func assign(_ value: SettingsValue, to target: Expression, keeping previous: Set<Int>) {
        context.readInfluence.formUnion(previous)
        assign(value, to: target)
    }

    /// Pin the unknown name itself when it is one; else the setting the branch decides.
    private func pinAdvice(for name: String, deciding setting: String?) -> String {
        if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return SettingsAssumption.pin(for: name) }
        return SettingsAssumption.pin(for: setting ?? "NAME")
    }
}

/// Top-level modules of CPython 3.11's standard library that settings import (`sys.stdlib_module_names`, the usual part).
enum StandardLibrary {
    static let names: Set<String> = [
        "__future__", "abc", "argparse", "ast", "base64", "collections", "configparser", "contextlib", "copy", "csv", "datetime",
        "decimal", "enum", "functools", "glob", "hashlib", "importlib", "inspect", "io", "ipaddress", "itertools",
        "json", "logging", "math", "mimetypes", "os", "pathlib", "platform", "re", "secrets", "shutil", "socket",
        "ssl", "string", "subprocess", "sys", "tempfile", "time", "tomllib", "types", "typing", "urllib", "uuid",
        "warnings", "zoneinfo", "email", "locale", "random", "struct", "textwrap", "threading", "traceback",
    ]

    static func contains(_ module: String) -> Bool {
        names.contains(module.split(separator: ".").first.map(String.init) ?? module)
    }
}
