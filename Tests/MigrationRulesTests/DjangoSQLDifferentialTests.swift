import DatabaseTarget
import Foundation
import MigrationRules
import RuleTestSupport
import TestSupport
import Testing


/// The conformance table and the rules' claims, held against Django 5.2 and a real PostgreSQL:
/// the SQL `sqlmigrate` prints for each migration, and what that SQL locks, blocks and rewrites.
@Suite("Django's SQL and PostgreSQL's locks agree with the rules", .serialized, .postgresServer,
       .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.missingMessage)))
struct DjangoSQLDifferentialTests {
    var server: PostgresTestServer {
        get throws { try #require(PostgresTestServer.current, "the suite's server was not started") }
    }

    @Test("sqlmigrate's SQL matches every conformance row's `sql` and every rule's `emittedSQL`")
    func emittedSQL() throws {
        let rows = ConformanceTable.cases.filter { row in
            // Django refuses to write SQL for a concurrent index in an atomic migration.
            row.sql != nil && !row.pg16.contains("concurrent-index-in-atomic-migration")
        }
        let rules = RuleCatalogue.descriptions.filter { !$0.emittedSQL.isEmpty }
        var expected: [(id: String, patterns: [String])] = rows.map { ("row:\($0.row)", [$0.sql!]) }
        expected += rules.map { ("rule:\($0.identifier)", $0.emittedSQL) }
        var cases = rows.map { DjangoCase(id: "row:\($0.row)", $0.example) }
        for rule in rules {
            let example = try #require(rule.triggeringExamples.first, "\(rule.identifier) has a triggering example")
            cases.append(DjangoCase(id: "rule:\(rule.identifier)", example))
        }

        let results: [String: DjangoCaseResult] = try DjangoCase.run("sqlmigrate-cases", cases, server: server)

        for (id, patterns) in expected {
            guard let result = DjangoCaseResult.successful(results, id, "sqlmigrate-cases") else { continue }
            let sql = result.sql ?? ""
            for pattern in patterns {
                let matches = sql.contains(try Regex(pattern))
                #expect(matches, "\(id): Django's SQL does not match /\(pattern)/:\n\(sql)")
            }
        }
    }

    @Test("PostgreSQL blocks and rewrites the altered table as each rule's lockClaim says")
    func lockClaims() throws {
        let rules = RuleCatalogue.descriptions.filter { $0.lockClaim != nil }
        var cases: [DjangoCase] = []
        for rule in rules {
            let example = try #require(rule.triggeringExamples.first, "\(rule.identifier) has a triggering example")
            cases.append(DjangoCase(id: "rule:\(rule.identifier)", example))
        }

        let results: [String: DjangoCaseResult] = try DjangoCase.run(
            "lockprobe-cases", cases, server: server, options: ["--rows", "5000", "--timeout", "90"])

        var report: [String] = []
        for rule in rules {
            let id = "rule:\(rule.identifier)", claim = rule.lockClaim!
            guard let result = DjangoCaseResult.successful(results, id, "lockprobe-cases") else { continue }
            let tables = result.tables ?? [:]
            guard let table = try alteredTable(rule, tables: tables), let facts = tables[table] else {
                Issue.record("\(id): no probed table to judge; tables \(tables.keys.sorted()), SQL:\n\(result.sql ?? "")")
                continue
            }
            report.append("\(id) \(table): \(facts.lock ?? "no lock"), select \(show(facts.blocksSelect)), "
                + "insert \(show(facts.blocksInsert)), update \(show(facts.blocksUpdate)), rewritten \(facts.rewritten)"
                + (result.timings?["total"].map { String(format: " (%.2f s)", $0) } ?? ""))
            guard let select = facts.blocksSelect, let insert = facts.blocksInsert, let update = facts.blocksUpdate else {
                Issue.record("""
                    \(id): no probe overlapped the migration on \(table) (blocks_select \(show(facts.blocksSelect)), \
                    blocks_insert \(show(facts.blocksInsert)), blocks_update \(show(facts.blocksUpdate))): \
                    the claim is unchecked
                    """)
                continue
            }
            let measured = LockClaim(blocksReads: select, blocksWrites: insert || update, rewritesTable: facts.rewritten)
            #expect(measured == claim, "\(id) on \(table) (\(facts.lock ?? "no lock")): measured \(measured), claimed \(claim)")
        }
        print("DjangoSQLDifferential lock facts:\n  " + report.joined(separator: "\n  "))
    }

    @Test("lock-timeout-not-set speaks exactly when PostgreSQL takes a lock that blocks reads or writes of a live table")
    func blockingLocks() throws {
        let rule = LockTimeoutNotSetRule.description
        // Left out: a concurrent index in an atomic migration (Django writes no SQL) and the exclusion
        // constraint on an integer column (it needs the btree_gist extension to run).
        let rows = ConformanceTable.cases.filter {
            $0.sql != nil && !$0.pg16.contains("concurrent-index-in-atomic-migration") && !$0.pg16.contains("add-exclusion-constraint")
        }
        var examples = rows.map { (id: "row:\($0.row)", example: $0.example) }
        // A migration PostgreSQL refuses on a table with rows takes no lock worth measuring: the
        // refusal itself is the fact to hold (its rule says so).
        let failing = rows.filter { $0.failsWithRows != nil }
        examples += (rule.triggeringExamples + rule.nonTriggeringExamples).enumerated()
            .filter { $0.element.target.isPostgreSQL }.map { (id: "\(rule.identifier) example \($0.offset)", example: $0.element) }
        // Only the lock mode matters here, not how long probes wait: few rows are enough.
        let results: [String: DjangoCaseResult] = try DjangoCase.run(
            "lockprobe-cases", examples.map { DjangoCase(id: $0.id, $0.example) }, server: server, options: ["--rows", "200", "--timeout", "90"])

        let blocking: Set<String> = ["ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"]
        var report: [String] = []
        for row in failing {
            let error = results["row:\(row.row)"]?.error ?? "no error"
            #expect(error.contains(row.failsWithRows!), "row:\(row.row): PostgreSQL should refuse it on a table with rows (\(row.failsWithRows!)), got: \(error)")
        }
        let failingIDs = Set(failing.map { "row:\($0.row)" })
        for (id, example) in examples where !failingIDs.contains(id) {
            guard let result = DjangoCaseResult.successful(results, id, "lockprobe-cases") else { continue }
            let locked = (result.tables ?? [:]).filter { $0.value.lock.map(blocking.contains) ?? false }.map { "\($0.key) \($0.value.lock!)" }.sorted()
            let target = Target(.postgresql, major: 16, reason: "differential")
            let speaks = try ExampleMigration(example).check(target: target).reported.contains { $0.rule == rule.identifier }
            let timeoutSet = result.sql?.contains("lock_timeout") ?? false
            report.append("\(id): \(locked.isEmpty ? "no blocking lock" : locked.joined(separator: ", "))\(timeoutSet ? ", lock_timeout set" : "")")
            #expect(speaks == (!locked.isEmpty && !timeoutSet), "\(id): PostgreSQL took \(locked.isEmpty ? "no blocking lock" : locked.joined(separator: ", ")), the rule \(speaks ? "spoke" : "was silent")\n\(result.sql ?? "")")
        }
        print("DjangoSQLDifferential blocking locks:\n  " + report.joined(separator: "\n  "))
    }

    /// The table the example alters: the first `shop_…` table the rule's finding names that was
    /// probed, else the probed table the migration locked most strongly.
    private func alteredTable(_ rule: RuleDescription, tables: [String: DjangoCaseResult.TableFacts]) throws -> String? {
        let example = rule.triggeringExamples[0]
        let findings = try ExampleMigration(example).check(target: example.target).reported.filter { $0.rule == rule.identifier }
        for finding in findings {
            for match in finding.message.matches(of: #/shop_\w+/#) where tables[String(match.output)] != nil {
                return String(match.output)
            }
        }
        return tables.filter { $0.value.lock != nil }
            .max { lockRank($0.value.lock) < lockRank($1.value.lock) }?.key
    }
}

private let lockModes = [
    "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
    "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
]

private func lockRank(_ mode: String?) -> Int { mode.flatMap { lockModes.firstIndex(of: $0) } ?? -1 }

private func show(_ value: Bool?) -> String { value.map { "\($0)" } ?? "null" }

/// One case for `scripts/sqlmigrate-cases`: an example's history as setup, the example as the migration.
struct DjangoCase: Encodable {
    var id: String
    var app = ExampleMigration.app
    var setup: [String]
    var migration: String

    init(id: String, _ example: RuleExample) {
        let files = ExampleMigration(example).files
        self.id = id
        setup = files.dropLast().map(\.source)
        migration = files.last!.source
    }

    /// Runs `script` once over all the cases against the server; prints how long it took.
    static func run(_ script: String, _ cases: [DjangoCase], server: PostgresTestServer,
                    options: [String] = []) throws -> [String: DjangoCaseResult] {
        try run(script, cases, databaseURL: server.url, options: options)
    }

    /// The same against `databaseURL`: a PostgreSQL URL, or `sqlite` for a fresh file per case.
    static func run(_ script: String, _ cases: [DjangoCase], databaseURL: String,
                    options: [String] = []) throws -> [String: DjangoCaseResult] {
        struct Input: Encodable {
            var database_url: String
            var cases: [DjangoCase]
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-cases-\(UUID().uuidString).json")
        try JSONEncoder().encode(Input(database_url: databaseURL, cases: cases)).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let clock = ContinuousClock()
        let started = clock.now
        let run = try runProgram(Repository.script(script), options + [input.path],
                                 environment: ["ZDT_SHARED": Repository.shared.path])
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("DjangoSQLDifferential: \(script), \(cases.count) cases: \(String(format: "%.1f", seconds)) s")
        guard run.status == 0 else {
            throw DjangoCasesFailure(description: "\(script) exited \(run.status): \(run.errors.suffix(3000))")
        }
        do {
            return try JSONDecoder().decode([String: DjangoCaseResult].self, from: run.standardOutput)
        } catch {
            throw DjangoCasesFailure(description: "\(script) printed no result JSON (\(error)): \(run.errors.suffix(3000))")
        }
    }
}

struct DjangoCasesFailure: Error, CustomStringConvertible {
    var description: String
}

/// What the scripts report for one case (the lock-probe fields only from `lockprobe-cases`).
struct DjangoCaseResult: Decodable {
    struct TableFacts: Decodable {
        var lock: String?
        var blocksSelect: Bool?
        var blocksInsert: Bool?
        var blocksUpdate: Bool?
        var rewritten: Bool

        enum CodingKeys: String, CodingKey {
            case lock, rewritten
            case blocksSelect = "blocks_select", blocksInsert = "blocks_insert", blocksUpdate = "blocks_update"
        }
    }

    var sql: String?
    var error: String?
    var tables: [String: TableFacts]?
    var timings: [String: Double]?

    /// The result for `id`, or nil after recording why there is none (no result, or the case failed).
    static func successful(_ results: [String: DjangoCaseResult], _ id: String, _ script: String) -> DjangoCaseResult? {
        guard let result = results[id] else {
            Issue.record("\(id): \(script) returned no result")
            return nil
        }
        if let error = result.error {
            Issue.record("\(id): \(script) failed: \(error)")
            return nil
        }
        return result
    }
}
