import Foundation
import MigrationRules

/// What a front end asks of the check: which project, which migrations count as pending, and
/// how to judge them. Every field has the command line's default.
public struct CheckRequest: Sendable {
    /// Where the pending migrations come from.
    public enum Selection: Sendable, Equatable {
        /// The applied set of a database: `url` (`--database-url`), else `DATABASE_URL`, else the
        /// settings' `alias` (`--database`; `CHECK_MIGRATIONS` when the settings define it, else
        /// `default`).
        case database(url: String?, alias: String?)
        /// The migration files git says were added or changed since a ref (`--since`).
        case since(String)
        /// The migration files staged for commit (`--staged`).
        case staged
        /// Every migration, as on a fresh database (`--all`).
        case all
        /// The applied set from a JSON file, `-` for standard input (`--applied-from`).
        case appliedFrom(String)
    }

    public var projectDirectory = "."
    /// `--settings`, else `DJANGO_SETTINGS_MODULE`, else `manage.py`'s default.
    public var settingsModule: String?
    /// An interpreter whose `sys.path` locates third-party apps (`--python`).
    public var python: String?
    public var selection = Selection.database(url: nil, alias: nil)
    /// Seconds; zero or less waits as libpq does without a limit (here a day).
    public var connectTimeout = 10
    /// Where parsed migrations are kept between runs; nil parses everything.
    public var cacheDirectory: String?
    public var policy: CheckSettings.Policy?
    /// `postgresql@16`, `mysql@8`, `sqlite` (`--target`), validated by the front end.
    public var target: String?
    public var failOn: Severity?
    /// A TOML file with `[tool.zerodowntime]`, else the nearest `pyproject.toml`.
    public var configFile: String?
    public var environment: [String: String]
    /// `--setting NAME=VALUE`: names the settings read, pinned to Python literals (over
    /// `[tool.zerodowntime.settings]`).
    public var settingPins: [String: String] = [:]
    /// `--stats-file`: table sizes as JSON, over what the database said.
    public var statsFile: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }
}

/// A problem with what was asked (a database alias the settings lack, DATABASES that cannot be
/// read): the command line shows it as a usage error.
public struct CheckRequestError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}
