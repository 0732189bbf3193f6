import Foundation
import MigrationDump
import PythonSyntax
import TestSupport
import Testing

/// The reader against CPython on real migrations nobody here wrote: Django's contrib apps, wagtail,
/// django-oscar, pretix and more, pinned in scripts/gather-corpus and cached under .cache/corpus.
@Suite(.serialized)
struct CorpusDifferentialTests {
    static let corpus = Repository.root.appendingPathComponent(".cache/corpus")

    private func gatherCorpus() throws {
        let gather = try runProgram(Repository.script("gather-corpus"), [])
        try #require(gather.status == 0, "gather-corpus failed: \(gather.errors)\(gather.output)")
    }

    private func python(_ arguments: [String]) throws -> ProgramRun {
        try runProgram("/usr/bin/env", ["python3"] + arguments)
    }

    /// Runs the in-process dump over the corpus into a file, as the command line would print it.
    private func dump(syntaxTrees: Bool, into file: URL) -> (files: Int, failures: Int) {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = FileHandle(forWritingAtPath: file.path)!
        defer { try? handle.close() }
        let run = DumpRun(paths: [Self.corpus.path], syntaxTrees: syntaxTrees)
        let descriptor = handle.fileDescriptor
        let sink = FileHandle(forWritingAtPath: "/dev/null")!
        defer { try? sink.close() }
        let diagnostics = sink.fileDescriptor
        return LargeStack.run { run.run(output: descriptor, diagnostics: diagnostics) }
    }

    @Test func dumpMatchesTheReferenceByteForByteOnEveryFile() throws {
        try gatherCorpus()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let referenceReader = Repository.shared.appendingPathComponent("tools/ref_extract.py").path
        let reference = try python([referenceReader, Self.corpus.path])
        try #require(reference.status == 0, "ref_extract.py failed: \(reference.errors)")
        let referenceFile = scratch.appendingPathComponent("reference.jsonl")
        try reference.standardOutput.write(to: referenceFile)

        let oursFile = scratch.appendingPathComponent("ours.jsonl")
        let result = dump(syntaxTrees: false, into: oursFile)
        #expect(result.files >= 2900, "the pinned corpus has 2,915 migration files")

        let check = try python([referenceReader, "--against", referenceFile.path, "--check", oursFile.path])
        let lastLine = check.output.split(separator: "\n").last.map(String.init) ?? ""
        #expect(check.status == 0, "\(check.output.prefix(3000))")
        #expect(lastLine == "agreement: \(result.files)/\(result.files) files")
    }

    @Test func wholeSyntaxTreesMatchCPythonsWithPositions() throws {
        try gatherCorpus()
        let reference = try python([Repository.script("syntax-tree-reference"), Self.corpus.path])
        try #require(reference.status == 0, "syntax-tree-reference failed: \(reference.errors)")

        let oursFile = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-trees-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: oursFile) }
        let result = dump(syntaxTrees: true, into: oursFile)

        let expected = reference.standardOutput.split(separator: UInt8(ascii: "\n"))
        let actual = try Data(contentsOf: oursFile).split(separator: UInt8(ascii: "\n"))
        #expect(actual.count == result.files)
        #expect(expected.count == actual.count)
        let disagreeing = zip(expected, actual).filter { $0.0 != $0.1 }.map { String(decoding: $0.1.prefix(160), as: UTF8.self) }
        #expect(disagreeing.isEmpty, "first disagreeing file: \(disagreeing.first ?? "")")
    }
}
