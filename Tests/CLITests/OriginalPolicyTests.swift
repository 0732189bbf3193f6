import Foundation
import TestSupport
import Testing

/// `check-migrations --policy original` against the real django-zerodowntime 0.3.0:
/// Tests/Fixtures/original-tool/run.sh installs it from PyPI (with the Django that
/// scripts/django-env pins), generates projects whose SQLite database has shop 0001 applied and
/// the rest pending, and records what `manage.py check_migrations` printed and its exit code.
/// The binary, on the same project and database, must name the same migrations with the same
/// `*  <describe()>` lines in the same layout; only the SQL STATEMENTS section differs by design
/// (one `-- not computed statically` line instead of the SQL).
@Suite(.serialized)
struct OriginalPolicyTests {
    /// One report in the original's shape, parsed.
    struct Report: Equatable {
        struct Block: Equatable {
            var migration: String
            var operations: [String]
            var sql: [String]
        }

        var blocks: [Block] = []
        /// The text with every SQL section's lines replaced by one `<SQL>` line.
        var skeleton = ""
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static let header = "These operations are incompatible with Zero Downtime Deployments:"

    /// Parses the original's layout: the header, then per migration two empty lines, `app.name:`,
    /// `\tOPERATIONS:`, `\t-----------`, `\t*  …` lines, an empty line, `\tSQL STATEMENTS:`,
    /// `\t---------------`, the statements, and two empty lines. Empty output is an empty report.
    static func parse(_ text: String) throws -> Report {
        var report = Report()
        guard !text.isEmpty else { return report }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.last == "" else { throw ParseError(description: "the output does not end with a newline") }
        lines.removeLast()
        guard lines.first == header else { throw ParseError(description: "first line is not the header: \(lines.first ?? "")") }
        func isMigrationHeader(_ index: Int) -> Bool {
            index + 1 < lines.count && index >= 2 && lines[index - 1].isEmpty && lines[index - 2].isEmpty
                && !lines[index].hasPrefix("\t") && lines[index].hasSuffix(":") && lines[index + 1] == "\tOPERATIONS:"
        }
        var skeleton = [lines[0]]
        var index = 1
        while index < lines.count {
            guard isMigrationHeader(index) else {
                skeleton.append(lines[index])
                index += 1
                continue
            }
            var block = Report.Block(migration: String(lines[index].dropLast()), operations: [], sql: [])
            skeleton.append(lines[index])
            index += 1
            guard index + 1 < lines.count, lines[index] == "\tOPERATIONS:", lines[index + 1] == "\t-----------" else {
                throw ParseError(description: "\(block.migration): no OPERATIONS heading")
            }
            skeleton += lines[index...index + 1]
            index += 2
            while index < lines.count, lines[index].hasPrefix("\t*  ") {
                block.operations.append(String(lines[index].dropFirst("\t*  ".count)))
                skeleton.append(lines[index])
                index += 1
            }
            guard index + 2 < lines.count, lines[index].isEmpty, lines[index + 1] == "\tSQL STATEMENTS:",
                  lines[index + 2] == "\t---------------" else {
                throw ParseError(description: "\(block.migration): no SQL STATEMENTS heading after the operations")
            }
            skeleton += lines[index...index + 2]
            index += 3
            // The statements run to the next migration's header (less the empty lines before it) or the end.
            var end = index
            while end < lines.count, !isMigrationHeader(end) { end += 1 }
            var last = end
            while last > index, lines[last - 1].isEmpty { last -= 1 }
            block.sql = Array(lines[index..<last])
            skeleton.append("<SQL>")
            skeleton += lines[last..<end]
            index = end
            report.blocks.append(block)
        }
        report.skeleton = skeleton.joined(separator: "\n") + "\n"
        return report
    }

    /// What `manage.py check_migrations` printed and its exit code, as run.sh recorded them.
    struct OriginalRun {
        var status: Int32
        var output: String
        var errors: String
    }

    struct Outcome {
        var scenario: String
        var original: OriginalRun
        var originalReport: Report
        var ours: ProgramRun
        var oursReport: Report
    }

    /// Runs run.sh for SCENARIOS (all listed ones when empty), then our binary on each project.
    func outcomes(_ scenarios: [String] = []) throws -> [Outcome] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-original-tool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let script = Repository.root.appendingPathComponent("Tests/Fixtures/original-tool/run.sh").path
        let generate = try runProgram(script, ["--out", out.path] + scenarios.flatMap { ["--scenario", $0] })
        try #require(generate.status == 0, "run.sh failed:\n\(generate.output.suffix(3000))\(generate.errors.suffix(3000))")
        let python = try String(contentsOf: out.appendingPathComponent("python.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            .filter { FileManager.default.fileExists(atPath: out.appendingPathComponent("\($0)/status.txt").path) }.sorted()
        var result: [Outcome] = []
        for name in names {
            let cell = out.appendingPathComponent(name)
            let statusText = try String(contentsOf: cell.appendingPathComponent("status.txt"), encoding: .utf8)
            let original = OriginalRun(status: Int32(statusText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1,
                                       output: try String(contentsOf: cell.appendingPathComponent("stdout.txt"), encoding: .utf8),
                                       errors: try String(contentsOf: cell.appendingPathComponent("stderr.txt"), encoding: .utf8))
            let project = cell.appendingPathComponent("project").path
            let ours = try runProgram(Repository.binary,
                                      ["check-migrations", "--policy", "original", "--project", project, "--python", python],
                                      environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "", "NO_COLOR": "1"])
            let originalReport = try Self.parse(original.output)
            let oursReport: Report
            do { oursReport = try Self.parse(ours.output) } catch {
                Issue.record("\(name): our output does not parse (\(error)):\n\(ours.output)\(ours.errors)")
                continue
            }
            result.append(Outcome(scenario: name, original: original, originalReport: originalReport, ours: ours, oursReport: oursReport))
        }
        return result
    }

    func compare(_ outcome: Outcome) {
        let name = outcome.scenario
        let theirs = outcome.originalReport, ours = outcome.oursReport
        // (a) the same incompatible migrations, each with the same describe() lines in order.
        #expect(ours.blocks.map(\.migration) == theirs.blocks.map(\.migration), "\(name): incompatible migrations")
        let expected = Dictionary(theirs.blocks.map { ($0.migration, $0.operations) }, uniquingKeysWith: { $1 })
        for block in ours.blocks {
            #expect(block.operations == expected[block.migration], "\(name) \(block.migration): operations")
        }
        // (b) the layout, byte for byte, everywhere but inside the SQL sections.
        #expect(ours.skeleton == theirs.skeleton, "\(name): the report's layout differs:\n--- original\n\(theirs.skeleton)--- ours\n\(ours.skeleton)")
        for block in ours.blocks {
            let app = block.migration.split(separator: ".", maxSplits: 1)
            #expect(block.sql == ["\t-- not computed statically: run manage.py sqlmigrate \(app.first ?? "") \(app.last ?? "")"],
                    "\(name) \(block.migration): SQL section \(block.sql)")
        }
        // The original really computed SQL (it ran through), so its section is not empty.
        for block in theirs.blocks { #expect(!block.sql.isEmpty, "\(name) \(block.migration): the original printed no SQL") }
        // (c) the original exits with the number of unsafe migrations; we exit 1 for any, else 0.
        #expect(outcome.original.status == Int32(theirs.blocks.count % 256), "\(name): original exit \(outcome.original.status)")
        #expect(outcome.ours.status == (outcome.original.status == 0 ? 0 : 1),
                "\(name): we exited \(outcome.ours.status), the original \(outcome.original.status)\n\(outcome.ours.errors)")
        if outcome.original.status == 0 {
            #expect(outcome.original.output.isEmpty, "\(name): the original printed \(outcome.original.output)")
            #expect(outcome.ours.standardOutput.isEmpty, "\(name): we printed \(outcome.ours.output)")
        }
    }

    @Test func originalPolicyMatchesDjangoZerodowntime030() throws {
        let outcomes = try outcomes()
        #expect(Set(outcomes.map(\.scenario)) == ["mixed", "compatible", "contrib", "wordings"], "\(outcomes.map(\.scenario))")
        for outcome in outcomes { compare(outcome) }

        // The scenarios really cover what they claim.
        let byName = Dictionary(outcomes.map { ($0.scenario, $0) }, uniquingKeysWith: { $1 })
        if let mixed = byName["mixed"] {
            #expect(mixed.original.status == 15, "mixed: \(mixed.original.output)")
            let reported = Set(mixed.originalReport.blocks.map(\.migration))
            for compatible in ["shop.0002_create_order", "shop.0003_product_note", "shop.0006_alter_product_options", "shop.0019_empty"] {
                #expect(!reported.contains(compatible), "mixed: \(compatible) is compatible")
            }
            #expect(mixed.originalReport.blocks.last?.operations
                    == ["Remove field legacy from order", "Add field quantity to order", "Alter field number on order"])
        }
        if let compatible = byName["compatible"] { #expect(compatible.original.status == 0) }
        if let contrib = byName["contrib"] {
            #expect(contrib.originalReport.blocks.first?.migration.hasPrefix("auth.") == true)
            #expect(contrib.originalReport.blocks.last?.migration == "shop.0007_remove_order_legacy")
        }
    }

    /// RenameIndex(old_fields=…) and expression indexes, worded as Django's describe() does.
    @Test func rarerWordingsMatchTheOriginal() throws {
        for outcome in try outcomes(["known-differences"]) { compare(outcome) }
    }

    @Test func parsingTheOriginalsLayout() throws {
        let text = "\(Self.header)\n\n\nshop.0002_x:\n\tOPERATIONS:\n\t-----------\n\t*  Remove field a from b\n"
            + "\n\tSQL STATEMENTS:\n\t---------------\n\t--\n\tALTER TABLE x\n  DROP a;\n\n\n\n\nshop.0003_y:\n"
            + "\tOPERATIONS:\n\t-----------\n\t*  Raw SQL operation\n\n\tSQL STATEMENTS:\n\t---------------\n\n\n"
        let report = try Self.parse(text)
        #expect(report.blocks == [
            .init(migration: "shop.0002_x", operations: ["Remove field a from b"], sql: ["\t--", "\tALTER TABLE x", "  DROP a;"]),
            .init(migration: "shop.0003_y", operations: ["Raw SQL operation"], sql: []),
        ])
        #expect(report.skeleton.components(separatedBy: "<SQL>").count == 3)
        #expect(try Self.parse("").blocks.isEmpty)
    }
}
