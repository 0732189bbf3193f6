import Foundation
import MigrationRules

/// The rule catalogue by kind, one line per rule (`zerodowntime rules`).
public struct RuleListing: Sendable {
    public var rules: [RuleDescription]

    public init(_ rules: [RuleDescription]) { self.rules = rules }

    public var text: String {
        var out = ""
        let width = rules.map(\.identifier.count).max() ?? 0
        var currentKind: RuleDescription.Kind?
        for rule in rules.sorted(by: { ($0.kind.order, $0.identifier) < ($1.kind.order, $1.identifier) }) {
            if rule.kind != currentKind {
                if currentKind != nil { out += "\n" }
                out += "\(rule.kind.rawValue.capitalizedFirst):\n"
                currentKind = rule.kind
            }
            let padded = rule.identifier.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            out += "  \(padded)  \(severity)  \(rule.summary)\n"
        }
        return out + "\n\(rules.count) rules. `zerodowntime explain RULE` shows why, the safe recipe and examples.\n"
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// A rule's full description as plain text, with its examples.
public struct RuleExplanation: Sendable {
    public var rule: RuleDescription

    public init(_ rule: RuleDescription) { self.rule = rule }

    public var text: String {
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
    /// The order `zerodowntime rules` lists the kinds in.
    var order: Int {
        switch self {
        case .breaksOldCode: return 0
        case .locks: return 1
        case .migrationFails: return 2
        case .needsReview: return 3
        }
    }
}
