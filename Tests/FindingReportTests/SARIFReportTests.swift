import FindingReport
import Foundation
import MigrationRules
import Testing
import TestSupport

@Suite struct SARIFReportTests {
    static let report = SARIFReport(toolVersion: "0.1.0-test")

    /// Writes the SARIF to a file and runs `scripts/validate-sarif` on it: the official schema decides.
    func validate(_ sarif: String) throws {
        let script = Repository.script("validate-sarif")
        try #require(FileManager.default.isExecutableFile(atPath: script), "scripts/validate-sarif is missing")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-\(UUID().uuidString).sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try runProgram(script, [file.path])
        #expect(run.status == 0, "\(run.errors)\n\(sarif)")
    }

    @Test func isValidAgainstTheOfficialSchema() throws {
        try validate(Self.report.render(ReportFixture.report()))
        try validate(Self.report.render(ReportFixture.report(findings: [], baseDirectory: "/work/my shop")))
    }

    @Test func theValidatorRejectsInvalidSARIF() throws {
        let script = Repository.script("validate-sarif")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-\(UUID().uuidString).sarif")
        try #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try runProgram(script, [file.path])
        #expect(run.status == 1)
        #expect(run.errors.contains("'name' is a required property"))
    }

    @Test func describesRulesAndPointsResultsAtThem() throws {
        let sarif = Self.report.render(ReportFixture.report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(object["version"] as? String == "2.1.0")
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "zerodowntime")
        #expect(driver["informationUri"] as? String == SARIFReport.informationURI)
        #expect(driver["version"] as? String == "0.1.0-test")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == RuleCatalogue.descriptions.map(\.identifier))

        let dropColumn = try #require(rules.first { $0["id"] as? String == "drop-column" })
        let description = try #require(RuleCatalogue.rule("drop-column"))
        #expect(dropColumn["name"] as? String == "DropColumn")
        #expect((dropColumn["shortDescription"] as? [String: Any])?["text"] as? String == description.summary)
        #expect((dropColumn["fullDescription"] as? [String: Any])?["text"] as? String == description.why)
        #expect((dropColumn["help"] as? [String: Any])?["text"] as? String == description.recipe)
        #expect((dropColumn["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        #expect((dropColumn["properties"] as? [String: Any])?["tags"] as? [String] == ["breaks old code"])

        let root = (run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        #expect(root?["uri"] as? String == "file:///work/shop/")

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let first = results[0]
        #expect(first["level"] as? String == "error")
        #expect((first["message"] as? [String: Any])?["text"] as? String
            == ReportFixture.dropColour.message + "\n\nWhy: " + ReportFixture.dropColour.why + "\n\nSafe recipe:\n" + ReportFixture.dropColour.recipe)
        let location = try #require(((first["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        let artifact = location["artifactLocation"] as? [String: Any]
        #expect(artifact?["uri"] as? String == "shop/migrations/0003_remove_widget_colour.py")
        #expect(artifact?["uriBaseId"] as? String == "%SRCROOT%")
        let region = location["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 12)
        #expect(region?["startColumn"] as? Int == 9)
        #expect(first["suppressions"] == nil)

        let ignored = results[1]
        let suppression = (ignored["suppressions"] as? [[String: Any]])?.first
        #expect(suppression?["kind"] as? String == "inSource")
        #expect(suppression?["justification"] as? String == "comment on line 19: column unused since 2.3")

        let outside = results[2]
        #expect(outside["level"] as? String == "warning")
        let outsideArtifact = (((outside["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])?["artifactLocation"] as? [String: Any]
        #expect(outsideArtifact?["uri"] as? String == "file:///srv/billing/migrations/0002_invoice_total.py")
        #expect(outsideArtifact?["uriBaseId"] == nil)
    }

    @Test func rulesOutsideTheCatalogueAreDescribedFromTheirFindings() throws {
        var finding = ReportFixture.dropColour
        finding.rule = "original-incompatible"
        let sarif = Self.report.render(ReportFixture.report(findings: [finding], policy: .original))
        try validate(sarif)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == RuleCatalogue.descriptions.count + 1)
        let original = try #require(rules.last)
        #expect(original["id"] as? String == "original-incompatible")
        #expect(original["name"] as? String == "OriginalIncompatible")
        #expect((original["fullDescription"] as? [String: Any])?["text"] as? String == finding.why)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleIndex"] as? Int == rules.count - 1)
    }

    @Test func configurationSilencesAreExternalSuppressions() throws {
        var finding = ReportFixture.dropSize
        finding.ignoredBecause = "pyproject.toml: dropped in 2.3"
        let sarif = Self.report.render(ReportFixture.report(findings: [finding]))
        #expect(sarif.contains(#""kind": "external""#))
        #expect(sarif.contains(#""justification": "pyproject.toml: dropped in 2.3""#))
    }
}
