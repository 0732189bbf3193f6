import AppliedMigrations
import Foundation
import PendingPlan
import RunInputs

/// What a `check-migrations` run is asked, gathered before the project is read: the key under
/// which its whole answer may be kept (`ResultCache`), and what was read from outside the files
/// to make that key (the applied set, git's changed files), handed on so nothing is read twice.
/// The key covers the binary, the arguments, the working directory, the environment and
/// whether the output is a terminal; the files the answer depends on are stamped as it is made.
struct CheckQuestion {
    var key: String?
    /// Read here, failed or not; a failure is thrown where the plan needs it, after the project
    /// is read, so errors come in the order they always did.
    var snapshot: Result<AppliedMigrationsSnapshot, any Error>?
    var changedFiles: Result<[String], any Error>?

    /// nil key: the answer is not kept (`--no-cache`, an interpreter's `sys.path`, standard input,
    /// or a read that failed).
    static func gather(_ options: ProjectOptions) async -> CheckQuestion {
        var question = CheckQuestion()
        let directory = URL(fileURLWithPath: options.project).standardizedFileURL.path
        var parts = ["check-migrations", ResultCache.executableStamp, FileManager.default.currentDirectoryPath,
                     isatty(STDOUT_FILENO) != 0 ? "terminal" : "not a terminal"]
        parts += CommandLine.arguments
        parts += ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }.sorted()
        var keepable = !options.noCache && options.python == nil && options.appliedFrom != "-"
        if let since = options.since {
            question.changedFiles = Result { try GitCandidates.changedFiles(.since(since), in: directory) }
        } else if options.staged {
            question.changedFiles = Result { try GitCandidates.changedFiles(.staged, in: directory) }
        } else if !options.all && options.appliedFrom == nil {
            do {
                if let (url, _) = try options.databaseURLBeforeSettings(projectDirectory: directory) {
                    let snapshot = try await options.readSnapshot(url)
                    question.snapshot = .success(snapshot)
                    parts += ["database", snapshot.vendor, snapshot.serverVersion ?? "-", snapshot.lockTimeout ?? "-",
                              "\(snapshot.hasMigrationsTable) \(snapshot.databaseExists)"]
                    parts += snapshot.recorded.map { "\($0.app) \($0.name)" }.sorted()
                }
                // Else the settings name it: a SQLite file is stamped as it is read; a server's
                // answer is not kept.
            } catch {
                question.snapshot = .failure(error)
                keepable = false
            }
        }
        switch question.changedFiles {
        case .success(let files)?: parts += ["changed"] + files.sorted()
        case .failure?: keepable = false
        case nil: break
        }
        question.key = keepable ? ResultCache.key(parts) : nil
        return question
    }
}
