import Foundation
import PythonSyntax
import RunInputs

/// What one reading of a project's settings shares across its modules, function calls and
/// branches: the environment and pins, the bounds that make every reading end, the names each
/// value was read from (so an assumption is reported only where it reaches a setting the check
/// uses), and the way to other modules.
final class EvaluationContext {
    /// Settings are short: past these bounds a value is unknown (with why), never a stack
    /// overflow, a hang, or a value that doubles on every line until memory runs out.
    static let maximumDepth = 200
    static let maximumElements = 100_000
    static let maximumStringBytes = 1_000_000
    /// Statements run and calls made in one reading (loops and helper functions included).
    static let maximumSteps = 100_000

    /// The process's environment, plus what `.env` files the settings load add (never over it).
    var environment: [String: String]
    /// The project directory: files under it may be read (JSON configuration, `.env`) or
    /// looked for (`Path(...).exists()`); files elsewhere differ between machines and are unknown.
    var projectRoot: String?
    /// `--setting NAME=VALUE` and `[tool.zerodowntime.settings]`: a pinned name keeps its pin
    /// whatever the modules assign to it.
    let pins: [String: SettingsValue]
    /// `django.VERSION` of the virtualenv's Django, when found.
    let djangoVersion: SettingsValue
    /// `sys.argv` as `manage.py migrate` sees it.
    let argv: SettingsValue = .list([.string("manage.py"), .string("migrate")])

    /// The project's settings, when a migration module is evaluated (`django.conf.settings`).
    var settings: [String: SettingsValue]?
    /// The target database's vendor (`postgresql`, `mysql`, `sqlite`): `connection.vendor`.
    var vendor: String?
    /// `INSTALLED_APPS` as read, for `apps.is_installed(...)`.
    var installedApps: [String]?

    /// Directories `sys.path.append`/`insert` added (read from `manage.py`).
    var sysPathAdditions: [String] = []

    var depth = 0
    var steps = 0
    /// Set when the step bound was passed: everything after is unknown, and reading stops.
    var exhausted: String?
    var nextAssumption = 0
    /// The assumptions behind the values read since the current statement started.
    var readInfluence: Set<Int> = []
    /// Loads another module's names (nil when it is not the project's).
    var loadModule: (String) throws(DjangoProjectError) -> ModuleLookup = { _ in .notFound }
    /// A library module evaluated as the project's are: `from nautobot.core.settings import *`
    /// is where such a project's settings live.
    var loadLibraryModule: (String) throws(DjangoProjectError) -> ModuleNames? = { _ in nil }
    /// `importlib.metadata.entry_points(group=…)`: the entry points the virtualenv's installed
    /// distributions declare in that group (pretix and pretalx find their plugins so).
    var entryPoints: (String) -> [SettingsValue] = { _ in [] }
    /// A project module's names as they stand (its functions read them when called).
    var moduleNames: (String) -> ModuleNames? = { _ in nil }

    /// Reads a file of the project (nil outside it or when it cannot be read), noting it for the cache.
    func readProjectFile(_ path: String) -> String? {
        guard let root = projectRoot, path.hasPrefix(root + "/") else { return nil }
        InputLog.shared.read(path)
        guard case .success(let bytes) = SourceFile.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a path exists, for paths in the project; nil elsewhere.
    func projectPathExists(_ path: String, directory: Bool? = nil) -> Bool? {
        guard let root = projectRoot, path == root || path.hasPrefix(root + "/") else { return nil }
        InputLog.shared.lookedFor(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        return directory.map { $0 == isDirectory.boolValue } ?? true
    }

    /// `KEY=VALUE` lines of a `.env` file into the environment, never over a variable already set
    /// (django-environ's `read_env` and decouple's `.env`, both without `overwrite`).
    func loadDotEnv(_ path: String) -> Bool {
        guard let text = readProjectFile(path) else { return false }
        for line in text.split(whereSeparator: \.isNewline) {
            var entry = line.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
            if entry.hasPrefix("export ") { entry = String(entry.dropFirst(7)) }
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let key = entry[..<equals].trimmingCharacters(in: .whitespaces)
            var value = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if environment[key] == nil { environment[key] = value }
        }
        return true
    }

    init(environment: [String: String], pins: [String: SettingsValue], djangoVersion: SettingsValue) {
        self.environment = environment
        self.pins = pins
        self.djangoVersion = djangoVersion
    }

    /// Counts one step; false once the bound is passed.
    func step(at place: String) -> Bool {
        steps += 1
        if steps > Self.maximumSteps, exhausted == nil {
            exhausted = "\(place): evaluation did not end within \(Self.maximumSteps) steps (a loop or recursion that does not end statically); nothing after it was read"
        }
        return exhausted == nil
    }
}

/// A module's names after (or while) it runs, and the assumptions behind each.
struct ModuleNames {
    var scope: [String: SettingsValue]
    var influence: [String: Set<Int>]
}

/// What an import finds.
enum ModuleLookup {
    /// The project's own module, evaluated.
    case project(ModuleNames)
    /// A module of the virtualenv or the standard library: not evaluated, its names unknown
    /// (except the libraries the evaluator models).
    case library
    case notFound
}
