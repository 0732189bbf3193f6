import MigrationGraph
import MigrationRules

/// The default output, for people: what was checked, the findings by migration with why and the
/// safe recipe, the counts and the verdict. Under `--policy original`, the original
/// django-zerodowntime 0.3.0 report instead, line for line.
public struct TextReport: ReportRenderer {
    /// ANSI colours: the CLI turns them on for a terminal without `NO_COLOR`.
    public var color: Bool
    /// Also list silenced findings, with what silenced them.
    public var verbose: Bool
    /// Only the `path:line:column: severity[rule] message` lines and the summary.
    public var quiet: Bool

    public init(color: Bool = false, verbose: Bool = false, quiet: Bool = false) {
        self.color = color
        self.verbose = verbose
        self.quiet = quiet
    }

    public func render(_ report: CheckReport) -> String {
        if report.policy == .original { return Self.renderOriginal(report) }
        return quiet ? renderQuiet(report) : renderFull(report)
    }

    private func renderQuiet(_ report: CheckReport) -> String {
        var out = ""
        let reported = report.orderedFindings.filter { $0.ignoredBecause == nil }
        for finding in reported where finding.rule != Self.lockTimeoutRule {
            out += locationLine(finding, report)
        }
        // One line for the missing lock timeout, at its first migration, naming the others.
        let lockTimeouts = reported.filter { $0.rule == Self.lockTimeoutRule }
        if var first = lockTimeouts.first {
            let keys = lockTimeouts.map(\.key).reduce(into: [MigrationKey]()) { if !$0.contains($1) { $0.append($1) } }
            if keys.count > 1 {
                first.message = "\(keys.count) migrations take a lock that blocks a live table and no lock timeout is set: "
                    + keys.map(\.description).joined(separator: ", ")
            }
            out += locationLine(first, report)
        }
        return out + report.summary.line + "\n"
    }

    private func renderFull(_ report: CheckReport) -> String {
        let target = "\(report.target.description) (\(report.target.reason))"
        var out = "\(counted(report.pending.count, "pending migration")) from \(report.sourceDescription); target: \(target)\n"
        for assumption in report.assumptions { out += assumption.line(displayPath: report.displayPath(assumption.path)) + "\n" }
        if verbose {
            // Why the plan is what it is: what was read, and which migrations were left out.
            let excluded = report.pending.count - report.result.checkedMigrations.count
            out += "Replayed \(counted(report.result.replayedCount, "migration")) in Django's order to know each table before each operation; "
                + "checked \(report.result.checkedMigrations.count) pending"
                + (excluded > 0 ? ", \(excluded) excluded by the configuration" : "") + ".\n"
            if report.target.backend != .sqlite {
                out += report.lockTimeoutSetBy.map { "A lock timeout for migrations is set in \($0).\n" }
                    ?? "No lock timeout for migrations was seen (settings files, PGOPTIONS, the database session).\n"
            }
            if report.target.backend == .sqlite {
                out += "On SQLite one writer locks the whole database: PostgreSQL's lock dangers do not apply; the dangers to old code do, and table remakes are reported as warnings (sqlite-remakes-table).\n"
            }
        }
        out += "\n"
        let shown = report.orderedFindings.filter { verbose || $0.ignoredBecause == nil }
        // A missing lock timeout is one fact about the deploy, not one per migration: unless
        // --verbose, its findings are printed together once, after the others.
        let grouped = verbose ? [] : shown.filter { $0.rule == Self.lockTimeoutRule && $0.ignoredBecause == nil }
        var explained: Set<String> = []
        var recipesShown: Set<String> = []
        var current: MigrationKey?
        for finding in shown where verbose || finding.rule != Self.lockTimeoutRule || finding.ignoredBecause != nil {
            if finding.key != current {
                current = finding.key
                out += paint("\(finding.key)", .bold) + "  \(report.displayPath(finding.path))\n"
            }
            if let because = finding.ignoredBecause {
                out += locationLine(finding, report, ignored: true)
                out += indented("Ignored: " + because, by: 4) + "\n"
            } else {
                out += locationLine(finding, report)
                out += explanation(finding, explained: &explained, recipesShown: &recipesShown)
                out += "\n"
            }
        }
        if let first = grouped.first {
            let migrations = Set(grouped.map(\.key)).count
            out += paint("\(counted(migrations, "migration")) take a lock that blocks a live table, and no lock timeout is set:", .bold) + "\n"
            for finding in grouped { out += locationLine(finding, report) }
            out += explanation(first, explained: &explained, recipesShown: &recipesShown) + "\n"
        }
        let summary = report.summary
        out += summary.line + "\n"
        if report.fails {
            let failing = Set(report.result.reported.filter { $0.severity >= report.failOn }.map(\.key)).count
            let verb = failing == 1 ? "is" : "are"
            out += paint("Unsafe:", .red, .bold)
                + " \(failing) of \(counted(summary.migrations, "migration")) \(verb) not safe to deploy without downtime.\n"
        } else {
            out += paint("Safe to deploy without downtime.", .green) + "\n"
        }
        return out
    }

    static let lockTimeoutRule = LockTimeoutNotSetRule.description.identifier

    /// The finding's Why and recipe: in full the first time (every time with --verbose), then a
    /// line that refers back to them, since both are the same for every finding of a rule.
    private func explanation(_ finding: Finding, explained: inout Set<String>, recipesShown: inout Set<String>) -> String {
        var out = ""
        if !finding.why.isEmpty {
            out += verbose || explained.insert(finding.rule).inserted
                ? paint(indented("Why: " + finding.why, by: 4), .dim) : paint("    Why: as for \(finding.rule) above.\n", .dim)
        }
        if !finding.recipe.isEmpty {
            out += verbose || recipesShown.insert(finding.rule + "\u{0}" + finding.recipe).inserted
                ? "    Safe recipe:\n" + indented(finding.recipe, by: 8) : "    Safe recipe: as above.\n"
        }
        return out
    }

    /// `shop/migrations/0003_x.py:12:9: error[drop-column] message`, and a newline.
    private func locationLine(_ finding: Finding, _ report: CheckReport, ignored: Bool = false) -> String {
        let severity = paint(finding.severity.rawValue, finding.severity == .error ? .red : .yellow)
        let lines = finding.message.split(separator: "\n", omittingEmptySubsequences: false)
        let continuation = lines.dropFirst().map { $0.isEmpty ? "\n" : "    \($0)\n" }.joined()
        return "\(report.displayPath(finding.path)):\(finding.line):\(finding.column): \(ignored ? "ignored " : "")"
            + "\(severity)[\(paint(finding.rule, .bold))] \(lines.first ?? "")\n" + continuation
    }

    /// Every line indented (empty lines stay empty), each ending with a newline.
    private func indented(_ text: String, by width: Int) -> String {
        let pad = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "\n" : "\(pad)\($0)\n" }.joined()
    }

    private enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33"
    }

    /// `text` in the styles when colour is on. A multi-line text is styled line by line, so a
    /// pager that shows part of it keeps the colours right.
    private func paint(_ text: String, _ styles: Style...) -> String {
        guard color else { return text }
        let start = "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m"
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : start + $0 + "\u{1B}[0m" }.joined(separator: "\n")
    }

    /// django-zerodowntime 0.3.0's `check_migrations` report: nothing when nothing is reported.
    /// The original printed the SQL `sqlmigrate` would run; we do not run Django, so one line says so.
    public static func renderOriginal(_ report: CheckReport) -> String {
        var byMigration: [MigrationKey: [Finding]] = [:]
        for finding in report.result.reported { byMigration[finding.key, default: []].append(finding) }
        guard !byMigration.isEmpty else { return "" }
        var out = "These operations are incompatible with Zero Downtime Deployments:\n"
        for key in byMigration.keys.sorted() {
            out += "\n\n\(key.app).\(key.name):\n"
            out += "\tOPERATIONS:\n"
            out += "\t-----------\n"
            for finding in byMigration[key] ?? [] { out += "\t*  \(finding.description)\n" }
            out += "\n\tSQL STATEMENTS:\n"
            out += "\t---------------\n"
            out += "\t-- not computed statically: run manage.py sqlmigrate \(key.app) \(key.name)\n"
            out += "\n\n"
        }
        return out
    }
}
