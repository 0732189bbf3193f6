import DatabaseTarget
import Foundation
import MigrationRules
import RunInputs
import TOMLKit

/// `[tool.zerodowntime]` in `pyproject.toml`: what the team decided once, for every run.
///
///     [tool.zerodowntime]
///     policy = "recommended"            # or "original"
///     target = "postgresql@16"
///     fail-on = "error"                 # or "warning"
///     hook = "staged"                   # or "database": what the commit-msg hook checks
///     check-merges = false              # the hook lets merge commits through
///     exclude-apps = ["legacy"]
///     exclude-migrations = ["shop.0001_initial"]
///     small-table-rows = 10000          # lock findings on smaller tables are warnings
///
///     [tool.zerodowntime.rules]
///     run-python-needs-review = "off"   # or "warning", "error"
///
///     [tool.zerodowntime.settings]      # values the static reader cannot know
///     DEBUG = false
///     WAGTAIL_PAGE_MODEL = "home.HomePage"
///
///     [[tool.zerodowntime.ignore]]
///     migration = "shop.0007_backfill"
///     rules = ["run-python-needs-review"]
///     reason = "12 rows, reviewed in #123"
public struct ProjectConfiguration: Sendable {
    /// The file read, nil when there was none.
    public var file: String?
    public var policy: CheckSettings.Policy?
    public var target: String?
    public var failOn: Severity?
    public var hook: String?
    /// Whether the commit-msg hook checks merge commits too (default: it lets them through).
    public var checkMerges = false
    public var severities: [String: Severity?] = [:]
    public var excludedApps: [String] = []
    public var excludedMigrations: [String] = []
    public var ignores: [String: (rules: [String], reason: String)] = [:]
    /// `[tool.zerodowntime.settings]`: names the settings (or computed migration attributes)
    /// read, pinned to a value, as Python literal text.
    public var settingPins: [String: String] = [:]
    /// `small-table-rows`: a lock or rewrite finding on a table the database says holds fewer
    /// rows is a warning.
    public var smallTableRows: Int?

    public init() {}

    static let knownKeys: Set<String> = ["policy", "target", "fail-on", "hook", "check-merges", "exclude-apps", "exclude-migrations", "rules", "ignore", "settings", "small-table-rows"]

    /// `--config FILE`, else the nearest `pyproject.toml` from the project directory up to the
    /// repository root. A file without `[tool.zerodowntime]` is an empty configuration.
    public static func load(projectDirectory: String, explicitFile: String?) throws(CheckConfigurationError) -> ProjectConfiguration {
        let path: String
        if let explicitFile {
            path = explicitFile
            InputLog.shared.lookedFor(path)
            guard FileManager.default.fileExists(atPath: path) else { throw CheckConfigurationError("\(path): no such configuration file") }
        } else if let found = nearestPyproject(from: projectDirectory) {
            path = found
        } else {
            return ProjectConfiguration()
        }
        InputLog.shared.read(path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CheckConfigurationError("\(path): cannot be read as UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(CheckConfigurationError) -> ProjectConfiguration {
        let document: TOMLTable
        if let problem = TOMLTextCheck.firstProblem(in: text) {
            throw CheckConfigurationError("\(file):\(problem.line):\(problem.column): error: invalid TOML: \(problem.message)")
        }
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CheckConfigurationError("\(file):\(error.source.begin.line):\(error.source.begin.column): error: invalid TOML: \(error.description)")
        } catch {
            throw CheckConfigurationError("\(file): error: invalid TOML: \(error)")
        }
        var configuration = ProjectConfiguration()
        configuration.file = file
        guard let section = document["tool"]?["zerodowntime"] else { return configuration }
        guard let table = section.table else { throw CheckConfigurationError("\(file): [tool.zerodowntime] must be a table") }
        let place = "\(file): [tool.zerodowntime]"
        for key in table.keys where !knownKeys.contains(key) {
            throw CheckConfigurationError("\(place): unknown key '\(key)' (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(CheckConfigurationError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else { throw CheckConfigurationError("\(place): '\(key)' must be a string") }
            return text
        }
        func strings(_ key: String) throws(CheckConfigurationError) -> [String] {
            guard let value = table[key] else { return [] }
            guard let array = value.array else { throw CheckConfigurationError("\(place): '\(key)' must be an array of strings") }
            var result: [String] = []
            for item in array {
                guard let text = item.string else { throw CheckConfigurationError("\(place): '\(key)' must be an array of strings") }
                result.append(text)
            }
            return result
        }
        if let policy = try string("policy") {
            guard let parsed = CheckSettings.Policy(rawValue: policy) else {
                throw CheckConfigurationError("\(place): policy '\(policy)' is not one of recommended, original")
            }
            configuration.policy = parsed
        }
        if let target = try string("target") {
            guard Target(parsing: target, reason: "") != nil else {
                throw CheckConfigurationError("\(place): target '\(target)' is not like postgresql@16, mysql@8 or sqlite")
            }
            configuration.target = target
        }
        if let failOn = try string("fail-on") {
            guard let severity = Severity(rawValue: failOn) else { throw CheckConfigurationError("\(place): fail-on '\(failOn)' is not one of error, warning") }
            configuration.failOn = severity
        }
        if let hook = try string("hook") {
            guard ["staged", "database"].contains(hook) else { throw CheckConfigurationError("\(place): hook '\(hook)' is not one of staged, database") }
            configuration.hook = hook
        }
        if let value = table["check-merges"] {
            guard let flag = value.bool else { throw CheckConfigurationError("\(place): 'check-merges' must be true or false") }
            configuration.checkMerges = flag
        }
        if let value = table["small-table-rows"] {
            guard let rows = value.int, rows >= 0 else {
                throw CheckConfigurationError("\(place): 'small-table-rows' must be a whole number of rows, 0 or more")
            }
            configuration.smallTableRows = rows
        }
        configuration.excludedApps = try strings("exclude-apps")
        configuration.excludedMigrations = try strings("exclude-migrations")
        for migration in configuration.excludedMigrations where !migration.contains(".") {
            throw CheckConfigurationError("\(place): exclude-migrations entry '\(migration)' is not app_label.migration_name")
        }
        if let rules = table["rules"] {
            guard let rulesTable = rules.table else { throw CheckConfigurationError("\(place): 'rules' must be a table of rule = \"off\" | \"warning\" | \"error\"") }
            for id in rulesTable.keys {
                try validate(id, place: "\(file): [tool.zerodowntime.rules]")
                switch rulesTable[id]?.string {
                case "off": configuration.severities[id] = .some(nil)
                case "warning": configuration.severities[id] = .warning
                case "error": configuration.severities[id] = .error
                default: throw CheckConfigurationError("\(file): [tool.zerodowntime.rules] \(id) must be \"off\", \"warning\" or \"error\"")
                }
            }
        }
        if let pins = table["settings"] {
            guard let pinsTable = pins.table else { throw CheckConfigurationError("\(place): 'settings' must be a table of NAME = value") }
            for name in pinsTable.keys {
                guard let value = pinsTable[name], let literal = pythonLiteral(value) else {
                    throw CheckConfigurationError("\(file): [tool.zerodowntime.settings] \(name) must be a string, number, boolean, array or table")
                }
                configuration.settingPins[name] = literal
            }
        }
        if let ignore = table["ignore"] {
            guard let entries = ignore.array else { throw CheckConfigurationError("\(place): 'ignore' must be an array of tables ([[tool.zerodowntime.ignore]])") }
            for entry in entries {
                let here = "\(file): [[tool.zerodowntime.ignore]]"
                guard let entryTable = entry.table, let migration = entryTable["migration"]?.string else {
                    throw CheckConfigurationError("\(here): each entry needs migration = \"app_label.migration_name\"")
                }
                guard let rules = entryTable["rules"]?.array?.compactMap({ $0.string }), !rules.isEmpty else {
                    throw CheckConfigurationError("\(here) for \(migration): rules = [\"rule-id\", …] is required")
                }
                guard let reason = entryTable["reason"]?.string, !reason.isEmpty else {
                    throw CheckConfigurationError("\(here) for \(migration): reason = \"…\" is required: say why it is safe")
                }
                for id in rules { try validate(id, place: "\(here) for \(migration)") }
                let previous = configuration.ignores[migration]?.rules ?? []
                configuration.ignores[migration] = (previous + rules, reason)
            }
        }
        return configuration
    }

    /// A TOML value as the Python literal a settings module would write.
    static func pythonLiteral(_ value: TOMLValueConvertible) -> String? {
        if let flag = value.bool { return flag ? "True" : "False" }
        if let number = value.int { return String(number) }
        if let text = value.string {
            var quoted = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": quoted += "\\\\"
                case "\"": quoted += "\\\""
                case "\n": quoted += "\\n"
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }
        if let array = value.array {
            var items: [String] = []
            for item in array {
                guard let literal = pythonLiteral(item) else { return nil }
                items.append(literal)
            }
            return "[" + items.joined(separator: ", ") + "]"
        }
        if let table = value.table {
            var items: [String] = []
            for key in table.keys {
                guard let item = table[key], let literal = pythonLiteral(item), let keyLiteral = pythonLiteral(key) else { return nil }
                items.append(keyLiteral + ": " + literal)
            }
            return "{" + items.joined(separator: ", ") + "}"
        }
        return nil
    }

    static func validate(_ id: String, place: String) throws(CheckConfigurationError) {
        guard !RuleCatalogue.identifiers.contains(id) else { return }
        throw CheckConfigurationError("\(place): unknown rule '\(id)'; `zerodowntime rules` lists them")
    }

    /// The nearest `pyproject.toml` at or above the directory, not above the repository root.
    static func nearestPyproject(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let files = FileManager.default
        for _ in 0..<64 {
            let candidate = url.appendingPathComponent("pyproject.toml").path
            InputLog.shared.lookedFor(candidate)
            if files.fileExists(atPath: candidate) { return candidate }
            InputLog.shared.lookedFor(url.appendingPathComponent(".git").path)
            if files.fileExists(atPath: url.appendingPathComponent(".git").path) { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
        return nil
    }

    /// The configuration applied onto check settings (command-line options are applied after).
    public func apply(to settings: inout CheckSettings) {
        if let policy { settings.policy = policy }
        settings.severities.merge(severities) { _, new in new }
        settings.excludedApps.formUnion(excludedApps)
        settings.excludedMigrations.formUnion(excludedMigrations)
        settings.migrationIgnores.merge(ignores) { _, new in new }
    }
}
