import AppliedMigrations
import MigrationRules

/// What the database says about the tables the lock and rewrite findings name: their size in
/// the message and the JSON, and `small-table-rows` turning a lock finding on a small table into
/// a warning (a breakage of old code never changes).
enum TableSizeNotes {
    /// Rules whose finding is about a lock held or a table rewritten, beyond the `locks` kind:
    /// a NOT NULL scan and a narrowing rewrite.
    static let scanningBreakageRules: Set<String> = ["set-not-null", "narrow-column"]

    static func apply(to result: inout CheckResult, sizes: [String: TableSize], smallTableRows: Int?) {
        guard !sizes.isEmpty else { return }
        let kinds = Dictionary(RuleCatalogue.descriptions.map { ($0.identifier, $0.kind) }, uniquingKeysWith: { first, _ in first })
        for index in result.findings.indices {
            var finding = result.findings[index]
            let locks = kinds[finding.rule] == .locks
            guard locks || scanningBreakageRules.contains(finding.rule),
                  let table = finding.table, let size = sizes[table] else { continue }
            finding.tableRows = size.rows
            finding.tableBytes = size.bytes
            finding.message += " (\"\(table)\": \(describe(size)))"
            if locks, finding.severity == .error, let limit = smallTableRows, let rows = size.rows, rows < limit {
                finding.severity = .warning
                finding.message += " A warning, not an error: under small-table-rows = \(limit)."
            }
            result.findings[index] = finding
        }
    }

    /// `~2.3M rows, 1.4 GB`; `rows not counted yet` for a table never analysed.
    static func describe(_ size: TableSize) -> String {
        var parts: [String] = []
        parts.append(size.rows.map { "~\(compact(Double($0), units: ["", "k", "M", "G"], base: 1000)) rows" } ?? "rows not estimated (never analysed)")
        if let bytes = size.bytes { parts.append(compact(Double(bytes), units: [" B", " kB", " MB", " GB", " TB"], base: 1024, spaced: true)) }
        return parts.joined(separator: ", ")
    }

    /// 950 → `950`, 2_300_000 → `2.3M`, 15_000 → `15k`: one decimal below ten of a unit.
    static func compact(_ value: Double, units: [String], base: Double, spaced: Bool = false) -> String {
        var number = value
        var unit = 0
        while number >= base, unit + 1 < units.count {
            number /= base
            unit += 1
        }
        let text: String
        if unit == 0 {
            text = String(Int(number.rounded()))
        } else if number < 9.95 {
            let tenths = Int((number * 10).rounded())
            text = "\(tenths / 10).\(tenths % 10)"
        } else {
            text = String(Int(number.rounded()))
        }
        return text + units[unit]
    }
}
