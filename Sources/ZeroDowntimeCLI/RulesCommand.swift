import ArgumentParser
import FindingReport
import MigrationRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule of the recommended policy: identifier, severity, what it catches."
    )

    func run() {
        print(RuleListing(RuleCatalogue.descriptions).text, terminator: "")
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one rule in full: why it matters, where it applies, the safe recipe, and examples."
    )

    @Argument(help: "The rule's identifier, as `zerodowntime rules` lists it.")
    var rule: String

    func run() throws {
        guard let description = RuleCatalogue.rule(rule) else {
            let known = RuleCatalogue.descriptions.map(\.identifier)
            let close = known.filter { $0.contains(rule) || rule.contains($0) }
            throw ValidationError("unknown rule '\(rule)'" + (close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)") + "; `zerodowntime rules` lists them")
        }
        print(RuleExplanation(description).text, terminator: "")
    }
}
