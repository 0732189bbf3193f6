import ArgumentParser

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
}

enum ZeroDowntimeVersion {
    static let current = "0.1.0"
}

/// Exit code 2: the command could not do its job (usage, unreadable input, unreachable database).
extension ExitCode {
    static let incomplete = ExitCode(2)
}
