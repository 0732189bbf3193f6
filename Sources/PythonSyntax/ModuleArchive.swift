/// A migration module as the check reads it, written to bytes and read back, for the parse cache.
///
/// The check reads three things of a migration file: its comments (ignore comments), and the
/// bases and assignments of the last top-level `class Migration`. `migrationView` keeps exactly
/// those, and every reader of a migration file gets that view, cached or not, so a cache hit can
/// never read differently from a parse. Reading anything else of a migration module means
/// widening the view here (and the archive's version).
///
/// Decoding checks every index and length before using it: a damaged or forged archive gives
/// nil (parse the file instead), never a crash or a wrong tree that indexes out of range.
public enum ModuleArchive {
    /// Changes whenever the layout or the view changes, and whenever the reader reads any file
    /// differently (grammar, decoding): packs are named by it, so one written by an older reader
    /// never answers for a newer one. 2: Python 3.11's f-strings, PEP 695 refused. 3: attributes
    /// set under a compound statement of the class body kept as `name += value`.
    public static let version: UInt32 = 3

    /// The module with only the comments and the last top-level `class Migration`, whose body
    /// keeps only its assignments (`x = …`, `x: T = …`, `x += …`).
    public static func migrationView(of module: Module) -> Module {
        var kept: [Statement] = []
        if let statement = module.body.last(where: { if case .classDef(let d) = $0.kind { d.name == "Migration" } else { false } }),
           case .classDef(var definition) = statement.kind {
            var body: [Statement] = []
            for inner in definition.body {
                switch inner.kind {
                case .assign, .annAssign, .augAssign: body.append(inner)
                default:
                    // An attribute set (or changed) under `if`, `for`, `try`, `with`, `while` or
                    // `match` in the class body: kept as `name += value` at that statement, so a
                    // reader of the view sees it is not a plain literal and never judges the
                    // assignment before it as the whole story.
                    for (target, value) in conditionalAssignments(in: [inner], store: module.expressions) {
                        body.append(Statement(.augAssign(target: target, .add, value: value), at: inner.location))
                    }
                }
            }
            definition.body = body
            definition.decorators = []
            kept = [Statement(.classDef(definition), at: statement.location)]
        }
        return Module(body: kept, comments: module.comments, expressions: module.expressions)
    }

    /// Names set inside compound statements, with the expression that sets them: `x = v`,
    /// `x += v`, `x: T = v`, and `x.append(v)`-style calls on a name.
    public static func conditionalAssignments(in statements: [Statement], store: ExpressionStore) -> [(Expression, Expression)] {
        var found: [(Expression, Expression)] = []
        func isName(_ e: Expression) -> Bool { if case .name = store[e].kind { true } else { false } }
        for statement in statements {
            switch statement.kind {
            case .assign(let targets, let value):
                for target in targets where isName(target) { found.append((target, value)) }
            case .annAssign(let target, _, let value?, _) where isName(target): found.append((target, value))
            case .augAssign(let target, _, let value) where isName(target): found.append((target, value))
            case .expression(let e):
                if case .call(let function, _, _) = store[e].kind, case .attribute(let receiver, _, _) = store[function].kind, isName(receiver) {
                    found.append((receiver, e))
                }
            case .if(_, let body, let orElse), .for(_, _, let body, let orElse, _), .while(_, let body, let orElse):
                found += conditionalAssignments(in: body + orElse, store: store)
            case .try(let body, let handlers, let orElse, let finalBody, _):
                found += conditionalAssignments(in: body + handlers.flatMap(\.body) + orElse + finalBody, store: store)
            case .with(_, let body, _): found += conditionalAssignments(in: body, store: store)
            case .match(_, let cases): found += conditionalAssignments(in: cases.flatMap(\.body), store: store)
            default: break
            }
        }
        return found
    }

    /// The view as bytes; nil when it holds a node the archive does not write (lambdas,
    /// comprehensions: rare in migrations, and then the file is simply parsed every time).
    public static func encode(_ view: Module) -> [UInt8]? {
        var writer = ArchiveWriter()
        writer.u32(version)
        let store = view.expressions
        guard let reachable = reachableNodes(of: view) else { return nil }
        writer.int(store.nodes.count)
        for (index, node) in store.nodes.enumerated() {
            writer.location(node.location)
            // A node the view cannot reach (a helper function's lambda, say) is never read:
            // written as `...`, so the file is still cached.
            if !reachable[index] {
                _ = writer.kind(.constant(.ellipsis, kind: nil))
                continue
            }
            guard writer.kind(node.kind) else { return nil }
        }
        writer.int(store.lists.count)
        for expression in store.lists { writer.expression(expression) }
        writer.int(store.keywordStorage.count)
        for keyword in store.keywordStorage {
            writer.optionalString(keyword.name)
            writer.expression(keyword.value)
            writer.location(keyword.location)
        }
        writer.int(view.comments.count)
        for comment in view.comments {
            writer.location(comment.location)
            writer.string(comment.text)
        }
        writer.int(view.body.count)
        for statement in view.body {
            guard case .classDef(let definition) = statement.kind else { return nil }
            writer.location(statement.location)
            writer.string(definition.name)
            writer.expressions(definition.bases)
            writer.int(definition.keywords.count)
            for keyword in definition.keywords {
                writer.optionalString(keyword.name)
                writer.expression(keyword.value)
                writer.location(keyword.location)
            }
            writer.int(definition.body.count)
            for inner in definition.body {
                writer.location(inner.location)
                switch inner.kind {
                case .assign(let targets, let value):
                    writer.u8(0); writer.expressions(targets); writer.expression(value)
                case .annAssign(let target, let annotation, let value, let simple):
                    writer.u8(1); writer.expression(target); writer.expression(annotation)
                    writer.optionalExpression(value); writer.u8(simple ? 1 : 0)
                case .augAssign(let target, let op, let value):
                    writer.u8(2); writer.expression(target); writer.u8(BinaryOperator.allCases.firstIndex(of: op).map(UInt8.init) ?? 0)
                    writer.expression(value)
                default:
                    return nil
                }
            }
        }
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) -> Module? {
        var reader = ArchiveReader(bytes: bytes)
        do {
            guard try reader.u32() == version else { return nil }
            let nodeCount = try reader.count()
            reader.nodeCount = nodeCount
            var nodes: [ExpressionNode] = []
            nodes.reserveCapacity(nodeCount)
            for _ in 0..<nodeCount {
                let location = try reader.location()
                nodes.append(ExpressionNode(kind: try reader.kind(), location: location))
            }
            let listCount = try reader.count()
            var lists: [Expression] = []
            lists.reserveCapacity(listCount)
            for _ in 0..<listCount { lists.append(try reader.expression()) }
            let keywordCount = try reader.count()
            var keywords: [Keyword] = []
            keywords.reserveCapacity(keywordCount)
            for _ in 0..<keywordCount {
                keywords.append(Keyword(name: try reader.optionalString(), value: try reader.node(), location: try reader.location()))
            }
            // Every run of lists and keywords a node names must lie inside what was read.
            for run in reader.listRuns where run.start < 0 || run.count < 0 || Int(run.start) + Int(run.count) > listCount { return nil }
            for run in reader.keywordRuns where run.start < 0 || run.count < 0 || Int(run.start) + Int(run.count) > keywordCount { return nil }
            // The parser adds a node after its children: a node that names itself or a later node
            // would make every walk of the tree loop, so it is a damaged archive.
            for (index, node) in nodes.enumerated() {
                for child in Self.children(of: node.kind, lists: lists, keywords: keywords) where child >= index { return nil }
            }
            var comments: [Comment] = []
            for _ in 0..<(try reader.count()) {
                comments.append(Comment(location: try reader.location(), text: try reader.string()))
            }
            var body: [Statement] = []
            for _ in 0..<(try reader.count()) {
                let location = try reader.location()
                let name = try reader.string()
                let bases = try reader.expressions()
                var classKeywords: [Keyword] = []
                for _ in 0..<(try reader.count()) {
                    classKeywords.append(Keyword(name: try reader.optionalString(), value: try reader.node(), location: try reader.location()))
                }
                var statements: [Statement] = []
                for _ in 0..<(try reader.count()) {
                    let innerLocation = try reader.location()
                    let kind: StatementKind
                    switch try reader.u8() {
                    case 0: kind = .assign(targets: try reader.expressions(), value: try reader.expression())
                    case 1:
                        kind = .annAssign(target: try reader.expression(), annotation: try reader.expression(),
                                          value: try reader.optionalExpression(), simple: try reader.u8() == 1)
                    case 2:
                        let target = try reader.expression()
                        let op = try reader.binaryOperator()
                        kind = .augAssign(target: target, op, value: try reader.expression())
                    default: return nil
                    }
                    statements.append(Statement(kind, at: innerLocation))
                }
                let definition = ClassDefinition(name: name, bases: bases, keywords: classKeywords, body: statements, decorators: [])
                body.append(Statement(.classDef(definition), at: location))
            }
            guard reader.atEnd else { return nil }
            return Module(body: body, comments: comments, expressions: ExpressionStore(nodes: nodes, lists: lists, keywords: keywords))
        } catch {
            return nil
        }
    }
}

extension ModuleArchive {
    /// Which nodes the view's statements reach; nil when one of them is a kind the archive does
    /// not write.
    static func reachableNodes(of view: Module) -> [Bool]? {
        let store = view.expressions
        var reachable = [Bool](repeating: false, count: store.nodes.count)
        var pending: [Int32] = []
        func root(_ expression: Expression?) { if let expression, expression.index >= 0 { pending.append(expression.index) } }
        for statement in view.body {
            guard case .classDef(let definition) = statement.kind else { continue }
            definition.bases.forEach(root)
            definition.keywords.forEach { root($0.value) }
            for inner in definition.body {
                switch inner.kind {
                case .assign(let targets, let value): targets.forEach(root); root(value)
                case .annAssign(let target, let annotation, let value, _): root(target); root(annotation); root(value)
                case .augAssign(let target, _, let value): root(target); root(value)
                default: break
                }
            }
        }
        while let next = pending.popLast() {
            guard next >= 0, Int(next) < reachable.count else { return nil }
            if reachable[Int(next)] { continue }
            reachable[Int(next)] = true
            pending += children(of: store.nodes[Int(next)].kind, lists: store.lists, keywords: store.keywordStorage)
        }
        return reachable
    }

    /// The nodes a node names, directly or through its lists and keywords (runs already checked).
    static func children(of kind: ExpressionKind, lists: [Expression], keywords: [Keyword]) -> [Int32] {
        func run(_ list: ExpressionList) -> [Int32] {
            lists[Int(list.start)..<Int(list.start + list.count)].map(\.index).filter { $0 >= 0 }
        }
        switch kind {
        case .boolOp(_, let values), .set(let values), .joinedStr(let values), .list(let values, _), .tuple(let values, _): return run(values)
        case .namedExpr(let a, let b), .binOp(let a, _, let b), .subscript(let a, let b, _): return [a.index, b.index]
        case .unaryOp(_, let a), .await(let a), .yieldFrom(let a), .attribute(let a, _, _), .starred(let a, _): return [a.index]
        case .ifExp(let a, let b, let c): return [a.index, b.index, c.index]
        case .dict(let keys, let values): return run(keys) + run(values)
        case .yield(let a): return a.map { [$0.index] } ?? []
        case .compare(let left, _, let comparators): return [left.index] + run(comparators)
        case .call(let function, let args, let keywordList):
            return [function.index] + run(args) + keywords[Int(keywordList.start)..<Int(keywordList.start + keywordList.count)].map(\.value.index)
        case .formattedValue(let value, _, let spec): return [value.index] + (spec.map { [$0.index] } ?? [])
        case .slice(let lower, let upper, let step): return [lower, upper, step].compactMap { $0?.index }
        case .constant, .name: return []
        case .lambda, .listComp, .setComp, .dictComp, .generatorExp: return [Int32.max]
        }
    }
}


private struct ArchiveWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// LEB128 of the zigzag form, so small negative numbers stay small.
    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }

    mutating func data<C: Collection>(_ data: C) where C.Element == UInt8 {
        int(data.count)
        bytes.append(contentsOf: data)
    }

    mutating func string(_ text: String) { data(text.utf8) }

    mutating func optionalString(_ text: String?) {
        if let text { u8(1); string(text) } else { u8(0) }
    }

    mutating func location(_ location: SourceLocation) {
        int(location.line)
        int(location.column)
    }

    mutating func expression(_ expression: Expression) { int(Int(expression.index)) }

    mutating func optionalExpression(_ expression: Expression?) {
        if let expression { u8(1); self.expression(expression) } else { u8(0) }
    }

    mutating func expressions(_ list: [Expression]) {
        int(list.count)
        for expression in list { self.expression(expression) }
    }

    mutating func list(_ list: ExpressionList) { int(Int(list.start)); int(Int(list.count)) }
    mutating func keywords(_ list: KeywordList) { int(Int(list.start)); int(Int(list.count)) }

    mutating func context(_ context: ExpressionContext) { u8(ExpressionContext.allCases.firstIndex(of: context).map(UInt8.init) ?? 0) }

    mutating func constant(_ value: ConstantValue) {
        switch value {
        case .none: u8(0)
        case .true: u8(1)
        case .false: u8(2)
        case .ellipsis: u8(3)
        case .string(let text): u8(4); data(text)
        case .bytes(let data): u8(5); self.data(data)
        case .int(.small(let number)): u8(6); int(Int(number))
        case .int(.large(let digits, let negative)): u8(7); string(digits); u8(negative ? 1 : 0)
        case .float(let number): u8(8); int(Int(bitPattern: UInt(number.bitPattern)))
        case .imaginary(let number): u8(9); int(Int(bitPattern: UInt(number.bitPattern)))
        }
    }

    /// false for the kinds the archive does not write.
    mutating func kind(_ kind: ExpressionKind) -> Bool {
        switch kind {
        case .boolOp(let op, let values): u8(0); u8(BooleanOperator.allCases.firstIndex(of: op).map(UInt8.init) ?? 0); list(values)
        case .namedExpr(let target, let value): u8(1); expression(target); expression(value)
        case .binOp(let left, let op, let right):
            u8(2); expression(left); u8(BinaryOperator.allCases.firstIndex(of: op).map(UInt8.init) ?? 0); expression(right)
        case .unaryOp(let op, let operand): u8(3); u8(UnaryOperator.allCases.firstIndex(of: op).map(UInt8.init) ?? 0); expression(operand)
        case .ifExp(let test, let body, let orElse): u8(4); expression(test); expression(body); expression(orElse)
        case .dict(let keys, let values): u8(5); list(keys); list(values)
        case .set(let elements): u8(6); list(elements)
        case .await(let value): u8(7); expression(value)
        case .yield(let value): u8(8); optionalExpression(value)
        case .yieldFrom(let value): u8(9); expression(value)
        case .compare(let left, let ops, let comparators):
            u8(10); expression(left); int(ops.count)
            for op in ops { u8(ComparisonOperator.allCases.firstIndex(of: op).map(UInt8.init) ?? 0) }
            list(comparators)
        case .call(let function, let args, let keywords): u8(11); expression(function); list(args); self.keywords(keywords)
        case .formattedValue(let value, let conversion, let spec): u8(12); expression(value); int(conversion); optionalExpression(spec)
        case .joinedStr(let values): u8(13); list(values)
        case .constant(let value, let kind): u8(14); constant(value); optionalString(kind)
        case .attribute(let value, let name, let context): u8(15); expression(value); string(name); self.context(context)
        case .subscript(let value, let slice, let context): u8(16); expression(value); expression(slice); self.context(context)
        case .starred(let value, let context): u8(17); expression(value); self.context(context)
        case .name(let name, let context): u8(18); string(name); self.context(context)
        case .list(let elements, let context): u8(19); list(elements); self.context(context)
        case .tuple(let elements, let context): u8(20); list(elements); self.context(context)
        case .slice(let lower, let upper, let step): u8(21); optionalExpression(lower); optionalExpression(upper); optionalExpression(step)
        case .lambda, .listComp, .setComp, .dictComp, .generatorExp: return false
        }
        return true
    }
}

private struct ArchiveReader {
    struct Damaged: Error {}

    let bytes: [UInt8]
    var position = 0
    /// Set once the nodes' count is read: every expression index must be below it.
    var nodeCount = 0
    var listRuns: [ExpressionList] = []
    var keywordRuns: [KeywordList] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func u8() throws(Damaged) -> UInt8 {
        guard position < bytes.count else { throw Damaged() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u32() throws(Damaged) -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try u8()) << UInt32(shift) }
        return value
    }

    mutating func int() throws(Damaged) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            guard shift < 64 else { throw Damaged() }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        // Zigzag back, on the unsigned bits: a signed shift would smear the sign in.
        return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
    }

    /// A count of things that follow, each at least one byte: never more than the bytes left.
    mutating func count() throws(Damaged) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw Damaged() }
        return value
    }

    mutating func data() throws(Damaged) -> ArraySlice<UInt8> {
        let length = try int()
        guard length >= 0, length <= bytes.count - position else { throw Damaged() }
        defer { position += length }
        return bytes[position..<(position + length)]
    }

    mutating func string() throws(Damaged) -> String {
        guard let text = String(validating: try data(), as: UTF8.self) else { throw Damaged() }
        return text
    }

    mutating func optionalString() throws(Damaged) -> String? {
        try u8() == 1 ? try string() : nil
    }

    mutating func location() throws(Damaged) -> SourceLocation {
        SourceLocation(line: try int(), column: try int())
    }

    mutating func expression() throws(Damaged) -> Expression {
        let index = try int()
        guard index == -1 || (index >= 0 && index < nodeCount) else { throw Damaged() }
        return Expression(index: Int32(index))
    }

    /// An expression that must name a node (only a dict's keys may hold `noKey`, through a list).
    mutating func node() throws(Damaged) -> Expression {
        let expression = try self.expression()
        guard expression.index >= 0 else { throw Damaged() }
        return expression
    }

    mutating func optionalExpression() throws(Damaged) -> Expression? {
        try u8() == 1 ? try node() : nil
    }

    mutating func expressions() throws(Damaged) -> [Expression] {
        var list: [Expression] = []
        for _ in 0..<(try count()) { list.append(try node()) }
        return list
    }

    mutating func list() throws(Damaged) -> ExpressionList {
        let start = try int(), count = try int()
        guard let start32 = Int32(exactly: start), let count32 = Int32(exactly: count) else { throw Damaged() }
        if count == 0 { return .empty }
        let list = ExpressionList(start: start32, count: count32)
        listRuns.append(list)
        return list
    }

    mutating func keywords() throws(Damaged) -> KeywordList {
        let start = try int(), count = try int()
        guard let start32 = Int32(exactly: start), let count32 = Int32(exactly: count) else { throw Damaged() }
        if count == 0 { return .empty }
        let list = KeywordList(start: start32, count: count32)
        keywordRuns.append(list)
        return list
    }

    private mutating func pick<T: CaseIterable>(_ type: T.Type) throws(Damaged) -> T where T.AllCases: RandomAccessCollection, T.AllCases.Index == Int {
        let index = Int(try u8())
        guard index < T.allCases.count else { throw Damaged() }
        return T.allCases[T.allCases.startIndex + index]
    }

    mutating func binaryOperator() throws(Damaged) -> BinaryOperator { try pick(BinaryOperator.self) }
    mutating func context() throws(Damaged) -> ExpressionContext { try pick(ExpressionContext.self) }

    mutating func constant() throws(Damaged) -> ConstantValue {
        switch try u8() {
        case 0: return .none
        case 1: return .true
        case 2: return .false
        case 3: return .ellipsis
        case 4: return .string(ArraySlice(try data()))
        case 5: return .bytes(ArraySlice(try data()))
        case 6:
            guard let number = Int64(exactly: try int()) else { throw Damaged() }
            return .int(.small(number))
        case 7:
            let digits = try string()
            return .int(.large(digits, negative: try u8() == 1))
        case 8: return .float(Double(bitPattern: UInt64(UInt(bitPattern: try int()))))
        case 9: return .imaginary(Double(bitPattern: UInt64(UInt(bitPattern: try int()))))
        default: throw Damaged()
        }
    }

    mutating func kind() throws(Damaged) -> ExpressionKind {
        switch try u8() {
        case 0: return .boolOp(try pick(BooleanOperator.self), try list())
        case 1: return .namedExpr(target: try node(), value: try node())
        case 2: return .binOp(try node(), try pick(BinaryOperator.self), try node())
        case 3: return .unaryOp(try pick(UnaryOperator.self), try node())
        case 4: return .ifExp(test: try node(), body: try node(), orElse: try node())
        case 5: return .dict(keys: try list(), values: try list())
        case 6: return .set(try list())
        case 7: return .await(try node())
        case 8: return .yield(try optionalExpression())
        case 9: return .yieldFrom(try node())
        case 10:
            let left = try node()
            var ops: [ComparisonOperator] = []
            for _ in 0..<(try count()) { ops.append(try pick(ComparisonOperator.self)) }
            return .compare(left, ops, try list())
        case 11: return .call(try node(), args: try list(), keywords: try keywords())
        case 12: return .formattedValue(try node(), conversion: try int(), formatSpec: try optionalExpression())
        case 13: return .joinedStr(try list())
        case 14: return .constant(try constant(), kind: try optionalString())
        case 15: return .attribute(try node(), try string(), try context())
        case 16: return .subscript(try node(), try node(), try context())
        case 17: return .starred(try node(), try context())
        case 18: return .name(try string(), try context())
        case 19: return .list(try list(), try context())
        case 20: return .tuple(try list(), try context())
        case 21: return .slice(lower: try optionalExpression(), upper: try optionalExpression(), step: try optionalExpression())
        default: throw Damaged()
        }
    }
}
