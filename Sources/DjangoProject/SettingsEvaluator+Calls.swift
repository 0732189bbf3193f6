import Foundation
import PythonSyntax

/// Python's builtins the evaluator knows by name.
enum Builtins {
    static let functions: Set<String> = [
        "str", "int", "bool", "list", "tuple", "dict", "set", "frozenset", "len", "sorted", "reversed", "min", "max",
        "isinstance", "getattr", "hasattr", "any", "all", "enumerate", "zip", "range", "print", "repr", "open", "globals", "locals",
        "dir", "ImportError", "ModuleNotFoundError", "Exception", "KeyError", "ValueError",
    ]

    static func value(_ name: String) -> SettingsValue? {
        functions.contains(name) ? .module("builtins." + name) : nil
    }
}

extension SettingsEvaluator {
    func attribute(_ base: SettingsValue, _ name: String, at here: String) -> SettingsValue {
        switch base {
        case .module("sys") where name == "argv": return context.argv
        case .module("django.db.connection") where context.vendor != nil:
            if name == "vendor" { return .string(context.vendor!) }
            if name == "mysql_is_mariadb", context.vendor != "mysql" { return .bool(false) }
            return .unknown("connection.\(name) of the target database (\(here))")
        case .module("django.conf.settings") where context.settings != nil:
            if name == "AUTH_USER_MODEL", context.settings?[name] == nil { return .string("auth.User") }
            return context.settings?[name] ?? .unknown("the setting \(name) is not set in the settings (\(here))")
        case .module("django") where name == "VERSION", .module("django.VERSION") where name.isEmpty: return context.djangoVersion
        case .module(let module):
            return moduleAttribute(module, name, at: here)
        case .path(let p):
            switch name {
            case "parent": return .path(parentPath(p))
            case "name": return .string(URL(fileURLWithPath: p).lastPathComponent)
            case "stem": return .string(URL(fileURLWithPath: p).deletingPathExtension().lastPathComponent)
            case "parents": return .list(parents(of: p))
            default: return .module("path." + name + "|" + p)
            }
        case .object("class", let fields):
            if let value = fields[name] {
                if case .function(let function) = value, function.isProperty {
                    return callFunction(function, arguments: [base], keywords: [:], at: here)
                }
                if case .object("configurations.Value", let declared) = value {
                    return LibraryModels.configurationsValue(name, declared, environment: context.environment, at: here)
                }
                return value
            }
            return .unknown("\(fields["__name__"]?.text ?? "the class").\(name) is not set (\(here))")
        case .object(let type, let fields):
            return .module("object." + type + "." + name + "|" + String(describing: fields.count))
        case .dict, .list, .tuple, .string: return .module("value." + name)
        case .unknown: return base
        default: return .unknown("attribute \(name) of \(base) at \(here)")
        }
    }

    /// An attribute of a module: a name the project's module defines (or its submodule); the
    /// modelled libraries' and the standard library's functions by dotted name; a library's unknown.
    private func moduleAttribute(_ module: String, _ name: String, at here: String) -> SettingsValue {
        let top = String(module.split(separator: ".").first ?? "")
        if Self.isModelledLibrary(module) || StandardLibrary.contains(module)
            || ["builtins", "value", "object", "path"].contains(top) || module.hasPrefix("builtins.") {
            return .module(module + "." + name)
        }
        switch (try? context.loadModule(module)) ?? .notFound {
        case .project(let loaded):
            if let value = loaded.scope[name] {
                context.readInfluence.formUnion(loaded.influence[name] ?? [])
                return value
            }
            if case .project? = try? context.loadModule(module + "." + name) { return .module(module + "." + name) }
            if case .function(let hook)? = loaded.scope["__getattr__"] {
                // PEP 562: the module's own `__getattr__` answers for names it does not define.
                return callFunction(hook, arguments: [.string(name)], keywords: [:], at: here)
            }
            return .unknown("module \(module) has no attribute \(name) (\(here))")
        case .library:
            return .unknown("\(module).\(name) from a library, which is not evaluated (\(here))")
        case .notFound:
            return .module(module + "." + name)
        }
    }

    private func parents(of p: String) -> [SettingsValue] {
        var result: [SettingsValue] = []
        var current = normalise(p)
        while current != "/" {
            current = parentPath(current)
            result.append(.path(current))
        }
        return result
    }

    func call(_ function: Expression, arguments: [SettingsValue], keywords: [String: SettingsValue], at here: String,
              argumentExpressions: [Expression] = []) -> SettingsValue {
        guard context.step(at: here) else { return .unknown(context.exhausted ?? "") }
        // Methods: evaluated on their receiver's value, which is evaluated once for both uses.
        let callee: SettingsValue
        if case .attribute(let receiverExpression, let methodName, _) = store[function].kind {
            let receiver = evaluate(receiverExpression)
            if let result = method(of: receiver, methodName, arguments: arguments, keywords: keywords, at: here) { return result }
            callee = attribute(receiver, methodName, at: place(store[function].location))
        } else {
            callee = evaluate(function)
        }
        switch callee {
        case .function(let projectFunction):
            return callFunction(projectFunction, arguments: arguments, keywords: keywords, at: here)
        case .object("class", let fields):
            // An instance reads its class's attributes (what `__init__` sets on it is not followed).
            return .object(type: "class", fields: fields)
        case .object(let type, let fields):
            return LibraryModels.method(type: type, fields: fields, "__call__", arguments: arguments, keywords: keywords,
                                        environment: context.environment, at: here) ?? .unknown("a call of a \(type) object at \(here)")
        case .module(let name) where name.hasSuffix("swappable_dependency"):
            // Django: (the model's app label, "__first__"); an unknown model is resolved later
            // through the model that declares itself swappable by that setting.
            guard let model = arguments.first?.text, let dot = model.firstIndex(of: ".") else {
                let setting = argumentExpressions.first.flatMap(settingName) ?? ""
                return .object(type: "swappable", fields: ["setting": .string(setting), "why": .string(arguments.first?.firstUnknown ?? "not a model name")])
            }
            return .tuple([.string(String(model[..<dot])), .string("__first__")])
        case .module(let name):
            return library(name, arguments: arguments, keywords: keywords, at: here)
        case .unknown(let why):
            return .unknown(why)
        default:
            return .unknown("a call of \(callee) at \(here)")
        }
    }

    /// Calls a function of the project: its body runs with its module's names and the
    /// arguments, bounded in depth and steps; what it returns is the value.
    func callFunction(_ function: ProjectFunction, arguments: [SettingsValue], keywords: [String: SettingsValue], at here: String) -> SettingsValue {
        guard context.depth < EvaluationContext.maximumDepth / 4 else {
            return .unknown("calls nested more than \(EvaluationContext.maximumDepth / 4) deep at \(here)")
        }
        let globals: ModuleNames
        if function.moduleName == moduleName && !isFunctionBody {
            globals = names
        } else {
            globals = context.moduleNames(function.moduleName) ?? names
        }
        var body = SettingsEvaluator(function: function, globals: globals, context: context)
        let parameters = function.definition.arguments
        let positional = parameters.positionalOnly + parameters.args
        var remaining = arguments[...]
        for parameter in positional {
            if let value = remaining.popFirst() {
                body.scope[parameter.name] = value
            } else if let value = keywords[parameter.name] ?? function.defaults[parameter.name] {
                body.scope[parameter.name] = value
            } else {
                return .unknown("\(function.definition.name)() is missing the argument \(parameter.name) at \(here)")
            }
        }
        if let vararg = parameters.vararg { body.scope[vararg.name] = .tuple(Array(remaining)) } else if !remaining.isEmpty {
            return .unknown("\(function.definition.name)() given too many arguments at \(here)")
        }
        for parameter in parameters.keywordOnly {
            guard let value = keywords[parameter.name] ?? function.defaults[parameter.name] else {
                return .unknown("\(function.definition.name)() is missing the argument \(parameter.name) at \(here)")
            }
            body.scope[parameter.name] = value
        }
        if let kwarg = parameters.kwarg {
            let known = Set((positional + parameters.keywordOnly).map(\.name))
            body.scope[kwarg.name] = .dict(keywords.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) })
        }
        for name in body.scope.keys where globals.scope[name] == nil || positional.contains(where: { $0.name == name }) {
            body.influence[name] = []
        }
        context.depth += 10
        defer { context.depth -= 10 }
        body.run(function.definition.body)
        if let stopped = body.stoppedBecause, body.returned == nil {
            return .unknown("\(function.definition.name)() at \(here) did not finish: \(stopped)")
        }
        context.readInfluence.formUnion(body.controlInfluence)
        return body.returned ?? .none
    }

    /// A method of a known value (`str`, `list`, `dict`, paths, library objects); nil when the
    /// receiver is not one whose methods are modelled.
    private func method(of receiver: SettingsValue, _ name: String, arguments: [SettingsValue], keywords: [String: SettingsValue], at here: String) -> SettingsValue? {
        let first = arguments.first
        switch receiver {
        case .string(let s):
            switch name {
            case "lower": return .string(s.lowercased())
            case "upper": return .string(s.uppercased())
            case "strip", "lstrip", "rstrip":
                let characters = first?.text.map { Set($0) } ?? Set(" \t\n\r\u{0B}\u{0C}")
                var text = Substring(s)
                if name != "rstrip" { text = text.drop { characters.contains($0) } }
                if name != "lstrip" { while let last = text.last, characters.contains(last) { text = text.dropLast() } }
                return .string(String(text))
            case "split":
                if let separator = first?.text, !separator.isEmpty {
                    return .list(s.components(separatedBy: separator).map(SettingsValue.string))
                }
                return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
            case "startswith", "endswith":
                let candidates = first?.text.map { [$0] } ?? first?.elements?.compactMap(\.text)
                guard let candidates else { return first?.unknownOr("\(name) at \(here)") }
                return .bool(candidates.contains { name == "startswith" ? s.hasPrefix($0) : s.hasSuffix($0) })
            case "replace":
                guard arguments.count == 2, let old = arguments[0].text, let new = arguments[1].text, !old.isEmpty else { return nil }
                return .string(s.replacingOccurrences(of: old, with: new))
            case "join":
                guard let items = first.flatMap(iterate) else { return first?.unknownOr("join at \(here)") }
                let texts = items.compactMap(\.text)
                guard texts.count == items.count else { return items.first(where: \.isUnknown) ?? .unknown("join of non-strings at \(here)") }
                return .string(texts.joined(separator: s))
            case "format":
                return format(s, arguments: arguments, keywords: keywords, at: here)
            case "isdigit": return .bool(!s.isEmpty && s.allSatisfy(\.isNumber))
            case "isupper": return .bool(s.contains(where: \.isLetter) && !s.contains(where: \.isLowercase))
            case "islower": return .bool(s.contains(where: \.isLetter) && !s.contains(where: \.isUppercase))
            case "title", "capitalize": return .string(s.capitalized)
            case "encode", "decode": return .string(s)
            default: return nil
            }
        case .list(let items), .tuple(let items):
            switch name {
            case "index": return first.flatMap { items.firstIndex(of: $0) }.map(SettingsValue.int)
            case "count": return first.map { needle in .int(items.filter { $0 == needle }.count) }
            case "copy": return receiver
            default: return nil
            }
        case .dict(let entries):
            switch name {
            case "get":
                guard let key = first else { return nil }
                if let why = key.firstUnknown { return .unknown(why) }
                return entries.last(where: { $0.key == key })?.value ?? (arguments.count > 1 ? arguments[1] : .none)
            case "keys": return .list(entries.map(\.key))
            case "values": return .list(entries.map(\.value))
            case "items": return .list(entries.map { .tuple([$0.key, $0.value]) })
            case "copy": return receiver
            default: return nil
            }
        case .object("file", let fields):
            guard name == "read", let path = fields["path"]?.text else { return nil }
            return context.readProjectFile(path).map(SettingsValue.string) ?? .unknown("\(path) is not a file of the project (\(here))")
        case .object(let type, let fields):
            if type == "environ.Env", name == "read_env" { return readDotEnv(arguments.first ?? keywords["env_file"], at: here) }
            return LibraryModels.method(type: type, fields: fields, name, arguments: arguments, keywords: keywords,
                                        environment: context.environment, at: here)
        case .module("builtins.globals()"):
            switch name {
            case "get":
                guard let key = first?.text else { return nil }
                return scope[key] ?? (arguments.count > 1 ? arguments[1] : .none)
            case "keys": return .list(scope.keys.sorted().map(SettingsValue.string))
            default: return nil
            }
        case .module("environ.Env"), .module("environ.environ.Env"):
            return name == "read_env" ? readDotEnv(arguments.first ?? keywords["env_file"], at: here) : nil
        default:
            return nil
        }
    }

    /// `read_env(path)`: the project's `.env` file into the environment (what is set wins); the
    /// file beside the settings when no path is given.
    private func readDotEnv(_ given: SettingsValue?, at here: String) -> SettingsValue {
        let file = given?.text ?? URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".env").path
        _ = context.loadDotEnv(file)
        return .none
    }

    private func format(_ template: String, arguments: [SettingsValue], keywords: [String: SettingsValue], at here: String) -> SettingsValue {
        var result = ""
        var index = 0
        var characters = template.makeIterator()
        while let c = characters.next() {
            if c == "{" {
                var field = ""
                while let d = characters.next(), d != "}" { field.append(d) }
                if field == "{" { result.append("{"); continue }
                let value: SettingsValue?
                if field.isEmpty { value = index < arguments.count ? arguments[index] : nil; index += 1 } else if let i = Int(field) {
                    value = i < arguments.count ? arguments[i] : nil
                } else {
                    value = keywords[field]
                }
                guard let shown = value?.asPythonString else { return value?.unknownOr("str.format at \(here)") ?? .unknown("str.format at \(here)") }
                result += shown
            } else {
                result.append(c)
            }
        }
        return .string(result)
    }

    /// Functions of Python, its standard library and the settings libraries, by dotted name.
    private func library(_ name: String, arguments: [SettingsValue], keywords: [String: SettingsValue], at here: String) -> SettingsValue {
        // Methods of a path: `Path(...).resolve()`, `.joinpath(...)`.
        if name.hasPrefix("path.") {
            let parts = name.dropFirst(5).split(separator: "|", maxSplits: 1).map(String.init)
            let (method, p) = (parts[0], parts.count > 1 ? parts[1] : "")
            switch method {
            case "resolve", "absolute", "expanduser": return .path(normalise(p))
            case "joinpath": return .path(arguments.compactMap(\.text).reduce(p, joinPath))
            case "exists", "is_file", "is_dir":
                let directory: Bool? = method == "exists" ? nil : method == "is_dir"
                return context.projectPathExists(normalise(p), directory: directory).map(SettingsValue.bool)
                    ?? .unknown("Path(\(p)).\(method)() looks outside the project at \(here)")
            case "read_text":
                return context.readProjectFile(normalise(p)).map(SettingsValue.string) ?? .unknown("\(p) is not a file of the project (\(here))")
            case "open":
                return .object(type: "file", fields: ["path": .string(normalise(p))])
            default: return .unknown("Path.\(method)() at \(here)")
            }
        }
        if let unknown = arguments.first(where: \.isUnknown), !Self.acceptsUnknownArguments(name) { return unknown }
        let first = arguments.first
        switch name {
        case "builtins.str":
            return first.map { $0.asPythonString.map(SettingsValue.string) ?? .unknown("str() of \($0) at \(here)") } ?? .string("")
        case "builtins.int":
            switch first {
            case .int?: return first!
            case .bool(let b)?: return .int(b ? 1 : 0)
            case .string(let s)?: return Int(s.trimmingCharacters(in: .whitespaces)).map(SettingsValue.int) ?? .unknown("int(\(s)) at \(here)")
            default: return .unknown("int() at \(here)")
            }
        case "builtins.bool":
            return first.map { truth($0).map(SettingsValue.bool) ?? $0 } ?? .bool(false)
        case "builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.sorted", "builtins.reversed":
            guard let value = first else { return name == "builtins.tuple" ? .tuple([]) : .list([]) }
            guard var items = iterate(value) else { return value.unknownOr("\(name.dropFirst(9))() at \(here)") }
            if name == "builtins.set" || name == "builtins.frozenset" { items = unique(items) }
            if name == "builtins.reversed" { items.reverse() }
            if name == "builtins.sorted" {
                guard items.allSatisfy({ $0.text != nil }) else { return .unknown("sorted() of non-strings at \(here)") }
                items.sort { $0.text! < $1.text! }
                if keywords["reverse"] == .bool(true) { items.reverse() }
            }
            return name == "builtins.tuple" ? .tuple(items) : .list(items)
        case "builtins.dict":
            var entries: [(key: SettingsValue, value: SettingsValue)] = []
            if let value = first {
                guard case .dict(let given) = value else { return .unknown("dict() at \(here)") }
                entries = given
            }
            return .dict(merged(entries, keywords.sorted(by: { $0.key < $1.key }).map { (.string($0.key), $0.value) }))
        case "builtins.len":
            if let items = first.flatMap(iterate) { return .int(items.count) }
            return .unknown("len() at \(here)")
        case "builtins.any", "builtins.all":
            guard let items = first.flatMap(iterate) else { return .unknown("\(name.dropFirst(9))() at \(here)") }
            let truths = items.map(truth)
            if truths.contains(where: { $0 == nil }) { return .unknown("\(name.dropFirst(9))() of unknown values at \(here)") }
            return .bool(name == "builtins.any" ? truths.contains(true) : truths.allSatisfy { $0 == true })
        case "builtins.enumerate":
            guard let items = first.flatMap(iterate) else { return .unknown("enumerate() at \(here)") }
            return .list(items.enumerated().map { .tuple([.int($0.offset), $0.element]) })
        case "builtins.zip":
            let lists = arguments.compactMap(iterate)
            guard lists.count == arguments.count, let shortest = lists.map(\.count).min() else { return .unknown("zip() at \(here)") }
            return .list((0..<shortest).map { i in .tuple(lists.map { $0[i] }) })
        case "builtins.range":
            let bounds = arguments.compactMap { if case .int(let i) = $0 { i } else { nil } }
            guard bounds.count == arguments.count, (1...2).contains(bounds.count) else { return .unknown("range() at \(here)") }
            let (low, high) = bounds.count == 1 ? (0, bounds[0]) : (bounds[0], bounds[1])
            guard high - low <= EvaluationContext.maximumElements else { return tooLarge(at: here) }
            return .list(low < high ? (low..<high).map(SettingsValue.int) : [])
        case "builtins.min", "builtins.max":
            return .unknown("\(name.dropFirst(9))() at \(here)")
        case "builtins.isinstance":
            guard arguments.count == 2, case .module(let type) = arguments[1] else { return .unknown("isinstance() at \(here)") }
            switch (arguments[0], type) {
            case (.string, "builtins.str"), (.int, "builtins.int"), (.bool, "builtins.bool"), (.bool, "builtins.int"),
                 (.list, "builtins.list"), (.tuple, "builtins.tuple"), (.dict, "builtins.dict"): return .bool(true)
            case (.unknown, _): return arguments[0]
            default: return .bool(false)
            }
        case "builtins.getattr", "builtins.hasattr":
            guard arguments.count >= 2, let attributeName = arguments[1].text else { return .unknown("\(name.dropFirst(9))() at \(here)") }
            let value = attribute(arguments[0], attributeName, at: here)
            if name == "builtins.hasattr" { return value.isUnknown ? value : .bool(true) }
            if value.isUnknown, arguments.count > 2 { return arguments[2] }
            return value
        case "builtins.print": return .none
        case "builtins.dir":
            if case .module(let module)? = first, case .project(let loaded)? = try? context.loadModule(module) {
                return .list(loaded.scope.keys.sorted().map(SettingsValue.string))
            }
            return .unknown("dir() at \(here)")
        case "builtins.dict.fromkeys":
            guard let items = first.flatMap(iterate) else { return .unknown("dict.fromkeys() at \(here)") }
            return .dict(merged([], items.map { ($0, arguments.count > 1 ? arguments[1] : .none) }))
        case "builtins.open":
            guard let path = first?.text else { return .unknown("open() at \(here)") }
            let absolute = normalise(path)
            guard context.readProjectFile(absolute) != nil else { return .unknown("open(\(path)): not a file of the project (\(here))") }
            return .object(type: "file", fields: ["path": .string(absolute)])
        case "json.load", "json.loads":
            var text = first?.text
            if case .object("file", let fields)? = first, let path = fields["path"]?.text { text = context.readProjectFile(path) }
            guard let text, let data = text.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                return .unknown("\(name)() at \(here)")
            }
            return SettingsValue(json: object)
        case "importlib.import_module":
            guard let module = first?.text else { return .unknown("import_module() at \(here)") }
            if case .project? = try? context.loadModule(module) { return .module(module) }
            return .unknown("import_module(\(module)): not a module of the project (\(here))")
        case "builtins.globals", "builtins.locals":
            return isFunctionBody ? .unknown("\(name.dropFirst(9))() in a function at \(here)") : .module("builtins.globals()")
        case "builtins.repr": return first.map { .string($0.description) } ?? .unknown("repr() at \(here)")
        case "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath":
            guard let text = first?.text else { return first.flatMap { $0.isUnknown ? $0 : nil } ?? .path(".") }
            return .path(arguments.dropFirst().compactMap(\.text).reduce(text, joinPath))
        case "os.path.join":
            guard arguments.allSatisfy({ $0.text != nil }), let head = first?.text else {
                return .unknown("os.path.join at \(here)")
            }
            return .path(arguments.dropFirst().compactMap(\.text).reduce(head, joinPath))
        case "os.path.dirname":
            return first?.text.map { .path(parentPath($0)) } ?? .unknown("dirname at \(here)")
        case "os.path.basename":
            return first?.text.map { .string(URL(fileURLWithPath: $0).lastPathComponent) } ?? .unknown("basename at \(here)")
        case "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.expanduser":
            return first?.text.map { .path(normalise($0)) } ?? .unknown("\(name) at \(here)")
        case "os.path.exists", "os.path.isfile", "os.path.isdir":
            guard let path = first?.text else { return .unknown("\(name)() at \(here)") }
            let directory: Bool? = name == "os.path.exists" ? nil : name == "os.path.isdir"
            return context.projectPathExists(normalise(path), directory: directory).map(SettingsValue.bool)
                ?? .unknown("\(name)(\(path)) looks outside the project at \(here)")
        case "os.environ.get", "os.getenv":
            guard case .string(let variable)? = first else { return .unknown("an environment lookup at \(here)") }
            if let value = context.environment[variable] { return .string(value) }
            return arguments.count > 1 ? arguments[1] : (keywords["default"] ?? .none)
        case "os.environ.setdefault":
            guard case .string(let variable)? = first else { return .unknown("an environment lookup at \(here)") }
            return context.environment[variable].map(SettingsValue.string) ?? (arguments.count > 1 ? arguments[1] : .none)
        case "django.apps.apps.is_installed":
            guard let apps = context.installedApps, let app = first?.text else { return .unknown("apps.is_installed() at \(here)") }
            return .bool(apps.contains(app))
        case "importlib.metadata.entry_points", "importlib_metadata.entry_points":
            guard let group = keywords["group"]?.text else { return .unknown("\(name)() without group= at \(here)") }
            return .list(context.entryPoints(group))
        case "decouple.config", "decouple.AutoConfig.__call__":
            loadDecoupleFiles()
            return LibraryModels.call(name, arguments: arguments, keywords: keywords, environment: context.environment, at: here)
                ?? .unknown("\(name) at \(here)")
        default:
            if let modelled = LibraryModels.call(name, arguments: arguments, keywords: keywords, environment: context.environment, at: here) {
                return modelled
            }
            if name.hasPrefix("value.") { return .unknown("a method call (\(name.dropFirst(6))) at \(here)") }
            return .unknown("a call to \(name) at \(here)")
        }
    }

    /// decouple's AutoConfig: the first `settings.ini` or `.env` from the settings' directory up
    /// to the project root supplies what the environment does not (only `.env` is read here).
    private func loadDecoupleFiles() {
        guard let root = context.projectRoot else { return }
        var directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        while directory.hasPrefix(root) {
            if context.loadDotEnv(directory + "/.env") { return }
            if directory == root { return }
            directory = URL(fileURLWithPath: directory).deletingLastPathComponent().path
        }
    }

    /// The setting an expression reads: `settings.X`, `getattr(settings, "X", …)`.
    func settingName(_ expression: Expression) -> String? {
        switch store[expression].kind {
        case .attribute(_, let name, _): return name
        case .call(let function, let args, _):
            guard case .name("getattr", _) = store[function].kind, store[args].count >= 2,
                  case .constant(.string(let bytes), _) = store[store[args][store[args].startIndex + 1]].kind else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case .name(let id, _): return id
        default: return nil
        }
    }

    /// Calls whose unknown arguments do not make the result unknown by themselves.
    private static func acceptsUnknownArguments(_ name: String) -> Bool {
        ["builtins.getattr", "builtins.hasattr", "builtins.isinstance", "os.environ.get", "os.getenv", "builtins.print", "builtins.repr"].contains(name)
            || name.hasPrefix("environ.") || name.hasPrefix("decouple.") || name.hasPrefix("object.")
    }
}
