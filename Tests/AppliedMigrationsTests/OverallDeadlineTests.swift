@testable import AppliedMigrations
import Testing
import TestSupport

/// The reading of a database ends at its overall deadline even when the work inside never
/// returns (a future nobody completes), and the work's own answer wins when it comes first.
@Suite struct OverallDeadlineTests {
    @Test func workThatNeverReturnsIsLeftAtTheDeadline() async {
        // No bound on the time taken: under the whole suite's load the timer may wait long for a
        // thread. Returning at all is the point; without the deadline this test never ends.
        do {
            _ = try await withOverallDeadline(.milliseconds(200), failure: AppliedMigrationsError("no answer")) { () async throws(AppliedMigrationsError) -> Int in
                // Suspends for good: nothing ever resumes this continuation.
                await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
                return 1
            }
            Issue.record("the work never returns, so only the deadline can end this")
        } catch {
            #expect(error.message == "no answer")
        }
    }

    @Test func theWorksOwnAnswerComesFirst() async throws {
        let value = try await withOverallDeadline(.seconds(30), failure: AppliedMigrationsError("no answer")) { () async throws(AppliedMigrationsError) -> Int in 42 }
        #expect(value == 42)
        await #expect(throws: AppliedMigrationsError.self) {
            _ = try await withOverallDeadline(.seconds(30), failure: AppliedMigrationsError("no answer")) { () async throws(AppliedMigrationsError) -> Int in
                throw AppliedMigrationsError("refused")
            }
        }
    }

    /// The race's tasks are unstructured, which drops the caller's executor preference: the
    /// executor is passed on explicitly, or a caller whose cooperative threads are all blocked
    /// (the test runner) waits for a thread past PostgreSQL's timeouts.
    @Test func theWorkRunsOnTheExecutorNamed() async throws {
        let executor = DedicatedExecutor()
        let named = try await withOverallDeadline(.seconds(30), on: executor, failure: AppliedMigrationsError("no answer")) { () async throws(AppliedMigrationsError) -> Bool in
            executor.isCurrent
        }
        #expect(named)
        let unnamed = try await withOverallDeadline(.seconds(30), failure: AppliedMigrationsError("no answer")) { () async throws(AppliedMigrationsError) -> Bool in
            executor.isCurrent
        }
        #expect(!unnamed)
    }
}
