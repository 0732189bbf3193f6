import Foundation

/// Whether output to a file descriptor gets colour: only a terminal, never with `NO_COLOR` set
/// (no-color.org) or on a `TERM=dumb` terminal. One policy for every command.
public enum ColorPolicy {
    public static func enabled(for descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        isatty(descriptor) != 0 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
