import Foundation
import PythonSyntax
import RunInputs

/// The settings that decide which migrations exist and where they are applied, read statically.
public struct DjangoSettings: Sendable {
    /// The dotted name of the settings module, and how it was chosen.
    public var module: String
    public var moduleSource: String
    public var file: String
    /// Every top-level name of the module after it ran (star imports included).
    public var values: [String: SettingsValue]
    /// Where reading the settings (or a module they star-import) stopped early, and why.
    public var stops: [String] = []
    /// What was assumed where a value was unknown, for the settings the check reads.
    public var assumptions: [SettingsAssumption] = []
    /// The settings whose values decide the plan: an assumption is said when it reaches one.
    public static func readByTheCheck(_ name: String) -> Bool {
        ["INSTALLED_APPS", "MIGRATION_MODULES", "AUTH_USER_MODEL", "DATABASES", "DATABASE_ROUTERS"].contains(name) || name.hasSuffix("_MODEL")
    }

    public init(module: String, moduleSource: String, file: String, values: [String: SettingsValue], stops: [String] = []) {
        self.module = module
        self.moduleSource = moduleSource
        self.file = file
        self.values = values
        self.stops = stops
    }

    /// A setting that is not set: said with where reading stopped, when it did.
    public func notSet(_ name: String) -> DjangoProjectError {
        DjangoProjectError("\(file): \(name) is not set in \(module)" + (stops.isEmpty ? "" : "; reading stopped at " + stops.joined(separator: "; and at ")))
    }

    public func installedApps() throws(DjangoProjectError) -> [String] {
        guard let value = values["INSTALLED_APPS"] else { throw notSet("INSTALLED_APPS") }
        if let why = value.firstUnknown {
            throw DjangoProjectError("\(file): INSTALLED_APPS cannot be read statically: \(why); pin it with \(SettingsAssumption.pin(for: "INSTALLED_APPS")), or set what it reads in the environment")
        }
        guard let items = value.elements else { throw DjangoProjectError("\(file): INSTALLED_APPS is not a list") }
        return items.compactMap(\.text)
    }

    /// `MIGRATION_MODULES`: label → module, nil for "no migrations".
    public func migrationModules() throws(DjangoProjectError) -> [String: String?] {
        guard let value = values["MIGRATION_MODULES"] else { return [:] }
        if let why = value.firstUnknown {
            throw DjangoProjectError("\(file): MIGRATION_MODULES cannot be read statically: \(why); pin it with \(SettingsAssumption.pin(for: "MIGRATION_MODULES"))")
        }
        guard case .dict(let entries) = value else { throw DjangoProjectError("\(file): MIGRATION_MODULES is not a dict") }
        var modules: [String: String?] = [:]
        for entry in entries {
            guard let label = entry.key.text else { continue }
            modules[label] = entry.value == .none ? .some(nil) : .some(entry.value.text)
        }
        return modules
    }

    /// `AUTH_USER_MODEL`, default `auth.User`.
    public func authUserModel() throws(DjangoProjectError) -> String {
        guard let value = values["AUTH_USER_MODEL"] else { return "auth.User" }
        guard let text = value.text else {
            throw DjangoProjectError("\(file): AUTH_USER_MODEL cannot be read statically: \(value.firstUnknown ?? value.description); pin it with \(SettingsAssumption.pin(for: "AUTH_USER_MODEL"))")
        }
        return text
    }

    /// `DATABASES[alias]`, as read.
    public func database(_ alias: String) -> SettingsValue? {
        values["DATABASES"]?[alias]
    }

    public func hasDatabase(_ alias: String) -> Bool {
        guard case .dict(let entries)? = values["DATABASES"] else { return false }
        return entries.contains { $0.key == .string(alias) }
    }
}

/// Reads settings modules: the project's own modules are evaluated (and cached), a module of the
/// virtualenv is a library whose names are unknown, one found nowhere is an ImportError.
final class SettingsLoader {
    let finder: PythonModuleFinder
    let context: EvaluationContext
    /// Top-level packages of the virtualenv evaluated as the project's are (a third-party
    /// migration reading its own app's settings module).
    var evaluatedPackages: Set<String> = []
    private var cache: [String: ModuleNames] = [:]
    private var loading: Set<String> = []
    /// Every module that stopped early, in the order they were read.
    private(set) var stops: [String] = []
    /// Every assumption made while reading, by number.
    private(set) var assumptions: [Int: SettingsAssumption] = [:]

    init(finder: PythonModuleFinder, environment: [String: String], pins: [String: SettingsValue], projectRoot: String? = nil) {
        self.finder = finder
        self.context = EvaluationContext(environment: environment, pins: pins,
                                         djangoVersion: Self.djangoVersion(finder: finder))
        context.projectRoot = projectRoot
        context.loadModule = { [unowned self] name throws(DjangoProjectError) in try self.lookup(name) }
        context.loadLibraryModule = { [unowned self] name throws(DjangoProjectError) in try self.load(name) }
        let roots = finder.searchRoots.filter { !finder.projectRoots.contains($0) }
        context.entryPoints = { group in EntryPoints.read(group: group, roots: roots) }
        context.moduleNames = { [unowned self] name in self.cache[name] }
    }

    /// What `import name` finds, evaluating the project's modules once.
    func lookup(_ dottedName: String) throws(DjangoProjectError) -> ModuleLookup {
        if let cached = cache[dottedName] { return .project(cached) }
        guard let found = finder.find(dottedName) else { return .notFound }
        guard found.isInProject || evaluatedPackages.contains(String(dottedName.split(separator: ".").first ?? "")) else { return .library }
        return try load(dottedName).map(ModuleLookup.project) ?? .notFound
    }

    /// The names a module defines, or nil when it is not found in the project or its virtualenv.
    func load(_ dottedName: String) throws(DjangoProjectError) -> ModuleNames? {
        if let cached = cache[dottedName] { return cached }
        guard !loading.contains(dottedName) else {
            throw DjangoProjectError("settings module \(dottedName) imports itself (through `import *`)")
        }
        guard let found = finder.find(dottedName) else { return nil }
        loading.insert(dottedName)
        defer { loading.remove(dottedName) }
        let module = try parse(found.file)
        var evaluator = SettingsEvaluator(module: module, path: found.file, moduleName: dottedName,
                                          isPackage: found.isPackage, context: context)
        evaluator.run(module.body)
        if let stopped = evaluator.stoppedBecause { stops.append(stopped) }
        assumptions.merge(evaluator.assumptions) { first, _ in first }
        cache[dottedName] = evaluator.names
        return evaluator.names
    }

    func file(of dottedName: String) -> String? { finder.find(dottedName)?.file }

    /// django-configurations: the settings are the upper-case attributes of the class
    /// `DJANGO_CONFIGURATION` names (inherited ones included, properties evaluated, `values.*`
    /// read from the environment); nil when the module has no such class.
    func configurationClass(_ name: String, in moduleName: String, names: ModuleNames) -> ModuleNames? {
        guard case .object("class", let fields)? = names.scope[name], let found = finder.find(moduleName),
              let module = try? parse(found.file) else { return nil }
        var evaluator = SettingsEvaluator(module: module, path: found.file, moduleName: moduleName, isPackage: found.isPackage, context: context)
        evaluator.scope = names.scope
        evaluator.influence = names.influence
        var result = names
        let instance = SettingsValue.object(type: "class", fields: fields)
        for key in fields.keys where key == key.uppercased() && key.first?.isLetter == true {
            result.scope[key] = evaluator.attribute(instance, key, at: "\(found.file): \(name).\(key)")
            result.influence[key] = names.influence[name] ?? []
        }
        return result
    }

    /// `django.VERSION` as the virtualenv's `django/__init__.py` writes it.
    static func djangoVersion(finder: PythonModuleFinder) -> SettingsValue {
        let unknown = SettingsValue.unknown("django.VERSION: Django was not found in the project's virtualenv (pass --python with its interpreter)")
        guard let found = finder.find("django"), let module = try? parse(found.file) else { return unknown }
        let store = module.expressions
        for statement in module.body {
            guard case .assign(let targets, let value) = statement.kind,
                  targets.contains(where: { if case .name("VERSION", _) = store[$0].kind { true } else { false } }),
                  case .tuple(let list, _) = store[value].kind else { continue }
            let parts: [SettingsValue] = store[list].map { element in
                switch store[element].kind {
                case .constant(.int(.small(let v)), _): return .int(Int(v))
                case .constant(.string(let bytes), _): return .string(String(decoding: bytes, as: UTF8.self))
                default: return .unknown("django.VERSION")
                }
            }
            return .tuple(parts)
        }
        return unknown
    }
}

/// Parses a Python file of the project, or throws its syntax error as `path:line:column`.
func parse(_ file: String) throws(DjangoProjectError) -> Module {
    InputLog.shared.read(file)
    let bytes: [UInt8]
    switch SourceFile.read(file) {
    case .success(let read): bytes = read
    case .failure(let error): throw DjangoProjectError(error.description)
    }
    switch PythonParser.parse(fileBytes: bytes) {
    case .success(let module): return module
    case .failure(let error):
        throw DjangoProjectError("\(file):\(error.line):\(error.column): \(error.message)")
    }
}

/// Finds the settings module: `--settings`, else `DJANGO_SETTINGS_MODULE` in the environment, else
/// the `os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)` of `manage.py`.
enum SettingsModuleLocator {
    static func locate(projectDirectory: String, explicit: String?, environment: [String: String]) throws(DjangoProjectError) -> (module: String, source: String) {
        if let explicit { return (explicit, "--settings") }
        if let fromEnvironment = environment["DJANGO_SETTINGS_MODULE"], !fromEnvironment.isEmpty {
            return (fromEnvironment, "DJANGO_SETTINGS_MODULE")
        }
        let manage = projectDirectory + "/manage.py"
        InputLog.shared.lookedFor(manage)
        guard FileManager.default.fileExists(atPath: manage) else {
            throw DjangoProjectError("\(projectDirectory): no manage.py here; run from the project directory, pass --project DIR, or name the settings with --settings dotted.path")
        }
        let module = try parse(manage)
        if let found = settingsDefault(in: module.body, store: module.expressions, variable: "DJANGO_SETTINGS_MODULE") { return (found, "manage.py") }
        throw DjangoProjectError("\(manage): no os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"…\") with a literal module name; pass --settings dotted.path")
    }

    /// `DJANGO_CONFIGURATION` (django-configurations): the environment's, else manage.py's default.
    static func configuration(projectDirectory: String, environment: [String: String]) -> String? {
        if let given = environment["DJANGO_CONFIGURATION"], !given.isEmpty { return given }
        guard let module = try? parse(projectDirectory + "/manage.py") else { return nil }
        return settingsDefault(in: module.body, store: module.expressions, variable: "DJANGO_CONFIGURATION")
    }

    /// The directories `manage.py` adds to `sys.path` (`sys.path.append(str(BASE / "apps"))`):
    /// its top level and its functions run statically, the additions recorded.
    static func sysPathAdditions(projectDirectory: String, context: EvaluationContext) -> [String] {
        let manage = projectDirectory + "/manage.py"
        guard let module = try? parse(manage) else { return [] }
        var evaluator = SettingsEvaluator(module: module, path: manage, moduleName: "__main__", isPackage: false, context: context)
        evaluator.run(module.body.filter { if case .if = $0.kind { false } else { true } })
        for statement in module.body {
            if case .functionDef(let function) = statement.kind { evaluator.run(function.body) }
        }
        return context.sysPathAdditions
    }

    private static func settingsDefault(in statements: [Statement], store: ExpressionStore, variable: String) -> String? {
        for statement in statements {
            switch statement.kind {
            case .expression(let e):
                if let found = setdefaultCall(e, store: store, variable: variable) { return found }
            case .assign(let targets, let value):
                for target in targets {
                    if case .subscript(let base, let key, _) = store[target].kind,
                       case .attribute(let os, "environ", _) = store[base].kind, case .name("os", _) = store[os].kind,
                       literal(key, store) == variable, let module = literal(value, store) {
                        return module
                    }
                }
            case .functionDef(let f):
                if let found = settingsDefault(in: f.body, store: store, variable: variable) { return found }
            case .if(_, let body, let orElse):
                if let found = settingsDefault(in: body + orElse, store: store, variable: variable) { return found }
            case .try(let body, let handlers, let orElse, let finalBody, _):
                if let found = settingsDefault(in: body + handlers.flatMap(\.body) + orElse + finalBody, store: store, variable: variable) { return found }
            default:
                continue
            }
        }
        return nil
    }

    private static func setdefaultCall(_ e: Expression, store: ExpressionStore, variable: String) -> String? {
        guard case .call(let function, let args, _) = store[e].kind,
              case .attribute(_, "setdefault", _) = store[function].kind else { return nil }
        let arguments = Array(store[args])
        guard arguments.count == 2, literal(arguments[0], store) == variable else { return nil }
        return literal(arguments[1], store)
    }

    private static func literal(_ e: Expression, _ store: ExpressionStore) -> String? {
        if case .constant(.string(let bytes), _) = store[e].kind { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}

/// The entry points of installed distributions (`*.dist-info/entry_points.txt`, an INI file of
/// `[group]` sections of `name = module:attr` lines), as `importlib.metadata` gives them.
enum EntryPoints {
    static func read(group: String, roots: [String]) -> [SettingsValue] {
        var found: [(distribution: String, entries: [SettingsValue])] = []
        for root in roots {
            InputLog.shared.listed(root)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { continue }
            for name in names where name.hasSuffix(".dist-info") {
                let path = root + "/" + name + "/entry_points.txt"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                InputLog.shared.read(path)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                var section = ""
                var entries: [SettingsValue] = []
                for raw in text.split(whereSeparator: \.isNewline) {
                    let line = raw.trimmingCharacters(in: .whitespaces)
                    if line.hasPrefix("[") && line.hasSuffix("]") { section = String(line.dropFirst().dropLast()); continue }
                    guard section == group, !line.hasPrefix("#"), !line.hasPrefix(";"), let equals = line.firstIndex(of: "=") else { continue }
                    let entryName = line[..<equals].trimmingCharacters(in: .whitespaces)
                    let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                    let target = value.split(separator: "[").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? value
                    let parts = target.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    entries.append(.object(type: "class", fields: [
                        "__name__": .string("EntryPoint"), "name": .string(entryName), "value": .string(value), "group": .string(group),
                        "module": .string(parts.first ?? target), "attr": parts.count > 1 ? .string(parts[1]) : .none,
                    ]))
                }
                if !entries.isEmpty { found.append((name, entries)) }
            }
        }
        return found.sorted { $0.distribution < $1.distribution }.flatMap(\.entries)
    }
}
