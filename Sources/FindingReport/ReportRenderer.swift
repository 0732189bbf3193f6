import MigrationGraph
import MigrationRules

/// One output format of `check-migrations`: the whole report as the text to print.
public protocol ReportRenderer: Sendable {
    func render(_ report: CheckReport) -> String
}

/// `path` relative to `base` when it lies under it, otherwise as it is: how every report and
/// message shows a file.
public func relativePath(_ path: String, to base: String) -> String {
    var base = base
    while base.utf8.count > 1 && base.hasSuffix("/") { base.removeLast() }
    guard !base.isEmpty, base != ".", base != "/" else { return path }
    let prefix = Array((base + "/").utf8)
    guard path.utf8.starts(with: prefix) else { return path }
    return String(decoding: path.utf8.dropFirst(prefix.count), as: UTF8.self)
}

extension CheckReport {
    /// `path` relative to `baseDirectory` when it lies under it, otherwise as it is.
    public func displayPath(_ path: String) -> String { relativePath(path, to: baseDirectory) }

    /// Every finding, reported and ignored, grouped by migration in pending order (findings of a
    /// migration not in `pending` come last), each migration's in the order the check found them.
    public var orderedFindings: [Finding] {
        var position: [MigrationKey: Int] = [:]
        for key in pending + result.findings.map(\.key) where position[key] == nil { position[key] = position.count }
        return result.findings.enumerated()
            .sorted { a, b in
                let left = position[a.element.key] ?? 0, right = position[b.element.key] ?? 0
                return left != right ? left < right : a.offset < b.offset
            }
            .map(\.element)
    }

    /// The counts every format ends with. A missing lock timeout counts once per run, however many
    /// migrations it concerns (the text report prints it once; JSON keeps a finding per migration).
    public var summary: ReportSummary {
        let lockTimeouts = result.reported.filter { $0.rule == LockTimeoutNotSetRule.description.identifier }
        let repeated = max(0, lockTimeouts.count - 1)
        let severity = lockTimeouts.first?.severity
        return ReportSummary(errors: result.count(.error) - (severity == .error ? repeated : 0),
                             warnings: result.count(.warning) - (severity == .warning ? repeated : 0), ignored: result.ignored.count,
                             operations: result.operationCount, migrations: result.checkedMigrations.count, passed: !fails)
    }
}

/// What the check counted, and whether it passed.
public struct ReportSummary: Sendable, Equatable {
    public var errors: Int
    public var warnings: Int
    public var ignored: Int
    public var operations: Int
    public var migrations: Int
    public var passed: Bool

    /// `1 error, 2 warnings, 0 ignored in 7 operations of 3 migrations`.
    public var line: String {
        "\(counted(errors, "error")), \(counted(warnings, "warning")), \(ignored) ignored"
            + " in \(counted(operations, "operation")) of \(counted(migrations, "migration"))"
    }
}

/// `1 error`, `2 errors`.
func counted(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
}

/// The finding's message, why and recipe as one text: SARIF and GitHub have a single message field.
func fullMessage(_ finding: Finding) -> String {
    var text = finding.message
    if !finding.why.isEmpty { text += "\n\nWhy: " + finding.why }
    if !finding.recipe.isEmpty { text += "\n\nSafe recipe:\n" + finding.recipe }
    return text
}
