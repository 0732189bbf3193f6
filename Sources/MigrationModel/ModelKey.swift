/// A model as Django's migration state knows it: `app_label` and the lowercased model name.
public struct ModelKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var app: String
    public var name: String

    public init(_ app: String, _ name: String) {
        self.app = app
        self.name = name.lowercased()
    }

    /// `"shop.Product"` or `"Product"` (in `app`) → a key.
    public init?(reference: String, in app: String) {
        let parts = reference.split(separator: ".")
        switch parts.count {
        case 1: self.init(app, String(parts[0]))
        case 2: self.init(String(parts[0]), String(parts[1]))
        default: return nil
        }
    }

    public var description: String { "\(app).\(name)" }
    public static func < (a: ModelKey, b: ModelKey) -> Bool { (a.app, a.name) < (b.app, b.name) }
}
