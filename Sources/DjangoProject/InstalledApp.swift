import Foundation
import PythonSyntax

/// An entry of `INSTALLED_APPS`, resolved as Django's `AppConfig.create` does: its module, its
/// label, and its migrations package.
public struct InstalledApp: Sendable, Equatable {
    public var entry: String
    /// `AppConfig.name`: the app's module.
    public var name: String
    public var label: String
    /// The migrations package's directory; nil for an app without migrations.
    public var migrationsDirectory: String?
    public var migrationsModule: String?

    public var isMigrated: Bool { migrationsDirectory != nil }
}

enum InstalledAppResolver {
    static func resolve(_ entry: String, finder: PythonModuleFinder, migrationModules: [String: String?],
                        settingsFile: String) throws(DjangoProjectError) -> InstalledApp {
        var name = entry
        var label: String?
        if finder.find(entry) != nil {
            if let config = try appConfig(inModule: entry + ".apps", className: nil, finder: finder) {
                name = config.name ?? entry
                label = config.label
            }
        } else if let dot = entry.lastIndex(of: "."), finder.find(String(entry[..<dot])) != nil {
            // A dotted path to an AppConfig subclass.
            let moduleName = String(entry[..<dot])
            let className = String(entry[entry.index(after: dot)...])
            guard let config = try appConfig(inModule: moduleName, className: className, finder: finder) else {
                throw DjangoProjectError("\(settingsFile): INSTALLED_APPS entry '\(entry)': no class \(className) in \(moduleName)")
            }
            guard let configName = config.name else {
                throw DjangoProjectError("\(settingsFile): INSTALLED_APPS entry '\(entry)': \(className) has no literal `name`")
            }
            name = configName
            label = config.label
        } else {
            throw DjangoProjectError("\(settingsFile): INSTALLED_APPS entry '\(entry)' is neither in the project nor in its virtualenv (searched \(finder.searchRoots.joined(separator: ", "))); create the project's virtualenv (.venv or venv), set VIRTUAL_ENV, or pass --python")
        }
        let appLabel = label ?? String(name.split(separator: ".").last ?? Substring(name))

        var migrationsModule: String? = name + ".migrations"
        var explicit = false
        if let configured = migrationModules[appLabel] {
            migrationsModule = configured
            explicit = true
        }
        var directory: String?
        if let module = migrationsModule {
            if let found = finder.find(module) {
                directory = found.isPackage ? found.directory : nil
            } else if explicit && finder.namespaceDirectory(module) == nil {
                throw DjangoProjectError("\(settingsFile): MIGRATION_MODULES sends app '\(appLabel)' to '\(module)', which does not exist (Django's migrate fails the same way)")
            }
        }
        return InstalledApp(entry: entry, name: name, label: appLabel,
                            migrationsDirectory: directory, migrationsModule: directory == nil ? nil : migrationsModule)
    }

    /// The AppConfig Django would pick in `moduleName`: the named class, else the only subclass
    /// (not `default = False`), else the one with `default = True`.
    private static func appConfig(inModule moduleName: String, className: String?,
                                  finder: PythonModuleFinder, depth: Int = 0) throws(DjangoProjectError) -> (name: String?, label: String?)? {
        guard let found = finder.find(moduleName) else { return nil }
        let module = try parse(found.file)
        let store = module.expressions
        var classes: [String: ClassDefinition] = [:]
        var order: [String] = []
        for statement in module.body {
            if case .classDef(let definition) = statement.kind {
                classes[definition.name] = definition
                order.append(definition.name)
            }
        }
        func baseNames(_ definition: ClassDefinition) -> [String] {
            definition.bases.compactMap { base in
                switch store[base].kind {
                case .name(let id, _): return id
                case .attribute(_, let attribute, _): return attribute
                default: return nil
                }
            }
        }
        // Imported names (`from constance.apps import ConstanceConfig`): a base class of another
        // module, whose `name` and `label` an AppConfig inherits.
        var imported: [String: (module: String, name: String)] = [:]
        for statement in module.body {
            guard case .importFrom(let from, let aliases, let level) = statement.kind else { continue }
            var base = from ?? ""
            if level > 0 {
                var package = moduleName.split(separator: ".").map(String.init)
                if !found.isPackage { package.removeLast() }
                package.removeLast(min(level - 1, package.count))
                base = (package + (from.map { [$0] } ?? [])).joined(separator: ".")
            }
            for alias in aliases where alias.name != "*" { imported[alias.asName ?? alias.name] = (base, alias.name) }
        }
        func isConfig(_ definition: ClassDefinition, depth: Int = 0) -> Bool {
            depth < 10 && baseNames(definition).contains { $0.hasSuffix("Config") || (classes[$0].map { isConfig($0, depth: depth + 1) } ?? false) }
        }
        /// A literal class attribute, inherited from a base class of the same file.
        func attribute(_ attributeName: String, of definition: ClassDefinition, depth: Int = 0) -> SettingsValue? {
            for statement in definition.body {
                if case .assign(let targets, let value) = statement.kind,
                   targets.contains(where: { if case .name(attributeName, _) = store[$0].kind { return true } else { return false } }) {
                    switch store[value].kind {
                    case .constant(.string(let bytes), _): return .string(String(decoding: bytes, as: UTF8.self))
                    case .constant(.true, _): return .bool(true)
                    case .constant(.false, _): return .bool(false)
                    default: return .unknown("not a literal")
                    }
                }
            }
            guard depth < 10 else { return nil }
            for base in baseNames(definition) {
                if let inherited = classes[base].flatMap({ attribute(attributeName, of: $0, depth: depth + 1) }) { return inherited }
                if classes[base] == nil, let origin = imported[base], !origin.module.hasPrefix("django."),
                   depth < 4, let config = try? appConfig(inModule: origin.module, className: origin.name, finder: finder, depth: depth + 1) {
                    let value = attributeName == "name" ? config.name : attributeName == "label" ? config.label : nil
                    if let value { return .string(value) }
                }
            }
            return nil
        }
        let chosen: ClassDefinition?
        if let className {
            chosen = classes[className]
        } else {
            let candidates = order.compactMap { classes[$0] }.filter { isConfig($0) && attribute("default", of: $0) != .bool(false) }
            if candidates.count == 1 {
                chosen = candidates[0]
            } else {
                chosen = candidates.first { attribute("default", of: $0) == .bool(true) }
            }
        }
        guard let chosen else { return className == nil ? (nil, nil) : nil }
        return (attribute("name", of: chosen)?.text, attribute("label", of: chosen)?.text)
    }
}
