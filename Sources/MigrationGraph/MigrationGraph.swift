/// The migration graph exactly as Django's `MigrationLoader.build_graph` makes it: nodes for every
/// migration on disk, edges from `dependencies` and `run_before` (with `__first__`, `__latest__`
/// and swappable dependencies resolved), squashed migrations used or not according to what is
/// applied, and Django's checks. See docs/internals/django-migration-plan.md.
public struct MigrationGraph: Sendable {
    /// Every node ever added, real or dummy; removed ones stay with `isAlive` false.
    private var keys: [MigrationKey] = []
    private var indexOfKey: [MigrationKey: Int] = [:]
    private var parents: [Set<Int>] = []
    private var children: [Set<Int>] = []
    private var isAlive: [Bool] = []
    /// Dummy nodes stand for missing dependencies until `validateConsistency` reports them.
    private var dummyErrors: [Int: (message: String, origin: MigrationKey)] = [:]
    /// Real migrations, by node index (Django's `graph.nodes`).
    private var specs: [Int: MigrationNodeSpec] = [:]

    public init() {}

    // MARK: - Building

    public func contains(_ key: MigrationKey) -> Bool {
        guard let i = indexOfKey[key] else { return false }
        return specs[i] != nil
    }

    public func spec(_ key: MigrationKey) -> MigrationNodeSpec? {
        indexOfKey[key].flatMap { specs[$0] }
    }

    /// The real migrations now in the graph, in key order.
    public var migrationKeys: [MigrationKey] {
        specs.keys.map { keys[$0] }.sorted()
    }

    private mutating func newNode(_ key: MigrationKey) -> Int {
        let i = keys.count
        keys.append(key)
        indexOfKey[key] = i
        parents.append([])
        children.append([])
        isAlive.append(true)
        return i
    }

    mutating func addNode(_ spec: MigrationNodeSpec) {
        let i = indexOfKey[spec.key] ?? newNode(spec.key)
        specs[i] = spec
        dummyErrors[i] = nil
    }

    /// `add_dependency(migration, child, parent, skip_validation=True)`.
    mutating func addDependency(from origin: MigrationKey, child: MigrationKey, parent: MigrationKey) {
        let c = liveIndex(child) ?? addDummy(child, origin: origin,
            message: "Migration \(origin) dependencies reference nonexistent child node \(pythonTuple(child))")
        let p = liveIndex(parent) ?? addDummy(parent, origin: origin,
            message: "Migration \(origin) dependencies reference nonexistent parent node \(pythonTuple(parent))")
        parents[c].insert(p)
        children[p].insert(c)
    }

    private func liveIndex(_ key: MigrationKey) -> Int? {
        guard let i = indexOfKey[key], isAlive[i] else { return nil }
        return i
    }

    private mutating func addDummy(_ key: MigrationKey, origin: MigrationKey, message: String) -> Int {
        let i = newNode(key)
        dummyErrors[i] = (message, origin)
        return i
    }

    /// `remove_replaced_nodes`: the squash takes the place of the migrations it replaces.
    mutating func removeReplacedNodes(replacement: MigrationKey, replaced: [MigrationKey]) {
        guard let r = liveIndex(replacement) else { return }
        let replacedSet = Set(replaced)
        for key in replaced {
            guard let i = liveIndex(key) else { continue }
            isAlive[i] = false
            specs[i] = nil
            dummyErrors[i] = nil
            indexOfKey[key] = nil
            for child in children[i] {
                parents[child].remove(i)
                if !replacedSet.contains(keys[child]) {
                    children[r].insert(child)
                    parents[child].insert(r)
                }
            }
            for parent in parents[i] {
                children[parent].remove(i)
                if !replacedSet.contains(keys[parent]) {
                    parents[r].insert(parent)
                    children[parent].insert(r)
                }
            }
        }
    }

    /// `remove_replacement_node`: the squash is set aside; what depended on it now depends on the
    /// last of the migrations it replaces.
    mutating func removeReplacementNode(replacement: MigrationKey, replaced: [MigrationKey]) {
        guard let r = liveIndex(replacement) else { return }
        isAlive[r] = false
        specs[r] = nil
        indexOfKey[replacement] = nil
        var replacedNodes = Set<Int>()
        var replacedParents = Set<Int>()
        for key in replaced {
            guard let i = liveIndex(key) else { continue }
            replacedNodes.insert(i)
            replacedParents.formUnion(parents[i])
        }
        replacedNodes.subtract(replacedParents)
        for child in children[r] {
            parents[child].remove(r)
            for i in replacedNodes {
                children[i].insert(child)
                parents[child].insert(i)
            }
        }
        for parent in parents[r] {
            children[parent].remove(r)
        }
    }

    // MARK: - Queries

    /// `root_nodes(app)`: migrations with no parent in their own app, sorted.
    public func rootNodes(app: String? = nil) -> [MigrationKey] {
        specs.keys.filter { i in
            (app == nil || keys[i].app == app) && parents[i].allSatisfy { keys[$0].app != keys[i].app }
        }.map { keys[$0] }.sorted()
    }

    /// `leaf_nodes(app)`: migrations with no child in their own app, sorted.
    public func leafNodes(app: String? = nil) -> [MigrationKey] {
        specs.keys.filter { i in
            (app == nil || keys[i].app == app) && children[i].allSatisfy { keys[$0].app != keys[i].app }
        }.map { keys[$0] }.sorted()
    }

    public func parents(of key: MigrationKey) -> [MigrationKey] {
        guard let i = liveIndex(key) else { return [] }
        return parents[i].map { keys[$0] }.sorted()
    }

    /// `forwards_plan(target)`: the target and all its ancestors, each after its dependencies,
    /// in the order of Django's `iterative_dfs` (parents pushed in ascending order, so the
    /// greatest is explored first).
    public func forwardsPlan(_ target: MigrationKey) -> [MigrationKey] {
        forwardsPlan(target, order: keyOrder())
    }

    /// The position of every node in key order, so sorting compares integers, not strings.
    func keyOrder() -> [Int] {
        var order = [Int](repeating: 0, count: keys.count)
        for (position, index) in keys.indices.sorted(by: { keys[$0] < keys[$1] }).enumerated() { order[index] = position }
        return order
    }

    func forwardsPlan(_ target: MigrationKey, order: [Int]) -> [MigrationKey] {
        guard let start = liveIndex(target) else { return [] }
        var visited: [MigrationKey] = []
        var visitedSet = Set<Int>()
        var stack: [(Int, Bool)] = [(start, false)]
        while let (node, processed) = stack.popLast() {
            if visitedSet.contains(node) { continue }
            if processed {
                visitedSet.insert(node)
                visited.append(keys[node])
            } else {
                stack.append((node, true))
                stack.append(contentsOf: parents[node].sorted { order[$0] < order[$1] }.map { ($0, false) })
            }
        }
        return visited
    }

    // MARK: - Checks

    /// `validate_consistency`: a dependency on a migration that does not exist.
    func firstMissingDependency() -> (index: Int, message: String, origin: MigrationKey)? {
        dummyErrors.filter { isAlive[$0.key] }.sorted { keys[$0.key] < keys[$1.key] }.first.map {
            ($0.key, $0.value.message, $0.value.origin)
        }
    }

    func key(at index: Int) -> MigrationKey { keys[index] }

    /// `ensure_not_cyclic`: a dependency cycle, if any.
    public func cycle() -> [MigrationKey]? {
        var todo = Set(specs.keys)
        let order = keyOrder()
        // Sorted starts make the reported cycle the same on every run (Django's depends on hashing).
        for start in specs.keys.sorted(by: { order[$0] < order[$1] }) where todo.contains(start) {
            todo.remove(start)
            var stack = [start]
            // Membership of the stack in constant time: a chain of N migrations is N deep, and
            // searching the stack for every child made the check quadratic.
            var onStack = [Bool](repeating: false, count: keys.count)
            onStack[start] = true
            while let top = stack.last {
                var descended = false
                for child in children[top].sorted(by: { order[$0] < order[$1] }) {
                    if onStack[child], let position = stack.firstIndex(of: child) {
                        return stack[position...].map { keys[$0] }
                    }
                    if todo.contains(child) {
                        stack.append(child)
                        onStack[child] = true
                        todo.remove(child)
                        descended = true
                        break
                    }
                }
                if !descended { onStack[stack.removeLast()] = false }
            }
        }
        return nil
    }

    private func pythonTuple(_ key: MigrationKey) -> String { "('\(key.app)', '\(key.name)')" }
}
