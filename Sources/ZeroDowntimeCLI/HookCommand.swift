import ArgumentParser
import CheckPipeline
import DjangoProject
import FindingReport
import Foundation
import GitHooks
import MigrationRules
import ProjectConfiguration

/// What the installed hooks run. Not for people: `insert-git-hooks` writes the call.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run a git hook's check (called by the hook insert-git-hooks installs).",
        shouldDisplay: false,
        subcommands: [CommitMsgHookCommand.self]
    )
}

struct CommitMsgHookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit-msg",
        abstract: "Check the migrations of the commit being made, unless its message allows unsafe ones."
    )

    @Argument(help: "The file git keeps the commit message in.")
    var messageFile: String

    @Option(name: .long, help: "The Django project's directory, relative to the repository's top level.")
    var project: String = "."

    @Option(name: .long, help: "The project's Python interpreter (its virtualenv holds the third-party apps).")
    var python: String?

    /// The original tool's two lines: teams grep for them.
    static let abortLines = """
        Aborting commit, caused by migrations incompatible with ZDCD.
        To skip this check you can add '[allow-unsafe-migrations]' to your commit message.
        """

    func run() async throws {
        let repository = GitRepository(directory: FileManager.default.currentDirectoryPath)
        // Decoded leniently and with a byte order mark kept: a message in another encoding still
        // holds the ASCII token, and git keeps a line that starts with a BOM.
        let contents = FileManager.default.contents(atPath: messageFile).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let commentChar = repository.config("core.commentChar").flatMap { $0 == "auto" ? nil : $0 } ?? "#"
        if CommitMessage(fileContents: contents, commentChar: commentChar).allowsUnsafeMigrations {
            say("zerodowntime: \(CommitMessage.allowToken) in the commit message: the migration check is skipped for this commit.")
            return
        }
        let loaded = Result { () throws(CheckConfigurationError) in try ProjectConfiguration.load(projectDirectory: project, explicitFile: nil) }
        // A configuration that cannot be read decides nothing here; the check reports it below.
        let configuration = (try? loaded.get()) ?? ProjectConfiguration()
        if !configuration.checkMerges, let mergeHead = try? repository.gitPath("MERGE_HEAD"), FileManager.default.fileExists(atPath: mergeHead) {
            say("zerodowntime: a merge commit: the migration check is skipped (check-merges = true in [tool.zerodowntime] checks merges too).")
            return
        }
        var request = CheckRequest()
        request.projectDirectory = project
        request.python = python
        request.selection = configuration.hook == "database" ? .database(url: nil, alias: nil) : .staged
        request.cacheDirectory = MigrationParseCache.defaultDirectory(environment: request.environment)
        do {
            let report = try await CheckPipeline(request).check(configuration: loaded).report
            guard report.fails else { return }
            say(TextReport(color: ColorPolicy.enabled(for: STDERR_FILENO)).render(report), newline: false)
        } catch {
            say("zerodowntime: the migration check could not run: \(error)")
        }
        say("")
        say(Self.abortLines)
        say("Your message is kept in \(messageFile); after fixing the migrations, `git commit -e -F \(messageFile)` starts from it.")
        throw ExitCode(1)
    }

    private func say(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}
