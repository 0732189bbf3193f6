import Dispatch

/// A task executor on a serial queue of its own. The test runner's cooperative threads (as
/// many as cores) can all be held by tests that wait for a subprocess; a PostgreSQL exchange
/// whose continuations need one of them then stalls past the server's authentication timeout.
/// Run such an exchange with `withTaskExecutorPreference(DedicatedExecutor()) { … }`.
public final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "zerodowntime.tests.dedicated-executor")
    private static let marker = DispatchSpecificKey<ObjectIdentifier>()

    public init() {
        queue.setSpecific(key: Self.marker, value: ObjectIdentifier(self))
    }

    /// True when the caller runs on this executor's queue.
    public var isCurrent: Bool { DispatchQueue.getSpecific(key: Self.marker) == ObjectIdentifier(self) }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
