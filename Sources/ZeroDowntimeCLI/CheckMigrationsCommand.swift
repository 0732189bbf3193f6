import AppliedMigrations
import ArgumentParser
import DjangoProject
import FindingReport
import Foundation
import MigrationGraph
import MigrationRules
import PendingPlan
import ProjectConfiguration
import RunInputs
import SchemaState

struct CheckMigrationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-migrations",
        abstract: "Judge every pending migration operation for a deploy without downtime.",
        discussion: """
            Finds the pending migrations (as `plan` does), replays the whole migration history into \
            Django's model state, and judges each pending operation against the state right before it, \
            for the target database: will the previous release still work, will a busy table be locked \
            or rewritten. Every finding says why and prints the safe recipe with your own names.

            Exit codes: 0 every pending operation is safe; 1 a finding of severity error remains (or \
            a warning, with --fail-on warning); 2 the check could not be completed.

            Silence a finding with `# zerodowntime: ignore[rule-id] reason` on the operation's line or \
            the line above, `zerodowntime_ignore = ["rule-id"]` in the Migration class, or \
            [tool.zerodowntime] in pyproject.toml. `zerodowntime rules` lists the rules.
            """,
        aliases: ["check_migrations"]
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "recommended (the full rule catalogue) or original (django-zerodowntime 0.3.0's verdicts).")
    var policy: CheckSettings.Policy?

    @Option(name: .long, help: "The database to judge for when none is connected: postgresql@16, mysql@8, sqlite.")
    var target: String?

    @Option(name: .long, help: "text, json, sarif or github.")
    var format: CheckFormat = .text

    @Option(name: .long, help: "The lowest severity that fails the check: error (default) or warning.")
    var failOn: Severity?

    @Option(name: .long, help: "A TOML file with a [tool.zerodowntime] table (default: the nearest pyproject.toml).")
    var config: String?

    @Flag(name: .shortAndLong, help: "Print only the findings' first lines and the summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print ignored findings and how the plan was decided.")
    var verbose = false

    func validate() throws {
        if let target, Target(parsing: target, reason: "") == nil {
            throw ValidationError("--target '\(target)' is not like postgresql@16, mysql@8 or sqlite")
        }
        if quiet && verbose { throw ValidationError("choose one of --quiet and --verbose") }
    }

    func run() async throws {
        let started = Date()
        let question = await CheckQuestion.gather(options)
        let cache = question.key.flatMap { _ in options.cacheDirectory.flatMap(ResultCache.init(directory:)) }
        if let cache, let key = question.key, let answer = cache.answer(for: key) {
            FileHandle.standardOutput.write(Data(answer.output))
            if answer.status != 0 { throw ExitCode(answer.status) }
            return
        }
        if cache != nil { InputLog.shared.start() }
        do {
            let report = try await evaluate(question: question)
            let text = renderer(report).render(report)
            print(text, terminator: "")
            if let cache, let key = question.key, let inputs = InputLog.shared.finish() {
                cache.keep(.init(output: Array(text.utf8), status: report.fails ? 1 : 0), for: key, inputs: inputs, startedAt: started)
            }
            if report.fails { throw ExitCode(1) }
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("zerodowntime: \(error)\n".utf8))
            throw ExitCode.incomplete
        }
    }

    /// Reads the project, plans, replays and judges: everything but printing. A caller that has
    /// read the configuration already (the commit-msg hook) hands it over instead of a second read.
    func evaluate(configuration loaded: Result<ProjectConfiguration, CheckConfigurationError>? = nil,
                  question: CheckQuestion = CheckQuestion()) async throws -> CheckReport {
        let project = try options.loadProject()
        let configuration = try loaded?.get() ?? ProjectConfiguration.load(projectDirectory: project.directory, explicitFile: config)
        let (plan, snapshot) = try await options.pendingPlan(for: project, question: question)
        var settings = CheckSettings()
        configuration.apply(to: &settings)
        if let policy { settings.policy = policy }
        settings.target = try chooseTarget(snapshot: snapshot, configuration: configuration, project: project)
        settings.lockTimeoutSetBy = LockTimeoutSource.find(target: settings.target, snapshot: snapshot, settings: project.settings)
        let result = try MigrationCheck(settings: settings).run(checkedMigrations(project, plan), state: initialState(project))
        var report = CheckReport(result: result, pending: plan.pending, source: PlanReport.sourceName(plan),
                                 sourceDescription: PlanReport.sourceDescription(plan), target: settings.target,
                                 policy: settings.policy, failOn: failOn ?? configuration.failOn ?? .error,
                                 baseDirectory: FileManager.default.currentDirectoryPath)
        report.lockTimeoutSetBy = settings.lockTimeoutSetBy
        return report
    }

    private func renderer(_ report: CheckReport) -> any ReportRenderer {
        switch format {
        case .text:
            let environment = ProcessInfo.processInfo.environment
            let color = isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
            return TextReport(color: color, verbose: verbose, quiet: quiet)
        case .json: return JSONReport()
        case .sarif: return SARIFReport(toolVersion: ZeroDowntimeVersion.current)
        case .github: return GitHubReport()
        }
    }

    /// `--target`, else the connected database, else the configuration's target, else the
    /// settings' ENGINE, else the oldest PostgreSQL Django 5.2 supports. A configured target also
    /// wins over an SQLite database of another backend: a laptop's SQLite is not production.
    private func chooseTarget(snapshot: AppliedMigrationsSnapshot?, configuration: ProjectConfiguration,
                              project: DjangoProject) throws -> Target {
        if let target { return Target(parsing: target, reason: "--target")! }
        var fromDatabase: Target?
        if let snapshot, let backend = Target.Backend(rawValue: snapshot.vendor) {
            let reason = "from the database" + (snapshot.serverVersion.map { ", server version \($0)" } ?? "")
            fromDatabase = backend == .sqlite ? Target(.sqlite, reason: reason) : Target(backend: backend, serverVersion: snapshot.serverVersion, reason: reason)
        }
        if let text = configuration.target, let file = configuration.file, var configured = Target(parsing: text, reason: "target in \(displayPath(file))") {
            if let fromDatabase, fromDatabase.backend == configured.backend { return fromDatabase }
            if fromDatabase != nil { configured.reason += "; the database read is \(fromDatabase!.description)" }
            return configured
        }
        if let fromDatabase { return fromDatabase }
        let alias = options.database ?? (project.settings.hasDatabase("CHECK_MIGRATIONS") ? "CHECK_MIGRATIONS" : "default")
        if case .dict(let entries)? = project.settings.database(alias),
           let engine = entries.first(where: { $0.key.text == "ENGINE" })?.value, case .string(let name) = engine {
            let reason = "ENGINE \(name) in the settings; version unknown"
            if name.contains("postgis") || name.contains("postgresql") { return Target(.postgresql, major: 14, reason: reason + ", assuming 14, the oldest Django 5.2 supports") }
            if name.contains("mysql") { return Target(.mysql, major: 8, reason: reason + ", assuming 8") }
            if name.contains("sqlite") { return Target(.sqlite, reason: "ENGINE \(name) in the settings") }
        }
        return .djangoDefault
    }

    /// Every migration in the order Django applies them, the pending ones marked.
    private func checkedMigrations(_ project: DjangoProject, _ plan: PendingPlan) -> [CheckedMigration] {
        // Positions, not copies: a migration file is a large value, and 10,000 of them copied
        // into a dictionary cost more than judging them.
        var positions: [MigrationKey: Int] = [:]
        positions.reserveCapacity(project.migrations.count)
        for (index, file) in project.migrations.enumerated() where positions[file.key] == nil { positions[file.key] = index }
        let pending = Set(plan.pending)
        return plan.planner.fullPlan().compactMap { key in
            positions[key].map {
                let file = project.migrations[$0]
                return CheckedMigration(key: key, path: file.path, module: file.module, migration: file.migration, isPending: pending.contains(key))
            }
        }
    }

    private func initialState(_ project: DjangoProject) -> ProjectState {
        let resolver = FieldClassResolver(searchRoots: project.searchRoots) { FieldDefinition.knownClasses.contains($0) }
        return ProjectState(authUserModel: project.authUserModel) { resolver.djangoField(for: $0) }
    }
}

/// A path relative to the current directory when it lies under it.
func displayPath(_ path: String) -> String {
    let base = FileManager.default.currentDirectoryPath
    return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github
}

extension CheckSettings.Policy: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
