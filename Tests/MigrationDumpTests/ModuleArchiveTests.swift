import Foundation
import MigrationDump
import PythonSyntax
import TestSupport
import Testing

/// The parse cache's archive on every migration of the corpus: what comes back is the view the
/// check reads, node for node and position for position, and a damaged archive is refused, never
/// a crash or a tree that loops.
@Suite(.serialized)
struct ModuleArchiveTests {
    static let corpus = Repository.root.appendingPathComponent(".cache/corpus")

    private func corpusFiles() throws -> [String] {
        let gather = try runProgram(Repository.script("gather-corpus"), [])
        try #require(gather.status == 0, "gather-corpus failed: \(gather.errors)")
        return MigrationFileFinder().files(under: Self.corpus.path).map(\.fullPath)
    }

    private func summary(_ module: Module) -> String {
        SyntaxTreeDump.dump(module, includePositions: true) + "\n" + module.comments.map { "\($0.location):\($0.text)" }.joined(separator: "\n")
    }

    @Test func everyCorpusMigrationComesBackAsItsView() throws {
        var archived = 0, notArchivable = 0
        for path in try corpusFiles() {
            guard case .success(let bytes) = SourceFile.read(path), case .success(let module) = PythonParser.parse(fileBytes: bytes) else { continue }
            let view = ModuleArchive.migrationView(of: module)
            guard let archive = ModuleArchive.encode(view) else { notArchivable += 1; continue }
            let decoded = try #require(ModuleArchive.decode(archive), "\(path): its own archive does not decode")
            let (ours, back) = (summary(view), summary(decoded))
            if ours != back {
                let common = zip(ours, back).prefix { $0 == $1 }.count
                Issue.record("\(path): differs after \(common) characters: …\(ours.dropFirst(max(0, common - 80)).prefix(200)) versus …\(back.dropFirst(max(0, common - 80)).prefix(200))")
            }
            archived += 1
        }
        #expect(archived > 2000, "the corpus holds ~2,900 migrations")
        #expect(notArchivable * 100 < archived, "\(notArchivable) of \(archived + notArchivable) not archivable")
    }

    /// Seeded byte flips, truncations and insertions on real archives: each decodes to nil or to
    /// a module every node of which can be walked.
    @Test func damagedArchivesAreRefusedOrSound() throws {
        var generator = SeededGenerator(seed: 20261202)
        let files = try corpusFiles().prefix(200)
        var refused = 0, decoded = 0
        for path in files {
            guard case .success(let bytes) = SourceFile.read(path), case .success(let module) = PythonParser.parse(fileBytes: bytes),
                  let archive = ModuleArchive.encode(ModuleArchive.migrationView(of: module)) else { continue }
            for _ in 0..<25 {
                var damaged = archive
                switch generator.next() % 3 {
                case 0: damaged[Int(generator.next() % UInt64(damaged.count))] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                case 1: damaged.removeLast(Int(generator.next() % UInt64(damaged.count)))
                default: damaged.insert(UInt8(truncatingIfNeeded: generator.next()), at: Int(generator.next() % UInt64(damaged.count)))
                }
                if let module = ModuleArchive.decode(damaged) {
                    _ = SyntaxTreeDump.dump(module)
                    decoded += 1
                } else {
                    refused += 1
                }
            }
        }
        #expect(refused > 0 && refused + decoded > 1000)
    }
}

/// SplitMix64: the same sequence on every run.
struct SeededGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
