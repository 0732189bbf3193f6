import DjangoProject

/// How reports show an assumption: one line under the plan's header, or a JSON object.
extension SettingsAssumption {
    public func line(displayPath: String) -> String {
        "assumed: \(displayPath):\(line): \(assumed), as \(name) is unknown (\(why)); pin with \(pin)"
    }

    /// `{"name", "path", "line", "assumed", "why", "pin"}`.
    var json: JSONValue {
        .object([("name", .string(name)), ("path", .string(path)), ("line", .int(line)), ("assumed", .string(assumed)),
                 ("why", .string(why)), ("pin", .string(pin))])
    }
}
