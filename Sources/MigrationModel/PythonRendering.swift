
extension PythonValue {
    /// The value written back as Python, for messages and recipes: `models.CharField(max_length=50)`.
    /// Expressions the model does not read (a lambda, an operator) are shown as `…`.
    public var pythonSource: String {
        switch kind {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .string(let bytes): return Self.quoted(String(decoding: bytes, as: UTF8.self))
        case .bytes(let bytes): return "b" + Self.quoted(String(decoding: bytes, as: UTF8.self))
        case .int(let i): return i.description
        case .float(let d): return d == d.rounded() && abs(d) < 1e16 ? String(format: "%.1f", d) : "\(d)"
        case .list(let items): return "[" + items.map(\.pythonSource).joined(separator: ", ") + "]"
        case .tuple(let items):
            return items.count == 1 ? "(\(items[0].pythonSource),)" : "(" + items.map(\.pythonSource).joined(separator: ", ") + ")"
        case .set(let items): return "{" + items.map(\.pythonSource).joined(separator: ", ") + "}"
        case .dict(let entries):
            return "{" + entries.map { entry in
                entry.key.map { "\($0.pythonSource): \(entry.value.pythonSource)" } ?? "**\(entry.value.pythonSource)"
            }.joined(separator: ", ") + "}"
        case .name(let dotted): return dotted
        case .attribute(let base, let attribute): return base.pythonSource + "." + attribute
        case .call(let function, let arguments, let keywords):
            var parts = arguments.map(\.pythonSource)
            parts += keywords.map { argument in
                argument.name.map { "\($0)=\(argument.value.pythonSource)" } ?? "**\(argument.value.pythonSource)"
            }
            return function.pythonSource + "(" + parts.joined(separator: ", ") + ")"
        case .opaque: return "…"
        }
    }

    /// Python's `repr` of a str, single-quoted unless the text holds a single quote.
    static func quoted(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case quote: out += "\\" + String(quote)
            default: out.append(character)
            }
        }
        out.append(quote)
        return out
    }
}

import Foundation
