import ArgumentParser
import CheckPipeline
import DatabaseTarget
import FindingReport
import Foundation
import MigrationRules
import RunInputs

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

    @Option(name: .long, help: ArgumentHelp("Table sizes as JSON, {\"tables\": {\"name\": {\"rows\": N, \"bytes\": N}}}, for a check that cannot read the production database (over what the database read says).", valueName: "file"))
    var statsFile: String?

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

    /// The check these options ask for.
    var pipeline: CheckPipeline {
        var request = options.request
        request.policy = policy
        request.target = target
        request.failOn = failOn
        request.configFile = config
        request.statsFile = statsFile
        return CheckPipeline(request)
    }

    func run() async throws {
        let started = Date()
        let pipeline = self.pipeline
        let terminal = isatty(STDOUT_FILENO) != 0 ? "terminal" : "not a terminal"
        let question = await CheckQuestion.gather(pipeline, frontEnd: ["check-migrations", terminal] + CommandLine.arguments)
        let cache = question.key.flatMap { _ in options.cacheDirectory.flatMap(ResultCache.init(directory:)) }
        if let cache, let key = question.key, let answer = cache.answer(for: key) {
            FileHandle.standardOutput.write(Data(answer.output))
            if answer.status != 0 { throw ExitCode(answer.status) }
            return
        }
        if cache != nil { InputLog.shared.start() }
        do {
            let report = try await pipeline.check(question: question).report
            let text = renderer(report).render(report)
            print(text, terminator: "")
            if let cache, let key = question.key, let inputs = InputLog.shared.finish() {
                cache.keep(.init(output: Array(text.utf8), status: report.fails ? 1 : 0), for: key, inputs: inputs, startedAt: started)
            }
            if report.fails { throw ExitCode(1) }
        } catch let error as CheckRequestError {
            throw ValidationError(error.message)
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("zerodowntime: \(error)\n".utf8))
            throw ExitCode.incomplete
        }
    }

    private func renderer(_ report: CheckReport) -> any ReportRenderer {
        switch format {
        case .text:
            return TextReport(color: ColorPolicy.enabled(for: STDOUT_FILENO), verbose: verbose, quiet: quiet)
        case .json: return JSONReport()
        case .sarif: return SARIFReport(toolVersion: ZeroDowntimeVersion.current)
        case .github: return GitHubReport()
        }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github
}

extension CheckSettings.Policy: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
