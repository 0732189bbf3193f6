import Foundation
import TestSupport
import Testing

/// A differential test against squawk (Tests/Fixtures/squawk-differential): the SQL of squawk's
/// rule tests, each snippet run through `squawk` (the pinned squawk-cli wheel) and through
/// `check-migrations` as the RunSQL of a generated Django project, both judged against the real
/// effect of running it on PostgreSQL as Django runs it (real-effect.json, measured with
/// lockprobe.py; measured again when the snippets change). zerodowntime must be right on at
/// least as many snippets as squawk, and on every transaction case (where squawk's view of one
/// SQL file differs from what Django's atomic or non-atomic migration does) but the reviewed few
/// in known-wrong.json.
@Suite(.serialized)
struct SquawkDifferentialTests {
    @Test func rightOnAtLeastAsManySnippetsAsSquawkAndOnEveryTransactionCase() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-squawk-diff-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let requirePostgres = ProcessInfo.processInfo.environment["CI"] != nil
        var environment = ["ZDT_BINARY": Repository.binary]
        if requirePostgres { environment["ZDT_REQUIRE_POSTGRES"] = "1" }
        let run = try runProgram(Repository.root.appendingPathComponent("Tests/Fixtures/squawk-differential/run.sh").path,
                                 ["--json", out.path], environment: environment)
        try #require(run.status != 2, "run.sh could not compare:\n\(run.output.suffix(3000))\(run.errors.suffix(3000))")
        #expect(run.status == 0, "zerodowntime is behind squawk or wrong on a transaction case:\n\(run.output.suffix(12000))")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let snippets = document?["snippets"] as? Int ?? 0
        #expect(snippets >= 120, "only \(snippets) snippets were compared")
        let squawk = document?["squawk_right"] as? Int ?? Int.max
        let ours = document?["zerodowntime_right"] as? Int ?? 0
        #expect(ours >= squawk, "zerodowntime right on \(ours)/\(snippets), squawk on \(squawk)/\(snippets)")
        // Every transaction case right, but for the reviewed ones in known-wrong.json (with why).
        let transactionWrong = Set(document?["transaction_cases_zerodowntime_wrong"] as? [String] ?? ["(missing)"])
        let knownFile = Repository.root.appendingPathComponent("Tests/Fixtures/squawk-differential/known-wrong.json")
        let known = Set((try JSONSerialization.jsonObject(with: Data(contentsOf: knownFile)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(transactionWrong.subtracting(known).isEmpty, "transaction cases zerodowntime gets wrong: \(transactionWrong.subtracting(known).sorted())")
        #expect(known.count <= 2, "known-wrong.json must stay short: \(known.sorted())")
    }
}
