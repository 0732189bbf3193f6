import Foundation
import PythonSyntax
import Testing

/// Source that is not Python must come back as `.failure` with a place and a message, never as a crash.
/// Every case here was checked to be a syntax error in CPython 3.11 too; `line` and `message` are
/// CPython's (or the part of CPython's message we share), `column` is CPython's where ours agrees.
struct MalformedExample: Sendable, CustomTestStringConvertible {
    var source: String
    var line: Int
    var column: Int?
    var message: String

    init(_ source: String, line: Int, column: Int?, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { source.debugDescription }
}

private func failure(_ source: String) -> PythonSyntaxError? {
    if case .failure(let error) = PythonParser.parse(source) { return error }
    return nil
}

private func failure(bytes: [UInt8]) -> PythonSyntaxError? {
    if case .failure(let error) = PythonParser.parse(fileBytes: bytes) { return error }
    return nil
}

@Test("Malformed source is a syntax error at CPython's place", arguments: MalformedExample.all)
func reportsSyntaxError(_ example: MalformedExample) throws {
    let error = try #require(failure(example.source))
    #expect(error.line == example.line)
    if let column = example.column { #expect(error.column == column) }
    #expect(error.message.contains(example.message), "\(error.message)")
}

// MARK: - A migration cut short

private let createItemMigration = """
    from django.db import migrations, models


    class Migration(migrations.Migration):
        initial = True
        dependencies = []
        operations = [
            migrations.CreateModel(
                name="Item",
                fields=[
                    ("id", models.AutoField(primary_key=True)),
                    ("price", models.DecimalField(max_digits=8, decimal_places=2, default=-1.5)),
                ],
            ),
        ]

    """

@Test func migrationCutInHalfPointsAtTheOpenBracket() {
    let bytes = Array(createItemMigration.utf8)
    #expect((try? PythonParser.parse(fileBytes: bytes).get()) != nil)
    // Cut after `name="Item",`: the innermost open bracket is `CreateModel(`.
    #expect(failure(bytes: Array(bytes.prefix(bytes.count / 2)))
        == PythonSyntaxError(line: 8, column: 31, message: "'(' was never closed"))
    // Cut inside `AutoField(primary_ke`.
    #expect(failure(bytes: Array(bytes.prefix(270)))
        == PythonSyntaxError(line: 11, column: 40, message: "'(' was never closed"))
}

@Test func migrationCutAtAWordBoundaryMayStillParse() throws {
    // `...dependencies = []\n    operatio` is a class whose body ends with the bare name `operatio`.
    let cut = String(decoding: Array(createItemMigration.utf8).prefix(135), as: UTF8.self)
    let module = try PythonParser.parse(cut).get()
    #expect(SyntaxTreeDump.dump(module).hasSuffix("Expr(value=Name(id='operatio', ctx=Load()))], decorator_list=[])], type_ignores=[])"))
}

// MARK: - Every prefix of valid code

/// A valid snippet, and how many of its byte prefixes (from the empty one to the whole) CPython 3.11
/// parses. Every other prefix must fail cleanly.
struct TruncationExample: Sendable, CustomTestStringConvertible {
    var source: String
    var parsingPrefixes: Int

    init(_ source: String, parsingPrefixes: Int) {
        self.source = source
        self.parsingPrefixes = parsingPrefixes
    }

    var testDescription: String { String(source.prefix(40)).debugDescription }
}

@Test("Every byte prefix parses or fails like CPython", arguments: TruncationExample.all)
func everyPrefixParsesOrFailsCleanly(_ example: TruncationExample) {
    let bytes = Array(example.source.utf8)
    let lineCount = bytes.filter { $0 == 0x0A }.count + 1
    var parsed = 0
    for length in 0...bytes.count {
        switch PythonParser.parse(fileBytes: Array(bytes.prefix(length))) {
        case .success:
            parsed += 1
        case .failure(let error):
            #expect((1...lineCount).contains(error.line) && error.column >= 1, "prefix \(length): \(error)")
            #expect(!error.message.isEmpty)
        }
    }
    #expect(parsed == example.parsingPrefixes)
}

// MARK: - Deep nesting

private func nested(_ open: String, _ middle: String, _ close: String, depth: Int) -> String {
    String(repeating: open, count: depth) + middle + String(repeating: close, count: depth)
}

private func failureOnLargeStack(_ source: String) -> PythonSyntaxError? {
    LargeStack.run { failure(source) }
}

private func treeOnLargeStack(_ source: String) -> String? {
    LargeStack.run {
        guard case .success(let module) = PythonParser.parse(source) else { return nil }
        return SyntaxTreeDump.dump(module)
    }
}

@Test func parenthesesNestedBeyondCPythonsLimitFailOnTheTestThread() {
    // The tokenizer stops at the 201st bracket, before the parser recurses.
    let tooDeep = nested("(", "", ")", depth: 1000)
    #expect(failure(tooDeep) == PythonSyntaxError(line: 1, column: 201, message: "too many nested parentheses"))
    #expect(failure("x = " + nested("(", "1", ")", depth: 1000))
        == PythonSyntaxError(line: 1, column: 205, message: "too many nested parentheses"))
}

@Test func parenthesesNestedBeyondCPythonsLimitFailOnALargeStack() {
    #expect(failureOnLargeStack(nested("(", "", ")", depth: 1000))
        == PythonSyntaxError(line: 1, column: 201, message: "too many nested parentheses"))
    // 200 levels is CPython's limit, and fine.
    #expect(treeOnLargeStack(nested("(", "x", ")", depth: 200)) == "Module(body=[Expr(value=Name(id='x', ctx=Load()))], type_ignores=[])")
}

@Test(arguments: [("[", "]"), ("{", "}"), ("f(", ")"), ("x[", "]")])
func otherBracketsShareTheLimit(open: String, close: String) {
    let error = failureOnLargeStack(nested(open, "1", close, depth: 1000))
    #expect(error?.message == "too many nested parentheses")
    #expect(error?.line == 1)
}

@Test func nestedListsAtTheLimit() {
    #expect(failureOnLargeStack(nested("[", "", "]", depth: 1000))
        == PythonSyntaxError(line: 1, column: 201, message: "too many nested parentheses"))
    let tree = treeOnLargeStack(nested("[", "", "]", depth: 200))
    #expect(tree?.components(separatedBy: "List(").count == 201)
}

/// Prefix operators and right-nested expressions that CPython 3.11 parses at 900 levels and rejects
/// (with a MemoryError) at 100,000.
@Test(arguments: [
    ("-", "x", "UnaryOp("),
    ("not ", "x", "UnaryOp("),
    ("~", "1", "UnaryOp("),
    ("lambda: ", "x", "Lambda("),
    ("a if b else ", "c", "IfExp("),
])
func deepPrefixChains(prefix: String, operand: String, node: String) {
    let tree = treeOnLargeStack(String(repeating: prefix, count: 900) + operand)
    #expect(tree?.components(separatedBy: node).count == 901)

    let error = failureOnLargeStack(String(repeating: prefix, count: 100_000) + operand)
    #expect(error?.line == 1)
    #expect(error?.message.contains("too many nested") == true)
}

@Test func nestedFStringsAreBoundedByTheirQuotes() {
    // CPython 3.11 ends an f-string at its own quote, so a same-quote f-string cannot nest.
    #expect(failureOnLargeStack(nested("f'{", "x", "}'", depth: 1000))?.line == 1)
    // Each of the four quote kinds can hold the next.
    let four = ##"f'''{f"""{f'{f"{x}"}'}"""}'''"##
    #expect(treeOnLargeStack(four)?.components(separatedBy: "JoinedStr(").count == 5)
}

private func nestedIfs(_ depth: Int) -> String {
    (0..<depth).map { String(repeating: " ", count: $0) + "if x:\n" }.joined() + String(repeating: " ", count: depth) + "pass\n"
}

@Test func indentationIsBoundedLikeCPython() {
    // 99 levels are fine; the 100th indent is CPython's "too many levels of indentation".
    #expect(treeOnLargeStack(nestedIfs(99))?.components(separatedBy: "If(").count == 100)
    for depth in [100, 1000] {
        let error = failureOnLargeStack(nestedIfs(depth))
        #expect(error?.line == 101)
        #expect(error?.message == "too many levels of indentation")
    }
}

// MARK: - Big files

/// A migration of about 10 MB: ten thousand `RunSQL` operations with a comment and some code each.
private func tenMegabyteMigration() -> (text: String, operations: Int) {
    let sql = String(repeating: "UPDATE shop_item SET price = price * 2 WHERE id > 0; ", count: 17)
    var text = "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n"
    let operations = 10_000
    for i in 0..<operations {
        text += "        # step \(i): double every price, then again, and once more for luck, as agreed\n"
        text += "        migrations.RunSQL(\"\(sql)\", reverse_sql=[1, 2, \"three\"]),\n"
    }
    text += "    ]\n"
    return (text, operations)
}

@Test func tenMegabyteMigrationParses() throws {
    let (text, operations) = tenMegabyteMigration()
    #expect(text.utf8.count >= 10_000_000)
    let module = try PythonParser.parse(fileBytes: Array(text.utf8)).get()
    #expect(module.comments.count == operations)
    guard case .classDef(let migration) = module.body.last?.kind,
          case .assign(_, let value) = migration.body.first?.kind,
          case .list(let list, _) = module.expressions[value].kind else {
        Issue.record("expected `class Migration` with `operations = [...]`")
        return
    }
    let elements = module.expressions[list]
    #expect(elements.count == operations)
    #expect(elements.last.map { module.expressions[$0].location } == PythonSyntax.SourceLocation(line: 5 + 2 * operations, column: 8))
}

/// Deterministic bytes (SplitMix64), so a failure can be replayed.
private func pseudoRandomBytes(count: Int, seed: UInt64, from alphabet: [UInt8]? = nil) -> [UInt8] {
    var state = seed
    var out = [UInt8]()
    out.reserveCapacity(count)
    while out.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let byte = UInt8(truncatingIfNeeded: z)
        out.append(alphabet.map { $0[Int(byte) % $0.count] } ?? byte)
    }
    return out
}

@Test func tenMegabytesOfRandomBytesFailCleanly() throws {
    let error = try #require(failureOnLargeStack(bytes: pseudoRandomBytes(count: 10_000_000, seed: 1)))
    #expect(error.line >= 1 && error.column >= 1)
}

@Test func tenMegabytesOfPythonPunctuationFailCleanly() throws {
    let alphabet = Array("()[]{}:=+-*/ \n\t'\"#abc123._,\\".utf8)
    let error = try #require(failureOnLargeStack(bytes: pseudoRandomBytes(count: 10_000_000, seed: 2, from: alphabet)))
    #expect(error.line >= 1 && error.column >= 1)
    #expect(!error.message.isEmpty)
}

private func failureOnLargeStack(bytes: [UInt8]) -> PythonSyntaxError? {
    LargeStack.run { failure(bytes: bytes) }
}

extension MalformedExample {
    static let all: [MalformedExample] = [
        // MARK: Unbalanced brackets
        MalformedExample("f(", line: 1, column: 2, message: "'(' was never closed"),
        MalformedExample(")", line: 1, column: 1, message: "unmatched ')'"),
        MalformedExample("[}", line: 1, column: 2, message: "closing parenthesis '}' does not match opening parenthesis '['"),
        MalformedExample(#"""
            [
            }
            """#, line: 2, column: 1, message: "closing parenthesis '}' does not match opening parenthesis '[' on line 1"),
        MalformedExample(#"""
            x = (1,
                 2
            """#, line: 1, column: 5, message: "'(' was never closed"),
        // MARK: Indentation
        MalformedExample("  x = 1", line: 1, column: nil, message: "unexpected indent"),
        MalformedExample(#"""
            if x:
                    a
                b
            """#, line: 3, column: nil, message: "unindent does not match any outer indentation level"),
        MalformedExample("if x:\n\ta\n        b", line: 3, column: nil, message: "inconsistent use of tabs and spaces in indentation"),
        MalformedExample("if x:\n        a\n\tb", line: 3, column: nil, message: "inconsistent use of tabs and spaces in indentation"),
        MalformedExample("if x:\n    \ta\n\t    b", line: 3, column: nil, message: "inconsistent use of tabs and spaces in indentation"),
        MalformedExample(#"""
            if x:
            pass
            """#, line: 2, column: 1, message: "expected an indented block after 'if' statement on line 1"),
        MalformedExample(#"""
            def f():
                '''doc'''
              x
            """#, line: 3, column: nil, message: "unindent does not match any outer indentation level"),
        // MARK: Unterminated strings
        MalformedExample("x = 'abc", line: 1, column: 5, message: "unterminated string literal (detected at line 1)"),
        MalformedExample(#"""
            x = "abc
            y = 1
            """#, line: 1, column: 5, message: "unterminated string literal (detected at line 1)"),
        MalformedExample(#"""
            x = '''abc

            def
            """#, line: 1, column: 5, message: "unterminated triple-quoted string literal (detected at line 3)"),
        MalformedExample(#"x = """abc"#, line: 1, column: 5, message: "unterminated triple-quoted string literal (detected at line 1)"),
        MalformedExample("x = f'abc", line: 1, column: 5, message: "unterminated"),
        MalformedExample(#"""
            x = f'''abc

            """#, line: 1, column: 5, message: "unterminated triple-quoted"),
        // MARK: Invalid f-strings
        // Python 3.12 reads a quote inside a field as a nested string (PEP 701), so these three end as
        // unterminated literals; CPython 3.11 words them "f-string: expecting '}'" and "cannot include '#'".
        MalformedExample("f'{'", line: 1, column: nil, message: "f-string: expecting '}'"),
        MalformedExample("f'{}'", line: 1, column: nil, message: "f-string: "),
        MalformedExample("f'{x!z}'", line: 1, column: nil, message: "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        MalformedExample("f'{x!}'", line: 1, column: nil, message: "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        MalformedExample("f'}'", line: 1, column: nil, message: "f-string: single '}' is not allowed"),
        MalformedExample("f'{x}}'", line: 1, column: nil, message: "f-string: single '}' is not allowed"),
        MalformedExample("f'{x'", line: 1, column: nil, message: "f-string: expecting '}'"),
        MalformedExample("f'{x:{y}'", line: 1, column: nil, message: "f-string: expecting '}'"),
        MalformedExample("f'{!r}'", line: 1, column: nil, message: "f-string: "),
        MalformedExample("f'{#}'", line: 1, column: nil, message: "f-string expression part cannot include '#'"),
        MalformedExample("f'{a b}'", line: 1, column: nil, message: "f-string: invalid syntax"),
        MalformedExample("f'{x!r=}'", line: 1, column: nil, message: "f-string: expecting '}'"),
        MalformedExample("f'{x:{y:{z}}}'", line: 1, column: nil, message: "f-string: expressions nested too deeply"),
        MalformedExample("f'{x}' b'y'", line: 1, column: nil, message: "cannot mix bytes and nonbytes literals"),
        // MARK: String escapes
        MalformedExample(#"'\x4'"#, line: 1, column: nil, message: #"truncated \xXX escape"#),
        MalformedExample(#"'\u12'"#, line: 1, column: nil, message: #"truncated \uXXXX escape"#),
        MalformedExample(#"'\U0011FFFF'"#, line: 1, column: nil, message: "illegal Unicode character"),
        MalformedExample(#"'\N{'"#, line: 1, column: nil, message: #"malformed \N character escape"#),
        MalformedExample("b'é'", line: 1, column: nil, message: "bytes can only contain ASCII literal characters"),
        MalformedExample("'a' b'b'", line: 1, column: nil, message: "cannot mix bytes and nonbytes literals"),
        // MARK: Numbers
        MalformedExample("1__0", line: 1, column: 2, message: "invalid decimal literal"),
        MalformedExample("1_", line: 1, column: 2, message: "invalid decimal literal"),
        MalformedExample("0777", line: 1, column: 1, message: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        MalformedExample("0_7", line: 1, column: 1, message: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        MalformedExample("0b102", line: 1, column: 5, message: "invalid digit '2' in binary literal"),
        MalformedExample("0o8", line: 1, column: 3, message: "invalid digit '8' in octal literal"),
        MalformedExample("0x", line: 1, column: nil, message: "invalid hexadecimal literal"),
        MalformedExample("1e", line: 1, column: nil, message: "invalid decimal literal"),
        MalformedExample("1.real", line: 1, column: nil, message: "invalid decimal literal"),
        MalformedExample("0x1.5", line: 1, column: 4, message: "invalid syntax"),
        // MARK: Parameters and arguments
        MalformedExample("def f(a=1, b): pass", line: 1, column: 12, message: "non-default argument follows default argument"),
        MalformedExample("lambda x=1, y: 0", line: 1, column: 13, message: "non-default argument follows default argument"),
        MalformedExample("def f(*): pass", line: 1, column: 7, message: "named arguments must follow bare *"),
        MalformedExample("def f(**k, a): pass", line: 1, column: 12, message: "arguments cannot follow var-keyword argument"),
        MalformedExample("def f(a, *, **k): pass", line: 1, column: 10, message: "named arguments must follow bare *"),
        MalformedExample("f(**a, *b)", line: 1, column: 8, message: "iterable argument unpacking follows keyword argument unpacking"),
        MalformedExample("f(a=1, a)", line: 1, column: nil, message: "positional argument follows keyword argument"),
        MalformedExample("f(x for x in y, 1)", line: 1, column: 3, message: "Generator expression must be parenthesized"),
        MalformedExample("f(a for a in b, c for c in d)", line: 1, column: nil, message: "Generator expression must be parenthesized"),
        MalformedExample("print 'hello'", line: 1, column: 1, message: "Missing parentheses in call to 'print'. Did you mean print(...)?"),
        // MARK: Targets
        MalformedExample("a + 1 = 2", line: 1, column: 1, message: "cannot assign to expression here. Maybe you meant '==' instead of '='?"),
        MalformedExample("f() = 1", line: 1, column: 1, message: "cannot assign to function call here. Maybe you meant '==' instead of '='?"),
        MalformedExample("None = 1", line: 1, column: 1, message: "cannot assign to None"),
        MalformedExample("(a, b) += 1", line: 1, column: 1, message: "'tuple' is an illegal expression for augmented assignment"),
        MalformedExample("del f()", line: 1, column: 5, message: "cannot delete function call"),
        MalformedExample("del a + b", line: 1, column: 5, message: "cannot delete expression"),
        MalformedExample("for 1 in x: pass", line: 1, column: 5, message: "cannot assign to literal"),
        MalformedExample("with a as 1: pass", line: 1, column: 11, message: "cannot assign to literal"),
        MalformedExample("(*a) = 1", line: 1, column: 2, message: "cannot use starred expression here"),
        MalformedExample("x: int, y: int = 1, 2", line: 1, column: 7, message: "invalid syntax"),
        // MARK: Statements
        MalformedExample(#"""
            if x
                pass
            """#, line: 1, column: 5, message: "expected ':'"),
        MalformedExample(#"""
            def f()
                pass
            """#, line: 1, column: 8, message: "expected ':'"),
        MalformedExample(#"""
            class C(A)
                pass
            """#, line: 1, column: 11, message: "expected ':'"),
        MalformedExample(#"""
            for x in y
                pass
            """#, line: 1, column: 11, message: "expected ':'"),
        MalformedExample(#"""
            else:
                pass
            """#, line: 1, column: 1, message: "invalid syntax"),
        MalformedExample(#"""
            x = 1
            else: pass
            """#, line: 2, column: 1, message: "invalid syntax"),
        MalformedExample("x = 1 if y", line: 1, column: 5, message: "expected 'else' after 'if' expression"),
        MalformedExample(#"""
            try:
                pass
            """#, line: 2, column: 9, message: "expected 'except' or 'finally' block"),
        MalformedExample(#"""
            try:
                pass
            except* A:
                pass
            except B:
                pass
            """#, line: 5, column: 1, message: "cannot have both 'except' and 'except*' on the same 'try'"),
        MalformedExample("from x import a,", line: 1, column: 17, message: "invalid syntax"),
        MalformedExample("import a.b as c.d", line: 1, column: 16, message: "invalid syntax"),
        MalformedExample("[x for x in a, b]", line: 1, column: 14, message: "invalid syntax"),
        MalformedExample(#"""
            match x:
                case {**a, 'k': 1}: pass
            """#, line: 2, column: 16, message: "invalid syntax"),
        MalformedExample("x = 1 +", line: 1, column: 8, message: "invalid syntax"),
        MalformedExample("a = = 1", line: 1, column: 5, message: "invalid syntax"),
        // MARK: Line continuation
        MalformedExample(#"x = 1 \ y"#, line: 1, column: 8, message: "unexpected character after line continuation character"),
        MalformedExample(#"\"#, line: 1, column: nil, message: "unexpected EOF while parsing"),
    ]
}

extension TruncationExample {
    static let all: [TruncationExample] = [
        TruncationExample(#"""
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("shop", "0001_initial")]
                operations = [
                    migrations.AddField("item", "sku", models.CharField(max_length=32, default="")),
                ]

            """#, parsingPrefixes: 59),
        TruncationExample(#"""
            def f(a, /, b=1, *args, c: int = 2, **kw) -> "R":
                """Doc."""
                return a + b

            """#, parsingPrefixes: 21),
        TruncationExample(#"""
            @decorator(arg)
            class C(Base, metaclass=Meta):
                x: int = 0
                def m(self): return self.x

            """#, parsingPrefixes: 26),
        TruncationExample(#"""
            s = f"{name!r:>{width}} and {{braces}} {x=}"
            b = rb'\d+' b"\x00"

            """#, parsingPrefixes: 14),
        TruncationExample(#"""
            t = """multi
            line ' " string""" + '''other'''
            u = "\N{BULLET} \u00e9 \U0001F600"

            """#, parsingPrefixes: 13),
        TruncationExample(#"""
            for i, (a, b) in enumerate(pairs):
                if a:
                    continue
                elif b:
                    break
            else:
                pass

            """#, parsingPrefixes: 34),
        TruncationExample(#"""
            try:
                x = 1 / 0
            except (ZeroDivisionError, ValueError) as e:
                raise RuntimeError("bad") from e
            finally:
                cleanup()

            """#, parsingPrefixes: 40),
        TruncationExample(#"""
            with open("f") as f, lock:
                data = [line.strip() for line in f if line]

            """#, parsingPrefixes: 11),
        TruncationExample(#"""
            match command.split():
                case [action, *rest] if rest:
                    pass
                case {"k": 1, **others}:
                    pass
                case Point(x=0) | None:
                    pass

            """#, parsingPrefixes: 30),
        TruncationExample(#"""
            async def main():
                async with session() as s:
                    async for row in s.rows():
                        await handle(row)

            """#, parsingPrefixes: 22),
        TruncationExample(#"""
            x = lambda a, *b, c=1, **d: (a, b, c, d)
            y = {k: v for k, v in items if v} | {*a, *b}
            z = [*range(3), *()] if False else {**a, "k": 1}

            """#, parsingPrefixes: 22),
        TruncationExample(#"""
            while (n := next(it, None)) is not None:
                total += n ** 2 // 3 % 4 @ m

            """#, parsingPrefixes: 21),
        TruncationExample(#"""
            import os.path as osp, sys
            from ..pkg import (a as b,
                               c)
            from . import *

            """#, parsingPrefixes: 30),
        TruncationExample(#"""
            x = 0x_FF + 0o17 + 0b1 + 1_000.5e-3 + 3j + .5 + 1.
            big = 123456789012345678901234567890

            """#, parsingPrefixes: 65),
        TruncationExample("if x:\n\tif y:\n\t\tpass\n# comment\n\telse:  # trailing\n\t\tpass\n", parsingPrefixes: 27),
        TruncationExample(#"""
            value = some.long.chain(arg)[0].attr(
                key=value,  # why
                *args,
                **kwargs,
            )[1:2, ::3]

            """#, parsingPrefixes: 29),
        TruncationExample(#"""
            del a[0], b.c
            global g
            assert x, "message"
            a = b = c; d += 1; e: int

            """#, parsingPrefixes: 40),
        TruncationExample(#"""
            def gen():
                yield
                x = yield 1
                yield from other()
                return [(yield)]

            """#, parsingPrefixes: 56),
        TruncationExample(#"""
            class Migration(migrations.Migration):
                operations = [
                    migrations.RunSQL(
                        sql="UPDATE t SET a = 'é' WHERE b = %s",
                        reverse_sql=migrations.RunSQL.noop,
                    ),
                    migrations.RunPython(forwards, backwards, elidable=True),
                ]

            """#, parsingPrefixes: 18),
        TruncationExample(#"""
            x = not a and b or c < d <= e != f is not g not in h
            y = -x ** -y + ~z - (+w)

            """#, parsingPrefixes: 33),
    ]
}
