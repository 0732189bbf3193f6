import Foundation
import PythonSyntax

extension SettingsEvaluator {
    func evaluate(_ expression: Expression) -> SettingsValue {
        let node = store[expression]
        let here = place(node.location)
        if let exhausted = context.exhausted { return .unknown(exhausted) }
        context.depth += 1
        defer { context.depth -= 1 }
        if context.depth > EvaluationContext.maximumDepth {
            return .unknown("an expression nested more than \(EvaluationContext.maximumDepth) deep at \(here)")
        }
        switch node.kind {
        case .constant(let constant, _):
            switch constant {
            case .none: return .none
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .string(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .int(.small(let v)): return .int(Int(v))
            default: return .unknown("a literal of another type at \(here)")
            }
        case .joinedStr(let parts):
            var text = ""
            for part in store[parts] {
                switch store[part].kind {
                case .constant(.string(let bytes), _): text += String(decoding: bytes, as: UTF8.self)
                case .formattedValue(let value, _, nil):
                    let formatted = evaluate(value)
                    guard let shown = formatted.asPythonString else {
                        return formatted.isUnknown ? formatted : .unknown("an f-string with an unknown part at \(here)")
                    }
                    text += shown
                default: return .unknown("an f-string with a format spec at \(here)")
                }
            }
            return .string(text)
        case .name(let id, _):
            context.readInfluence.formUnion(influence[id] ?? [])
            if let value = scope[id] { return value }
            return Builtins.value(id) ?? .unknown("\(id) is not known statically (\(here))")
        case .list(let list, _): return .list(evaluateElements(list))
        case .tuple(let list, _): return .tuple(evaluateElements(list))
        case .set(let list): return .list(unique(evaluateElements(list)))
        case .dict(let keys, let values):
            var given: [(key: SettingsValue, value: SettingsValue)] = []
            for (key, value) in zip(store[keys], store[values]) {
                if key == Expression.noKey {
                    guard case .dict(let more) = evaluate(value) else { return .unknown("a dict with ** at \(here)") }
                    if given.count + more.count > EvaluationContext.maximumElements { return tooLarge(at: here) }
                    given += more
                } else {
                    given.append((evaluate(key), evaluate(value)))
                }
            }
            return .dict(merged([], given))
        case .listComp(let element, let generators), .setComp(let element, let generators), .generatorExp(let element, let generators):
            var results: [SettingsValue] = []
            if let why = comprehend(generators[...], into: &results, at: here, element: { $0.evaluate(element) }) { return .unknown(why) }
            if case .setComp = node.kind { return .list(unique(results)) }
            return .list(results)
        case .dictComp(let key, let value, let generators):
            var pairs: [SettingsValue] = []
            if let why = comprehend(generators[...], into: &pairs, at: here, element: { .tuple([$0.evaluate(key), $0.evaluate(value)]) }) {
                return .unknown(why)
            }
            return .dict(merged([], pairs.compactMap { pair in pair.elements.map { ($0[0], $0[1]) } }))
        case .binOp(let left, let op, let right):
            return binary(evaluate(left), op, evaluate(right), at: node.location)
        case .attribute(let base, let attribute, _):
            return self.attribute(evaluate(base), attribute, at: here)
        case .subscript(let base, let key, _):
            return subscriptValue(evaluate(base), key, at: here)
        case .call(let function, let args, let keywords):
            var arguments: [SettingsValue] = []
            for argument in store[args] {
                if case .starred(let inner, _) = store[argument].kind {
                    guard let items = iterate(evaluate(inner)) else { return .unknown("a call with *args at \(here)") }
                    arguments += items
                } else {
                    arguments.append(evaluate(argument))
                }
            }
            var named: [String: SettingsValue] = [:]
            for keyword in store[keywords] {
                if let name = keyword.name {
                    named[name] = evaluate(keyword.value)
                } else if case .dict(let entries) = evaluate(keyword.value) {
                    for entry in entries { if let key = entry.key.text { named[key] = entry.value } }
                } else {
                    return .unknown("a call with **kwargs at \(here)")
                }
            }
            return call(function, arguments: arguments, keywords: named, at: here, argumentExpressions: Array(store[args]))
        case .ifExp(let test, let body, let orElse):
            let condition = evaluate(test)
            if let known = truth(condition) { return evaluate(known ? body : orElse) }
            return .unknown("`\(render(test))` is unknown at \(here): \(condition.firstUnknown ?? "")")
        case .unaryOp(.not, let operand):
            let value = evaluate(operand)
            return truth(value).map { .bool(!$0) } ?? value.unknownOr("`not` of an unknown value at \(here)")
        case .unaryOp(.uSub, let operand):
            // Python's ints have no bounds; ours do: past them the value is unknown, not a trap.
            let value = evaluate(operand)
            if case .int(let i) = value, i != .min { return .int(-i) }
            return value.unknownOr("a negative value at \(here)")
        case .compare(let left, let ops, let comparators):
            var current = evaluate(left)
            for (op, comparator) in zip(ops, store[comparators]) {
                let next = evaluate(comparator)
                let result = compare(current, op, next, at: here)
                guard case .bool(let holds) = result else { return result }
                if !holds { return .bool(false) }
                current = next
            }
            return .bool(true)
        case .boolOp(let op, let list):
            var last: SettingsValue = .none
            for operand in store[list] {
                let value = evaluate(operand)
                guard let truthy = truth(value) else { return value.unknownOr("a boolean expression at \(here)") }
                last = value
                if op == .or && truthy { return value }
                if op == .and && !truthy { return value }
            }
            return last
        case .lambda(let parameters, let body):
            let definition = FunctionDefinition(name: "<lambda>", arguments: parameters,
                                                body: [Statement(.return(body), at: node.location)],
                                                decorators: [], returns: nil, isAsync: false)
            return .function(ProjectFunction(definition: definition, store: store, path: path, moduleName: moduleName,
                                             isPackage: isPackage, defaults: [:], isProperty: false))
        default:
            return .unknown("a \(node.kind.className) expression at \(here)")
        }
    }

    /// Runs a comprehension's generators; a reason when one of them is unknown.
    private func comprehend(_ generators: ArraySlice<Comprehension>, into results: inout [SettingsValue], at here: String,
                            element: (SettingsEvaluator) -> SettingsValue) -> String? {
        guard let generator = generators.first else {
            results.append(element(self))
            return results.count > EvaluationContext.maximumElements ? "a comprehension of more than \(EvaluationContext.maximumElements) elements at \(here)" : nil
        }
        let sequence = evaluate(generator.iter)
        guard let items = iterate(sequence) else { return sequence.firstUnknown ?? "a comprehension over an unknown value at \(here)" }
        var inner = self
        for item in items {
            guard context.step(at: here) else { return context.exhausted }
            inner.assign(item, to: generator.target)
            var keep = true
            for condition in generator.ifs {
                let value = inner.evaluate(condition)
                guard let holds = truth(value) else { return value.firstUnknown ?? "an unknown condition in a comprehension at \(here)" }
                if !holds { keep = false; break }
            }
            if keep, let why = inner.comprehend(generators.dropFirst(), into: &results, at: here, element: element) { return why }
        }
        return nil
    }

    func evaluateElements(_ list: ExpressionList) -> [SettingsValue] {
        var values: [SettingsValue] = []
        for element in store[list] {
            if case .starred(let inner, _) = store[element].kind {
                let value = evaluate(inner)
                values += iterate(value) ?? [value.unknownOr("an unpacked value at \(place(store[element].location))")]
            } else {
                values.append(evaluate(element))
            }
        }
        return values
    }

    /// Each value once, in first-seen order; linear (a 100,000-element set literal must not take minutes).
    func unique(_ values: [SettingsValue]) -> [SettingsValue] {
        var seen = Set<String>()
        return values.filter { seen.insert($0.description).inserted }
    }

    /// `base` updated with `more` as a Python dict would be (a key keeps its first place, the last
    /// value wins), in linear time: keys are told apart by their rendering.
    func merged(_ base: [(key: SettingsValue, value: SettingsValue)], _ more: [(key: SettingsValue, value: SettingsValue)]) -> [(key: SettingsValue, value: SettingsValue)] {
        var entries: [(key: SettingsValue, value: SettingsValue)] = []
        var position: [String: Int] = [:]
        for entry in base + more {
            let key = entry.key.description
            if let index = position[key] {
                entries[index].value = entry.value
            } else {
                position[key] = entries.count
                entries.append(entry)
            }
        }
        return entries
    }


    func truth(_ value: SettingsValue) -> Bool? {
        switch value {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .string(let s): return !s.isEmpty
        case .path: return true
        case .list(let items), .tuple(let items): return !items.isEmpty
        case .dict(let entries): return !entries.isEmpty
        case .module, .databaseURL, .function, .object: return true
        case .unknown: return nil
        }
    }

    func tooLarge(at here: String) -> SettingsValue {
        .unknown("a value of more than \(EvaluationContext.maximumElements) elements or \(EvaluationContext.maximumStringBytes) bytes at \(here)")
    }

    func compare(_ a: SettingsValue, _ op: ComparisonOperator, _ b: SettingsValue, at here: String) -> SettingsValue {
        if let why = a.firstUnknownShallow ?? b.firstUnknownShallow { return .unknown(why) }
        switch op {
        case .eq: return a.firstUnknown == nil && b.firstUnknown == nil ? .bool(a == b) : .unknown(a.firstUnknown ?? b.firstUnknown!)
        case .notEq: return a.firstUnknown == nil && b.firstUnknown == nil ? .bool(a != b) : .unknown(a.firstUnknown ?? b.firstUnknown!)
        case .is: return identical(a, b).map(SettingsValue.bool) ?? .unknown("an `is` comparison at \(here)")
        case .isNot: return identical(a, b).map { .bool(!$0) } ?? .unknown("an `is not` comparison at \(here)")
        case .in, .notIn:
            let contained: Bool
            if let items = iterate(b), case .string = b, let needle = a.text, let haystack = b.text {
                _ = items
                contained = haystack.contains(needle)
            } else if b == .module("os.environ"), let name = a.text {
                contained = context.environment[name] != nil
            } else if let items = iterate(b) {
                if items.contains(where: \.isUnknown), !items.contains(a) { return .unknown("`in` an unknown collection at \(here)") }
                contained = items.contains(a)
            } else {
                return .unknown("`in` a value that is not a collection at \(here)")
            }
            return .bool(op == .in ? contained : !contained)
        case .lt, .ltE, .gt, .gtE:
            guard let order = ordering(a, b) else { return .unknown("an ordering comparison of \(a) and \(b) at \(here)") }
            switch op {
            case .lt: return .bool(order < 0)
            case .ltE: return .bool(order <= 0)
            case .gt: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
    }

    private func identical(_ a: SettingsValue, _ b: SettingsValue) -> Bool? {
        switch (a, b) {
        case (.none, .none): return true
        case (.none, _), (_, .none): return false
        case (.bool(let x), .bool(let y)): return x == y
        default: return nil
        }
    }

    /// -1, 0, 1 for ints, strings and tuples/lists of them (`django.VERSION >= (5, 0)`).
    private func ordering(_ a: SettingsValue, _ b: SettingsValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .int(let y)): return ordering(.int(x ? 1 : 0), .int(y))
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                guard let order = ordering(p, q) else { return p == q ? 0 : nil }
                if order != 0 { return order }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        default: return nil
        }
    }

    func binary(_ left: SettingsValue, _ op: BinaryOperator, _ right: SettingsValue, at location: SourceLocation) -> SettingsValue {
        let tooLarge = { self.tooLarge(at: self.place(location)) }
        switch (left, op, right) {
        case (.list(let a), .add, .list(let b)), (.list(let a), .add, .tuple(let b)):
            return a.count + b.count > EvaluationContext.maximumElements ? tooLarge() : .list(a + b)
        case (.tuple(let a), .add, .tuple(let b)), (.tuple(let a), .add, .list(let b)):
            return a.count + b.count > EvaluationContext.maximumElements ? tooLarge() : .tuple(a + b)
        case (.string(let a), .add, .string(let b)):
            return a.utf8.count + b.utf8.count > EvaluationContext.maximumStringBytes ? tooLarge() : .string(a + b)
        case (.string(let format), .mod, _):
            return percentFormat(format, right) ?? .unknown("a %-format at \(place(location))")
        case (.int(let a), .add, .int(let b)) where !a.addingReportingOverflow(b).overflow: return .int(a + b)
        case (.int(let a), .sub, .int(let b)) where !a.subtractingReportingOverflow(b).overflow: return .int(a - b)
        case (.int(let a), .mult, .int(let b)) where !a.multipliedReportingOverflow(by: b).overflow: return .int(a * b)
        case (.list(let a), .mult, .int(let n)) where n >= 0 && a.count * min(n, EvaluationContext.maximumElements) <= EvaluationContext.maximumElements:
            return .list(Array(repeating: a, count: n).flatMap { $0 })
        case (.dict(let a), .bitOr, .dict(let b)):
            return .dict(merged(a, b))
        case (.path(let a), .div, .string(let b)), (.path(let a), .div, .path(let b)): return .path(joinPath(a, b))
        default:
            if let why = left.firstUnknown ?? right.firstUnknown { return .unknown(why) }
            return .unknown("an expression at \(place(location))")
        }
    }

    /// `"%s_%s" % (a, b)` with `%s`, `%d` and `%%`.
    private func percentFormat(_ format: String, _ argument: SettingsValue) -> SettingsValue? {
        let values = argument.elements ?? [argument]
        var result = ""
        var index = 0
        var iterator = format.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else { result.append(character); continue }
            guard let directive = iterator.next() else { return nil }
            if directive == "%" { result.append("%"); continue }
            guard ["s", "d", "r"].contains(directive), index < values.count, let shown = values[index].asPythonString else { return nil }
            result += directive == "r" ? values[index].description : shown
            index += 1
        }
        return index == values.count ? .string(result) : nil
    }

    func subscriptValue(_ container: SettingsValue, _ keyExpression: Expression, at here: String) -> SettingsValue {
        if case .slice(let lower, let upper, let step) = store[keyExpression].kind {
            guard step == nil else { return .unknown("a slice with a step at \(here)") }
            let bounds = [lower, upper].map { $0.map { evaluate($0) } }
            func index(_ value: SettingsValue?, _ count: Int, _ fallback: Int) -> Int? {
                guard let value else { return fallback }
                guard case .int(let i) = value else { return nil }
                return max(0, min(count, i < 0 ? count + i : i))
            }
            switch container {
            case .list(let items), .tuple(let items):
                guard let from = index(bounds[0], items.count, 0), let to = index(bounds[1], items.count, items.count) else { break }
                let slice = from < to ? Array(items[from..<to]) : []
                if case .tuple = container { return .tuple(slice) }
                return .list(slice)
            case .string(let s):
                let characters = Array(s)
                guard let from = index(bounds[0], characters.count, 0), let to = index(bounds[1], characters.count, characters.count) else { break }
                return .string(from < to ? String(characters[from..<to]) : "")
            default: break
            }
            return container.unknownOr("a slice at \(here)")
        }
        let index = evaluate(keyExpression)
        switch (container, index) {
        case (.module("os.environ"), .string(let name)):
            return context.environment[name].map(SettingsValue.string)
                ?? .unknown("environment variable \(name) is not set (\(here))")
        case (.module("builtins.globals()"), .string(let name)):
            return scope[name] ?? .unknown("\(name) is not defined (\(here))")
        case (.module("sys.argv"), .int(let i)):
            guard case .list(let items) = context.argv else { break }
            return items.indices.contains(i) ? items[i] : .unknown("sys.argv[\(i)] at \(here)")
        case (.dict(let entries), _):
            if let why = index.firstUnknown { return .unknown(why) }
            return entries.last(where: { $0.key == index })?.value ?? .unknown("no key \(index) at \(here)")
        case (.list(let items), .int(let i)), (.tuple(let items), .int(let i)):
            let position = i < 0 ? items.count + i : i
            return items.indices.contains(position) ? items[position] : .unknown("index out of range at \(here)")
        case (.string(let s), .int(let i)):
            let characters = Array(s)
            let position = i < 0 ? characters.count + i : i
            return characters.indices.contains(position) ? .string(String(characters[position])) : .unknown("index out of range at \(here)")
        default:
            break
        }
        if let why = container.firstUnknownShallow ?? index.firstUnknownShallow { return .unknown(why) }
        return .unknown("a subscript at \(here)")
    }

    func joinPath(_ base: String, _ component: String) -> String {
        if component.hasPrefix("/") { return component }
        if base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    func parentPath(_ p: String) -> String {
        let normalised = normalise(p)
        guard let slash = normalised.lastIndex(of: "/") else { return "." }
        return slash == normalised.startIndex ? "/" : String(normalised[..<slash])
    }

    /// Makes a path absolute (relative to the settings file's directory is wrong for Python, which
    /// resolves against the working directory; `__file__` is always absolute here) and folds `.` and `..`.
    func normalise(_ p: String) -> String {
        let absolute = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    // MARK: - Naming what is unknown

    /// The smallest part of `expression` whose value is unknown while its own parts are known:
    /// the name or call to pin (`ENABLE_X`, `socket.gethostname()`).
    func unknownRoot(_ expression: Expression) -> String? {
        let node = store[expression]
        var children: [Expression] = []
        switch node.kind {
        case .name(let id, _):
            return evaluate(expression).isUnknown ? id : nil
        case .boolOp(_, let list): children = Array(store[list])
        case .compare(let left, _, let list): children = [left] + store[list]
        case .unaryOp(_, let operand): children = [operand]
        case .binOp(let left, _, let right): children = [left, right]
        case .call(let function, let args, _):
            if case .attribute(let receiver, _, _) = store[function].kind { children = [receiver] }
            children += store[args]
        case .attribute(let base, _, _): children = [base]
        case .subscript(let base, let key, _): children = [base, key]
        default: break
        }
        for child in children { if let root = unknownRoot(child) { return root } }
        return evaluate(expression).firstUnknown == nil ? nil : render(expression)
    }

    /// A short Python rendering of an expression, for messages.
    func render(_ expression: Expression) -> String {
        let node = store[expression]
        switch node.kind {
        case .name(let id, _): return id
        case .attribute(let base, let name, _): return render(base) + "." + name
        case .constant(.string(let bytes), _): return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        case .constant(.int(.small(let v)), _): return String(v)
        case .constant(.true, _): return "True"
        case .constant(.false, _): return "False"
        case .constant(.none, _): return "None"
        case .call(let function, let args, _):
            return render(function) + "(" + store[args].map { render($0) }.joined(separator: ", ") + ")"
        case .subscript(let base, let key, _): return render(base) + "[" + render(key) + "]"
        case .unaryOp(.not, let operand): return "not " + render(operand)
        case .boolOp(let op, let list): return store[list].map { render($0) }.joined(separator: op == .and ? " and " : " or ")
        case .compare(let left, let ops, let list):
            var text = render(left)
            for (op, right) in zip(ops, store[list]) { text += " " + op.symbol + " " + render(right) }
            return text
        case .tuple(let list, _): return "(" + store[list].map { render($0) }.joined(separator: ", ") + ")"
        case .list(let list, _): return "[" + store[list].map { render($0) }.joined(separator: ", ") + "]"
        default: return "…"
        }
    }
}

extension ComparisonOperator {
    var symbol: String {
        switch self {
        case .eq: return "=="
        case .notEq: return "!="
        case .lt: return "<"
        case .ltE: return "<="
        case .gt: return ">"
        case .gtE: return ">="
        case .is: return "is"
        case .isNot: return "is not"
        case .in: return "in"
        case .notIn: return "not in"
        }
    }
}

extension SettingsValue {
    /// `str(value)` where it is known.
    var asPythonString: String? {
        switch self {
        case .string(let s), .path(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .databaseURL(let url): return url
        default: return nil
        }
    }

    /// The value itself when unknown, else an unknown with `why`.
    func unknownOr(_ why: String) -> SettingsValue {
        if case .unknown = self { return self }
        return .unknown(why)
    }

    /// Why this value is unknown, only when it is itself unknown.
    var firstUnknownShallow: String? {
        if case .unknown(let why) = self { return why }
        return nil
    }
}
