import DatabaseTarget
import Foundation
import MigrationRules
import RuleTestSupport
import TestSupport
import Testing

/// `sqlite-remakes-table` held against Django 5.2 on SQLite: for every conformance row and every
/// rule's examples, the tables the rule says Django remakes are exactly the tables whose
/// `CREATE TABLE "new__…"` appears in `sqlmigrate`'s SQLite output (tables the migration itself
/// creates left out: they are empty, and the rule does not speak of them).
@Suite struct SQLiteRemakeDifferentialTests {
    static let target = Target(.sqlite, reason: "differential")

    @Test("the tables Django's SQLite schema editor remakes are the ones the rule names")
    func remadeTablesMatchDjango() throws {
        var examples: [(id: String, example: RuleExample, mustRun: Bool)] = ConformanceTable.cases.map {
            ("row:\($0.row)", $0.example, false)
        }
        for rule in RuleCatalogue.descriptions {
            let own = rule.identifier == ConformanceCase.remakeRule
            for (number, example) in rule.triggeringExamples.enumerated() {
                examples.append(("\(rule.identifier) triggering \(number)", example, own))
            }
            for (number, example) in rule.nonTriggeringExamples.enumerated() {
                examples.append(("\(rule.identifier) non-triggering \(number)", example, own))
            }
        }
        let cases = examples.map { DjangoCase(id: $0.id, $0.example) }
        let results = try DjangoCase.run("sqlmigrate-cases", cases, databaseURL: "sqlite")

        var compared = 0, skipped: [String] = []
        for (id, example, mustRun) in examples {
            let result = try #require(results[id], "\(id): sqlmigrate-cases returned no result")
            if let error = result.error {
                // PostgreSQL-only operations and fields: Django cannot write SQLite SQL for them.
                #expect(!mustRun, "\(id): sqlmigrate failed on SQLite: \(error)")
                skipped.append(id)
                continue
            }
            let sql = result.sql ?? ""
            // The rule's own examples may name an older SQLite; Django's answer is for this one.
            let target = example.target.backend == .sqlite ? example.target : Self.target
            guard target.major == nil else { continue }
            let findings = try ExampleMigration(example).check(target: target).reported.filter { $0.rule == ConformanceCase.remakeRule }
            let ours = Set(findings.flatMap { Self.tables(in: $0.message, pattern: #/remake table "(\w+)"/#) })
            let created = Set(Self.tables(in: sql, pattern: #/CREATE TABLE "(\w+)"/#))
            let django = Set(Self.tables(in: sql, pattern: #/CREATE TABLE "new__(\w+)"/#)).subtracting(created)
            #expect(ours == django, "\(id): the rule names \(ours.sorted()), Django remakes \(django.sorted()):\n\(sql)")
            compared += 1
        }
        print("SQLiteRemakeDifferential: \(compared) migrations compared with Django's SQLite SQL, \(skipped.count) PostgreSQL-only skipped")
        #expect(compared > 150, "most examples run on SQLite")
    }

    static func tables(in text: String, pattern: Regex<(Substring, Substring)>) -> [String] {
        text.matches(of: pattern).map { String($0.output.1) }
    }
}
