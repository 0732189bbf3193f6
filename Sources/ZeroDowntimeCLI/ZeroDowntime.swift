import ArgumentParser
import Foundation

@main
struct ZeroDowntime: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zerodowntime",
        abstract: "Keep Django deployments free of downtime: judge pending migrations before they run.",
        discussion: """
            zerodowntime reads a Django project's migration files statically (it never imports \
            Django or the project) and judges what the pending ones will do to a live database.

            Exit codes: 0 nothing unsafe (or success), 1 unsafe operations found, 2 usage error, \
            unreadable input, or anything else that stopped the check.
            """,
        version: ZeroDowntimeVersion.current,
        subcommands: [CheckMigrationsCommand.self, InsertGitHooksCommand.self, PlanCommand.self, RulesCommand.self, ExplainCommand.self, DumpCommand.self, HookCommand.self]
    )

    /// The argument parser's own `main`, with one change: its usage errors exit 64 (EX_USAGE),
    /// and our contract everywhere is 0 safe, 1 unsafe found, 2 could not check.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code != .success, code.rawValue != 1 else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(ExitCode.incomplete.rawValue)
        }
    }
}

enum ZeroDowntimeVersion {
    static let current = "0.1.0"
}

/// Exit code 2: the command could not do its job (usage, unreadable input, unreachable database).
extension ExitCode {
    static let incomplete = ExitCode(2)
}
