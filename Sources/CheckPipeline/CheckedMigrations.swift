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
        return plan.fullOrder().compactMap { key in
            positions[key].map {
                let file = project.migrations[$0]
                return CheckedMigration(key: key, path: file.path, module: file.module, migration: file.migration, isPending: pending.contains(key))
            }
        }
    }

    static func initialState(_ project: DjangoProject) -> ProjectState {
        let resolver = FieldClassResolver(searchRoots: project.searchRoots) { FieldDefinition.knownClasses.contains($0) }
        return ProjectState(authUserModel: project.authUserModel) { resolver.djangoField(for: $0) }
    }
}
