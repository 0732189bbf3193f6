import DjangoProject
import MigrationGraph
import MigrationModel
import MigrationRules
import PendingPlan
import SchemaState

/// The migration files joined with the plan, and the state the replay starts from.
enum CheckedMigrations {
    /// Every migration in the order Django applies them, the pending ones marked.
    static func inPlanOrder(_ project: DjangoProject, _ plan: PendingPlan) -> [CheckedMigration] {
        // Positions, not copies: a migration file is a large value, and 10,000 of them copied
        // into a dictionary cost more than judging them.
        var positions: [MigrationKey: Int] = [:]
        positions.reserveCapacity(project.migrations.count)
        for (index, file) in project.migrations.enumerated() where positions[file.key] == nil { positions[file.key] = index }
        let pending = Set(plan.pending)
        let operations = OperationClasses(project)
        return plan.fullOrder().compactMap { key in
            positions[key].map {
                let file = project.migrations[$0]
                var checked = CheckedMigration(key: key, path: file.path, module: file.module, migration: file.migration, isPending: pending.contains(key))
                checked.operationBases = operations.bases(in: file)
                return checked
            }
        }
    }

    static func initialState(_ project: DjangoProject) -> ProjectState {
        let resolver = ClassBaseResolver(searchRoots: project.searchRoots) { FieldDefinition.knownClasses.contains($0) }
        return ProjectState(authUserModel: project.authUserModel) { resolver.djangoBase(for: $0) }
    }
}

/// Operation classes that are not Django's, followed to the Django operation they derive from
/// (Wagtail's `DeleteModelIfExists(DeleteModel)`, `BootstrapTranslatableModel(RunPython)`), so
/// the replay and the rules treat them as that operation.
struct OperationClasses {
    let resolver: ClassBaseResolver
    let migrationsModules: [String: String]

    init(_ project: DjangoProject) {
        resolver = ClassBaseResolver(searchRoots: project.searchRoots) { UnknownOperationRule.knownOperations.contains($0) }
        migrationsModules = Dictionary(project.apps.compactMap { app in app.migrationsModule.map { (app.label, $0) } },
                                       uniquingKeysWith: { first, _ in first })
    }

    /// Written name → Django operation class, for the file's operations whose class is not Django's.
    func bases(in file: MigrationFile) -> [String: String] {
        guard let value = file.migration.operations, let entries = OperationEntry.entries(of: value) else { return [:] }
        var bases: [String: String] = [:]
        for case .operation(let operation) in entries where !UnknownOperationRule.knownOperations.contains(operation.className) {
            guard bases[operation.writtenName] == nil, let module = migrationsModules[file.key.app] else { continue }
            if let base = resolver.djangoBase(of: operation.writtenName, inFile: file.path, moduleName: module + "." + file.key.name) {
                bases[operation.writtenName] = base
            }
        }
        return bases
    }
}
