import Foundation
import TestSupport
import Testing

/// Real applications from PyPI, installed as their users install them (Tests/Fixtures/real-apps:
/// a `wagtail start` site; a cookiecutter-style site with django-allauth and socialaccount,
/// django-oauth-toolkit, social-auth-app-django and django-environ settings), in several
/// database states on SQLite and PostgreSQL: `zerodowntime plan` must equal Django's
/// `migrate --plan` in every cell, and `check-migrations --all` must judge every project
/// without giving up (exit 2).
@Suite(.serialized)
struct RealAppsTests {
    struct Cell: Decodable {
        var scenario: String
        var state: String
        var backend: String
        var project: String
        var database_url: String
        var settings: String?
        var python: String
        var environment: [String: String]?
        var pending: [[String]]?
        var django_facts: Facts?
    }

    /// What Django resolved after `django.setup()` (expected.py).
    struct Facts: Decodable {
        struct App: Decodable {
            var label: String
            var name: String
            var migrations_module: String?
        }
        var apps: [App]
        var AUTH_USER_MODEL: String?
    }

    @Test func planEqualsDjangosAndTheCheckCompletesOnEveryProject() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-real-apps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let requirePostgres = ProcessInfo.processInfo.environment["CI"] != nil
        let generate = try runProgram(Repository.root.appendingPathComponent("Tests/Fixtures/real-apps/run-all.sh").path,
                                      ["--out", out.path, "--keep-postgres"],
                                      environment: requirePostgres ? ["ZDT_REQUIRE_POSTGRES": "1"] : [:])
        defer { stopPostgres(out) }
        try #require(generate.status == 0, "run-all.sh failed:\n\(generate.output.suffix(3000))\(generate.errors.suffix(2000))")
        let cells = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix("expected.json") }.sorted()
        #expect(cells.count >= 10, "run-all.sh wrote \(cells.count) cells")
        var checked = Set<String>()
        var backends = Set<String>()
        for path in cells {
            let cell = try JSONDecoder().decode(Cell.self, from: Data(contentsOf: out.appendingPathComponent(path)))
            backends.insert(cell.backend)
            let environment = cell.environment ?? [:]
            var common = ["--project", cell.project, "--python", cell.python, "--no-cache"]
            if let settings = cell.settings { common += ["--settings", settings] }
            let name = "\(cell.backend)/\(cell.scenario)/\(cell.state)"
            let run = try runHermetic(Repository.binary, ["plan", "--database-url", cell.database_url, "--format", "json"] + common,
                                     in: URL(fileURLWithPath: cell.project), environment: environment)
            try #require(run.status == 0, "\(name): exit \(run.status): \(run.errors)")
            let ours = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
            #expect(ours?["pending"] as? [[String]] == cell.pending, "\(name): Django plans \(cell.pending ?? []), we plan \(ours?["pending"] ?? "")")
            // The project as read statically against the project as Django resolved it: every app's
            // label and module, the migrations package of every app that has one, the user model.
            if let facts = cell.django_facts {
                let apps = ours?["apps"] as? [[String: Any]] ?? []
                #expect(apps.map { $0["label"] as? String ?? "" } == facts.apps.map(\.label), "\(name): app labels")
                #expect(apps.map { $0["name"] as? String ?? "" } == facts.apps.map(\.name), "\(name): app modules")
                for (app, django) in zip(apps, facts.apps) {
                    guard let module = app["migrations_module"] as? String else { continue }
                    #expect(module == django.migrations_module, "\(name): \(django.label)'s migrations module: \(module) against Django's \(django.migrations_module ?? "none")")
                }
                #expect(ours?["auth_user_model"] as? String == facts.AUTH_USER_MODEL, "\(name): AUTH_USER_MODEL")
            }
            // Django's own answer through the Python package (`manage.py check_migrations`'s path):
            // the applied set and the project as Django resolved it, no setting read statically.
            if cell.backend == "sqlite" {
                let document = try djangoDocument(cell, environment: environment)
                let viaDjango = try runHermetic(Repository.binary, ["plan", "--applied-from", document.path, "--format", "json"] + common,
                                                in: URL(fileURLWithPath: cell.project), environment: environment)
                try #require(viaDjango.status == 0, "\(name) through Django's facts: exit \(viaDjango.status): \(viaDjango.errors)")
                let answer = try JSONSerialization.jsonObject(with: viaDjango.standardOutput) as? [String: Any]
                #expect(answer?["pending"] as? [[String]] == cell.pending, "\(name) through Django's facts: \(answer?["pending"] ?? "")")
                let settingsAssumed = (answer?["assumptions"] as? [[String: Any]] ?? []).filter { ($0["path"] as? String)?.contains("/migrations/") != true }
                #expect(settingsAssumed.isEmpty, "\(name): with Django's facts nothing of the settings is assumed: \(settingsAssumed)")
            }
            // Every project, once per backend: the whole history judged, as a fresh database would be.
            if checked.insert("\(cell.backend)/\(cell.scenario)").inserted {
                let target = cell.backend == "postgres" ? "postgresql@16" : "sqlite"
                let check = try runHermetic(Repository.binary, ["check-migrations", "--all", "--target", target, "--format", "json"] + common,
                                           in: URL(fileURLWithPath: cell.project), environment: environment)
                #expect(check.status == 0 || check.status == 1, "\(name): check-migrations --all exited \(check.status): \(check.errors.suffix(1500))")
            }
        }
        if requirePostgres { #expect(backends.contains("postgres"), "CI must run the PostgreSQL cells: \(backends)") }
    }

    /// What `manage.py check_migrations` hands the binary, made by the package's own
    /// `applied_migrations_document` inside the project's Django (`manage.py shell`).
    private func djangoDocument(_ cell: Cell, environment: [String: String]) throws -> URL {
        let python = Repository.root.appendingPathComponent("python").path
        let code = "import json, sys; sys.path.insert(0, \(String(reflecting: python))); "
            + "from zerodowntime.django_project import applied_migrations_document; "
            + "print(json.dumps(applied_migrations_document('default')))"
        var arguments = ["manage.py", "shell", "-v", "0", "-c", code]
        if let settings = cell.settings { arguments += ["--settings", settings] }
        let run = try runHermetic(cell.python, arguments, in: URL(fileURLWithPath: cell.project), environment: environment)
        try #require(run.status == 0, "manage.py shell failed: \(run.errors.suffix(2000))")
        let line = try #require(run.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }), "no document in \(run.output)")
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
