import AppliedMigrations
import Foundation
import Testing
import TestSupport

/// A server that asks for the password in clear text or as MD5 gets nothing unless the URL allows
/// it (`require_auth`, as libpq names it). The server here is a few lines of Python that speak
/// the start of PostgreSQL's protocol and record every byte the client sends after its request.
@Suite("Password exchanges the client refuses", .serialized)
struct PasswordExchangeTests {
    static let fakeServer = #"""
        import socket, ssl, struct, sys
        mode = sys.argv[1]
        certificate = sys.argv[2] if len(sys.argv) > 2 else None
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        print(listener.getsockname()[1], flush=True)
        listener.settimeout(300)
        client, _ = listener.accept()
        # Generous: a test process busy elsewhere may take long to send its first message.
        client.settimeout(120)
        def exact(n):
            data = b""
            while len(data) < n:
                chunk = client.recv(n - len(data))
                if not chunk:
                    raise SystemExit("client closed")
                data += chunk
            return data
        def message():
            length = struct.unpack("!I", exact(4))[0]
            return exact(length - 4)
        body = message()
        if struct.unpack("!I", body[:4])[0] == 80877103:
            if certificate:
                client.sendall(b"S")
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(certificate + ".crt", certificate + ".key")
                client = context.wrap_socket(client, server_side=True)
            else:
                client.sendall(b"N")
            body = message()
        if mode in ("stall", "out-of-turn"):
            # Trust authentication, then silence (or a message out of turn) after the first query.
            client.sendall(b"R" + struct.pack("!II", 8, 0) + b"K" + struct.pack("!III", 12, 1, 2) + b"Z" + struct.pack("!I", 5) + b"I")
            exact(1)
            message()
            if mode == "out-of-turn":
                client.sendall(b"R" + struct.pack("!II", 8, 0))
            client.settimeout(60)
            try:
                while client.recv(4096):
                    pass
            except OSError:
                pass
            print("received ", flush=True)
            raise SystemExit(0)
        if mode == "password":
            client.sendall(b"R" + struct.pack("!II", 8, 3))
        elif mode == "md5":
            client.sendall(b"R" + struct.pack("!II", 12, 5) + b"salt")
        else:
            client.sendall(b"R" + struct.pack("!II", 8, 99))
        received = b""
        try:
            client.settimeout(10)
            received = client.recv(4096)
            fields = b"SFATAL\0C28P01\0Mpassword authentication failed for user \"zdt\"\0\0"
            client.sendall(b"E" + struct.pack("!I", len(fields) + 4) + fields)
        except (socket.timeout, OSError):
            pass
        print("received " + received.hex(), flush=True)
        """#

    /// Runs the check's PostgreSQL reader against the fake server; returns its error and what the
    /// server received after its authentication request.
    private func exchange(_ mode: String, query: String = "", tls: Bool = false,
                          connectTimeout: Duration = .seconds(60)) async throws -> (message: String?, received: [UInt8]) {
        var certificate: String?
        if tls {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cert-\(UUID().uuidString)").path
            let made = try runProgram("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                                                        "-days", "1", "-keyout", base + ".key", "-out", base + ".crt"])
            try #require(made.status == 0, "openssl: \(made.errors)")
            certificate = base
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.fakeServer, mode] + (certificate.map { [$0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let reader = output.fileHandleForReading
        var text = ""
        while !text.contains("\n"), let chunk = try reader.read(upToCount: 1), !chunk.isEmpty { text += String(decoding: chunk, as: UTF8.self) }
        let port = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "the fake server printed no port")
        let url = "postgresql://zdt:Secret-Of-The-CI-42@127.0.0.1:\(port)/zdt?sslmode=\(tls ? "require" : "disable")" + (query.isEmpty ? "" : "&" + query)
        var message: String?
        do {
            let source = try DatabaseURL(parsing: url, relativeTo: "/").appliedMigrationSource(connectTimeout: connectTimeout, taskExecutor: DedicatedExecutor())
            _ = try await withTaskExecutorPreference(DedicatedExecutor()) { try await source.appliedMigrations() }
        } catch {
            message = (error as? AppliedMigrationsError)?.message ?? "\(error)"
        }
        let rest = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let hex = rest.split(separator: "\n").first { $0.hasPrefix("received ") }.map { String($0.dropFirst("received ".count)) } ?? ""
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index < hex.endIndex {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return (message, bytes)
    }

    @Test("clear text and MD5 are refused before a byte of the password is sent", arguments: [
        ("password", "asked for the password in clear text"), ("md5", "asked for an MD5 password exchange"),
    ])
    func refused(mode: String, reason: String) async throws {
        let (message, received) = try await exchange(mode)
        #expect(message?.contains(reason) == true, "\(message ?? "no error")")
        #expect(message?.contains("require_auth=\(mode)") == true)
        #expect(received.isEmpty, "the client sent \(received.count) bytes after the request")
        #expect(message?.contains("Secret-Of-The-CI-42") == false)
    }

    @Test("require_auth allows the method the user names", arguments: ["password", "md5"])
    func allowed(mode: String) async throws {
        let (message, received) = try await exchange(mode, query: "require_auth=\(mode)")
        #expect(received.first == UInt8(ascii: "p"), "a PasswordMessage was sent")
        #expect(message?.contains("password authentication failed") == true, "\(message ?? "no error")")
        #expect(message?.contains("Secret-Of-The-CI-42") == false)
    }

    /// Behind TLS the requests are read behind the TLS handler, where they are plain again.
    @Test("behind TLS too", arguments: [("password", "", false), ("password", "require_auth=password", true), ("md5", "", false)])
    func behindTLS(mode: String, query: String, sent: Bool) async throws {
        let (message, received) = try await exchange(mode, query: query, tls: true)
        #expect(message != nil)
        #expect(message?.contains("TLS") != true, "the TLS handshake went through: \(message ?? "")")
        #expect(received.first == (sent ? UInt8(ascii: "p") : nil), "\(message ?? "")")
    }

    @Test func anUnknownAuthenticationRequestIsDescribedInWords() async throws {
        let (message, _) = try await exchange("unknown")
        let text = try #require(message)
        #expect(!text.contains("PostgresMessageDecodingError("), "\(text)")
        #expect(!text.contains("Secret-Of-The-CI-42"))
    }

    @Test func aServerThatStopsAnsweringAfterAuthenticationIsLeftAtTheDeadline() async throws {
        let started = ContinuousClock.now
        let (message, _) = try await exchange("stall", connectTimeout: .seconds(1))
        let text = try #require(message)
        #expect(text.contains("the server stopped answering: no reply to the read-only queries within 5 s"), "\(text)")
        #expect(ContinuousClock.now - started < .seconds(120), "the read-only queries were left at their deadline, not at the fake server's 60 s")
    }

    @Test func aMessageOutOfTurnIsDescribedInWords() async throws {
        let (message, _) = try await exchange("out-of-turn", connectTimeout: .seconds(5))
        let text = try #require(message)
        #expect(text.contains("a message that PostgreSQL's protocol does not allow there"), "\(text)")
        #expect(!text.contains("unexpectedBackendMessage"))
    }

    @Test func requireAuthIsReadAsLibpqReadsIt() throws {
        #expect(try PasswordMethods(requireAuth: "password,md5", shown: "u") == PasswordMethods(allowsCleartext: true, allowsMD5: true))
        #expect(try PasswordMethods(requireAuth: "scram-sha-256", shown: "u") == .scramOnly)
        #expect(try PasswordMethods(requireAuth: "!password", shown: "u") == PasswordMethods(allowsCleartext: false, allowsMD5: true))
        #expect(throws: AppliedMigrationsError.self) { try PasswordMethods(requireAuth: "md5,!password", shown: "u") }
        #expect(throws: AppliedMigrationsError.self) { try PasswordMethods(requireAuth: "kerberos", shown: "u") }
    }
}
