import MigrationModel

/// Pieces of the safe recipes, written the way a migration file spells them.
enum Recipe {
    /// "Release 1 … Release 2 …" with migration operations to paste.
    static func twoReleases(removal: String, later: String) -> String {
        """
        Release 1 (this deploy): change Django's state only, no SQL:
        \(indent(removal))
        Release 2 (after no old code runs), in a new migration:
        \(indent(later))
        """
    }

    /// Steps, each its own migration, with the name to give it.
    static func migrations(_ steps: [(name: String, atomic: Bool, operations: String)], note: String = "") -> String {
        var text = note.isEmpty ? "" : note + "\n"
        for (number, step) in steps.enumerated() {
            text += "\(number + 1). \(step.name).py\(step.atomic ? "" : " (atomic = False)"):\n"
            text += indent(step.operations) + "\n"
        }
        return String(text.dropLast())
    }

    static func indent(_ text: String, by spaces: Int = 4) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    /// A field call with one keyword set: `models.CharField(max_length=20)` + null=True.
    static func withKeyword(_ field: PythonValue, _ name: String, _ value: String) -> String {
        rewritten(field, setting: [(name, value)])
    }

    /// A field call without some keywords.
    static func without(_ field: PythonValue, _ names: Set<String>) -> String {
        rewritten(field, removing: names)
    }

    /// A field call with keywords removed and others set (replaced in place, else appended).
    static func rewritten(_ field: PythonValue, removing: Set<String> = [], setting: [(String, String)] = []) -> String {
        guard case .call(let function, let arguments, let keywords) = field.kind else { return field.pythonSource }
        var parts = arguments.map(\.pythonSource)
        var pending = setting
        for keyword in keywords where !removing.contains(keyword.name ?? "") {
            if let index = pending.firstIndex(where: { $0.0 == keyword.name }) {
                parts.append("\(pending[index].0)=\(pending[index].1)")
                pending.remove(at: index)
            } else {
                parts.append(keyword.name.map { "\($0)=\(keyword.value.pythonSource)" } ?? "**\(keyword.value.pythonSource)")
            }
        }
        parts += pending.map { "\($0.0)=\($0.1)" }
        return function.pythonSource + "(" + parts.joined(separator: ", ") + ")"
    }

    /// Advice that applies to every operation that takes a strong lock, however brief.
    static let lockTimeout = "Run the migration with a short lock_timeout (e.g. DATABASES OPTIONS {\"options\": \"-c lock_timeout=5s\"}) and retry on timeout, so a long query ahead of it cannot make every later query wait."
}
