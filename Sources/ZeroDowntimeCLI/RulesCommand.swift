import ArgumentParser
import MigrationRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule of the recommended policy: identifier, severity, what it catches."
    )

    func run() {
        let rules = RuleCatalogue.descriptions
        let width = rules.map(\.identifier.count).max() ?? 0
        var currentKind: RuleDescription.Kind?
        for rule in rules.sorted(by: { ($0.kind.order, $0.identifier) < ($1.kind.order, $1.identifier) }) {
            if rule.kind != currentKind {
                if currentKind != nil { print("") }
                print("\(rule.kind.rawValue.capitalizedFirst):")
                currentKind = rule.kind
            }
            let padded = rule.identifier.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            print("  \(padded)  \(severity)  \(rule.summary)")
        }
        print("\n\(rules.count) rules. `zerodowntime explain RULE` shows why, the safe recipe and examples.")
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

/// A rule's full description as plain text, with its examples.
struct RuleExplanation {
    var rule: RuleDescription

    init(_ rule: RuleDescription) { self.rule = rule }

    var text: String {
        var out = "\(rule.identifier): \(rule.name)\n"
        out += "severity: \(rule.severity.rawValue) · \(rule.kind.rawValue) · applies to: \(rule.appliesTo)\n\n"
        out += rule.summary + "\n\nWhy:\n" + indent(rule.why) + "\n\nSafe recipe:\n" + indent(rule.recipe) + "\n"
        out += "\nTriggering examples (↓ marks the operation reported):\n"
        for example in rule.triggeringExamples { out += exampleText(example) }
        out += "\nNot triggering:\n"
        for example in rule.nonTriggeringExamples { out += exampleText(example) }
        return out
    }

    private func exampleText(_ example: RuleExample) -> String {
        var text = "\n"
        if example.target != .example { text += "  # for \(example.target)\n" }
        if !example.atomic { text += "  # in a migration with atomic = False\n" }
        for setup in example.setup {
            text += "  # after an applied migration with:\n" + indent(setup.trimmingCharacters(in: .newlines), by: 2)
                .split(separator: "\n").map { "  #" + $0.dropFirst(1) }.joined(separator: "\n") + "\n"
        }
        return text + indent(example.source.trimmingCharacters(in: .newlines), by: 2) + "\n"
    }

    private func indent(_ text: String, by spaces: Int = 4) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}

extension RuleDescription.Kind {
    var order: Int {
        switch self {
        case .breaksOldCode: return 0
        case .locks: return 1
        case .migrationFails: return 2
        case .needsReview: return 3
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

import Foundation
