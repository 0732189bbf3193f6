import ArgumentParser
import CheckPipeline
import DjangoProject
import Foundation

/// Options shared by the commands that read a project and decide what is pending.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The Django project's root directory (where manage.py is).")
    var project: String = "."

    @Option(name: .long, help: "The settings module, as a dotted path (else DJANGO_SETTINGS_MODULE, else manage.py's default).")
    var settings: String?

    @Option(name: .long, help: "The project's Python interpreter; its sys.path locates third-party apps (else VIRTUAL_ENV, .venv or venv).")
    var python: String?

    @Option(name: .customLong("setting"), help: ArgumentHelp("Pin a name the settings read, as a Python literal (repeatable): --setting DEBUG=False --setting WAGTAIL_PAGE_MODEL=home.HomePage. Over [tool.zerodowntime.settings].", valueName: "NAME=VALUE"))
    var settingPins: [String] = []

    @Option(name: .long, help: "The database to read applied migrations from (else DATABASE_URL, else the settings).")
    var databaseURL: String?

    @Option(name: .long, help: "The settings' database alias (default: 'default', or CHECK_MIGRATIONS when the settings define it).")
    var database: String?

    @Option(name: .long, help: "Take the migrations added or changed since this git ref as pending (no database).")
    var since: String?

    @Flag(name: .long, help: "Take the migrations staged for commit as pending (no database).")
    var staged = false

    @Flag(name: .long, help: "Take every migration as pending, as on a fresh database.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Read the applied migrations from a JSON file (- for standard input) instead of a database: {\"applied\": [[\"app\", \"name\"], …], \"vendor\": \"postgresql\", \"version\": \"16.4\"}.", valueName: "file"))
    var appliedFrom: String?

    @Option(name: .long, help: "Seconds to wait for a database connection (0 or less: no limit, as libpq's connect_timeout).")
    var connectTimeout: Int = 10

    @Flag(name: .long, help: "Read and judge everything again instead of using the cache (and write none).")
    var noCache = false

    @Option(name: .long, help: "Where parsed migrations (by the SHA-256 of each file) and whole answers (while every file they read is unchanged) are kept between runs (default: ZERODOWNTIME_CACHE_DIR, else ~/.cache/zerodowntime).")
    var cacheDir: String?

    func validate() throws {
        let selections = [since != nil, staged, all, appliedFrom != nil].filter { $0 }.count
        if selections > 1 { throw ValidationError("choose one of --since, --staged, --all and --applied-from") }
        for pin in settingPins {
            guard let equals = pin.firstIndex(of: "="), pin[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                  !pin[..<equals].isEmpty else {
                throw ValidationError("--setting \(pin): write NAME=VALUE, VALUE a Python literal (True, 3, \"text\", [\"a\", \"b\"]) or bare text")
            }
        }
        if selections == 1 && (databaseURL != nil || database != nil) {
            throw ValidationError("--database-url and --database read a database; --since, --staged, --all and --applied-from do not")
        }
    }

    /// Where parsed files and kept answers go; nil with `--no-cache`.
    var cacheDirectory: String? {
        noCache ? nil : cacheDir ?? MigrationParseCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// The request these options make; the command adds its own (policy, target, configuration).
    var request: CheckRequest {
        var request = CheckRequest()
        request.projectDirectory = project
        request.settingsModule = settings
        request.python = python
        request.connectTimeout = connectTimeout
        request.cacheDirectory = cacheDirectory
        for pin in settingPins {
            let equals = pin.firstIndex(of: "=")!
            request.settingPins[String(pin[..<equals])] = String(pin[pin.index(after: equals)...])
        }
        if all {
            request.selection = .all
        } else if let since {
            request.selection = .since(since)
        } else if staged {
            request.selection = .staged
        } else if let appliedFrom {
            request.selection = .appliedFrom(appliedFrom)
        } else {
            request.selection = .database(url: databaseURL, alias: database)
        }
        return request
    }
}
