/// Builds the graph Django's loader builds for a database, and answers what `migrate` would do.
public struct MigrationPlanner: Sendable {
    public private(set) var graph: MigrationGraph
    /// The applied set as the loader sees it: the database's rows, plus squashes whose replaced
    /// migrations are all applied, minus squash rows whose replaced migrations are not all applied.
    public private(set) var applied: Set<MigrationKey>
    /// The database's own rows, as `check_consistent_history` reads them.
    public let recorded: Set<MigrationKey>
    private let replacements: [MigrationNodeSpec]

    /// - Parameters:
    ///   - migrations: every migration on disk, apps in `INSTALLED_APPS` order.
    ///   - migratedApps: labels of apps that have a migrations package.
    ///   - unmigratedApps: labels of installed apps without one.
    ///   - recorded: the rows of `django_migrations`; rows for migrations not on disk are ignored.
    public init(migrations: [MigrationNodeSpec], migratedApps: Set<String>, unmigratedApps: Set<String>,
                recorded: Set<MigrationKey>) throws(MigrationGraphError) {
        var graph = MigrationGraph()
        for spec in migrations { graph.addNode(spec) }
        replacements = migrations.filter { !$0.replaces.isEmpty }

        // Internal dependencies first, so that __first__ and __latest__ of other apps see them.
        for spec in migrations {
            for parent in spec.dependencies where parent.app == spec.key.app && parent.name != "__first__" {
                graph.addDependency(from: spec.key, child: spec.key, parent: parent)
            }
        }
        func resolve(_ key: MigrationKey, from spec: MigrationNodeSpec) throws(MigrationGraphError) -> MigrationKey? {
            if (key.name != "__first__" && key.name != "__latest__") || graph.contains(key) { return key }
            if key.app == spec.key.app || unmigratedApps.contains(key.app) { return nil }
            guard migratedApps.contains(key.app) else {
                throw .dependencyOnUnknownApp(app: key.app, origin: spec.key, path: spec.path)
            }
            let candidates = key.name == "__first__" ? graph.rootNodes(app: key.app) : graph.leafNodes(app: key.app)
            guard let first = candidates.first else {
                throw .dependencyOnAppWithNoMigrations(app: key.app, origin: spec.key, path: spec.path)
            }
            return first
        }
        for spec in migrations {
            for parent in spec.dependencies where parent.app != spec.key.app {
                if let resolved = try resolve(parent, from: spec) {
                    graph.addDependency(from: spec.key, child: spec.key, parent: resolved)
                }
            }
            for child in spec.runBefore {
                if let resolved = try resolve(child, from: spec) {
                    graph.addDependency(from: spec.key, child: resolved, parent: spec.key)
                }
            }
        }

        var applied = recorded
        for squash in replacements {
            let statuses = squash.replaces.map { recorded.contains($0) }
            let all = statuses.allSatisfy { $0 }
            if all { applied.insert(squash.key) } else { applied.remove(squash.key) }
            if all || !statuses.contains(true) {
                graph.removeReplacedNodes(replacement: squash.key, replaced: squash.replaces)
            } else {
                graph.removeReplacementNode(replacement: squash.key, replaced: squash.replaces)
            }
        }

        if let missing = graph.firstMissingDependency() {
            let node = graph.key(at: missing.index)
            let origin = migrations.first { $0.key == missing.origin }
            let squashes = replacements.filter { $0.replaces.contains(node) }.map(\.key)
            if !squashes.isEmpty && !squashes.contains(where: graph.contains) {
                let tries = squashes.map(\.description).joined(separator: ", ")
                throw .nodeNotFound(
                    message: "Migration \(missing.origin) depends on nonexistent node ('\(node.app)', '\(node.name)'). Django tried to replace migration \(node) with any of [\(tries)] but wasn't able to because some of the replaced migrations are already applied.",
                    missing: node, origin: missing.origin, path: origin?.path ?? "")
            }
            throw .nodeNotFound(message: missing.message, missing: node, origin: missing.origin, path: origin?.path ?? "")
        }
        if let cycle = graph.cycle() { throw .circularDependency(cycle) }

        self.graph = graph
        self.applied = applied
        self.recorded = recorded
    }

    /// `check_consistent_history`: an applied migration whose dependency is not applied.
    public func checkConsistentHistory(database: String = "default") throws(MigrationGraphError) {
        for migration in recorded.sorted() where graph.contains(migration) {
            for parent in graph.parents(of: migration) where !recorded.contains(parent) {
                if let squash = replacements.first(where: { $0.key == parent }),
                   squash.replaces.allSatisfy(recorded.contains) {
                    continue
                }
                throw .inconsistentHistory(migration: migration, dependency: parent, database: database)
            }
        }
    }

    /// `detect_conflicts`: apps with more than one leaf migration.
    public func checkNoConflicts() throws(MigrationGraphError) {
        var leavesByApp: [String: [String]] = [:]
        for leaf in graph.leafNodes() { leavesByApp[leaf.app, default: []].append(leaf.name) }
        let conflicts = leavesByApp.filter { $0.value.count > 1 }
        if !conflicts.isEmpty { throw .conflictingMigrations(conflicts) }
    }

    /// What `manage.py migrate` (no arguments) would apply, in its order: the forwards plan of
    /// every leaf, leaves in key order, skipping what is applied.
    public func pendingMigrations() -> [MigrationKey] {
        var applied = self.applied
        var plan: [MigrationKey] = []
        let order = graph.keyOrder()
        for target in graph.leafNodes() where !applied.contains(target) {
            for migration in graph.forwardsPlan(target, order: order) where !applied.contains(migration) {
                plan.append(migration)
                applied.insert(migration)
            }
        }
        return plan
    }

    /// Every migration of the graph in the order `migrate` would apply them to an empty
    /// database: the order the project state is replayed in.
    public func fullPlan() -> [MigrationKey] {
        var seen = Set<MigrationKey>()
        var plan: [MigrationKey] = []
        let order = graph.keyOrder()
        for target in graph.leafNodes() {
            for migration in graph.forwardsPlan(target, order: order) where seen.insert(migration).inserted {
                plan.append(migration)
            }
        }
        return plan
    }
}
