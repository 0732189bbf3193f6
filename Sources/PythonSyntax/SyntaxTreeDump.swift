/// Prints a syntax tree the way CPython 3.11's `ast.dump(tree)` does, so trees can be written
/// as expected values in tests and compared with CPython's own. With `positions`, every node
/// that has a line number outside an f-string also prints `@line:column` after its class name.
public struct SyntaxTreeDump {
    public var includePositions: Bool
    private let store: ExpressionStore
    private var out = ""
    private var insideFString = false

    init(store: ExpressionStore, includePositions: Bool = false) {
        self.store = store
        self.includePositions = includePositions
    }

    public static func dump(_ module: Module, includePositions: Bool = false) -> String {
        var dumper = SyntaxTreeDump(store: module.expressions, includePositions: includePositions)
        dumper.out.reserveCapacity(1024)
        dumper.node("Module", nil) { d in
            d.field("body") { $0.statements(module.body) }
            d.field("type_ignores") { $0.out += "[]" }
        }
        return dumper.out
    }

    public static func dump(_ expression: Expression, in store: ExpressionStore) -> String {
        var dumper = SyntaxTreeDump(store: store)
        dumper.expression(expression)
        return dumper.out
    }

    // MARK: - Building blocks

    private var fieldCount: [Int] = []

    private mutating func node(_ name: String, _ location: SourceLocation?, _ fields: (inout SyntaxTreeDump) -> Void) {
        out += name
        if includePositions, !insideFString, let location {
            out += "@\(location.line):\(location.column)"
        }
        out += "("
        fieldCount.append(0)
        fields(&self)
        fieldCount.removeLast()
        out += ")"
    }

    private mutating func field(_ name: String, _ value: (inout SyntaxTreeDump) -> Void) {
        if fieldCount[fieldCount.count - 1] > 0 { out += ", " }
        fieldCount[fieldCount.count - 1] += 1
        out += name
        out += "="
        value(&self)
    }

    private mutating func optionalField<T>(_ name: String, _ value: T?, _ write: (inout SyntaxTreeDump, T) -> Void) {
        guard let value else { return }
        field(name) { write(&$0, value) }
    }

    private mutating func list<T>(_ items: [T], _ write: (inout SyntaxTreeDump, T) -> Void) {
        out += "["
        for (k, item) in items.enumerated() {
            if k > 0 { out += ", " }
            write(&self, item)
        }
        out += "]"
    }

    private mutating func string(_ text: String) { out += pythonRepr(Array(text.utf8)) }

    private mutating func statements(_ items: [Statement]) { list(items) { $0.statement($1) } }
    private mutating func expressions(_ items: [Expression]) { list(items) { $0.expression($1) } }
    private mutating func expressions(_ items: ExpressionList) { list(Array(store[items])) { $0.expression($1) } }
    private mutating func names(_ items: [String]) { list(items) { $0.string($1) } }
    private mutating func context(_ ctx: ExpressionContext) { out += ctx.rawValue + "()" }

    // MARK: - Statements

    private mutating func statement(_ s: Statement) {
        let at = s.location
        switch s.kind {
        case .functionDef(let f):
            node(f.isAsync ? "AsyncFunctionDef" : "FunctionDef", at) { d in
                d.field("name") { $0.string(f.name) }
                d.field("args") { $0.parameters(f.arguments) }
                d.field("body") { $0.statements(f.body) }
                d.field("decorator_list") { $0.expressions(f.decorators) }
                d.optionalField("returns", f.returns) { $0.expression($1) }
            }
        case .classDef(let c):
            node("ClassDef", at) { d in
                d.field("name") { $0.string(c.name) }
                d.field("bases") { $0.expressions(c.bases) }
                d.field("keywords") { $0.list(c.keywords) { $0.keyword($1) } }
                d.field("body") { $0.statements(c.body) }
                d.field("decorator_list") { $0.expressions(c.decorators) }
            }
        case .return(let value):
            node("Return", at) { d in d.optionalField("value", value) { $0.expression($1) } }
        case .delete(let targets):
            node("Delete", at) { d in d.field("targets") { $0.expressions(targets) } }
        case .assign(let targets, let value):
            node("Assign", at) { d in
                d.field("targets") { $0.expressions(targets) }
                d.field("value") { $0.expression(value) }
            }
        case .augAssign(let target, let op, let value):
            node("AugAssign", at) { d in
                d.field("target") { $0.expression(target) }
                d.field("op") { $0.out += op.rawValue + "()" }
                d.field("value") { $0.expression(value) }
            }
        case .annAssign(let target, let annotation, let value, let simple):
            node("AnnAssign", at) { d in
                d.field("target") { $0.expression(target) }
                d.field("annotation") { $0.expression(annotation) }
                d.optionalField("value", value) { $0.expression($1) }
                d.field("simple") { $0.out += simple ? "1" : "0" }
            }
        case .for(let target, let iter, let body, let orElse, let isAsync):
            node(isAsync ? "AsyncFor" : "For", at) { d in
                d.field("target") { $0.expression(target) }
                d.field("iter") { $0.expression(iter) }
                d.field("body") { $0.statements(body) }
                d.field("orelse") { $0.statements(orElse) }
            }
        case .while(let test, let body, let orElse):
            node("While", at) { d in
                d.field("test") { $0.expression(test) }
                d.field("body") { $0.statements(body) }
                d.field("orelse") { $0.statements(orElse) }
            }
        case .if(let test, let body, let orElse):
            node("If", at) { d in
                d.field("test") { $0.expression(test) }
                d.field("body") { $0.statements(body) }
                d.field("orelse") { $0.statements(orElse) }
            }
        case .with(let items, let body, let isAsync):
            node(isAsync ? "AsyncWith" : "With", at) { d in
                d.field("items") {
                    $0.list(items) { d, item in
                        d.node("withitem", nil) { d in
                            d.field("context_expr") { $0.expression(item.contextExpression) }
                            d.optionalField("optional_vars", item.optionalVars) { $0.expression($1) }
                        }
                    }
                }
                d.field("body") { $0.statements(body) }
            }
        case .match(let subject, let cases):
            node("Match", at) { d in
                d.field("subject") { $0.expression(subject) }
                d.field("cases") {
                    $0.list(cases) { d, c in
                        d.node("match_case", nil) { d in
                            d.field("pattern") { $0.pattern(c.pattern) }
                            d.optionalField("guard", c.guardExpression) { $0.expression($1) }
                            d.field("body") { $0.statements(c.body) }
                        }
                    }
                }
            }
        case .raise(let exception, let cause):
            node("Raise", at) { d in
                d.optionalField("exc", exception) { $0.expression($1) }
                d.optionalField("cause", cause) { $0.expression($1) }
            }
        case .try(let body, let handlers, let orElse, let finalBody, let isStar):
            node(isStar ? "TryStar" : "Try", at) { d in
                d.field("body") { $0.statements(body) }
                d.field("handlers") {
                    $0.list(handlers) { d, h in
                        d.node("ExceptHandler", h.location) { d in
                            d.optionalField("type", h.type) { $0.expression($1) }
                            d.optionalField("name", h.name) { $0.string($1) }
                            d.field("body") { $0.statements(h.body) }
                        }
                    }
                }
                d.field("orelse") { $0.statements(orElse) }
                d.field("finalbody") { $0.statements(finalBody) }
            }
        case .assert(let test, let message):
            node("Assert", at) { d in
                d.field("test") { $0.expression(test) }
                d.optionalField("msg", message) { $0.expression($1) }
            }
        case .import(let names):
            node("Import", at) { d in d.field("names") { $0.list(names) { $0.alias($1) } } }
        case .importFrom(let module, let names, let level):
            node("ImportFrom", at) { d in
                d.optionalField("module", module) { $0.string($1) }
                d.field("names") { $0.list(names) { $0.alias($1) } }
                d.field("level") { $0.out += String(level) }
            }
        case .global(let names):
            node("Global", at) { d in d.field("names") { $0.names(names) } }
        case .nonlocal(let names):
            node("Nonlocal", at) { d in d.field("names") { $0.names(names) } }
        case .expression(let value):
            node("Expr", at) { d in d.field("value") { $0.expression(value) } }
        case .pass: node("Pass", at) { _ in }
        case .break: node("Break", at) { _ in }
        case .continue: node("Continue", at) { _ in }
        }
    }

    private mutating func alias(_ a: Alias) {
        node("alias", a.location) { d in
            d.field("name") { $0.string(a.name) }
            d.optionalField("asname", a.asName) { $0.string($1) }
        }
    }

    private mutating func keyword(_ k: Keyword) {
        node("keyword", k.location) { d in
            d.optionalField("arg", k.name) { $0.string($1) }
            d.field("value") { $0.expression(k.value) }
        }
    }

    private mutating func parameter(_ p: Parameter) {
        node("arg", p.location) { d in
            d.field("arg") { $0.string(p.name) }
            d.optionalField("annotation", p.annotation) { $0.expression($1) }
        }
    }

    private mutating func parameters(_ a: ParameterList) {
        node("arguments", nil) { d in
            d.field("posonlyargs") { $0.list(a.positionalOnly) { $0.parameter($1) } }
            d.field("args") { $0.list(a.args) { $0.parameter($1) } }
            d.optionalField("vararg", a.vararg) { $0.parameter($1) }
            d.field("kwonlyargs") { $0.list(a.keywordOnly) { $0.parameter($1) } }
            d.field("kw_defaults") {
                $0.list(a.keywordDefaults) { d, e in if let e { d.expression(e) } else { d.out += "None" } }
            }
            d.optionalField("kwarg", a.kwarg) { $0.parameter($1) }
            d.field("defaults") { $0.expressions(a.defaults) }
        }
    }

    private mutating func comprehensions(_ items: [Comprehension]) {
        list(items) { d, c in
            d.node("comprehension", nil) { d in
                d.field("target") { $0.expression(c.target) }
                d.field("iter") { $0.expression(c.iter) }
                d.field("ifs") { $0.expressions(c.ifs) }
                d.field("is_async") { $0.out += c.isAsync ? "1" : "0" }
            }
        }
    }

    // MARK: - Expressions

    private mutating func expression(_ e: Expression) {
        let expressionNode = store[e]
        let at = expressionNode.location
        switch expressionNode.kind {
        case .boolOp(let op, let values):
            node("BoolOp", at) { d in
                d.field("op") { $0.out += op.rawValue + "()" }
                d.field("values") { $0.expressions(values) }
            }
        case .namedExpr(let target, let value):
            node("NamedExpr", at) { d in
                d.field("target") { $0.expression(target) }
                d.field("value") { $0.expression(value) }
            }
        case .binOp(let left, let op, let right):
            node("BinOp", at) { d in
                d.field("left") { $0.expression(left) }
                d.field("op") { $0.out += op.rawValue + "()" }
                d.field("right") { $0.expression(right) }
            }
        case .unaryOp(let op, let operand):
            node("UnaryOp", at) { d in
                d.field("op") { $0.out += op.rawValue + "()" }
                d.field("operand") { $0.expression(operand) }
            }
        case .lambda(let arguments, let body):
            node("Lambda", at) { d in
                d.field("args") { $0.parameters(arguments) }
                d.field("body") { $0.expression(body) }
            }
        case .ifExp(let test, let body, let orElse):
            node("IfExp", at) { d in
                d.field("test") { $0.expression(test) }
                d.field("body") { $0.expression(body) }
                d.field("orelse") { $0.expression(orElse) }
            }
        case .dict(let keys, let values):
            node("Dict", at) { d in
                d.field("keys") { $0.list(Array($0.store[keys])) { d, k in if k != Expression.noKey { d.expression(k) } else { d.out += "None" } } }
                d.field("values") { $0.expressions(values) }
            }
        case .set(let elements):
            node("Set", at) { d in d.field("elts") { $0.expressions(elements) } }
        case .listComp(let element, let generators), .setComp(let element, let generators),
             .generatorExp(let element, let generators):
            node(expressionNode.kind.className, at) { d in
                d.field("elt") { $0.expression(element) }
                d.field("generators") { $0.comprehensions(generators) }
            }
        case .dictComp(let key, let value, let generators):
            node("DictComp", at) { d in
                d.field("key") { $0.expression(key) }
                d.field("value") { $0.expression(value) }
                d.field("generators") { $0.comprehensions(generators) }
            }
        case .await(let value), .yieldFrom(let value):
            node(expressionNode.kind.className, at) { d in d.field("value") { $0.expression(value) } }
        case .yield(let value):
            node("Yield", at) { d in d.optionalField("value", value) { $0.expression($1) } }
        case .compare(let left, let ops, let comparators):
            node("Compare", at) { d in
                d.field("left") { $0.expression(left) }
                d.field("ops") { $0.list(ops) { $0.out += $1.rawValue + "()" } }
                d.field("comparators") { $0.expressions(comparators) }
            }
        case .call(let function, let args, let keywords):
            node("Call", at) { d in
                d.field("func") { $0.expression(function) }
                d.field("args") { $0.expressions(args) }
                d.field("keywords") { $0.list(Array($0.store[keywords])) { $0.keyword($1) } }
            }
        case .formattedValue(let value, let conversion, let spec):
            node("FormattedValue", at) { d in
                d.field("value") { $0.expression(value) }
                d.field("conversion") { $0.out += String(conversion) }
                d.optionalField("format_spec", spec) { $0.expression($1) }
            }
        case .joinedStr(let values):
            node("JoinedStr", at) { d in
                let wasInside = d.insideFString
                d.insideFString = true
                d.field("values") { $0.expressions(values) }
                d.insideFString = wasInside
            }
        case .constant(let value, let kind):
            node("Constant", at) { d in
                d.field("value") { $0.constant(value) }
                d.optionalField("kind", kind) { $0.string($1) }
            }
        case .attribute(let value, let attribute, let ctx):
            node("Attribute", at) { d in
                d.field("value") { $0.expression(value) }
                d.field("attr") { $0.string(attribute) }
                d.field("ctx") { $0.context(ctx) }
            }
        case .subscript(let value, let slice, let ctx):
            node("Subscript", at) { d in
                d.field("value") { $0.expression(value) }
                d.field("slice") { $0.expression(slice) }
                d.field("ctx") { $0.context(ctx) }
            }
        case .starred(let value, let ctx):
            node("Starred", at) { d in
                d.field("value") { $0.expression(value) }
                d.field("ctx") { $0.context(ctx) }
            }
        case .name(let id, let ctx):
            node("Name", at) { d in
                d.field("id") { $0.string(id) }
                d.field("ctx") { $0.context(ctx) }
            }
        case .list(let elements, let ctx), .tuple(let elements, let ctx):
            node(expressionNode.kind.className, at) { d in
                d.field("elts") { $0.expressions(elements) }
                d.field("ctx") { $0.context(ctx) }
            }
        case .slice(let lower, let upper, let step):
            node("Slice", at) { d in
                d.optionalField("lower", lower) { $0.expression($1) }
                d.optionalField("upper", upper) { $0.expression($1) }
                d.optionalField("step", step) { $0.expression($1) }
            }
        }
    }

    private mutating func constant(_ value: ConstantValue) {
        switch value {
        case .none: out += "None"
        case .true: out += "True"
        case .false: out += "False"
        case .ellipsis: out += "Ellipsis"
        case .string(let bytes): out += pythonRepr(Array(bytes))
        case .bytes(let bytes): out += pythonBytesRepr(Array(bytes))
        case .int(let v): out += v.description
        case .float(let v): out += pythonFloatRepr(v)
        case .imaginary(let v):
            var text = pythonFloatRepr(v)
            if text.hasSuffix(".0") { text.removeLast(2) }
            out += text + "j"
        }
    }

    // MARK: - Patterns

    private mutating func pattern(_ p: Pattern) {
        let at = p.location
        switch p.kind {
        case .matchValue(let value):
            node("MatchValue", at) { d in d.field("value") { $0.expression(value) } }
        case .matchSingleton(let value):
            node("MatchSingleton", at) { d in d.field("value") { $0.constant(value) } }
        case .matchSequence(let patterns):
            node("MatchSequence", at) { d in d.field("patterns") { $0.list(patterns) { $0.pattern($1) } } }
        case .matchMapping(let keys, let patterns, let rest):
            node("MatchMapping", at) { d in
                d.field("keys") { $0.expressions(keys) }
                d.field("patterns") { $0.list(patterns) { $0.pattern($1) } }
                d.optionalField("rest", rest) { $0.string($1) }
            }
        case .matchClass(let cls, let patterns, let names, let keywordPatterns):
            node("MatchClass", at) { d in
                d.field("cls") { $0.expression(cls) }
                d.field("patterns") { $0.list(patterns) { $0.pattern($1) } }
                d.field("kwd_attrs") { $0.names(names) }
                d.field("kwd_patterns") { $0.list(keywordPatterns) { $0.pattern($1) } }
            }
        case .matchStar(let name):
            node("MatchStar", at) { d in d.optionalField("name", name) { $0.string($1) } }
        case .matchAs(let inner, let name):
            node("MatchAs", at) { d in
                d.optionalField("pattern", inner) { $0.pattern($1) }
                d.optionalField("name", name) { $0.string($1) }
            }
        case .matchOr(let patterns):
            node("MatchOr", at) { d in d.field("patterns") { $0.list(patterns) { $0.pattern($1) } } }
        }
    }
}

// MARK: - Python repr of literals

/// `repr(str)` for a string held as generalized UTF-8.
public func pythonRepr(_ bytes: [UInt8]) -> String {
    let scalars = decodeGeneralizedUTF8(bytes)
    let hasSingle = scalars.contains(0x27)
    let quote: UInt32 = hasSingle && !scalars.contains(0x22) ? 0x22 : 0x27
    var out = quote == 0x22 ? "\"" : "'"
    for v in scalars {
        switch v {
        case quote, 0x5C: out += "\\" + String(UnicodeScalar(UInt8(v)))
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(v)!)
        default:
            if v >= 0x80, let scalar = Unicode.Scalar(v), isPrintable(scalar) {
                out.unicodeScalars.append(scalar)
            } else if v <= 0xFF {
                out += "\\x" + hex(v, width: 2)
            } else if v <= 0xFFFF {
                out += "\\u" + hex(v, width: 4)
            } else {
                out += "\\U" + hex(v, width: 8)
            }
        }
    }
    return out + (quote == 0x22 ? "\"" : "'")
}

/// `repr(bytes)`.
public func pythonBytesRepr(_ bytes: [UInt8]) -> String {
    let quote: UInt8 = bytes.contains(0x27) && !bytes.contains(0x22) ? 0x22 : 0x27
    var out = quote == 0x22 ? "b\"" : "b'"
    for b in bytes {
        switch b {
        case quote, 0x5C: out += "\\" + String(UnicodeScalar(b))
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(b))
        default: out += "\\x" + hex(UInt32(b), width: 2)
        }
    }
    return out + (quote == 0x22 ? "\"" : "'")
}

private func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// Python's `str.isprintable` for one character: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs.
private func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
        return false
    default:
        return true
    }
}

/// Code points of generalized UTF-8 (surrogates allowed).
func decodeGeneralizedUTF8(_ bytes: [UInt8]) -> [UInt32] {
    var out: [UInt32] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b < 0x80 {
            out.append(UInt32(b)); i += 1
        } else if b < 0xE0, i + 1 < bytes.count {
            out.append(UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)); i += 2
        } else if b < 0xF0, i + 2 < bytes.count {
            out.append(UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)); i += 3
        } else if i + 3 < bytes.count {
            out.append(UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)); i += 4
        } else {
            out.append(0xFFFD); i += 1
        }
    }
    return out
}
