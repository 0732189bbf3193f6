import MigrationRules

/// `check-migrations --format json`: one object with the keys in a fixed order (DESIGN.md), then
/// a newline. Reported findings go under `findings`, silenced ones under `ignored`.
public struct JSONReport: ReportRenderer {
    public init() {}

    public func render(_ report: CheckReport) -> String {
        let findings = report.orderedFindings
        let summary = report.summary
        let target = report.target
        let document = JSONValue.object([
            ("pending", .array(report.pending.map { .array([.string($0.app), .string($0.name)]) })),
            ("source", .string(report.source)),
            ("source_description", .string(report.sourceDescription)),
            ("policy", .string(report.policy.rawValue)),
            ("target", .object([
                ("backend", .string(target.backend.rawValue)),
                ("version", .optional(target.major.map { major in target.minor.map { "\(major).\($0)" } ?? "\(major)" })),
                ("identifier", .string(target.identifier)),
                ("reason", .string(target.reason)),
            ])),
            ("assumptions", .array(report.assumptions.map(\.json))),
            ("findings", .array(findings.filter { $0.ignoredBecause == nil }.map { object($0, report) })),
            ("ignored", .array(findings.filter { $0.ignoredBecause != nil }.map { object($0, report) })),
            ("summary", .object([
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("ignored", .int(summary.ignored)),
                ("operations", .int(summary.operations)),
                ("migrations", .int(summary.migrations)),
                ("passed", .bool(summary.passed)),
            ])),
        ])
        return document.rendered() + "\n"
    }

    private func object(_ finding: Finding, _ report: CheckReport) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("app", .string(finding.app)),
            ("migration", .string(finding.migration)),
            ("path", .string(report.displayPath(finding.path))),
            ("line", .int(finding.line)),
            ("column", .int(finding.column)),
            ("operation", .string(finding.operation)),
            ("description", .string(finding.description)),
            ("message", .string(finding.message)),
            ("why", .string(finding.why)),
            ("recipe", .string(finding.recipe)),
        ]
        if let because = finding.ignoredBecause { members.append(("ignored_because", .string(because))) }
        // Sizes only where the database (or --stats-file) said: the keys are absent otherwise.
        if finding.tableRows != nil || finding.tableBytes != nil {
            members.append(("table", .optional(finding.table)))
            members.append(("table_rows", finding.tableRows.map { .int($0) } ?? .null))
            members.append(("table_bytes", finding.tableBytes.map { .int($0) } ?? .null))
        }
        return .object(members)
    }
}
