import MigrationRules
import RuleTestSupport
import Testing

/// Every rule's own examples: each triggering one reports the rule exactly at its markers,
/// each non-triggering one does not report it at all.
@Suite struct RuleExampleTests {
    static let rules = RuleCatalogue.descriptions.map(\.identifier)

    @Test(arguments: rules)
    func triggeringExamplesReportAtTheirMarkers(_ identifier: String) throws {
        let rule = try #require(RuleCatalogue.rule(identifier))
        #expect(!rule.triggeringExamples.isEmpty, "every rule has a triggering example")
        for (number, example) in rule.triggeringExamples.enumerated() {
            let migration = ExampleMigration(example)
            #expect(!migration.markers.isEmpty, "triggering example \(number) of \(identifier) has a marker")
            let found = try migration.check(target: example.target).reported.filter { $0.rule == identifier }
            let places = found.map { "\($0.line):\($0.column)" }
            let expected = migration.markers.map { "\($0.line):\($0.column)" }
            #expect(places == expected, "\(identifier), triggering example \(number): \(found.map(\.message))\n\(migration.files.last!.source)")
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesStaySilent(_ identifier: String) throws {
        let rule = try #require(RuleCatalogue.rule(identifier))
        #expect(!rule.nonTriggeringExamples.isEmpty, "every rule has a non-triggering example")
        for (number, example) in rule.nonTriggeringExamples.enumerated() {
            let migration = ExampleMigration(example)
            let found = try migration.check(target: example.target).reported.filter { $0.rule == identifier }
            #expect(found.isEmpty, "\(identifier), non-triggering example \(number): \(found.map(\.message))")
        }
    }

    @Test func everyRuleIsDescribedCompletely() {
        var seen = Set<String>()
        for rule in RuleCatalogue.descriptions {
            #expect(seen.insert(rule.identifier).inserted, "\(rule.identifier) is listed once")
            #expect(rule.identifier.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.identifier) is kebab-case")
            #expect(!rule.summary.isEmpty && !rule.why.isEmpty && !rule.recipe.isEmpty && !rule.appliesTo.isEmpty)
        }
    }
}
