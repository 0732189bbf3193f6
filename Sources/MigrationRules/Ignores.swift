import MigrationModel
import PythonSyntax

/// `# zerodowntime: ignore[rule-a, rule-b] reason` on an operation's line or the line above it.
public struct InlineIgnore: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var rules: [String]
    public var reason: String

    /// Every ignore comment of a module, by the line it sits on.
    public static func all(in module: Module) -> [Int: InlineIgnore] {
        var found: [Int: InlineIgnore] = [:]
        for comment in module.comments {
            if let ignore = InlineIgnore(comment) { found[ignore.line] = ignore }
        }
        return found
    }

    init?(_ comment: Comment) {
        let text = comment.text.drop { $0 == " " }
        guard text.hasPrefix("zerodowntime:") else { return nil }
        let rest = text.dropFirst("zerodowntime:".count).drop { $0 == " " }
        guard rest.hasPrefix("ignore[") , let close = rest.firstIndex(of: "]") else { return nil }
        let list = rest[rest.index(rest.startIndex, offsetBy: "ignore[".count)..<close]
        self.rules = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.reason = rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
        self.line = comment.location.line
        self.column = comment.location.column + 1
    }
}

/// `zerodowntime_ignore = ["rule-id", …]` in the body of `class Migration`.
public struct ClassIgnore: Sendable {
    public var rules: [String]
    public var line: Int
    public var column: Int

    public init?(module: Module) {
        var definition: ClassDefinition?
        for statement in module.body {
            if case .classDef(let candidate) = statement.kind, candidate.name == "Migration" { definition = candidate }
        }
        guard let definition else { return nil }
        let store = module.expressions
        var found: ClassIgnore?
        for statement in definition.body {
            guard case .assign(let targets, let value) = statement.kind else { continue }
            for target in targets {
                guard case .name(let name, _) = store[target].kind, name == "zerodowntime_ignore" else { continue }
                let python = PythonValue(value, in: store)
                var rules: [String] = []
                if case .list(let items) = python.kind { rules = items.map { $0.stringValue ?? "?" } }
                else if case .tuple(let items) = python.kind { rules = items.map { $0.stringValue ?? "?" } }
                else { rules = ["?"] }
                found = ClassIgnore(rules: rules, line: statement.location.line, column: statement.location.column + 1)
            }
        }
        guard let found else { return nil }
        self = found
    }

    private init(rules: [String], line: Int, column: Int) {
        self.rules = rules
        self.line = line
        self.column = column
    }
}

import Foundation
