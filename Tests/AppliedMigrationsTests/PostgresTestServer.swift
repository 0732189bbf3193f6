import Foundation
import Testing
import TestSupport

/// A throwaway PostgreSQL server from `scripts/postgres-test-server`, for one suite.
struct PostgresTestServer: Sendable {
    let directory: URL
    /// `postgresql://zdt:PASSWORD@127.0.0.1:PORT/zdt`
    let url: String
    let port: Int
    let password: String

    @TaskLocal static var current: PostgresTestServer?

    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Where the script will find the server programs: `ZDT_PG_BIN`, else the highest
    /// `/usr/lib/postgresql/*/bin` holding initdb, pg_ctl and postgres.
    static let binaries: String? = {
        let fileManager = FileManager.default
        func complete(_ bin: String) -> Bool {
            ["initdb", "pg_ctl", "postgres"].allSatisfy { fileManager.isExecutableFile(atPath: "\(bin)/\($0)") }
        }
        if let bin = ProcessInfo.processInfo.environment["ZDT_PG_BIN"], !bin.isEmpty {
            return complete(bin) ? bin : nil
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            .map { "/usr/lib/postgresql/\($0)/bin" }
            .last(where: complete)
    }()

    static let missingMessage = """
        PostgreSQL server binaries not found (initdb, pg_ctl, postgres in /usr/lib/postgresql/*/bin or $ZDT_PG_BIN): \
        the PostgreSQL tests of AppliedMigrations need them; install them with `apt-get install -y postgresql`
        """

    /// Runs when the suite is enabled: the binaries are there, or CI must fail loudly without them.
    /// Said once, however many times Swift Testing asks.
    static let shouldRun: Bool = {
        if binaries != nil || isCI { return true }
        FileHandle.standardError.write(Data("""
            ⚠️  SKIPPING the PostgreSQL tests of AppliedMigrations: \(missingMessage)\n
            """.utf8))
        return false
    }()

    static func start() throws -> PostgresTestServer {
        // mktemp -d style: directly under /tmp, so the `postgres` user can reach it when we are root.
        let directory = URL(fileURLWithPath: "/tmp/zdt-pg-\(UUID().uuidString.prefix(8))")
        let script = Repository.script("postgres-test-server")
        // Through Python, which closes every descriptor but 0-2 for its child: the server that pg_ctl
        // leaves running must not inherit the one Foundation's `Process` watches to see the script
        // end, or `waitUntilExit()` waits for the server to stop.
        let closingDescriptors = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], close_fds=True))"
        let run = try runProgram("/usr/bin/env", ["python3", "-c", closingDescriptors, script, "start", directory.path])
        guard run.status == 0 else {
            _ = try? runProgram(script, ["stop", directory.path])
            try? FileManager.default.removeItem(at: directory)
            throw ScratchFailure(description: "postgres-test-server start failed (\(run.status)): \(run.errors)")
        }
        let url = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = Int(try String(contentsOf: directory.appendingPathComponent("port"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let password = try String(contentsOf: directory.appendingPathComponent("password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresTestServer(directory: directory, url: url, port: port, password: password)
    }

    func stop() {
        _ = try? runProgram(Repository.script("postgres-test-server"), ["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// The server's URL for another database (or user and password).
    func url(database: String, user: String = "zdt", password: String? = nil, query: String = "") -> String {
        "postgresql://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// The directory of the server's Unix socket.
    var socketDirectory: String { directory.appendingPathComponent("sock").path }

    /// Runs SQL as the superuser with psql, stopping at the first error; returns what it printed.
    @discardableResult
    func psql(_ sql: String, database: String = "zdt") throws -> String {
        let psql = (Self.binaries ?? "/usr/bin") + "/psql"
        let run = try runProgram(psql, [url(database: database), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                        "-c", sql])
        guard run.status == 0 else {
            throw ScratchFailure(description: "psql failed (\(run.status)) on \(sql): \(run.errors)")
        }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new, empty database; the name is unique for the suite.
    func createDatabase(_ name: String) throws -> String {
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// Lets `user` log in with `method` (`md5`, `password`) from 127.0.0.1, ahead of the SCRAM rule.
    func allow(user: String, method: String) throws {
        let hba = directory.appendingPathComponent("data/pg_hba.conf")
        let rules = try String(contentsOf: hba, encoding: .utf8)
        try ("host all \(user) 127.0.0.1/32 \(method)\n" + rules).write(to: hba, atomically: false, encoding: .utf8)
        try psql("SELECT pg_reload_conf()")
    }
}

/// Starts one server for the suite it is attached to, shares it through `PostgresTestServer.current`,
/// and always stops it. Without the server binaries it fails the suite (the suite is only enabled
/// then when `CI` is set).
struct PostgresServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        guard PostgresTestServer.binaries != nil else {
            Issue.record(Comment(rawValue: "CI is set, and \(PostgresTestServer.missingMessage)"))
            return
        }
        let server = try PostgresTestServer.start()
        defer { server.stop() }
        try await PostgresTestServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == PostgresServerTrait {
    static var postgresServer: Self { PostgresServerTrait() }
}
