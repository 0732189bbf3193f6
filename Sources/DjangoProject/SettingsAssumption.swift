/// A value the static reader could not know and chose instead, said so the user can check it
/// and pin it: the name, where it was read, what was assumed, why, and the line that pins it.
public struct SettingsAssumption: Sendable, Equatable, CustomStringConvertible {
    /// The unknown name or expression (`DEBUG`, `socket.gethostname()`, `WAGTAIL_PAGE_MODEL`).
    public var name: String
    public var path: String
    public var line: Int
    /// What was taken instead (`DEBUG = False`, "the condition is false: its `else` branch").
    public var assumed: String
    /// Why the value is unknown (the evaluator's reason).
    public var why: String
    /// How to pin it: `--setting NAME=VALUE` or `[tool.zerodowntime.settings]`.
    public var pin: String

    public init(name: String, path: String, line: Int, assumed: String, why: String, pin: String) {
        self.name = name
        self.path = path
        self.line = line
        self.assumed = assumed
        self.why = why
        self.pin = pin
    }

    public var description: String {
        "\(path):\(line): \(assumed), as \(name) is unknown (\(why)); pin with \(pin)"
    }

    /// The pin text for a settings name.
    static func pin(for name: String) -> String {
        "--setting \(name)=VALUE, or `\(name) = VALUE` under [tool.zerodowntime.settings]"
    }
}
