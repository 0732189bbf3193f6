import Testing

/// Starts one server for the suite it is attached to, shares it through `PostgresTestServer.current`,
/// and always stops it. Without the server binaries it fails the suite (the suite is only enabled
/// then when CI requires PostgreSQL).
public struct PostgresServerTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        guard PostgresTestServer.binaries != nil else {
            Issue.record(Comment(rawValue: "PostgreSQL is required here, and \(PostgresTestServer.missingMessage)"))
            return
        }
        try await PostgresTestServer.serving(function)
    }
}

extension Trait where Self == PostgresServerTrait {
    public static var postgresServer: Self { PostgresServerTrait() }
}
