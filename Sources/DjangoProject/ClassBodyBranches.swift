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
            // Set under a compound statement, or computed (`[…] if setting else []`, `[*steps()]`).
            guard let operations = project.migrations[index].migration.operations,
                  operations.isOpaqueStatement || Self.isComputed(operations) else { continue }
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
                        chosen = reduce(value, depth: 0).map { PythonValue($0, in: store) }
                        if chosen == nil { readable = false }
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
        /// The list expression a computed `operations` comes to, read from the syntax so each
        /// operation keeps its place in the file: a conditional expression whose test is known
        /// (else its `else`, assumed), a call of a function of the module (the expression its taken
        /// `return` gives), a list holding only `*that`. nil when it cannot be reduced.
        func reduce(_ expression: Expression, depth: Int) -> Expression? {
            guard depth < 20 else { return nil }
            switch store[expression].kind {
            case .list, .tuple:
                if case .list(let items, _) = store[expression].kind, store[items].count == 1, let only = store[items].first,
                   case .starred(let inner, _) = store[only].kind {
                    return reduce(inner, depth: depth + 1)
                }
                return expression
            case .ifExp(let test, let body, let orElse):
                let condition = evaluator.evaluate(test)
                if let known = evaluator.truth(condition) { return reduce(known ? body : orElse, depth: depth + 1) }
                assumptions.append(SettingsAssumption(
                    name: evaluator.unknownRoot(test) ?? evaluator.render(test), path: file.path, line: store[expression].location.line,
                    assumed: "`\(evaluator.render(test))` is false, so \(file.key) runs the operations after its `else`",
                    why: condition.firstUnknown ?? "unknown", pin: SettingsAssumption.pin(for: evaluator.unknownRoot(test) ?? "NAME")))
                return reduce(orElse, depth: depth + 1)
            case .call(let function, let arguments, let keywords):
                guard store[arguments].isEmpty, store[keywords].isEmpty, case .name(let name, _) = store[function].kind,
                      let definition = module.body.lazy.compactMap({ statement -> FunctionDefinition? in
                          if case .functionDef(let candidate) = statement.kind, candidate.name == name { return candidate }
                          return nil
                      }).last else { return nil }
                return returned(definition.body, depth: depth + 1)
            default:
                return nil
            }
        }
        /// The expression the first `return` reached gives, `if` tests decided as above.
        func returned(_ statements: [Statement], depth: Int) -> Expression? {
            for statement in statements {
                switch statement.kind {
                case .return(let value): return value.flatMap { reduce($0, depth: depth) }
                case .if(let test, let body, let orElse):
                    let condition = evaluator.evaluate(test)
                    if let known = evaluator.truth(condition) {
                        if let found = returned(known ? body : orElse, depth: depth) { return found }
                        continue
                    }
                    assumptions.append(SettingsAssumption(
                        name: evaluator.unknownRoot(test) ?? evaluator.render(test), path: file.path, line: statement.location.line,
                        assumed: "`\(evaluator.render(test))` is false, so \(file.key) runs the operations of its `else`",
                        why: condition.firstUnknown ?? "unknown", pin: SettingsAssumption.pin(for: evaluator.unknownRoot(test) ?? "NAME")))
                    if let found = returned(orElse, depth: depth) { return found }
                case .expression, .pass:
                    continue
                default:
                    // Anything else (assignments the return depends on, loops): not reduced.
                    return nil
                }
            }
            return nil
        }
        walk(definition.body)
        guard readable else { return nil }
        // No branch taken sets it: Django's `Migration.operations = []` stands.
        return (chosen ?? Self.emptyOperations, assumptions)
    }

    /// Not a literal list of operation calls: `[…] if x else []`, `steps()`, `[*steps()]`.
    private static func isComputed(_ operations: PythonValue) -> Bool {
        guard let entries = OperationEntry.entries(of: operations) else { return true }
        return entries.contains { if case .unreadable = $0 { true } else { false } }
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
