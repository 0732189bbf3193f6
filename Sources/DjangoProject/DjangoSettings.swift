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
            throw DjangoProjectError("\(file): INSTALLED_APPS cannot be read statically: \(why)")
        }
        guard let items = value.elements else { throw DjangoProjectError("\(file): INSTALLED_APPS is not a list") }
        return items.compactMap(\.text)
    }

    /// `MIGRATION_MODULES`: label → module, nil for "no migrations".
    public func migrationModules() throws(DjangoProjectError) -> [String: String?] {
        guard let value = values["MIGRATION_MODULES"] else { return [:] }
        if let why = value.firstUnknown {
            throw DjangoProjectError("\(file): MIGRATION_MODULES cannot be read statically: \(why)")
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
            throw DjangoProjectError("\(file): AUTH_USER_MODEL cannot be read statically: \(value.firstUnknown ?? value.description)")
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

/// Reads settings modules, following `from X import *` through the project's modules.
final class SettingsLoader {
    let finder: PythonModuleFinder
    let environment: [String: String]
    private var cache: [String: [String: SettingsValue]] = [:]
    private var loading: Set<String> = []
    /// Every module that stopped early, in the order they were read.
    private(set) var stops: [String] = []

    init(finder: PythonModuleFinder, environment: [String: String]) {
        self.finder = finder
        self.environment = environment
    }

    /// The names a module defines, or nil when it is not found in the project or its virtualenv.
    func load(_ dottedName: String) throws(DjangoProjectError) -> [String: SettingsValue]? {
        if let cached = cache[dottedName] { return cached }
        guard !loading.contains(dottedName) else {
            throw DjangoProjectError("settings module \(dottedName) imports itself (through `import *`)")
        }
        guard let found = finder.find(dottedName) else { return nil }
        loading.insert(dottedName)
        defer { loading.remove(dottedName) }
        let module = try parse(found.file)
        var evaluator = SettingsEvaluator(module: module, path: found.file, moduleName: dottedName,
                                          isPackage: found.isPackage, environment: environment) { [unowned self] name throws(DjangoProjectError) in
            try self.load(name)
        }
        try evaluator.run(module.body)
        if let stopped = evaluator.stoppedBecause { stops.append(stopped) }
        cache[dottedName] = evaluator.scope
        return evaluator.scope
    }

    func file(of dottedName: String) -> String? { finder.find(dottedName)?.file }
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
        if let found = settingsDefault(in: module.body, store: module.expressions) { return (found, "manage.py") }
        throw DjangoProjectError("\(manage): no os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"…\") with a literal module name; pass --settings dotted.path")
    }

    private static func settingsDefault(in statements: [Statement], store: ExpressionStore) -> String? {
        for statement in statements {
            switch statement.kind {
            case .expression(let e):
                if let found = setdefaultCall(e, store: store) { return found }
            case .assign(let targets, let value):
                for target in targets {
                    if case .subscript(let base, let key, _) = store[target].kind,
                       case .attribute(let os, "environ", _) = store[base].kind, case .name("os", _) = store[os].kind,
                       literal(key, store) == "DJANGO_SETTINGS_MODULE", let module = literal(value, store) {
                        return module
                    }
                }
            case .functionDef(let f):
                if let found = settingsDefault(in: f.body, store: store) { return found }
            case .if(_, let body, let orElse):
                if let found = settingsDefault(in: body + orElse, store: store) { return found }
            case .try(let body, let handlers, let orElse, let finalBody, _):
                if let found = settingsDefault(in: body + handlers.flatMap(\.body) + orElse + finalBody, store: store) { return found }
            default:
                continue
            }
        }
        return nil
    }

    private static func setdefaultCall(_ e: Expression, store: ExpressionStore) -> String? {
        guard case .call(let function, let args, _) = store[e].kind,
              case .attribute(_, "setdefault", _) = store[function].kind else { return nil }
        let arguments = Array(store[args])
        guard arguments.count == 2, literal(arguments[0], store) == "DJANGO_SETTINGS_MODULE" else { return nil }
        return literal(arguments[1], store)
    }

    private static func literal(_ e: Expression, _ store: ExpressionStore) -> String? {
        if case .constant(.string(let bytes), _) = store[e].kind { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}
