import Foundation

/// Every file and directory a run's answer depends on, as the readers consult them: files read,
/// directories listed, and paths looked for. An absent path is decided by the nearest directory
/// above it that exists: creating the path changes that directory's stamp. Recording is off
/// unless a run starts it (the result cache); the readers call it either way.
public final class InputLog: @unchecked Sendable {
    public static let shared = InputLog()

    private let lock = NSLock()
    private var recording = false
    private var inputs: [String: Int] = [:]
    private var order: [RecordedInput] = []
    /// Why the answer also depends on something no stamp covers (an interpreter's output).
    private var uncoverable: String?

    public func start() {
        lock.withLock {
            recording = true
            inputs = [:]
            order = []
            uncoverable = nil
        }
    }

    /// The inputs recorded since `start`, or nil when the answer depends on something else.
    public func finish() -> [RecordedInput]? {
        lock.withLock {
            recording = false
            return uncoverable == nil ? order : nil
        }
    }

    /// A file whose bytes the run reads (or tries to).
    public func read(_ path: String) { note(path, presenceOnly: false) }

    /// A directory whose entries the run lists.
    public func listed(_ directory: String) { note(directory, presenceOnly: false) }

    /// A path whose presence (and kind) the run asks about.
    public func lookedFor(_ path: String) { note(path, presenceOnly: true) }

    /// The answer depends on something stamps do not cover: this run's answer is not kept.
    public func dependsOnSomethingElse(_ why: String) {
        lock.withLock { if recording { uncoverable = uncoverable ?? why } }
    }

    private func note(_ path: String, presenceOnly: Bool) {
        guard lock.withLock({ recording }) else { return }
        if let stamp = FileStamp.of(path) {
            add(RecordedInput(path: path, dependence: presenceOnly ? .presence(stamp) : .contents(stamp)))
            return
        }
        add(RecordedInput(path: path, dependence: .absence))
        var directory = (path as NSString).deletingLastPathComponent
        while !directory.isEmpty {
            if let stamp = FileStamp.of(directory) { return add(RecordedInput(path: directory, dependence: .contents(stamp))) }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory { return }
            directory = parent
        }
    }

    /// The first note of a path keeps its place; a later one that depends on more replaces it.
    private func add(_ input: RecordedInput) {
        lock.withLock {
            guard let index = inputs[input.path] else {
                inputs[input.path] = order.count
                order.append(input)
                return
            }
            if case .contents = input.dependence, case .presence = order[index].dependence { order[index] = input }
        }
    }
}
