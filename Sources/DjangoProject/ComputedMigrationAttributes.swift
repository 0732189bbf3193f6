import Foundation
import MigrationGraph
import MigrationModel
import PythonSyntax

/// The `class Migration` attributes that are not literal (third-party apps compute their
/// `dependencies` from settings, app-settings objects and module constants): the module is
/// evaluated statically with the project's settings, its own app's modules read as the
/// project's are, and a `swappable_dependency` whose setting is unknown resolved through the
/// model that declares itself swappable by that setting. What is assumed is recorded.
final class ComputedMigrationAttributes {
    let finder: PythonModuleFinder
    let settings: [String: SettingsValue]
    let environment: [String: String]
    let pins: [String: SettingsValue]
    let installedApps: [String]
    /// Setting name → `app_label.Model` of the model whose options say `swappable = setting`.
    let swappableModels: [String: String]
    private(set) var assumptions: [SettingsAssumption] = []

    init(finder: PythonModuleFinder, settings: [String: SettingsValue], environment: [String: String],
         pins: [String: SettingsValue], installedApps: [String], migrations: [MigrationFile]) {
        self.finder = finder
        self.settings = settings
        self.environment = environment
        self.pins = pins
        self.installedApps = installedApps
        self.swappableModels = Self.swappableModels(in: migrations)
    }

    func keys(of file: MigrationFile, attribute: String) throws(DjangoProjectError) -> [MigrationKey] {
        let where_ = "\(file.path):\(file.migration.location.line)"
        let module = try parse(file.path)
        var (loader, evaluator) = SettingsEvaluator.forMigration(file, module: module, finder: finder, environment: environment, pins: pins,
                                                                 projectRoot: nil, settings: settings, installedApps: installedApps)
        // The context reaches the loader through unowned references: it must outlive the evaluation.
        defer { withExtendedLifetime(loader) {} }
        evaluator.run(module.body)
        guard case .object("class", let fields)? = evaluator.scope["Migration"], let value = fields[attribute] else {
            throw DjangoProjectError("\(where_): \(attribute) of \(file.key) cannot be evaluated statically\(evaluator.stoppedBecause.map { ": \($0)" } ?? ""); pin the settings it reads with --setting NAME=VALUE")
        }
        guard let items = evaluator.iterate(value) else {
            throw DjangoProjectError("\(where_): \(attribute) of \(file.key) cannot be evaluated statically: \(value.firstUnknown ?? "not a list"); pin the settings it reads with --setting NAME=VALUE")
        }
        var keys: [MigrationKey] = []
        for item in items {
            if let pair = item.elements, pair.count == 2, let app = pair[0].text, let name = pair[1].text {
                keys.append(MigrationKey(app, name))
                continue
            }
            switch item {
            case .object("swappable", let details):
                let setting = details["setting"]?.text ?? ""
                if let (name, model) = swappableModel(for: setting), let dot = model.firstIndex(of: ".") {
                    keys.append(MigrationKey(String(model[..<dot]), "__first__"))
                    assumptions.append(SettingsAssumption(
                        name: setting, path: file.path, line: file.migration.location.line,
                        assumed: name == setting ? "\(setting) = \"\(model)\", the model that declares itself swappable by it"
                            : "\(setting) names the swappable setting \(name) = \"\(model)\"",
                        why: details["why"]?.text ?? "not set", pin: SettingsAssumption.pin(for: name)))
                } else {
                    // It only orders the plan: no migration becomes pending or applied by it.
                    assumptions.append(SettingsAssumption(
                        name: setting.isEmpty ? "a swappable_dependency" : setting, path: file.path, line: file.migration.location.line,
                        assumed: "no dependency (a swappable_dependency only orders the plan)",
                        why: details["why"]?.text ?? "unknown", pin: SettingsAssumption.pin(for: setting.isEmpty ? "NAME" : setting)))
                }
            default:
                throw DjangoProjectError("\(where_): \(attribute) of \(file.key) cannot be evaluated statically: \(item.firstUnknown ?? "\(item) is not an (app, name) pair"); pin the settings it reads with --setting NAME=VALUE")
            }
        }
        return keys
    }

    /// The model a swappable setting names: the settings' value when set, else the model that
    /// declares itself swappable by it. An unknown name that is not itself a swappable setting
    /// (`oauth2_settings.REFRESH_TOKEN_MODEL`, a module's `USER_MODEL`) is the one swappable
    /// setting ending in `_` + that name (`OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL`, `AUTH_USER_MODEL`).
    private func swappableModel(for name: String) -> (setting: String, model: String)? {
        guard !name.isEmpty else { return nil }
        var setting = name
        if swappableModels[name] == nil {
            let candidates = swappableModels.keys.filter { $0.hasSuffix("_" + name) || (name.hasSuffix($0) && $0.hasPrefix("_")) }
            if candidates.count == 1 { setting = candidates[0] } else { return nil }
        }
        if let given = (settings[setting] ?? settings[name])?.text, given.contains(".") { return (name.hasPrefix("_") ? name : setting, given) }
        if setting.hasPrefix("_") { return swappableModels[setting].map { (name, $0) } }
        return swappableModels[setting].map { (setting, $0) }
    }

    /// `CreateModel(..., options={"swappable": "SETTING"})` in any migration: setting → `app.Model`.
    static func swappableModels(in migrations: [MigrationFile]) -> [String: String] {
        var found: [String: String] = [:]
        for file in migrations {
            guard let operations = file.migration.operations, let entries = OperationEntry.entries(of: operations) else { continue }
            for case .operation(let operation) in entries where operation.className == "CreateModel" {
                guard let name = operation.string("name", position: 0), let options = operation.argument("options", position: 2),
                      case .dict(let items) = options.kind else { continue }
                for item in items where item.key?.stringValue == "swappable" {
                    // swapper's `swappable_setting(app, "Page")` names `<PREFIX>_PAGE_MODEL`: kept by
                    // the model's name, matched by suffix when a migration asks for it.
                    let setting = item.value.stringValue ?? "_" + name.uppercased() + "_MODEL"
                    found[setting] = "\(file.key.app).\(name)"
                }
            }
        }
        return found
    }
}

extension SettingsEvaluator {
    /// An evaluator for a migration module: its own app's modules are evaluated as the project's,
    /// `django.conf.settings` is the project's settings, `connection.vendor` the target's when given.
    /// The caller keeps the loader alive while it evaluates (the context holds it unowned).
    static func forMigration(_ file: MigrationFile, module: Module, finder: PythonModuleFinder, environment: [String: String],
                             pins: [String: SettingsValue], projectRoot: String?, settings: [String: SettingsValue],
                             installedApps: [String], vendor: String? = nil) -> (loader: SettingsLoader, evaluator: SettingsEvaluator) {
        let moduleName = finder.dottedName(of: file.path) ?? "\(file.key.app).migrations.\(file.key.name)"
        let loader = SettingsLoader(finder: finder, environment: environment, pins: pins, projectRoot: projectRoot)
        loader.evaluatedPackages = [String(moduleName.split(separator: ".").first ?? "")]
        loader.context.settings = settings
        loader.context.installedApps = installedApps
        loader.context.vendor = vendor
        return (loader, SettingsEvaluator(module: module, path: file.path, moduleName: moduleName, isPackage: false, context: loader.context))
    }
}
