import AppliedMigrations
import ArgumentParser
import CheckPipeline
import DjangoProject
import Foundation
import MigrationDump
import PendingPlan

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
            print(PlanReport(plan: outcome.plan, snapshot: outcome.snapshot, project: outcome.project).render(format), terminator: "")
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

/// The plan as text for people or JSON for programs.
struct PlanReport {
    var plan: PendingPlan
    var snapshot: AppliedMigrationsSnapshot?
    var project: DjangoProject

    func render(_ format: PlanFormat) -> String {
        switch format {
        case .json: return json()
        case .text: return text()
        }
    }

    private var sourceName: String { PlanDescription.sourceName(plan) }
    private var sourceDescription: String { PlanDescription.sourceDescription(plan) }

    func text() -> String {
        var out = "Pending migrations: \(plan.pending.count) of \(plan.migrationCount) (\(sourceDescription))\n"
        for key in plan.pending { out += "  \(key)\n" }
        if plan.pending.isEmpty { out += "  No planned migrations.\n" }
        return out
    }

    /// `{"pending": [["app", "name"], …], "source": …}`, keys in a fixed order.
    func json() -> String {
        var json = ContractJSONWriter()
        json.raw("{\"pending\":[")
        for (k, key) in plan.pending.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("[")
            json.string(key.app)
            json.raw(",")
            json.string(key.name)
            json.raw("]")
        }
        json.raw("],\"source\":")
        json.string(sourceName)
        json.raw(",\"description\":")
        json.string(sourceDescription)
        json.raw(",\"settings\":")
        json.string(project.settings.module)
        json.raw(",\"counts\":{\"migrations\":")
        json.integer(plan.migrationCount)
        json.raw(",\"applied\":")
        json.integer(plan.appliedCount)
        json.raw(",\"pending\":")
        json.integer(plan.pending.count)
        json.raw("}")
        if let snapshot {
            json.raw(",\"database\":{\"vendor\":")
            json.string(snapshot.vendor)
            json.raw(",\"version\":")
            if let version = snapshot.serverVersion { json.string(version) } else { json.raw("null") }
            json.raw(",\"has_migrations_table\":")
            json.raw(snapshot.hasMigrationsTable ? "true" : "false")
            json.raw("}")
        }
        json.raw("}")
        json.newline()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
