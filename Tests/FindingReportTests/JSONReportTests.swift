import DatabaseTarget
import FindingReport
import Foundation
import MigrationRules
import Testing

@Suite struct JSONReportTests {
    static func topLevelKeys(_ json: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "\""
        return json.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix), let end = line.dropFirst(prefix.count).firstIndex(of: "\"") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: prefix.count)..<end])
        }
    }

    @Test func keysComeInTheDocumentedOrder() {
        let json = JSONReport().render(ReportFixture.report())
        #expect(json.hasSuffix("}\n"))
        #expect(Self.topLevelKeys(json, indent: 2)
            == ["pending", "source", "source_description", "policy", "target", "assumptions", "findings", "ignored", "summary"])
        let findingKeys = ["rule", "severity", "app", "migration", "path", "line", "column", "operation", "description", "message", "why", "recipe"]
        // Finding members sit at six spaces: two findings, then the ignored one with its reason.
        #expect(Self.topLevelKeys(json, indent: 6) == findingKeys + findingKeys + findingKeys + ["ignored_because"])
    }

    @Test func valuesRoundTrip() throws {
        var fixture = ReportFixture.noReverse
        fixture.why = "Tab\there, bell \u{07}, backslash \\, quote \"."
        let report = ReportFixture.report(findings: [ReportFixture.dropColour, fixture, ReportFixture.dropSize])
        let json = JSONReport().render(report)
        #expect(json.contains(#""why": "Tab\there, bell \u0007, backslash \\, quote \".""#))
        #expect(json.contains("still reads it: café"), "non-ASCII stays UTF-8")

        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["pending"] as? [[String]] == [["shop", "0003_remove_widget_colour"], ["billing", "0002_invoice_total"]])
        #expect(object["source"] as? String == "git")
        #expect(object["source_description"] as? String == "migrations added since origin/main")
        #expect(object["policy"] as? String == "recommended")
        let target = try #require(object["target"] as? [String: Any])
        #expect(target["backend"] as? String == "postgresql")
        #expect(target["version"] as? String == "14")
        #expect(target["identifier"] as? String == "postgresql@14")
        #expect(target["reason"] as? String == Target.djangoDefault.reason)

        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        let first = findings[0]
        #expect(first["rule"] as? String == "drop-column")
        #expect(first["severity"] as? String == "error")
        #expect(first["app"] as? String == "shop")
        #expect(first["migration"] as? String == "0003_remove_widget_colour")
        #expect(first["path"] as? String == "shop/migrations/0003_remove_widget_colour.py")
        #expect(first["line"] as? Int == 12)
        #expect(first["column"] as? Int == 9)
        #expect(first["operation"] as? String == "RemoveField")
        #expect(first["description"] as? String == "Remove field colour from widget")
        #expect(first["message"] as? String == ReportFixture.dropColour.message)
        #expect(first["recipe"] as? String == ReportFixture.dropColour.recipe)
        #expect(first["ignored_because"] == nil)
        #expect(findings[1]["why"] as? String == fixture.why)
        #expect(findings[1]["path"] as? String == "/srv/billing/migrations/0002_invoice_total.py")
        #expect(findings[1]["severity"] as? String == "warning")

        let ignored = try #require(object["ignored"] as? [[String: Any]])
        #expect(ignored.count == 1)
        #expect(ignored.first?["line"] as? Int == 20)
        #expect(ignored.first?["ignored_because"] as? String == "comment on line 19: column unused since 2.3")

        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 1)
        #expect(summary["ignored"] as? Int == 1)
        #expect(summary["operations"] as? Int == 5)
        #expect(summary["migrations"] as? Int == 2)
        #expect(summary["passed"] as? Bool == false)
    }

    @Test func anUnknownVersionIsNullAndACleanRunPasses() throws {
        var report = ReportFixture.report(findings: [])
        report.target = Target(.sqlite, reason: "settings ENGINE")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport().render(report).utf8)) as? [String: Any])
        let target = try #require(object["target"] as? [String: Any])
        #expect(target["version"] is NSNull)
        #expect(target["identifier"] as? String == "sqlite")
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        #expect((object["summary"] as? [String: Any])?["passed"] as? Bool == true)
    }
}
