import Foundation
import TestSupport
import Testing

/// Settings written the ways real projects write them (Tests/Fixtures/settings-patterns, one
/// fixture per pattern, each naming where it was seen): `record.py` runs real Django's
/// `migrate --plan` on each (with django-environ, decouple, dj-database-url,
/// django-configurations and django-split-settings installed); the binary, which never runs
/// the settings, must plan the same and print exactly the assumptions the case expects.
@Suite(.serialized)
struct SettingsPatternTests {
    struct Expected: Decodable {
        var pattern: String
        var project: String
        var settings: String?
        var configuration: String?
        var environment: [String: String]
        var python: String
        var pending: [[String]]
    }

    struct Case: Decodable {
        var zerodowntime_assumptions: [String]
    }

    @Test func planAndAssumptionsOnEveryPattern() throws {
        let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/settings-patterns")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-settings-patterns-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let record = try runProgram("/usr/bin/env", ["python3", fixtures.appendingPathComponent("record.py").path, out.path])
        try #require(record.status == 0, "record.py failed:\n\(record.output.suffix(2000))\(record.errors.suffix(2000))")
        let patterns = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("\($0)/case.json").path) }.sorted()
        #expect(patterns.count >= 20, "\(patterns)")
        for pattern in patterns {
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: out.appendingPathComponent("\(pattern)/expected.json")))
            let wanted = try JSONDecoder().decode(Case.self, from: Data(contentsOf: fixtures.appendingPathComponent("\(pattern)/case.json")))
            // The environment Django had, and nothing else (as record.py runs it).
            var environment = expected.environment
            if let configuration = expected.configuration { environment["DJANGO_CONFIGURATION"] = configuration }
            var arguments = ["plan", "--project", expected.project, "--python", expected.python, "--format", "json", "--no-cache"]
            if let settings = expected.settings { arguments += ["--settings", settings] }
            let run = try runHermetic(Repository.binary, arguments, in: URL(fileURLWithPath: expected.project), environment: environment)
            try #require(run.status == 0, "\(pattern): exit \(run.status): \(run.errors)")
            let ours = try #require(try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any])
            #expect(ours["pending"] as? [[String]] == expected.pending, "\(pattern): Django plans \(expected.pending), we plan \(ours["pending"] ?? "")")
            let assumed = (ours["assumptions"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(assumed == wanted.zerodowntime_assumptions, "\(pattern): assumed \(assumed)")
            for assumption in ours["assumptions"] as? [[String: Any]] ?? [] {
                #expect((assumption["pin"] as? String)?.contains("--setting ") == true, "\(pattern): \(assumption)")
                #expect((assumption["line"] as? Int ?? 0) > 0, "\(pattern): \(assumption)")
            }
        }
    }
}
