import AppliedMigrations
import DjangoProject
import FindingReport
import Foundation
import MigrationGraph
import MigrationRules
import PendingPlan
import ProjectConfiguration
import PythonSyntax
import SchemaState

/// The check as a library: DESIGN.md's stages run in order for one request, each front end
/// (the command line, the commit-msg hook, `manage.py check_migrations`) calling this and
/// rendering what it returns.
public struct CheckPipeline: Sendable {
    public var request: CheckRequest

    /// `--applied-from`'s bytes, read once: standard input cannot be read twice, and both the
    /// project (Django's own facts) and the plan (the applied set) come from it.
    private let appliedFrom = AppliedFromInput()

    public init(_ request: CheckRequest) {
        self.request = request
    }

    /// The pending plan and where it came from.
    public struct PlanOutcome: Sendable {
        public var project: DjangoProject
        public var plan: PendingPlan
        /// The applied set as read (database or `--applied-from`); nil for git and `--all`.
        public var snapshot: AppliedMigrationsSnapshot?
    }

    /// Everything a report needs, and the stages' outputs it came from.
    public struct CheckOutcome: Sendable {
        public var report: CheckReport
        public var project: DjangoProject
        public var plan: PendingPlan
        public var snapshot: AppliedMigrationsSnapshot?
        public var settings: CheckSettings
    }

    var database: DatabaseChoice {
        guard case .database(let url, let alias) = request.selection else {
            return DatabaseChoice(url: nil, alias: nil, environment: request.environment, connectTimeout: request.connectTimeout)
        }
        return DatabaseChoice(url: url, alias: alias, environment: request.environment, connectTimeout: request.connectTimeout)
    }

    /// Reads the project (on a large stack: the parser is deep on deeply nested input).
    public func loadProject() throws -> DjangoProject {
        let request = self.request
        let cache = request.cacheDirectory.flatMap {
            MigrationParseCache(directory: $0, project: URL(fileURLWithPath: request.projectDirectory).standardizedFileURL.path)
        }
        // Pins from the configuration, then the command line's over them. A configuration that
        // cannot be read is reported by the caller's own read of it.
        let directory = URL(fileURLWithPath: request.projectDirectory).standardizedFileURL.path
        let configured = (try? loadConfiguration(projectDirectory: directory))?.settingPins ?? [:]
        let pins = configured.merging(request.settingPins) { _, given in given }
        var given: DjangoFacts?
        if case .appliedFrom(let path) = request.selection {
            given = try DjangoFacts.parse(try appliedFrom.data(path), origin: path == "-" ? "standard input" : path)
        }
        let facts = given
        let result: Result<DjangoProject, DjangoProjectError> = LargeStack.run {
            do throws(DjangoProjectError) {
                return .success(try DjangoProject.load(directory: request.projectDirectory, settingsModule: request.settingsModule,
                                                       python: request.python, environment: request.environment, parseCache: cache,
                                                       pins: pins, facts: facts))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The configuration as the check reads it: `configFile`, else the nearest pyproject.toml.
    public func loadConfiguration(projectDirectory: String) throws(CheckConfigurationError) -> ProjectConfiguration {
        try ProjectConfiguration.load(projectDirectory: projectDirectory, explicitFile: request.configFile)
    }

    /// The project and its pending plan. The configuration is read too: a malformed one is the
    /// same error here as in the check, not a plan the check would then refuse.
    public func plan() async throws -> PlanOutcome {
        let project = try loadProject()
        _ = try loadConfiguration(projectDirectory: project.directory)
        let (plan, snapshot) = try await pendingPlan(for: project)
        return PlanOutcome(project: project, plan: plan, snapshot: snapshot)
    }

    /// Reads the project, plans, replays and judges: everything but printing. A caller that has
    /// read the configuration already (the commit-msg hook) hands it over instead of a second
    /// read; what `question` read already is not read again.
    public func check(configuration loaded: Result<ProjectConfiguration, CheckConfigurationError>? = nil,
                      question: CheckQuestion = CheckQuestion()) async throws -> CheckOutcome {
        var project = try loadProject()
        let configuration = try loaded?.get() ?? loadConfiguration(projectDirectory: project.directory)
        let (plan, snapshot) = try await pendingPlan(for: project, question: question)
        var settings = CheckSettings()
        configuration.apply(to: &settings)
        if let policy = request.policy { settings.policy = policy }
        settings.target = TargetChoice.choose(asked: request.target, snapshot: snapshot, configuration: configuration,
                                              project: project, databaseAlias: database.alias)
        settings.lockTimeoutSetBy = LockTimeoutSource.find(target: settings.target, snapshot: snapshot, settings: project.settings,
                                                           environment: request.environment)
        // Operations chosen by `if connection.vendor == …` in a class body: the target's.
        project = project.resolvingClassBodyBranches(vendor: settings.target.backend.rawValue)
        var result = try MigrationCheck(settings: settings).run(CheckedMigrations.inPlanOrder(project, plan),
                                                                state: CheckedMigrations.initialState(project))
        var sizes = snapshot?.tableSizes ?? [:]
        if let statsFile = request.statsFile { sizes.merge(try TableSize.readStatsFile(statsFile)) { _, file in file } }
        TableSizeNotes.apply(to: &result, sizes: sizes, smallTableRows: configuration.smallTableRows)
        var report = CheckReport(result: result, pending: plan.pending, source: plan.sourceName,
                                 sourceDescription: plan.sourceDescription, target: settings.target,
                                 policy: settings.policy, failOn: request.failOn ?? configuration.failOn ?? .error,
                                 baseDirectory: FileManager.default.currentDirectoryPath)
        report.lockTimeoutSetBy = settings.lockTimeoutSetBy
        report.assumptions = project.assumptions
        return CheckOutcome(report: report, project: project, plan: plan, snapshot: snapshot, settings: settings)
    }

    /// The plan from the request's selection; what `question` read already is not read again.
    public func pendingPlan(for project: DjangoProject, question: CheckQuestion = CheckQuestion()) async throws -> (PendingPlan, AppliedMigrationsSnapshot?) {
        switch request.selection {
        case .all:
            return (try PendingPlan.all(project: project), nil)
        case .since(let ref):
            let files = try question.changedFiles?.get() ?? GitCandidates.changedFiles(.since(ref), in: project.directory)
            return (try PendingPlan.candidates(project: project, files: files, source: .git("changed since \(ref)")), nil)
        case .staged:
            let files = try question.changedFiles?.get() ?? GitCandidates.changedFiles(.staged, in: project.directory)
            return (try PendingPlan.candidates(project: project, files: files, source: .git("staged for commit")), nil)
        case .appliedFrom(let path):
            let contents = try AppliedMigrationsFile.parse(try appliedFrom.data(path), origin: path == "-" ? "standard input" : path)
            let origin = path == "-" ? "standard input" : path
            let description = "applied migrations from \(origin)" + (contents.description.map { " (\($0))" } ?? "")
            let plan = try PendingPlan.fromDatabase(project: project, recorded: contents.snapshot.recorded,
                                                    source: .database(description: description, hasMigrationsTable: contents.snapshot.hasMigrationsTable),
                                                    databaseAlias: "default")
            return (plan, contents.snapshot)
        case .database:
            let (url, alias, origin) = try database.url(for: project)
            let snapshot: AppliedMigrationsSnapshot
            if let read = question.snapshot { snapshot = try read.get() } else { snapshot = try await database.readSnapshot(url) }
            let description = "\(url.redacted) (\(origin))"
            let plan = try PendingPlan.fromDatabase(project: project, recorded: snapshot.recorded,
                                                    source: .database(description: description, hasMigrationsTable: snapshot.hasMigrationsTable),
                                                    databaseAlias: alias)
            return (plan, snapshot)
        }
    }
}

/// The bytes of `--applied-from`, read on first use and kept.
final class AppliedFromInput: @unchecked Sendable {
    private let lock = NSLock()
    private var read: Result<Data, AppliedMigrationsError>?

    func data(_ path: String) throws(AppliedMigrationsError) -> Data {
        lock.lock()
        defer { lock.unlock() }
        if read == nil {
            do throws(AppliedMigrationsError) { read = .success(try AppliedMigrationsFile.readData(path)) } catch { read = .failure(error) }
        }
        return try read!.get()
    }
}
