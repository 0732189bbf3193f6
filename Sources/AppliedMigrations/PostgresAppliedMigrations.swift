import Foundation
import MigrationGraph
import PostgresNIO
import RunInputs

/// The applied set of a PostgreSQL database, read over the wire protocol inside a
/// `BEGIN READ ONLY` transaction that is rolled back.
///
/// The transaction, not a startup parameter, makes it read-only: PgBouncer refuses unknown
/// startup parameters. Connections run on NIO's shared event loop group, so nothing is left to
/// shut down.
public struct PostgresAppliedMigrations: AppliedMigrationSource {
    public var settings: PostgreSQLConnectionSettings
    /// Used when the settings give no `connect_timeout`; covers DNS, TCP, TLS and authentication.
    public var connectTimeout: Duration
    /// Where the exchange's tasks run; nil, Swift's global concurrent executor. The overall
    /// deadline runs the exchange in a task of its own, which does not inherit the caller's
    /// executor preference: a caller whose cooperative threads may all be blocked (a test runner
    /// waiting for subprocesses) names an executor here.
    public var taskExecutor: (any TaskExecutor)?

    public init(settings: PostgreSQLConnectionSettings, connectTimeout: Duration = .seconds(10),
                taskExecutor: (any TaskExecutor)? = nil) {
        self.settings = settings
        self.connectTimeout = connectTimeout
        self.taskExecutor = taskExecutor
    }

    public func appliedMigrations() async throws(AppliedMigrationsError) -> AppliedMigrationsSnapshot {
        InputLog.shared.dependsOnSomethingElse("the applied set on a PostgreSQL server")
        // Up to three connection attempts, then the queries' deadline, with room to spare: past
        // it nothing the server or the client library does can hold the check.
        let overall = effectiveTimeout * 3 + .seconds(65)
        let failure = AppliedMigrationsError("cannot read the applied migrations from PostgreSQL at \(settings.location): no answer within \(Self.secondsText(overall))")
        return try await withOverallDeadline(overall, on: taskExecutor, failure: failure) { () async throws(AppliedMigrationsError) in
            try await connectAndRead()
        }
    }

    private func connectAndRead() async throws(AppliedMigrationsError) -> AppliedMigrationsSnapshot {
        let connection = try await connect()
        do {
            let snapshot = try await readWithinDeadline(connection)
            try? await connection.close()
            return snapshot
        } catch {
            try? await connection.close()
            throw failure("cannot read the applied migrations from PostgreSQL at \(settings.location)", error)
        }
    }

    /// Django 5.2's `table_names()` on PostgreSQL keeps type `t` rows of `get_table_list()`:
    /// ordinary, partitioned and foreign tables that are not themselves partitions, visible on
    /// the search path.
    static let hasTableQuery = """
        SELECT c.relname
        FROM pg_catalog.pg_class c
        LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('f', 'p', 'r')
            AND NOT c.relispartition
            AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
            AND pg_catalog.pg_table_is_visible(c.oid)
            AND c.relname = 'django_migrations'
        """

    /// A server that stops answering after authentication (or answers with bytes that never end a
    /// message) must not hold the check: the queries get a deadline of their own, the connection
    /// timeout within 5 to 60 s (the queries read one small table). At the deadline the
    /// connection is closed, which ends the read.
    private func readWithinDeadline(_ connection: PostgresConnection) async throws -> AppliedMigrationsSnapshot {
        let deadline = min(max(effectiveTimeout, .seconds(5)), .seconds(60))
        return try await withThrowingTaskGroup(of: AppliedMigrationsSnapshot?.self) { group in
            group.addTask { try await read(connection) }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            if let snapshot = try await group.next() ?? nil { return snapshot }
            try? await connection.close()
            throw AppliedMigrationsError("the server stopped answering: no reply to the read-only queries within \(Self.secondsText(deadline))")
        }
    }

    private func read(_ connection: PostgresConnection) async throws -> AppliedMigrationsSnapshot {
        let logger = Self.logger
        _ = try await connection.query("BEGIN READ ONLY", logger: logger).collect()
        if let searchPath = settings.searchPath {
            _ = try await connection.query(
                "SELECT pg_catalog.set_config('search_path', \(searchPath), true)", logger: logger).collect()
        }
        var serverVersion: String?
        for try await number in try await connection.query("SHOW server_version_num", logger: logger)
            .decode(String.self) {
            serverVersion = Self.versionString(serverVersionNumber: number)
        }
        // Set for the role or the database (ALTER ROLE … SET lock_timeout), the deploy's migrate gets it too.
        var lockTimeout: String?
        for try await value in try await connection.query("SHOW lock_timeout", logger: logger).decode(String.self) where value != "0" {
            lockTimeout = value
        }
        let tables = try await connection.query(PostgresQuery(unsafeSQL: Self.hasTableQuery), logger: logger).collect()
        var recorded = Set<MigrationKey>()
        if !tables.isEmpty {
            for try await (app, name) in try await connection.query("SELECT app, name FROM django_migrations",
                                                                    logger: logger).decode((String, String).self) {
                recorded.insert(MigrationKey(app, name))
            }
        }
        // Last, since a role that may not read the catalog aborts the transaction: then no sizes.
        var sizes: [String: TableSize] = [:]
        do {
            // Cell by cell: a server that answers with other columns gives no sizes (a tuple
            // decode of the wrong width traps in PostgresNIO).
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: TableSize.catalogQuery), logger: logger) {
                let cells = row.makeRandomAccess()
                guard cells.count == 3 else { throw AppliedMigrationsError("unexpected columns") }
                let name = try cells[0].decode(String.self)
                let rows = try cells[1].decode(Double.self)
                let bytes = try cells[2].decode(Int64.self)
                guard rows.isFinite, rows < 9e18 else { continue }
                sizes[name] = TableSize(rows: rows < 0 ? nil : Int(rows.rounded()), bytes: bytes < 0 ? nil : Int(bytes))
            }
        } catch {
            sizes = [:]
        }
        _ = try await connection.query("ROLLBACK", logger: logger).collect()
        var snapshot = AppliedMigrationsSnapshot(recorded: recorded, hasMigrationsTable: !tables.isEmpty,
                                                 vendor: "postgresql", serverVersion: serverVersion, lockTimeout: lockTimeout)
        snapshot.tableSizes = sizes
        return snapshot
    }

    /// `160004` → `16.4`, `90624` → `9.6.24`, as PostgreSQL numbers its versions.
    public static func versionString(serverVersionNumber text: String) -> String {
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else { return text }
        if number >= 100_000 { return "\(number / 10_000).\(number % 10_000)" }
        return "\(number / 10_000).\(number / 100 % 100).\(number % 100)"
    }

    static var logger: Logger {
        var logger = Logger(label: "zerodowntime.applied-migrations.postgresql")
        logger.logLevel = .critical
        return logger
    }

    // MARK: Connecting

    /// The socket is opened here, not by PostgresNIO, so that `AuthenticationRequestGuard` reads
    /// the server's authentication requests first. The timeout covers TCP, then TLS and
    /// authentication (PostgresNIO's own deadline).
    func connect() async throws(AppliedMigrationsError) -> PostgresConnection {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await connectOnce()
            } catch .closedBeforeStartup where attempt < 3 {
                // Between the TCP connection and PostgresNIO's first message this task waits for a
                // thread; a process too busy to get one for PostgreSQL's authentication_timeout
                // (60 s) finds the connection closed. Nothing was sent: connecting again is safe.
                continue
            } catch .closedBeforeStartup {
                throw failure("cannot connect to PostgreSQL at \(settings.location)", AppliedMigrationsError("the server closed the connection before it started"))
            } catch {
                guard case .failed(let reason) = error else { continue }
                throw reason
            }
        }
    }

    private enum ConnectFailure: Error {
        case closedBeforeStartup
        case failed(AppliedMigrationsError)
    }

    private func connectOnce() async throws(ConnectFailure) -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS
        do {
            if case .tcp = settings.endpoint { tls = try makeTLS() } else { tls = .disable }  // libpq: no TLS on a Unix socket
        } catch {
            throw .failed(error)
        }
        let refusal = AuthenticationRefusal()
        let methods = settings.passwordMethods
        let requestsTLS = tls.isAllowed
        let (seconds, attoseconds) = effectiveTimeout.components
        // Clamped to a day: a timeout in nanoseconds past Int64 would trap.
        let timeout = TimeAmount.nanoseconds(min(seconds, 86_400) * 1_000_000_000 + attoseconds / 1_000_000_000)
        let eventLoop = PostgresConnection.defaultEventLoopGroup.next()
        let bootstrap = ClientBootstrap(group: eventLoop).connectTimeout(timeout).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    AuthenticationRequestGuard(requestsTLS: requestsTLS, methods: methods, refusal: refusal))
            }
        }
        let channel: any Channel
        do {
            switch settings.endpoint {
            case .unixSocket(let directory, let port):
                channel = try await bootstrap.connect(unixDomainSocketPath: settings.socketPath(directory: directory, port: port)).get()
            case .tcp(let host, let port):
                channel = try await bootstrap.connect(host: host, port: port).get()
            }
        } catch {
            throw .failed(failure("cannot connect to PostgreSQL at \(settings.location)", error))
        }
        guard channel.isActive else { throw .closedBeforeStartup }
        var configuration = PostgresConnection.Configuration(establishedChannel: channel, tls: tls, username: settings.user,
                                                             password: settings.password, database: settings.database)
        configuration.options.connectTimeout = timeout
        if case .tcp(let host, _) = settings.endpoint, !Self.isIPAddress(host) { configuration.options.tlsServerName = host }
        do {
            return try await PostgresConnection.connect(on: channel.eventLoop, configuration: configuration, id: 1, logger: Self.logger)
        } catch {
            try? await channel.close()
            if let reason = refusal.message {
                throw .failed(failure("cannot connect to PostgreSQL at \(settings.location)", AppliedMigrationsError(reason)))
            }
            if let psql = error as? PSQLError, psql.code == .connectionError, let underlying = psql.underlying as? ChannelError,
               case .alreadyClosed = underlying {
                throw .closedBeforeStartup
            }
            throw .failed(failure("cannot connect to PostgreSQL at \(settings.location)", error))
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// libpq's sslmode: `allow` and `prefer` try TLS without checking the certificate and fall back
    /// to plain; `require` insists on TLS (and checks the chain when `sslrootcert` is given);
    /// `verify-ca` checks the chain, `verify-full` the host name too.
    func makeTLS() throws(AppliedMigrationsError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        let rootCertificate = settings.sslRootCertificate.flatMap { $0 == "system" ? nil : $0 }
        switch settings.sslMode {
        case .disable: return .disable
        case .allow, .prefer: tls.certificateVerification = .none
        case .require: tls.certificateVerification = rootCertificate == nil ? .none : .noHostnameVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let rootCertificate {
            guard FileManager.default.isReadableFile(atPath: rootCertificate) else {
                throw AppliedMigrationsError(
                    "cannot connect to PostgreSQL at \(settings.location): cannot read sslrootcert \(rootCertificate)")
            }
            tls.trustRoots = .file(rootCertificate)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw AppliedMigrationsError("cannot connect to PostgreSQL at \(settings.location): cannot set up TLS: \(error)")
        }
        switch settings.sslMode {
        case .allow, .prefer: return .prefer(context)
        default: return .require(context)
        }
    }

    // MARK: Errors

    /// One line: what failed, where, and why; the password scrubbed should any layer echo it.
    func failure(_ what: String, _ error: any Error) -> AppliedMigrationsError {
        var message = "\(what): \(reason(error))"
        if let password = settings.password, !password.isEmpty {
            message = message.replacingOccurrences(of: password, with: "***")
        }
        return AppliedMigrationsError(message.replacingOccurrences(of: "\n", with: " "))
    }

    func reason(_ error: any Error) -> String {
        switch error {
        case let error as AppliedMigrationsError:
            return error.message
        case let error as PSQLError:
            return reason(error)
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return "cannot resolve host name \"\(error.host)\""
            }
            if let first = error.connectionErrors.first { return reason(first.error) }
            return "cannot reach \(error.host):\(error.port)"
        case let error as SocketAddressError:
            switch error {
            case .unknown(let host, _): return "cannot resolve host name \"\(host)\""
            case .unixDomainSocketPathTooLong: return "the socket path is too long (a Unix socket path has at most 107 bytes)"
            case .failedToParseIPString(let text): return "\"\(text)\" is not an IP address"
            default: return "not a socket address this system can use"
            }
        case let error as ChannelError:
            if case .connectTimeout = error { return "timeout expired after \(Self.secondsText(effectiveTimeout))" }
            return "\(error)"
        case let error as IOError:
            return Self.describe(errno: error.errnoCode, fallback: "\(error)")
        case let error as NIOSSLError:
            if case .handshakeFailed(let inner) = error { return "TLS handshake failed: \(inner)" }
            return "TLS error: \(error)"
        case let error as PostgresDecodingError:
            let what = switch error.code {
            case .missingData: "no value"
            case .typeMismatch: "a value of another type"
            default: "a value that cannot be read"
            }
            return "unexpected data in column \(error.columnName): \(what)"
        case is CancellationError:
            return "cancelled"
        default:
            // PostgresNIO's decoding error is internal: named by its type, described in words.
            if String(describing: type(of: error)) == "PostgresMessageDecodingError" {
                return "the server sent a message that is not in PostgreSQL's protocol (is it a PostgreSQL server, or a proxy that speaks another protocol?)"
            }
            return "\(error)"
        }
    }

    func reason(_ error: PSQLError) -> String {
        switch error.code {
        case .server:
            return error.serverInfo?[.message] ?? "the server reported an error"
        case .connectionError:
            if let underlying = error.underlying { return reason(underlying) }
            return "connection error"
        case .sslUnsupported:
            return "the server does not support TLS, and sslmode=\(settings.sslMode.rawValue) requires it"
        case .authMechanismRequiresPassword:
            return "the server asks for a password for user \"\(settings.user)\", and none was given"
        case .unsupportedAuthMechanism:
            return "the server asks for an authentication method that is not supported (use password, md5 or scram-sha-256)"
        case .saslError:
            return "SCRAM authentication failed for user \"\(settings.user)\""
        case .serverClosedConnection, .uncleanShutdown:
            if let underlying = error.underlying { return reason(underlying) }
            return "the server closed the connection unexpectedly"
        case .clientClosedConnection:
            return "the connection was closed"
        case .messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag:
            return "the server sent a message that PostgreSQL's protocol does not allow there (is it a PostgreSQL server, or a proxy that speaks another protocol?)"
        case .receivedUnencryptedDataAfterSSLRequest:
            return "the server answered the TLS request with unencrypted data"
        case .failedToAddSSLHandler:
            return "cannot set up TLS"
        case .queryCancelled:
            return "the query was cancelled"
        default:
            if let underlying = error.underlying { return reason(underlying) }
            return "an unexpected error in PostgreSQL's protocol"
        }
    }

    var effectiveTimeout: Duration { settings.connectTimeout ?? connectTimeout }

    static func secondsText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        return String(format: "%.1f s", Double(seconds) + Double(attoseconds) / 1e18)
    }

    static func describe(errno code: Int32, fallback: String) -> String {
        switch code {
        case ECONNREFUSED: "connection refused (is the server running and accepting TCP/IP connections on that port?)"
        case ENOENT: "no such socket file (is the server running locally?)"
        case ETIMEDOUT: "connection timed out"
        case ENETUNREACH: "network is unreachable"
        case EHOSTUNREACH: "no route to host"
        case ECONNRESET: "connection reset by the server"
        case EACCES: "permission denied"
        default: String(cString: strerror(code))
        }
    }
}
