import MigrationGraph
import Testing

/// Django's graph rules on small hand-made graphs. The orders were checked against Django 5.2's
/// `MigrationLoader` and `MigrationExecutor.migration_plan` (see docs/internals/django-migration-plan.md).

private func m(_ key: String, _ dependencies: [String] = [], replaces: [String] = [], runBefore: [String] = []) -> MigrationNodeSpec {
    MigrationNodeSpec(key: k(key), dependencies: dependencies.map(k), replaces: replaces.map(k), runBefore: runBefore.map(k),
                      path: "\(k(key).app)/migrations/\(k(key).name).py")
}

private func k(_ dotted: String) -> MigrationKey {
    let parts = dotted.split(separator: ".", maxSplits: 1).map(String.init)
    return MigrationKey(parts[0], parts[1])
}

private func plan(_ migrations: [MigrationNodeSpec], applied: [String] = [], unmigrated: Set<String> = []) throws -> [String] {
    let planner = try MigrationPlanner(migrations: migrations, migratedApps: Set(migrations.map(\.key.app)),
                                       unmigratedApps: unmigrated, recorded: Set(applied.map(k)))
    try planner.checkConsistentHistory()
    try planner.checkNoConflicts()
    return planner.pendingMigrations().map(\.description)
}

@Test func aChainIsAppliedInOrderAndAppliedMigrationsAreSkipped() throws {
    let chain = [m("shop.0001_initial"), m("shop.0002_a", ["shop.0001_initial"]), m("shop.0003_b", ["shop.0002_a"])]
    #expect(try plan(chain) == ["shop.0001_initial", "shop.0002_a", "shop.0003_b"])
    #expect(try plan(chain, applied: ["shop.0001_initial", "shop.0002_a"]) == ["shop.0003_b"])
    #expect(try plan(chain, applied: ["shop.0001_initial", "shop.0002_a", "shop.0003_b"]).isEmpty)
}

@Test func leavesGoInAppOrderAndTheGreatestParentIsExploredFirst() throws {
    let migrations = [
        m("blog.0001_initial"),
        m("blog.0002_post_category", ["blog.0001_initial", "store.0001_initial"]),
        m("blog.0002_post_slug", ["blog.0001_initial"]),
        m("blog.0003_merge", ["blog.0002_post_category", "blog.0002_post_slug"]),
        m("store.0001_initial"),
        m("store.0002_price", ["store.0001_initial"]),
        m("accounts.0001_initial"),
    ]
    #expect(try plan(migrations) == [
        "accounts.0001_initial",
        "blog.0001_initial", "blog.0002_post_slug", "store.0001_initial", "blog.0002_post_category", "blog.0003_merge",
        "store.0002_price",
    ])
}

@Test func firstAndLatestResolveToRootsAndLeavesOfTheOtherApp() throws {
    let migrations = [
        m("a.0001_initial"), m("a.0002_x", ["a.0001_initial"]),
        m("b.0001_initial", ["a.__first__"]),
        m("c.0001_initial", ["a.__latest__"]),
    ]
    let planner = try MigrationPlanner(migrations: migrations, migratedApps: ["a", "b", "c"], unmigratedApps: [], recorded: [])
    #expect(planner.graph.parents(of: k("b.0001_initial")) == [k("a.0001_initial")])
    #expect(planner.graph.parents(of: k("c.0001_initial")) == [k("a.0002_x")])
}

@Test func firstOfAnUnmigratedAppIsIgnoredAndOfAnUnknownAppIsAnError() throws {
    #expect(try plan([m("a.0001_initial", ["legacy.__first__"])], unmigrated: ["legacy"]) == ["a.0001_initial"])
    #expect(throws: MigrationGraphError.dependencyOnUnknownApp(app: "nowhere", origin: k("a.0001_initial"), path: "a/migrations/0001_initial.py")) {
        try plan([m("a.0001_initial", ["nowhere.__first__"])])
    }
}

@Test func runBeforeMakesTheOtherMigrationDependOnThisOne() throws {
    let migrations = [
        m("orders.0001_initial"),
        m("payments.0001_initial", runBefore: ["orders.0001_initial"]),
    ]
    #expect(try plan(migrations) == ["payments.0001_initial", "orders.0001_initial"])
}

private let squashed = [
    m("catalog.0001_initial"), m("catalog.0002_isbn", ["catalog.0001_initial"]), m("catalog.0003_price", ["catalog.0002_isbn"]),
    m("catalog.0001_squashed_0003_price", replaces: ["catalog.0001_initial", "catalog.0002_isbn", "catalog.0003_price"]),
    m("catalog.0004_slug", ["catalog.0003_price"]),
]

@Test func aSquashIsUsedWhenNoneOrAllOfItsReplacedMigrationsAreApplied() throws {
    #expect(try plan(squashed) == ["catalog.0001_squashed_0003_price", "catalog.0004_slug"])
    #expect(try plan(squashed, applied: ["catalog.0001_initial", "catalog.0002_isbn", "catalog.0003_price"]) == ["catalog.0004_slug"])
}

@Test func aPartlyAppliedSquashGivesWayToTheMigrationsItReplaces() throws {
    #expect(try plan(squashed, applied: ["catalog.0001_initial"]) == ["catalog.0002_isbn", "catalog.0003_price", "catalog.0004_slug"])
}

@Test func aMissingDependencyIsNamedWithTheMigrationThatAskedForIt() throws {
    #expect(throws: MigrationGraphError.nodeNotFound(
        message: "Migration shop.0002_x dependencies reference nonexistent parent node ('shop', '0001_gone')",
        missing: k("shop.0001_gone"), origin: k("shop.0002_x"), path: "shop/migrations/0002_x.py")) {
        try plan([m("shop.0001_initial"), m("shop.0002_x", ["shop.0001_gone"])])
    }
}

@Test func aCycleIsReportedWithItsMembers() throws {
    let migrations = [m("a.0001_initial", ["b.0001_initial"]), m("b.0001_initial", ["a.0001_initial"])]
    #expect(throws: MigrationGraphError.circularDependency([k("a.0001_initial"), k("b.0001_initial")])) {
        try plan(migrations)
    }
}

@Test func twoLeavesInOneAppAreAConflict() throws {
    let migrations = [m("shop.0001_initial"), m("shop.0002_a", ["shop.0001_initial"]), m("shop.0002_b", ["shop.0001_initial"])]
    #expect(throws: MigrationGraphError.conflictingMigrations(["shop": ["0002_a", "0002_b"]])) { try plan(migrations) }
}

@Test func anAppliedMigrationWhoseDependencyIsNotAppliedIsAnInconsistentHistory() throws {
    let migrations = [m("accounts.0001_initial"), m("admin.0001_initial", ["accounts.0001_initial"])]
    #expect(throws: MigrationGraphError.inconsistentHistory(migration: k("admin.0001_initial"), dependency: k("accounts.0001_initial"), database: "default")) {
        try plan(migrations, applied: ["admin.0001_initial"])
    }
}

@Test func rowsForMigrationsNoLongerOnDiskAreIgnored() throws {
    #expect(try plan([m("shop.0001_initial")], applied: ["shop.0000_deleted", "gone.0001_initial"]) == ["shop.0001_initial"])
}
