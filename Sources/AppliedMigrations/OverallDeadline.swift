import Foundation

/// Runs `work` and gives up at `deadline` even when `work` never returns: a structured timeout
/// (a task group) would wait for a child stuck on a future nobody completes, and the check must
/// end, with exit 2, whatever the server or the client library does. The abandoned task is
/// cancelled and left to finish on its own; the command exits soon after. Both tasks run on
/// `executor` when one is given (unstructured tasks do not inherit an executor preference).
func withOverallDeadline<Value: Sendable>(_ deadline: Duration, on executor: (any TaskExecutor)? = nil,
                                          failure: AppliedMigrationsError,
                                          _ work: @escaping @Sendable () async throws(AppliedMigrationsError) -> Value)
    async throws(AppliedMigrationsError) -> Value {
    let outcome = FirstOutcome<Value>()
    let result: Result<Value, AppliedMigrationsError> = await withCheckedContinuation { continuation in
        outcome.install(continuation)
        let running = Task(executorPreference: executor) {
            do throws(AppliedMigrationsError) {
                outcome.settle(.success(try await work()))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        Task(executorPreference: executor) {
            try? await Task.sleep(for: deadline)
            if outcome.settle(.failure(failure)) { running.cancel() }
        }
    }
    return try result.get()
}

/// The first of two racing outcomes resumes the continuation; the other is dropped.
private final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<Value, AppliedMigrationsError>, Never>?
    private var settled = false

    func install(_ continuation: CheckedContinuation<Result<Value, AppliedMigrationsError>, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    /// True when this outcome was the first.
    @discardableResult
    func settle(_ result: Result<Value, AppliedMigrationsError>) -> Bool {
        let waiting: CheckedContinuation<Result<Value, AppliedMigrationsError>, Never>? = lock.withLock {
            guard !settled else { return nil }
            settled = true
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: result)
        return waiting != nil
    }
}
