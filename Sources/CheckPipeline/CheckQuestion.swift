import AppliedMigrations
import Foundation
import PendingPlan
import RunInputs

/// What a check is asked, gathered before the project is read: the key under which its whole
/// answer may be kept (`ResultCache`), and what was read from outside the files to make that key
/// (the applied set, git's changed files), handed on so nothing is read twice. The key covers
/// the binary, the working directory, the environment and what the front end adds (its
/// arguments, whether its output is a terminal); the files the answer depends on are stamped as
/// it is made (`InputLog`).
public struct CheckQuestion: Sendable {
    /// nil: the answer is not kept (no cache directory, an interpreter's `sys.path`, standard
    /// input, or a read that failed).
    public var key: String?
    /// Read here, failed or not; a failure is thrown where the plan needs it, after the project
    /// is read, so errors come in the order they always did.
    var snapshot: Result<AppliedMigrationsSnapshot, any Error>?
    var changedFiles: Result<[String], any Error>?

    public init() {}

    public static func gather(_ pipeline: CheckPipeline, frontEnd: [String]) async -> CheckQuestion {
        let request = pipeline.request
        var question = CheckQuestion()
        let directory = URL(fileURLWithPath: request.projectDirectory).standardizedFileURL.path
        var parts = ["check", ResultCache.executableStamp, FileManager.default.currentDirectoryPath] + frontEnd
        parts += request.environment.map { "\($0.key)=\($0.value)" }.sorted()
        var keepable = request.cacheDirectory != nil && request.python == nil && request.selection != .appliedFrom("-")
        switch request.selection {
        case .since(let ref):
            question.changedFiles = Result { () throws(any Error) in try GitCandidates.changedFiles(.since(ref), in: directory) }
        case .staged:
            question.changedFiles = Result { () throws(any Error) in try GitCandidates.changedFiles(.staged, in: directory) }
        case .database:
            do {
                // Else the settings name it: a SQLite file is stamped as it is read; a server's
                // answer is not kept.
                if let (url, _) = try pipeline.database.urlBeforeSettings(projectDirectory: directory) {
                    let snapshot = try await pipeline.database.readSnapshot(url)
                    question.snapshot = .success(snapshot)
                    parts += ["database", snapshot.vendor, snapshot.serverVersion ?? "-", snapshot.lockTimeout ?? "-",
                              "\(snapshot.hasMigrationsTable) \(snapshot.databaseExists)"]
                    parts += snapshot.recorded.map { "\($0.app) \($0.name)" }.sorted()
                }
            } catch {
                question.snapshot = .failure(error)
                keepable = false
            }
        case .all, .appliedFrom:
            break
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
