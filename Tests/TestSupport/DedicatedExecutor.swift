import Dispatch

/// A task executor on a serial queue of its own. The test runner's cooperative threads (as
/// many as cores) can all be held by tests that wait for a subprocess; a PostgreSQL exchange
/// whose continuations need one of them then stalls past the server's authentication timeout.
/// Run such an exchange with `withTaskExecutorPreference(DedicatedExecutor()) { … }`.
public final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "zerodowntime.tests.dedicated-executor")

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
