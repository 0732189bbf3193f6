import Crypto
import Foundation
import PythonSyntax
import RunInputs

/// Parsed migration files kept between runs, keyed by the SHA-256 of each file's bytes: a file
/// that changes by one byte has another key, so a stale entry can never be read for it. One pack
/// file per project in the cache directory holds the entries the last run used; it is replaced
/// whole (written beside it, then renamed), so runs that share the directory never see half of
/// one. A pack that is damaged, of another version, or not the user's own is ignored.
public final class MigrationParseCache: @unchecked Sendable {
    public let packPath: String
    private var stored: [Data: ArraySlice<UInt8>] = [:]
    /// What this run used or added: the next pack.
    private var used: [(key: Data, archive: [UInt8])] = []
    private var changed = false
    public private(set) var hits = 0
    public private(set) var misses = 0

    static let magic: [UInt8] = Array("ZDTPARSE".utf8)

    /// nil when `directory` cannot be used (it is created if missing).
    public init?(directory: String, project: String) {
        let projectKey = SHA256.hash(data: Data(project.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        packPath = directory + "/migrations-\(ModuleArchive.version)-\(projectKey).pack"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        guard ResultCache.isPrivate(directory) else { return nil }
        load()
    }

    /// The default directory: `ZERODOWNTIME_CACHE_DIR`, else `$XDG_CACHE_HOME/zerodowntime`,
    /// else `~/.cache/zerodowntime`.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let explicit = environment["ZERODOWNTIME_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/zerodowntime" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/zerodowntime" }
        return nil
    }

    /// The view of the file whose bytes are `bytes`, parsed or from the pack; the parse's error as
    /// the parser gives it.
    public func module(for bytes: [UInt8]) -> Result<Module, PythonSyntaxError> {
        let key = Data(SHA256.hash(data: bytes))
        if let archive = stored[key], let module = ModuleArchive.decode(Array(archive)) {
            hits += 1
            used.append((key, Array(archive)))
            return .success(module)
        }
        misses += 1
        switch PythonParser.parse(fileBytes: bytes) {
        case .success(let module):
            let view = ModuleArchive.migrationView(of: module)
            if let archive = ModuleArchive.encode(view) {
                used.append((key, archive))
                changed = true
            }
            return .success(view)
        case .failure(let error):
            return .failure(error)
        }
    }

    /// Writes the next pack when this run's entries differ from the stored ones.
    public func save() {
        guard changed || used.count != stored.count else { return }
        var bytes = Self.magic
        append(UInt64(used.count), to: &bytes)
        for (key, archive) in used {
            bytes += key
            append(UInt64(archive.count), to: &bytes)
            bytes += archive
        }
        let temporary = packPath + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, packPath) != 0 { unlink(temporary) }
    }

    private func load() {
        guard ResultCache.isPrivate(packPath), case .success(let bytes) = SourceFile.read(packPath) else { return }
        var position = Self.magic.count
        guard bytes.starts(with: Self.magic), let count = read(bytes, &position) else { return }
        var entries: [Data: ArraySlice<UInt8>] = [:]
        for _ in 0..<min(count, UInt64(bytes.count)) {
            guard position + 32 <= bytes.count else { return }
            let key = Data(bytes[position..<(position + 32)])
            position += 32
            guard let length = read(bytes, &position), length <= UInt64(bytes.count - position) else { return }
            entries[key] = bytes[position..<(position + Int(length))]
            position += Int(length)
        }
        stored = entries
    }

    private func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private func read(_ bytes: [UInt8], _ position: inout Int) -> UInt64? {
        guard position + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += 8
        return value
    }
}
