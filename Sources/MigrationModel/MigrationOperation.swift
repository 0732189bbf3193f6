import PythonSyntax

/// One entry of a migration's `operations` list, read as a call: `migrations.AddField(...)`.
public struct MigrationOperation: Sendable {
    /// The class's own name: `AddField`, `AddIndexConcurrently`, `MyCustomOperation`.
    public var className: String
    /// The callee as written: `migrations.AddField`, `AddIndexConcurrently`.
    public var writtenName: String
    public var location: SourceLocation
    public var value: PythonValue
    public var positional: PythonValueList?
    public var keywords: PythonKeywordArguments?
    /// Names of the `class Migration` body an argument may name (`state_operations=state_operations`).
    public var classAttributes: [String: PythonValue] = [:]

    /// Reads an operation; nil when the entry is not a call of a named class (`*ops`, a variable).
    public init?(_ value: PythonValue) {
        guard case .call(let function, let arguments, let keywords) = value.kind,
              case .name(let dotted) = function.kind else { return nil }
        self.writtenName = dotted
        self.className = String(dotted.split(separator: ".").last ?? Substring(dotted))
        self.location = value.location
        self.value = value
        self.positional = arguments
        self.keywords = keywords
    }

    /// The argument Django's `__init__` names `name`, given by keyword or at `position`.
    public func argument(_ name: String, position: Int? = nil) -> PythonValue? {
        if let value = keywords?[name] { return value }
        if let position, let positional, position < positional.count { return positional[position] }
        return nil
    }

    public func string(_ name: String, position: Int? = nil) -> String? {
        argument(name, position: position)?.stringValue
    }

    /// The operations of a list-valued argument (`database_operations`), in order.
    public func operations(_ name: String, position: Int? = nil) -> [OperationEntry] {
        guard let list = operationList(name, position: position) else { return [] }
        return OperationEntry.entries(of: list, classAttributes: classAttributes) ?? []
    }

    /// The list argument, a name of the class body read through to its value.
    public func operationList(_ name: String, position: Int? = nil) -> PythonValue? {
        guard let list = argument(name, position: position) else { return nil }
        if case .name(let bound) = list.kind, let value = classAttributes[bound] { return value }
        return list
    }
}

/// An entry of an operations list: an operation we can read, or something we cannot.
public enum OperationEntry: Sendable {
    case operation(MigrationOperation)
    case unreadable(PythonValue)

    /// The entries of a literal list or tuple; nil when the value is not one.
    public static func entries(of value: PythonValue, classAttributes: [String: PythonValue] = [:]) -> [OperationEntry]? {
        switch value.kind {
        case .list(let items), .tuple(let items):
            return items.map { item in
                guard var operation = MigrationOperation(item) else { return .unreadable(item) }
                operation.classAttributes = classAttributes
                return .operation(operation)
            }
        default:
            return nil
        }
    }
}

extension PythonValue {
    /// `True`/`False` literals; nil for anything else.
    public var boolValue: Bool? {
        if case .bool(let b) = kind { return b }
        return nil
    }

    public var intValue: Int? {
        if case .int(let i) = kind { return Int(i.description) }
        return nil
    }

    /// A literal list, tuple or set of strings, in order.
    public var stringList: [String]? {
        switch kind {
        case .list(let items), .tuple(let items), .set(let items):
            var strings: [String] = []
            for item in items {
                guard let s = item.stringValue else { return nil }
                strings.append(s)
            }
            return strings
        default:
            return nil
        }
    }

    /// `None`.
    public var isNone: Bool {
        if case .none = kind { return true }
        return false
    }

    /// The dotted name of a name or of the function of a call: `models.Index(...)` → `models.Index`.
    public var calleeName: String? {
        switch kind {
        case .name(let dotted): return dotted
        case .call(let function, _, _):
            if case .name(let dotted) = function.kind { return dotted }
            return nil
        default: return nil
        }
    }

    /// The last component of `calleeName`: `models.Index(...)` → `Index`.
    public var calleeClassName: String? {
        calleeName.map { String($0.split(separator: ".").last ?? Substring($0)) }
    }

    /// The keyword arguments of a call value.
    public var callKeywords: PythonKeywordArguments? {
        if case .call(_, _, let keywords) = kind { return keywords }
        return nil
    }

    public var callArguments: PythonValueList? {
        if case .call(_, let arguments, _) = kind { return arguments }
        return nil
    }
}
