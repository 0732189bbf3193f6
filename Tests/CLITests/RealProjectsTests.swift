import Foundation
import TestSupport
import Testing

/// Real Django applications installed from PyPI as their users install them
/// (Tests/Fixtures/real-projects: pretix, pretalx, nautobot, weblate, each in its own
/// virtualenv, with its settings module in site-packages and the configuration its guide
/// writes), in three database states on SQLite and PostgreSQL (PostgreSQL only where the
/// application requires it): `zerodowntime plan` must equal Django's `migrate --plan` in every
/// cell, the same plan must come out of Django's own facts (`manage.py check_migrations`'s
/// path), and `check-migrations --all` must judge every project without giving up (exit 2).
///
/// Opt-in (`ZDT_REAL_PROJECTS=1`): the four virtualenvs take about 20 minutes and 2.3 GB to
/// create (weblate builds from source with apt packages), too much for every CI run.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["ZDT_REAL_PROJECTS"] == "1",
                             "set ZDT_REAL_PROJECTS=1 to run the real-projects suite (pretix, pretalx, nautobot, weblate)"))
struct RealProjectsTests {
    struct Cell: Decodable {
        var scenario: String
        var state: String
        var backend: String
        var project: String
        var database_url: String
        var settings: String?
        var python: String
        var environment: [String: String]?
        var shell_arguments: [String]?
        var pending: [[String]]?
    }

    @Test func planEqualsDjangosAndTheCheckCompletesOnEveryApplication() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-real-projects-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let requirePostgres = ProcessInfo.processInfo.environment["CI"] != nil
        let generate = try runProgram(Repository.root.appendingPathComponent("Tests/Fixtures/real-projects/run-all.sh").path,
                                      ["--out", out.path, "--keep-postgres"],
                                      environment: requirePostgres ? ["ZDT_REQUIRE_POSTGRES": "1"] : [:])
        defer { stopPostgres(out) }
        try #require(generate.status == 0, "run-all.sh failed:\n\(generate.output.suffix(3000))\(generate.errors.suffix(2000))")
        let cells = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix("expected.json") }.sorted()
        #expect(cells.count >= 6, "run-all.sh wrote \(cells.count) cells")
        var checked = Set<String>()
        var backends = Set<String>()
        var projects = Set<String>()
        for path in cells {
            let cell = try JSONDecoder().decode(Cell.self, from: Data(contentsOf: out.appendingPathComponent(path)))
            backends.insert(cell.backend)
            projects.insert(cell.scenario)
            let environment = cell.environment ?? [:]
            var common = ["--project", cell.project, "--python", cell.python, "--no-cache"]
            if let settings = cell.settings { common += ["--settings", settings] }
            let name = "\(cell.backend)/\(cell.scenario)/\(cell.state)"
            let run = try runHermetic(Repository.binary, ["plan", "--database-url", cell.database_url, "--format", "json"] + common,
                                      in: URL(fileURLWithPath: cell.project), environment: environment)
            #expect(run.status == 0, "\(name): exit \(run.status): \(run.errors.suffix(1500))")
            if run.status == 0 {
                let ours = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
                #expect(ours?["pending"] as? [[String]] == cell.pending, "\(name): Django plans \(cell.pending?.count ?? 0), we plan \((ours?["pending"] as? [[String]])?.count ?? -1)")
            }
            // Django's own answer through the Python package (`manage.py check_migrations`'s path):
            // the applied set and the project as Django resolved it.
            let document = try djangoDocument(cell, environment: environment)
            let viaDjango = try runHermetic(Repository.binary, ["plan", "--applied-from", document.path, "--format", "json"] + common,
                                            in: URL(fileURLWithPath: cell.project), environment: environment)
            #expect(viaDjango.status == 0, "\(name) through Django's facts: exit \(viaDjango.status): \(viaDjango.errors.suffix(1500))")
            if viaDjango.status == 0 {
                let answer = try JSONSerialization.jsonObject(with: viaDjango.standardOutput) as? [String: Any]
                #expect(answer?["pending"] as? [[String]] == cell.pending, "\(name) through Django's facts: \((answer?["pending"] as? [[String]])?.count ?? -1) pending, Django \(cell.pending?.count ?? 0)")
            }
            // Every project, once per backend: the whole history judged, as a fresh database would be.
            if checked.insert("\(cell.backend)/\(cell.scenario)").inserted {
                let check = try runHermetic(Repository.binary, ["check-migrations", "--all", "--target", "postgresql@16", "--format", "json"] + common,
                                            in: URL(fileURLWithPath: cell.project), environment: environment)
                #expect(check.status == 0 || check.status == 1, "\(name): check-migrations --all exited \(check.status): \(check.errors.suffix(1500))")
            }
        }
        if requirePostgres {
            #expect(backends.contains("postgres"), "CI must run the PostgreSQL cells: \(backends)")
            #expect(projects.count == 4, "every application must have cells: \(projects.sorted())")
        }
    }

    /// What `manage.py check_migrations` hands the binary, made by the package's own
    /// `applied_migrations_document` inside the project's Django (`manage.py shell`, with the
    /// options the application's own shell command needs, e.g. pretalx's --unsafe-disable-scopes).
    private func djangoDocument(_ cell: Cell, environment: [String: String]) throws -> URL {
        let python = Repository.root.appendingPathComponent("python").path
        let code = "import json, sys; sys.path.insert(0, \(String(reflecting: python))); "
            + "from zerodowntime.django_project import applied_migrations_document; "
            + "print(json.dumps(applied_migrations_document('default')))"
        var arguments = ["manage.py", "shell"] + (cell.shell_arguments ?? []) + ["-v", "0", "-c", code]
        if let settings = cell.settings { arguments += ["--settings", settings] }
        let run = try runHermetic(cell.python, arguments, in: URL(fileURLWithPath: cell.project), environment: environment)
        try #require(run.status == 0, "manage.py shell failed: \(run.errors.suffix(2000))")
        let line = try #require(run.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }), "no document in \(run.output.suffix(2000))")
        let file = URL(fileURLWithPath: cell.project).appendingPathComponent("zdt-applied.json")
        try writeFile(String(line), to: file)
        return file
    }

    private func stopPostgres(_ out: URL) {
        guard let env = try? String(contentsOf: out.appendingPathComponent("postgres.env"), encoding: .utf8),
              let line = env.split(separator: "\n").first(where: { $0.hasPrefix("ZDT_PG_DIR=") }) else { return }
        _ = try? runProgram(Repository.script("postgres-test-server"), ["stop", String(line.dropFirst("ZDT_PG_DIR=".count))])
    }
}
