import ArgumentParser
import CheckPipeline
import FindingReport
import Foundation

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the pending migrations in the order `manage.py migrate` would apply them.",
        discussion: """
            Reads the project's migrations without running Python, asks the database which are \
            applied (read-only: one SELECT), and prints the pending ones in Django's order, after \
            the same checks `migrate` makes (missing dependencies, cycles, conflicting leaves, an \
            inconsistent history). Without a database, --since REF, --staged or --all choose the \
            candidates from git or take them all.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "text or json")
    var format: PlanFormat = .text

    @Option(name: .long, help: "A TOML file with a [tool.zerodowntime] table (default: the nearest pyproject.toml).")
    var config: String?

    func run() async throws {
        var request = options.request
        request.configFile = config
        do {
            let outcome = try await CheckPipeline(request).plan()
            let database = outcome.snapshot.map {
                PlanReport.Database(vendor: $0.vendor, version: $0.serverVersion, hasMigrationsTable: $0.hasMigrationsTable)
            }
            var report = PlanReport(plan: outcome.plan, database: database, settingsModule: outcome.project.settings.module)
            report.assumptions = outcome.project.assumptions
            report.apps = outcome.project.apps
            report.authUserModel = outcome.project.authUserModel
            let base = FileManager.default.currentDirectoryPath
            report.displayPath = { relativePath($0, to: base) }
            print(format == .json ? report.json() : report.text(), terminator: "")
        } catch let error as CheckRequestError {
            throw ValidationError(error.message)
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("zerodowntime: \(error)\n".utf8))
            throw ExitCode.incomplete
        }
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
