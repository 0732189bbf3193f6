import Foundation
import PostgresNIO

/// Which password exchanges the client agrees to, as libpq's `require_auth` says: by default only
/// SCRAM, which never shows the server the password. A server that asks for it in clear text
/// (`password`) or as an MD5 hash (`md5`) gets nothing unless the URL's `require_auth` or
/// `PGREQUIREAUTH` allows that method. Where the check runs on an untrusted pull request, the
/// settings that name the host come from that pull request; a password from the CI's
/// environment must not go to whatever host they name.
public struct PasswordMethods: Sendable, Equatable {
    public var allowsCleartext: Bool
    public var allowsMD5: Bool

    public static let scramOnly = PasswordMethods(allowsCleartext: false, allowsMD5: false)

    public init(allowsCleartext: Bool, allowsMD5: Bool) {
        self.allowsCleartext = allowsCleartext
        self.allowsMD5 = allowsMD5
    }

    /// libpq's list: `password,md5`, `scram-sha-256`, or all negated, `!password`.
    public init(requireAuth text: String, shown: String) throws(AppliedMigrationsError) {
        let known: Set<String> = ["password", "md5", "gss", "sspi", "scram-sha-256", "none"]
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw AppliedMigrationsError("empty require_auth in \(shown)") }
        let negated = items.allSatisfy { $0.hasPrefix("!") }
        guard negated || !items.contains(where: { $0.hasPrefix("!") }) else {
            throw AppliedMigrationsError("require_auth '\(text)' in \(shown) mixes methods and negated methods; libpq allows one kind")
        }
        let names = Set(items.map { $0.hasPrefix("!") ? String($0.dropFirst()) : $0 })
        if let unknown = names.subtracting(known).sorted().first {
            throw AppliedMigrationsError("unknown require_auth method '\(unknown)' in \(shown): expected \(known.sorted().joined(separator: ", "))")
        }
        self.init(allowsCleartext: negated != names.contains("password"), allowsMD5: negated != names.contains("md5"))
    }
}

/// Why a connection was given up before the password went out. Written on the event loop,
/// read after the connection attempt failed.
final class AuthenticationRefusal: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    var message: String? { lock.withLock { reason } }
    func record(_ text: String) { lock.withLock { reason = reason ?? text } }
}

/// Reads the server's messages in front of PostgresNIO until authentication is over, and closes
/// the connection when the server asks for a password exchange the client did not agree to,
/// before PostgresNIO can answer it. Behind TLS it moves itself behind the TLS handler, which
/// PostgresNIO inserts when the server accepts TLS.
final class AuthenticationRequestGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    enum Phase {
        /// The one-byte answer to PostgresNIO's SSLRequest comes first.
        case tlsAnswer
        case messages
        /// Authentication is over (or the guard moved behind TLS): everything passes.
        case passing
    }

    private var phase: Phase
    private var pending: ByteBuffer?
    private let methods: PasswordMethods
    private let refusal: AuthenticationRefusal

    init(requestsTLS: Bool, methods: PasswordMethods, refusal: AuthenticationRefusal) {
        self.phase = requestsTLS ? .tlsAnswer : .messages
        self.methods = methods
        self.refusal = refusal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        switch phase {
        case .passing:
            context.fireChannelRead(data)
        case .tlsAnswer:
            guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return }
            if first == UInt8(ascii: "S") {
                // PostgresNIO adds its TLS handler right behind this one as it reads the `S`;
                // the messages after it are only readable behind that handler.
                phase = .passing
                context.fireChannelRead(data)
                do {
                    let tls = try context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
                    let successor = AuthenticationRequestGuard(requestsTLS: false, methods: methods, refusal: refusal)
                    try context.pipeline.syncOperations.addHandler(successor, position: .after(tls))
                } catch {
                    refuse(context, "the TLS connection could not be inspected before authentication (\(error))")
                }
            } else if first == UInt8(ascii: "N") {
                let answer = buffer.readSlice(length: 1)!
                phase = .messages
                context.fireChannelRead(wrapInboundOut(answer))
                if buffer.readableBytes > 0 { read(buffer, context: context) }
            } else {
                phase = .messages
                read(buffer, context: context)
            }
        case .messages:
            read(buffer, context: context)
        }
    }

    /// Passes on every whole message that may pass, keeps a partial one for the next read.
    private func read(_ incoming: ByteBuffer, context: ChannelHandlerContext) {
        var buffer: ByteBuffer
        if var pending {
            pending.writeImmutableBuffer(incoming)
            buffer = pending
        } else {
            buffer = incoming
        }
        pending = nil
        let start = buffer.readerIndex
        while phase == .messages, buffer.readableBytes >= 5,
              let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let length = buffer.getInteger(at: buffer.readerIndex + 1, as: Int32.self) {
            // A length PostgreSQL never sends: PostgresNIO will say what is wrong with it.
            guard length >= 4 else { phase = .passing; break }
            let size = Int(length) + 1
            guard buffer.readableBytes >= size else { break }
            if type == UInt8(ascii: "R"), length >= 8, let code = buffer.getInteger(at: buffer.readerIndex + 5, as: Int32.self) {
                switch code {
                case 3 where !methods.allowsCleartext:
                    return refuse(context, "the server asked for the password in clear text; zerodowntime sends it only where the database URL says require_auth=password (or PGREQUIREAUTH=password)")
                case 5 where !methods.allowsMD5:
                    return refuse(context, "the server asked for an MD5 password exchange; zerodowntime sends it only where the database URL says require_auth=md5 (or PGREQUIREAUTH=md5)")
                case 0:
                    phase = .passing
                default:
                    break
                }
            }
            buffer.moveReaderIndex(forwardBy: size)
        }
        if phase == .passing {
            buffer.moveReaderIndex(to: start)
            context.fireChannelRead(wrapInboundOut(buffer))
            return
        }
        // NIO reads only between the reader and writer indices: step back to the first message.
        let whole = buffer.readerIndex - start
        buffer.moveReaderIndex(to: start)
        let messages = buffer.readSlice(length: whole)
        if buffer.readableBytes > 0 { pending = buffer }
        if whole > 0, let messages { context.fireChannelRead(wrapInboundOut(messages)) }
    }

    private func refuse(_ context: ChannelHandlerContext, _ reason: String) {
        refusal.record(reason)
        phase = .passing
        pending = nil
        context.close(promise: nil)
    }
}
