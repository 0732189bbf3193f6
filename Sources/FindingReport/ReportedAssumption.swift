/// A value the reader could not know and assumed, as reports show it: the unknown name, where it
/// was read, what was taken instead, why, and how to pin it.
public struct ReportedAssumption: Sendable, Equatable {
    public var name: String
    public var path: String
    public var line: Int
    public var assumed: String
    public var why: String
    public var pin: String

    public init(name: String, path: String, line: Int, assumed: String, why: String, pin: String) {
        self.name = name
        self.path = path
        self.line = line
        self.assumed = assumed
        self.why = why
        self.pin = pin
    }

    /// One line under the plan's header.
    public func line(displayPath: String) -> String {
        "assumed: \(displayPath):\(line): \(assumed), as \(name) is unknown (\(why)); pin with \(pin)"
    }

    /// `{"name", "path", "line", "assumed", "why", "pin"}`.
    var json: JSONValue {
        .object([("name", .string(name)), ("path", .string(path)), ("line", .int(line)), ("assumed", .string(assumed)),
                 ("why", .string(why)), ("pin", .string(pin))])
    }
}
