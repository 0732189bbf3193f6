import Foundation
import MigrationModel
import PythonSyntax

/// `class Migration` bodies that choose their `operations` under `if` (Wagtail's
/// `if connection.vendor == "postgresql":`, allauth's `if not UNIQUE_EMAIL: operations += …`):
/// the conditions are evaluated statically, with `connection.vendor` the target's, the module's
/// own names and the settings; the literal list the taken branch assigns is the one judged.
/// Where a branch changes the list in place (`+=`, `.append`) or sits under a loop or `try`,
/// the attribute stays unreadable, and the check reports it (`operations-not-literal`).
extension DjangoProject {
    public func resolvingClassBodyBranches(vendor: String) -> DjangoProject {
        var project = self
        for index in project.migrations.indices {
            guard project.migrations[index].migration.operations?.isOpaqueStatement == true else { continue }
            let file = project.migrations[index]
            guard let (operations, assumed) = resolveOperations(of: file, vendor: vendor) else { continue }
            project.migrations[index].migration.operations = operations
            project.assumptions += assumed
        }
        return project
    }

    private func resolveOperations(of file: MigrationFile, vendor: String) -> (PythonValue?, [SettingsAssumption])? {
        guard let module = try? parse(file.path),
              let classStatement = module.body.last(where: { if case .classDef(let d) = $0.kind { d.name == "Migration" } else { false } }),
              case .classDef(let definition) = classStatement.kind else { return nil }
        var (loader, evaluator) = SettingsEvaluator.forMigration(
            file, module: module, finder: PythonModuleFinder(searchRoots: searchRoots, projectRoots: [directory]),
            environment: evaluationEnvironment, pins: evaluationPins, projectRoot: directory, settings: settings.values,
            installedApps: apps.map(\.name), vendor: vendor)
        // The context reaches the loader through unowned references: it must outlive the evaluation.
        defer { withExtendedLifetime(loader) {} }
        evaluator.run(module.body.filter { if case .classDef(let d) = $0.kind { d.name != "Migration" } else { true } })

        var chosen: PythonValue?
        var readable = true
        var assumptions: [SettingsAssumption] = []
        let store = module.expressions
        func setsOperations(_ statements: [Statement]) -> Bool {
            ModuleArchive.conditionalAssignments(in: statements, store: store).contains {
                if case .name("operations", _) = store[$0.0].kind { true } else { false }
            }
        }
        func walk(_ statements: [Statement]) {
            for statement in statements where readable {
                switch statement.kind {
                case .assign(let targets, let value):
                    if targets.contains(where: { if case .name("operations", _) = store[$0].kind { true } else { false } }) {
                        chosen = PythonValue(value, in: store)
                    } else {
                        let evaluated = evaluator.evaluate(value)
                        for target in targets { evaluator.assign(evaluated, to: target) }
                    }
                case .if(let test, let body, let orElse):
                    let condition = evaluator.evaluate(test)
                    if let known = evaluator.truth(condition) {
                        walk(known ? body : orElse)
                    } else {
                        if setsOperations(body + orElse) {
                            assumptions.append(SettingsAssumption(
                                name: evaluator.unknownRoot(test) ?? evaluator.render(test), path: file.path, line: statement.location.line,
                                assumed: "`\(evaluator.render(test))` is false, so \(file.key) runs the operations of its `else` branch",
                                why: condition.firstUnknown ?? "unknown", pin: SettingsAssumption.pin(for: evaluator.unknownRoot(test) ?? "NAME")))
                        }
                        walk(orElse)
                    }
                default:
                    if setsOperations([statement]) { readable = false }
                }
            }
        }
        walk(definition.body)
        guard readable else { return nil }
        // No branch taken sets it: Django's `Migration.operations = []` stands.
        return (chosen ?? Self.emptyOperations, assumptions)
    }

    /// `[]`, as a value of its own.
    private static var emptyOperations: PythonValue? {
        guard case .success(let module) = PythonParser.parse(fileBytes: Array("operations = []\n".utf8)),
              case .assign(_, let value) = module.body.first?.kind else { return nil }
        return PythonValue(value, in: module.expressions)
    }
}

extension PythonModuleFinder {
    /// The module name of a file under one of the search roots.
    func dottedName(of path: String) -> String? {
        for root in searchRoots where path.hasPrefix(root + "/") {
            var relative = String(path.dropFirst(root.count + 1))
            if relative.hasSuffix(".py") { relative.removeLast(3) }
            if relative.hasSuffix("/__init__") { relative.removeLast(9) }
            return relative.split(separator: "/").joined(separator: ".")
        }
        return nil
    }
}
