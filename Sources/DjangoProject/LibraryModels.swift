import Foundation

/// The settings libraries, modelled rather than read: dj-database-url, django-environ and
/// python-decouple give values from the environment by rules of their own (which strings are
/// true, how lists split, what an unset variable without a default does), written out here.
enum LibraryModels {
    /// django-environ's and decouple's true strings (both lower-case the value first).
    static let environTrue: Set<String> = ["true", "on", "ok", "y", "yes", "1"]
    static let decoupleTrue: Set<String> = ["y", "yes", "t", "true", "on", "1"]
    static let decoupleFalse: Set<String> = ["n", "no", "f", "false", "off", "0", ""]

    /// A library function by dotted name; nil when it is not modelled.
    static func call(_ name: String, arguments: [SettingsValue], keywords: [String: SettingsValue],
                     environment: [String: String], at here: String) -> SettingsValue? {
        let first = arguments.first
        switch name {
        case "dj_database_url.config":
            let variable = keywords["env"]?.text ?? "DATABASE_URL"
            if let url = environment[variable], !url.isEmpty { return .databaseURL(url) }
            if let fallback = keywords["default"]?.text { return .databaseURL(fallback) }
            return .unknown("dj_database_url.config() with \(variable) unset and no default (\(here))")
        case "dj_database_url.parse":
            return first?.text.map(SettingsValue.databaseURL) ?? .unknown("dj_database_url.parse at \(here)")
        case "environ.Env", "environ.environ.Env":
            return .object(type: "environ.Env", fields: keywords)
        case "environ.Env.read_env", "environ.environ.Env.read_env":
            // Reading a .env file into the environment is not followed: the process's environment is used.
            return SettingsValue.none
        case "decouple.config", "decouple.AutoConfig", "decouple.AutoConfig.__call__":
            guard case .string(let variable)? = first else { return .unknown("decouple.config() at \(here)") }
            let cast = keywords["cast"] ?? (arguments.count > 2 ? arguments[2] : nil)
            let raw: SettingsValue
            if let value = environment[variable] {
                raw = .string(value)
            } else if let fallback = keywords["default"] ?? (arguments.count > 1 ? arguments[1] : nil) {
                raw = fallback
            } else {
                return .unknown("environment variable \(variable) is not set and decouple.config() has no default (\(here))")
            }
            return decoupleCast(raw, cast, variable: variable, at: here)
        case "split_settings.tools.optional":
            return first?.text.map { .object(type: "split_settings.optional", fields: ["path": .string($0)]) } ?? .unknown("optional() at \(here)")
        case let value where value.hasPrefix("configurations.values.") && value.hasSuffix("Value"):
            var fields = keywords
            fields["kind"] = .string(String(value.dropFirst("configurations.values.".count)))
            if let first { fields["default"] = fields["default"] ?? first }
            return .object(type: "configurations.Value", fields: fields)
        case "decouple.Csv":
            return .object(type: "decouple.Csv", fields: keywords)
        default:
            return nil
        }
    }

    /// django-configurations' `values.BooleanValue(False)` on the setting `name`: the variable
    /// `DJANGO_<name>` (or `environ_name`, `environ_prefix`) when set, else the default.
    static func configurationsValue(_ name: String, _ declared: [String: SettingsValue], environment: [String: String], at here: String) -> SettingsValue {
        let kind = declared["kind"]?.text ?? "Value"
        let isURL = kind == "DatabaseURLValue" || kind == "CacheURLValue"
        let prefix = declared["environ_prefix"].map { $0 == .none ? "" : ($0.text ?? "DJANGO") + "_" } ?? (isURL ? "" : "DJANGO_")
        let variable = prefix + (declared["environ_name"]?.text ?? (kind == "DatabaseURLValue" ? "DATABASE_URL" : name))
        let environ = declared["environ"] != .bool(false)
        let raw: SettingsValue
        if environ, let value = environment[variable] {
            raw = .string(value)
        } else if let fallback = declared["default"] {
            raw = fallback
        } else {
            return .unknown("\(name): \(variable) is not set and \(kind) has no default (\(here))")
        }
        switch kind {
        case "BooleanValue":
            if case .string(let s) = raw {
                if ["yes", "y", "true", "1"].contains(s.lowercased()) { return .bool(true) }
                if ["no", "n", "false", "0", ""].contains(s.lowercased()) { return .bool(false) }
                return .unknown("\(variable)=\(s) is not a boolean (\(here))")
            }
            return raw
        case "IntegerValue":
            if case .string(let s) = raw { return Int(s).map(SettingsValue.int) ?? .unknown("\(variable)=\(s) is not an int (\(here))") }
            return raw
        case "ListValue", "TupleValue":
            if case .string(let s) = raw {
                let items = s.split(separator: ",").map { SettingsValue.string($0.trimmingCharacters(in: .whitespaces)) }
                return kind == "TupleValue" ? .tuple(items) : .list(items)
            }
            return raw
        case "DatabaseURLValue":
            guard let url = raw.text else { return raw }
            return .dict([(.string(declared["alias"]?.text ?? "default"), .databaseURL(url))])
        default:
            return raw
        }
    }

    /// A method (or a call) of a modelled library object.
    static func method(type: String, fields: [String: SettingsValue], _ name: String, arguments: [SettingsValue],
                       keywords: [String: SettingsValue], environment: [String: String], at here: String) -> SettingsValue? {
        guard type == "environ.Env" else { return nil }
        switch name {
        case "__call__", "str", "bool", "int", "float", "list", "tuple", "dict", "json", "url", "path",
             "db", "db_url", "cache", "cache_url", "email", "email_url", "search_url":
            return environValue(name == "__call__" ? nil : name, scheme: fields, arguments: arguments, keywords: keywords,
                                environment: environment, at: here)
        case "read_env":
            return SettingsValue.none
        default:
            return nil
        }
    }

    /// `env("X", default=…)`, `env.bool("X")`, `env.list(…)`, `env.db(…)`: the variable, cast as
    /// django-environ casts it, else the default, else the scheme's default; unknown when none.
    private static func environValue(_ kind: String?, scheme: [String: SettingsValue], arguments: [SettingsValue],
                                     keywords: [String: SettingsValue], environment: [String: String], at here: String) -> SettingsValue {
        var kind = kind
        let isURLKind = ["db", "db_url", "cache", "cache_url", "email", "email_url", "search_url"].contains(kind ?? "")
        let variable = arguments.first?.text ?? (isURLKind ? (kind!.hasPrefix("db") ? "DATABASE_URL" : kind!.uppercased() + "_URL") : nil)
        guard let variable else { return .unknown("an environ.Env lookup at \(here)") }
        var fallback = keywords["default"] ?? (arguments.count > 1 && kind != nil ? arguments[1] : nil)
        if kind == nil, let cast = keywords["cast"] ?? (arguments.count > 1 ? arguments[1] : nil), case .module(let castName) = cast {
            kind = castName.replacingOccurrences(of: "builtins.", with: "")
            fallback = keywords["default"] ?? (arguments.count > 2 ? arguments[2] : nil)
        }
        if let declared = scheme[variable] {
            // `Env(DEBUG=(bool, False))`: the cast, and the default when none is given here.
            if let pair = declared.elements, pair.count == 2 {
                if kind == nil, case .module(let castName) = pair[0] { kind = castName.replacingOccurrences(of: "builtins.", with: "") }
                fallback = fallback ?? pair[1]
            } else if kind == nil, case .module(let castName) = declared {
                kind = castName.replacingOccurrences(of: "builtins.", with: "")
            }
        }
        guard let raw = environment[variable] else {
            if let fallback {
                if isURLKind, let url = fallback.text { return .databaseURL(url) }
                return fallback
            }
            return .unknown("environment variable \(variable) is not set and env\(kind.map { ".\($0)" } ?? "")() has no default (\(here))")
        }
        switch kind {
        case "bool"?: return .bool(environTrue.contains(raw.lowercased()))
        case "int"?: return Int(raw).map(SettingsValue.int) ?? .unknown("\(variable)=\(raw) is not an int (\(here))")
        case "list"?, "tuple"?:
            let items = raw.isEmpty ? [] : raw.split(separator: ",", omittingEmptySubsequences: false).map { SettingsValue.string(String($0)) }
            return kind == "tuple" ? .tuple(items) : .list(items)
        case let k? where isURLKind || k == "url":
            return .databaseURL(raw)
        case "str"?, nil, "path"?:
            return .string(raw)
        default:
            return .unknown("env.\(kind!)(\(variable)) at \(here)")
        }
    }

    /// decouple's `cast=`: `bool` by its own true and false strings, `int`, `Csv()`, else as is.
    private static func decoupleCast(_ raw: SettingsValue, _ cast: SettingsValue?, variable: String, at here: String) -> SettingsValue {
        guard let cast else { return raw }
        switch cast {
        case .module("builtins.bool"):
            switch raw {
            case .bool: return raw
            case .int(let i): return .bool(i != 0)
            case .string(let s):
                if decoupleTrue.contains(s.lowercased()) { return .bool(true) }
                if decoupleFalse.contains(s.lowercased()) { return .bool(false) }
                return .unknown("\(variable)=\(s) is not a boolean for decouple (\(here))")
            default: return raw.unknownOr("\(variable) cast to bool at \(here)")
            }
        case .module("builtins.int"):
            if case .string(let s) = raw { return Int(s).map(SettingsValue.int) ?? .unknown("\(variable)=\(s) is not an int (\(here))") }
            return raw
        case .module("builtins.str"):
            return raw.asPythonString.map(SettingsValue.string) ?? raw
        case .object("decouple.Csv", let options):
            guard case .string(let s) = raw else { return raw }
            let delimiter = options["delimiter"]?.text ?? ","
            let strip = options["strip"]?.text ?? " %*"
            let items = s.components(separatedBy: delimiter).map { $0.trimmingCharacters(in: .init(charactersIn: strip + " \t\n")) }
                .filter { !$0.isEmpty }.map(SettingsValue.string)
            return .list(items)
        default:
            return .unknown("\(variable) with a cast that is not modelled (\(here))")
        }
    }
}
