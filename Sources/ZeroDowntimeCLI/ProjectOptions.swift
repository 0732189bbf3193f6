import AppliedMigrations
import ArgumentParser
import DjangoProject
import Foundation
import PendingPlan
import PythonSyntax

/// Options shared by the commands that read a project and decide what is pending.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The Django project's root directory (where manage.py is).")
    var project: String = "."

    @Option(name: .long, help: "The settings module, as a dotted path (else DJANGO_SETTINGS_MODULE, else manage.py's default).")
    var settings: String?

    @Option(name: .long, help: "The project's Python interpreter; its sys.path locates third-party apps (else VIRTUAL_ENV, .venv or venv).")
    var python: String?

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
        if selections == 1 && (databaseURL != nil || database != nil) {
            throw ValidationError("--database-url and --database read a database; --since, --staged, --all and --applied-from do not")
        }
    }

    /// Where parsed files and kept answers go; nil with `--no-cache`.
    var cacheDirectory: String? {
        noCache ? nil : cacheDir ?? MigrationParseCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// Reads the project (on a large stack: the parser is deep on deeply nested input).
    func loadProject() throws -> DjangoProject {
        let (project, settings, python) = (self.project, self.settings, self.python)
        let cache = cacheDirectory.flatMap {
            MigrationParseCache(directory: $0, project: URL(fileURLWithPath: project).standardizedFileURL.path)
        }
        let result: Result<DjangoProject, DjangoProjectError> = LargeStack.run {
            do throws(DjangoProjectError) {
                return .success(try DjangoProject.load(directory: project, settingsModule: settings, python: python, parseCache: cache))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The plan from the chosen source; what `question` read already is not read again.
    func pendingPlan(for project: DjangoProject, question: CheckQuestion = CheckQuestion()) async throws -> (PendingPlan, AppliedMigrationsSnapshot?) {
        if all { return (try PendingPlan.all(project: project), nil) }
        if let since {
            let files = try question.changedFiles?.get() ?? GitCandidates.changedFiles(.since(since), in: project.directory)
            return (try PendingPlan.candidates(project: project, files: files, source: .git("changed since \(since)")), nil)
        }
        if staged {
            let files = try question.changedFiles?.get() ?? GitCandidates.changedFiles(.staged, in: project.directory)
            return (try PendingPlan.candidates(project: project, files: files, source: .git("staged for commit")), nil)
        }
        if let appliedFrom {
            let contents = try AppliedMigrationsFile.read(appliedFrom)
            let origin = appliedFrom == "-" ? "standard input" : appliedFrom
            let description = "applied migrations from \(origin)" + (contents.description.map { " (\($0))" } ?? "")
            let plan = try PendingPlan.fromDatabase(project: project, recorded: contents.snapshot.recorded,
                                                    source: .database(description: description, hasMigrationsTable: contents.snapshot.hasMigrationsTable),
                                                    databaseAlias: "default")
            return (plan, contents.snapshot)
        }
        let (url, alias, origin) = try databaseURL(for: project)
        let snapshot: AppliedMigrationsSnapshot
        if let read = question.snapshot { snapshot = try read.get() } else { snapshot = try await readSnapshot(url) }
        let description = "\(url.redacted) (\(origin))"
        let plan = try PendingPlan.fromDatabase(project: project, recorded: snapshot.recorded,
                                                source: .database(description: description, hasMigrationsTable: snapshot.hasMigrationsTable),
                                                databaseAlias: alias)
        return (plan, snapshot)
    }

    func readSnapshot(_ url: DatabaseURL) async throws -> AppliedMigrationsSnapshot {
        // libpq: zero or less waits indefinitely; here a day, past which PostgresNIO's clock would not go.
        let source = try url.appliedMigrationSource(connectTimeout: .seconds(connectTimeout > 0 ? connectTimeout : 86_400))
        return try await source.appliedMigrations()
    }

    /// The database `--database-url` or `DATABASE_URL` names, known before the settings are read;
    /// nil when the settings name it.
    func databaseURLBeforeSettings(projectDirectory: String) throws -> (DatabaseURL, origin: String)? {
        if let databaseURL {
            return (try DatabaseURL(parsing: databaseURL, relativeTo: projectDirectory), "--database-url")
        }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DATABASE_URL"], !fromEnvironment.isEmpty, database == nil {
            return (try DatabaseURL(parsing: fromEnvironment, relativeTo: projectDirectory), "DATABASE_URL")
        }
        return nil
    }

    /// `--database-url`, else `DATABASE_URL`, else the settings' alias.
    func databaseURL(for project: DjangoProject) throws -> (DatabaseURL, alias: String, origin: String) {
        let alias = database ?? (project.settings.hasDatabase("CHECK_MIGRATIONS") ? "CHECK_MIGRATIONS" : "default")
        if let (url, origin) = try databaseURLBeforeSettings(projectDirectory: project.directory) { return (url, alias, origin) }
        let settingsFile = project.settings.file
        guard let entry = project.settings.database(alias) else {
            let databases = project.settings.values["DATABASES"]
            if databases == nil {
                throw ValidationError(project.settings.notSet("DATABASES").message + "; pass --database-url URL or set DATABASE_URL")
            }
            if let why = databases?.firstUnknown {
                throw ValidationError("\(settingsFile): DATABASES cannot be read statically: \(why); pass --database-url URL or set DATABASE_URL")
            }
            throw ValidationError("\(settingsFile): DATABASES has no '\(alias)' alias; pass --database ALIAS or --database-url URL")
        }
        let origin = alias == "CHECK_MIGRATIONS" && database == nil
            ? "settings DATABASES['CHECK_MIGRATIONS'], the original tool's alias" : "settings DATABASES['\(alias)']"
        if case .databaseURL(let url) = entry {
            return (try DatabaseURL(parsing: url, relativeTo: project.directory), alias, origin)
        }
        guard case .dict(let entries) = entry else {
            throw ValidationError("\(settingsFile): DATABASES['\(alias)'] cannot be read statically: \(entry.firstUnknown ?? entry.description); pass --database-url or set DATABASE_URL")
        }
        var strings: [String: String] = [:]
        for (key, value) in entries {
            guard let name = key.text else { continue }
            if name == "OPTIONS", case .dict(let options) = value {
                for option in options {
                    if let optionName = option.key.text, let text = scalarText(option.value) { strings["OPTIONS." + optionName] = text }
                }
                continue
            }
            guard ["ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT"].contains(name) else { continue }
            if let text = scalarText(value) {
                strings[name] = text
            } else if value != .none {
                throw ValidationError("\(settingsFile): DATABASES['\(alias)']['\(name)'] cannot be read statically: \(value.firstUnknown ?? value.description); pass --database-url or set DATABASE_URL")
            }
        }
        return (try DatabaseURL(djangoSettings: strings, relativeTo: project.directory), alias, origin)
    }

    private func scalarText(_ value: SettingsValue) -> String? {
        switch value {
        case .string(let s), .path(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }
}
