import Crypto
import Foundation

/// Whole answers of earlier runs, kept so that a run asked the same question of the same files
/// prints the same answer without reading a project again. A record is found by the digest of
/// the question (the binary, the arguments, the working directory, the environment, whatever the
/// caller adds) and used only when every input it recorded has the stamp it had: a file that
/// changed, or appeared or disappeared where the readers looked, makes the record unusable.
/// Records are written whole (beside, then renamed), and none is written while an input is so
/// new that a change within the clock's resolution could go unseen (as git treats racy entries).
public struct ResultCache: Sendable {
    public let directory: String

    public struct Answer: Sendable, Equatable {
        public var output: [UInt8]
        public var status: Int32

        public init(output: [UInt8], status: Int32) {
            self.output = output
            self.status = status
        }
    }

    static let magic = "ZDTRESULT 1\n"
    /// Records kept at most: every other question (another environment, other arguments) adds
    /// one, and a CI runner's environment differs on every run. The least recently written go.
    static let recordLimit = 32
    /// Inputs changed this close to the run's start are not trusted to show a later change.
    static let racyWindow: Int64 = 2_000_000_000

    /// nil when the directory cannot be created or is not the user's own.
    public init?(directory: String) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        guard Self.isPrivate(directory) else { return nil }
        self.directory = directory
    }

    /// Someone else's cache, or one others may write, could hand us an answer (or a parsed file)
    /// that did not come from the input it is stored for.
    public static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_uid == geteuid() && info.st_mode & 0o022 == 0
    }

    /// The digest naming a question: each part in order, length-prefixed so no two lists meet.
    public static func key(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            let bytes = Array(part.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The binary that answers: a rebuilt binary may answer differently under the same version.
    public static var executableStamp: String {
        let path = Bundle.main.executablePath ?? "/proc/self/exe"
        guard let stamp = FileStamp.of(path) else { return "unknown" }
        return "\(stamp.device) \(stamp.inode) \(stamp.size) \(stamp.modified) \(stamp.changed)"
    }

    private func path(for key: String) -> String { directory + "/result-\(key.prefix(40)).rec" }

    /// The earlier answer to this question, when every input it depended on is as it was.
    public func answer(for key: String) -> Answer? {
        guard Self.isPrivate(path(for: key)), let data = FileManager.default.contents(atPath: path(for: key)) else { return nil }
        let bytes = [UInt8](data)
        var reader = RecordReader(bytes: bytes)
        guard reader.line() == String(Self.magic.dropLast()), reader.line() == key,
              let status = reader.line().flatMap({ Int32($0) }), let count = reader.line().flatMap({ Int($0) }),
              let output = reader.take(count) else { return nil }
        while !reader.isAtEnd {
            guard let path = reader.field(until: 0), let text = reader.line(),
                  let input = RecordedInput(path: path, text: Substring(text)), input.holds else { return nil }
        }
        return Answer(output: output, status: status)
    }

    /// Keeps the answer unless an input changed too recently to be trusted, or the record
    /// cannot be written (then the next run simply answers again).
    public func keep(_ answer: Answer, for key: String, inputs: [RecordedInput], startedAt: Date) {
        let start = Int64(startedAt.timeIntervalSince1970 * 1e9)
        for input in inputs {
            guard case .contents(let stamp) = input.dependence else { continue }
            if max(stamp.modified, stamp.changed) >= start - Self.racyWindow { return }
        }
        // A path no record line can hold: the answer is not kept.
        guard inputs.allSatisfy({ !$0.path.utf8.contains(0) && !$0.path.utf8.contains(10) }) else { return }
        var bytes = Array((Self.magic + "\(key)\n\(answer.status)\n\(answer.output.count)\n").utf8)
        bytes += answer.output
        for input in inputs {
            bytes += Array(input.path.utf8)
            bytes.append(0)
            bytes += Array(input.text.utf8)
            bytes.append(10)
        }
        let final = path(for: key)
        let temporary = final + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, final) != 0 { unlink(temporary) }
        pruneRecords()
    }

    /// Removes the oldest records beyond `recordLimit`.
    func pruneRecords() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let records = names.filter { $0.hasPrefix("result-") && $0.hasSuffix(".rec") }.map { directory + "/" + $0 }
        guard records.count > Self.recordLimit else { return }
        let byAge = records.map { ($0, FileStamp.of($0)?.modified ?? 0) }.sorted { $0.1 < $1.1 }
        for (path, _) in byAge.prefix(records.count - Self.recordLimit) { unlink(path) }
    }
}

/// Reads a record: lines, a counted run of bytes, fields ending in a given byte.
private struct RecordReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position >= bytes.count }

    mutating func field(until terminator: UInt8) -> String? {
        guard let end = bytes[position...].firstIndex(of: terminator) else { return nil }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    mutating func line() -> String? { field(until: 10) }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - position else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }
}
