import Foundation
import MigrationGraph
import MigrationModel
import PythonSyntax
import RunInputs

/// A Django project read from disk without running it: its settings, its installed apps, and
/// every migration of every app, in the order Django's loader finds them.
public struct DjangoProject: Sendable {
    public var directory: String
    public var settings: DjangoSettings
    public var apps: [InstalledApp]
    public var migrations: [MigrationFile]
    public var authUserModel: String
    /// Where modules were looked for: the project, then its virtualenv.
    public var searchRoots: [String]
    /// What was assumed for values that could not be known (settings the check reads, computed
    /// migration dependencies), each with how to pin it.
    public var assumptions: [SettingsAssumption] = []
    /// Each migration as the graph sees it, computed attributes evaluated.
    private var specs: [MigrationNodeSpec] = []
    /// What the settings were read with, for evaluating migration modules later.
    var evaluationEnvironment: [String: String] = [:]
    var evaluationPins: [String: SettingsValue] = [:]

    /// - Parameters:
    ///   - directory: the project root (where `manage.py` is).
    ///   - settingsModule: `--settings`, else `DJANGO_SETTINGS_MODULE`, else `manage.py`'s default.
    ///   - python: an interpreter whose `sys.path` locates third-party apps (`--python`).
    ///   - parseCache: parsed migrations from earlier runs (nil: parse every file).
    ///   - pins: names whose values are given (`--setting`, `[tool.zerodowntime.settings]`), as Python literals.
    public static func load(directory: String, settingsModule: String? = nil, python: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            parseCache: MigrationParseCache? = nil, pins: [String: String] = [:],
                            facts: DjangoFacts? = nil) throws(DjangoProjectError) -> DjangoProject {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        InputLog.shared.lookedFor(root)
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw DjangoProjectError("\(directory): no such directory; pass --project with the directory that holds manage.py")
        }
        guard isDirectory.boolValue else {
            throw DjangoProjectError("\(directory): not a directory; pass --project with the directory that holds manage.py")
        }
        var roots = [root]
        roots += try PythonModuleFinder.sitePackages(projectDirectory: root, python: python, environment: environment)
        // Directories manage.py puts on sys.path hold project code too (cookiecutter's apps dir).
        let added = SettingsModuleLocator.sysPathAdditions(
            projectDirectory: root, context: EvaluationContext(environment: environment, pins: [:], djangoVersion: .none))
        roots += added.filter { !roots.contains($0) }
        let finder = PythonModuleFinder(searchRoots: roots, projectRoots: Set([root] + added))

        let (module, source) = try SettingsModuleLocator.locate(projectDirectory: root, explicit: settingsModule, environment: environment)
        // Django's own values for the settings it resolved win over anything read or pinned.
        var pinned = pins.mapValues(SettingsPins.value)
        for (name, value) in facts?.settings ?? [:] { pinned[name] = .string(value) }
        let loader = SettingsLoader(finder: finder, environment: environment, pins: pinned, projectRoot: root)
        // Settings shipped inside an installed application (pretix.settings, pretalx.settings):
        // its own package is the project's settings code, read as the project's is.
        loader.evaluatedPackages = [String(module.split(separator: ".").first ?? "")]
        guard var names = try loader.load(module), let file = loader.file(of: module) else {
            throw DjangoProjectError("settings module \(module) (from \(source)) was not found under \(root); pass --settings dotted.path or --project DIR")
        }
        if let configuration = SettingsModuleLocator.configuration(projectDirectory: root, environment: environment),
           let classNames = loader.configurationClass(configuration, in: module, names: names) {
            names = classNames
        }
        var settings = DjangoSettings(module: module, moduleSource: source, file: file, values: names.scope, stops: loader.stops)
        let reaching = names.influence.filter { DjangoSettings.readByTheCheck($0.key) }.values.reduce(into: Set<Int>()) { $0.formUnion($1) }
        settings.assumptions = reaching.sorted().compactMap { loader.assumptions[$0] }

        var apps: [InstalledApp] = []
        if let facts {
            apps = facts.apps.map {
                InstalledApp(entry: $0.name, name: $0.name, label: $0.label, migrationsDirectory: $0.migrationsDirectory,
                             migrationsModule: $0.migrationsDirectory == nil ? nil : $0.migrationsModule)
            }
            // What Django resolved is not an assumption: only the computed migrations' remain.
            settings.assumptions = []
        }
        let migrationModules = facts == nil ? try settings.migrationModules() : [:]
        for entry in facts == nil ? try settings.installedApps() : [] {
            let app = try InstalledAppResolver.resolve(entry, finder: finder, migrationModules: migrationModules, settingsFile: file)
            if let duplicate = apps.first(where: { $0.label == app.label }) {
                throw DjangoProjectError("\(file): application labels aren't unique, duplicates: \(app.label) ('\(duplicate.entry)' and '\(entry)')")
            }
            apps.append(app)
        }

        var migrations: [MigrationFile] = []
        for app in apps {
            guard let migrationsDirectory = app.migrationsDirectory else { continue }
            for name in try migrationNames(in: migrationsDirectory) {
                let path = migrationsDirectory + "/" + name + ".py"
                let parsed = try parseMigration(path, cache: parseCache)
                guard let migration = MigrationClass(module: parsed) else {
                    throw DjangoProjectError("\(path): migration \(app.label).\(name) has no class Migration (Django: BadMigrationError); add one or move the file out of \(app.migrationsModule ?? "the migrations package")")
                }
                migrations.append(MigrationFile(key: MigrationKey(app.label, name), path: path, module: parsed, migration: migration))
            }
        }
        parseCache?.save()
        let authUserModel = try settings.authUserModel()
        var project = DjangoProject(directory: root, settings: settings, apps: apps, migrations: migrations,
                                    authUserModel: authUserModel, searchRoots: roots)
        var computed: ComputedMigrationAttributes?
        for file in migrations {
            // Literal attributes (nearly every migration) are read as they are; the others evaluated.
            if let literal = try? file.nodeSpec(authUserModel: authUserModel, computed: nil) {
                project.specs.append(literal)
                continue
            }
            computed = computed ?? ComputedMigrationAttributes(finder: finder, settings: names.scope, environment: environment,
                                                               pins: loader.context.pins, installedApps: apps.map(\.name),
                                                               migrations: migrations)
            project.specs.append(try file.nodeSpec(authUserModel: authUserModel, computed: computed))
        }
        project.assumptions = settings.assumptions + (computed?.assumptions ?? [])
        project.evaluationEnvironment = environment
        project.evaluationPins = loader.context.pins
        return project
    }

    /// A migration file as the check reads it (`ModuleArchive.migrationView`), from the cache when
    /// its bytes were parsed before: the same view either way.
    static func parseMigration(_ path: String, cache: MigrationParseCache?) throws(DjangoProjectError) -> Module {
        let bytes: [UInt8]
        InputLog.shared.read(path)
        switch SourceFile.read(path) {
        case .success(let read): bytes = read
        case .failure(let error): throw DjangoProjectError(error.description)
        }
        let result = cache?.module(for: bytes) ?? PythonParser.parse(fileBytes: bytes).map(ModuleArchive.migrationView(of:))
        switch result {
        case .success(let module): return module
        case .failure(let error): throw DjangoProjectError("\(path):\(error.line):\(error.column): \(error.message)")
        }
    }

    /// The modules of a migrations package that Django loads: `.py` files whose name has no dot and
    /// does not start with `_` or `~`, in name order.
    static func migrationNames(in directory: String) throws(DjangoProjectError) -> [String] {
        let entries: [String]
        InputLog.shared.listed(directory)
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DjangoProjectError("\(directory): cannot list the migrations package: \(error.localizedDescription)")
        }
        var names: [String] = []
        for entry in entries where entry.hasSuffix(".py") {
            let name = String(entry.dropLast(3))
            guard !name.isEmpty, !name.contains("."), name != "__init__", name.first != "_", name.first != "~" else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + entry, isDirectory: &isDirectory), !isDirectory.boolValue {
                names.append(name)
            }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Every migration as the graph sees it.
    public func nodeSpecs() throws(DjangoProjectError) -> [MigrationNodeSpec] {
        specs
    }

    public var migratedAppLabels: Set<String> { Set(apps.filter(\.isMigrated).map(\.label)) }
    public var unmigratedAppLabels: Set<String> { Set(apps.filter { !$0.isMigrated }.map(\.label)) }
}
