import Foundation
import TestSupport
import Testing

/// The history oracle (Tests/Fixtures/history-oracle, issue 13): the migration histories of 22
/// real third-party apps from PyPI walked one migration at a time on a real PostgreSQL server,
/// what each really did (locks, rewrites, index builds, validations, old-code breakage) held
/// against `check-migrations` with everything before it applied. Every disagreement must be in
/// the reviewed allow-list, with its reason.
@Suite(.serialized)
struct HistoryOracleTests {
    @Test func everyRealMigrationIsJudgedAsPostgreSQLSawIt() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-history-oracle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let requirePostgres = ProcessInfo.processInfo.environment["CI"] != nil
        let run = try runProgram(Repository.root.appendingPathComponent("Tests/Fixtures/history-oracle/run.sh").path,
                                 ["--out", out.path, "--binary", Repository.binary],
                                 environment: requirePostgres ? ["ZDT_REQUIRE_POSTGRES": "1"] : [:])
        // The table and the disagreements, for the log.
        print(run.output.suffix(6000))
        #expect(run.status == 0, "history oracle: exit \(run.status)\n\(run.output.suffix(8000))\n\(run.errors.suffix(3000))")
        if requirePostgres || FileManager.default.fileExists(atPath: out.appendingPathComponent("judged.json").path) {
            let judged = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("judged.json"))) as? [String: Any]
            let counted = judged?["migrations"] as? Int ?? (judged?["counts"] as? [String: Any])?["migrations"] as? Int ?? 0
            #expect(counted >= 500, "the oracle walked \(counted) migrations")
        }
    }
}
