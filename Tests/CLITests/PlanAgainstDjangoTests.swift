import Foundation
import TestSupport
import Testing

/// `zerodowntime plan` against real Django: Tests/Fixtures/django-plan/run-all.sh generates projects
/// covering every graph rule, puts their databases (SQLite and a PostgreSQL server it starts) in
/// many states with `manage.py migrate`, and records what `migrate --plan` says; the binary must
/// say the same for every cell, or refuse where Django refuses.
@Suite(.serialized)
struct PlanAgainstDjangoTests {
    struct Cell: Decodable {
        var scenario: String
        var state: String
        var backend: String
        var project: String
        var database_url: String
        var settings: String?
        var pending: [[String]]?
        var error: DjangoError?
    }

    struct DjangoError: Decodable {
        var `class`: String
        var message: String
    }

    @Test func planEqualsDjangosInEveryStateOnBothBackends() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-plan-cells-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let requirePostgres = ProcessInfo.processInfo.environment["CI"] != nil
        let generate = try runProgram(Repository.root.appendingPathComponent("Tests/Fixtures/django-plan/run-all.sh").path,
                                      ["--out", out.path, "--keep-postgres"],
                                      environment: requirePostgres ? ["ZDT_REQUIRE_POSTGRES": "1"] : [:])
        defer { stopPostgres(out) }
        try #require(generate.status == 0, "run-all.sh failed:\n\(generate.output.suffix(3000))\(generate.errors.suffix(2000))")
        if generate.output.contains("SKIPPED") || generate.errors.contains("SKIPPED") {
            print("warning: PostgreSQL is not installed here; the PostgreSQL cells were skipped (CI requires them)")
        }
        let python = try runProgram(Repository.script("django-env"), []).output.trimmingCharacters(in: .whitespacesAndNewlines)

        let cells = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix("expected.json") }.sorted()
        #expect(cells.count >= 24, "run-all.sh wrote \(cells.count) cells")
        var backends = Set<String>()
        for path in cells {
            let cell = try JSONDecoder().decode(Cell.self, from: Data(contentsOf: out.appendingPathComponent(path)))
            backends.insert(cell.backend)
            var arguments = ["plan", "--project", cell.project, "--database-url", cell.database_url, "--python", python, "--format", "json"]
            if let settings = cell.settings { arguments += ["--settings", settings] }
            let run = try runProgram(Repository.binary, arguments, environment: ["DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": ""])
            let name = "\(cell.backend)/\(cell.scenario)/\(cell.state)"
            if let error = cell.error {
                #expect(run.status == 2, "\(name): Django refuses with \(error.class), we exited \(run.status)")
                let essential = error.message.split(separator: "\n").first.map(String.init) ?? error.message
                #expect(run.errors.contains(String(essential.prefix(60))), "\(name): \(run.errors)")
            } else {
                #expect(run.status == 0, "\(name): \(run.errors)")
                let ours = (try? JSONSerialization.jsonObject(with: run.standardOutput)) as? [String: Any]
                #expect(ours?["pending"] as? [[String]] == cell.pending, "\(name): expected \(cell.pending ?? []), got \(run.output)")
            }
        }
        if requirePostgres { #expect(backends.contains("postgres"), "CI must run the PostgreSQL cells: \(backends)") }
    }

    private func stopPostgres(_ out: URL) {
        guard let env = try? String(contentsOf: out.appendingPathComponent("postgres.env"), encoding: .utf8),
              let line = env.split(separator: "\n").first(where: { $0.hasPrefix("ZDT_PG_DIR=") }) else { return }
        _ = try? runProgram(Repository.script("postgres-test-server"), ["stop", String(line.dropFirst("ZDT_PG_DIR=".count))])
    }
}
