import Foundation

/// A throwaway PostgreSQL server from `scripts/postgres-test-server`, for one suite.
///
/// Swift Testing's suite trait that starts it lives in each test target that uses it (this module
/// does not link Testing); it calls `serving(_:)`, which shares the server through `current`.
public struct PostgresTestServer: Sendable {
    public let directory: URL
    /// `postgresql://zdt:PASSWORD@127.0.0.1:PORT/zdt`
    public let url: String
    public let port: Int
    public let password: String

    @TaskLocal public static var current: PostgresTestServer?

    /// CI (`CI` set, or `ZDT_REQUIRE_POSTGRES=1`) must fail without a server instead of skipping.
    public static var isRequired: Bool {
        let environment = ProcessInfo.processInfo.environment
        return !(environment["CI"] ?? "").isEmpty || environment["ZDT_REQUIRE_POSTGRES"] == "1"
    }

    /// Where the script will find the server programs: `ZDT_PG_BIN`, else the highest
    /// `/usr/lib/postgresql/*/bin` holding initdb, pg_ctl and postgres.
    public static let binaries: String? = {
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

    public static let missingMessage = """
        PostgreSQL server binaries not found (initdb, pg_ctl, postgres in /usr/lib/postgresql/*/bin or $ZDT_PG_BIN): \
        the tests against a real PostgreSQL server need them; install them with `apt-get install -y postgresql`
        """

    /// Whether suites needing a server run: the binaries are there, or CI must fail loudly without them.
    /// Said once, however many suites and times Swift Testing asks.
    public static let shouldRun: Bool = {
        if binaries != nil || isRequired { return true }
        FileHandle.standardError.write(Data("""
            ⚠️  SKIPPING the tests against a real PostgreSQL server: \(missingMessage)\n
            """.utf8))
        return false
    }()

    /// Starts a server, runs `body` with it as `current`, and always stops it.
    public static func serving(_ body: @Sendable () async throws -> Void) async throws {
        let server = try start()
        defer { server.stop() }
        try await $current.withValue(server) {
            try await body()
        }
    }

    public static func start() throws -> PostgresTestServer {
        // mktemp -d style: directly under /tmp, so the `postgres` user can reach it when we are root.
        let directory = URL(fileURLWithPath: "/tmp/zdt-pg-\(UUID().uuidString.prefix(8))")
        let script = Repository.script("postgres-test-server")
        // Through Python, which closes every descriptor but 0-2 for its child: the server that pg_ctl
        // leaves running must not inherit a descriptor a parent watches to see the script end.
        let closingDescriptors = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], close_fds=True))"
        let run = try runProgram("/usr/bin/env", ["python3", "-c", closingDescriptors, script, "start", directory.path])
        guard run.status == 0 else {
            _ = try? runProgram(script, ["stop", directory.path])
            try? FileManager.default.removeItem(at: directory)
            throw PostgresTestServerFailure(description: "postgres-test-server start failed (\(run.status)): \(run.errors)")
        }
        let url = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = Int(try String(contentsOf: directory.appendingPathComponent("port"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let password = try String(contentsOf: directory.appendingPathComponent("password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresTestServer(directory: directory, url: url, port: port, password: password)
    }

    public func stop() {
        _ = try? runProgram(Repository.script("postgres-test-server"), ["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// The server's URL for another database (or user and password).
    public func url(database: String, user: String = "zdt", password: String? = nil, query: String = "") -> String {
        "postgresql://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// The directory of the server's Unix socket.
    public var socketDirectory: String { directory.appendingPathComponent("sock").path }

    /// Runs SQL as the superuser with psql, stopping at the first error; returns what it printed.
    @discardableResult
    public func psql(_ sql: String, database: String = "zdt") throws -> String {
        let psql = (Self.binaries ?? "/usr/bin") + "/psql"
        let run = try runProgram(psql, [url(database: database), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                        "-c", sql])
        guard run.status == 0 else {
            throw PostgresTestServerFailure(description: "psql failed (\(run.status)) on \(sql): \(run.errors)")
        }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new, empty database; the name is unique for the suite.
    public func createDatabase(_ name: String) throws -> String {
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// Lets `user` log in with `method` (`md5`, `password`) from 127.0.0.1, ahead of the SCRAM rule.
    public func allow(user: String, method: String) throws {
        let hba = directory.appendingPathComponent("data/pg_hba.conf")
        let rules = try String(contentsOf: hba, encoding: .utf8)
        try ("host all \(user) 127.0.0.1/32 \(method)\n" + rules).write(to: hba, atomically: false, encoding: .utf8)
        try psql("SELECT pg_reload_conf()")
    }
}

public struct PostgresTestServerFailure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}
