import Foundation

/// Runs work on a thread with a large stack. The parser bounds its nesting, but deeply nested
/// input still needs more stack than a test runner's or a debug build's default threads give.
public enum LargeStack {
    public static let size = 512 << 20

    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return box.value!
    }
}

/// Hands a value from the worker thread back; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
