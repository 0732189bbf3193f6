import PythonSyntax
import Testing

/// A few lines of Python and the tree CPython 3.11 builds for them, as `ast.dump(ast.parse(source))`
/// prints it. The trees were pasted from CPython itself:
///     python3 -c 'import ast,sys; print(ast.dump(ast.parse(sys.stdin.read())))'
struct GrammarExample: Sendable, CustomTestStringConvertible {
    var source: String
    var tree: String

    init(_ source: String, tree: String) {
        self.source = source
        self.tree = tree
    }

    var testDescription: String { source.debugDescription }
}

@Test("Every grammar construct gives CPython's tree", arguments: GrammarExample.everyConstruct)
func readsLikeCPython(_ example: GrammarExample) throws {
    let module = try PythonParser.parse(example.source).get()
    #expect(SyntaxTreeDump.dump(module) == example.tree)
}

/// Python 3.12 syntax (PEP 695 type parameters, PEP 701 f-strings) is refused, as CPython 3.11 —
/// the version the contract reads — refuses it: a reader that accepted it would disagree with
/// the reference on "parses or not".
@Test("Python 3.12 syntax is refused as CPython 3.11 refuses it", arguments: GrammarExample.python312)
func refusesPython312(_ example: GrammarExample) throws {
    guard case .failure = PythonParser.parse(example.source) else {
        Issue.record("\(example.source.debugDescription) parsed; CPython 3.11 refuses it")
        return
    }
}

/// With positions, every node outside an f-string prints `@line:column` (column in UTF-8 bytes),
/// as `fmt` in scripts/syntax-tree-reference prints CPython's tree.
@Test("Positions are CPython's", arguments: GrammarExample.positions)
func placesNodesLikeCPython(_ example: GrammarExample) throws {
    let module = try PythonParser.parse(example.source).get()
    #expect(SyntaxTreeDump.dump(module, includePositions: true) == example.tree)
}

@Test func commentsKeepTheirPlaceAndText() throws {
    let source = """
        #!/usr/bin/env python
        x = 1  # trailing, with  two spaces
        if x:
            # indented
            pass
        \t#tab before it
        s = "# not a comment"
        y = [  # inside brackets
            2,
        ]
        #
        """
    let module = try PythonParser.parse(source).get()
    let comments = module.comments.map { "\($0.location.line):\($0.location.column) \($0.text)" }
    #expect(comments == [
        "1:0 !/usr/bin/env python",
        "2:7  trailing, with  two spaces",
        "4:4  indented",
        "6:1 tab before it",
        "8:7  inside brackets",
        "11:0 ",
    ])
}

@Test func commentsDoNotChangeTheTree() throws {
    let plain = try PythonParser.parse("x = 1\nif x:\n    pass\n").get()
    let commented = try PythonParser.parse("# head\nx = 1  # one\n# between\nif x:  # two\n    # inside\n    pass  # three\n# tail").get()
    #expect(SyntaxTreeDump.dump(commented) == SyntaxTreeDump.dump(plain))
    #expect(commented.comments.count == 7)
}

extension GrammarExample {
    static let everyConstruct: [GrammarExample] = [
        // MARK: Function definitions
        GrammarExample("def f(): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(a, b=1, *args, c, d=2, **kw): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], vararg=arg(arg='args'), kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(a, /, b, *, c): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], kwonlyargs=[arg(arg='c')], kw_defaults=[None], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(a, b=2, /, c=3, *d, e=4, f, **g): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a'), arg(arg='b')], args=[arg(arg='c')], vararg=arg(arg='d'), kwonlyargs=[arg(arg='e'), arg(arg='f')], kw_defaults=[Constant(value=4), None], kwarg=arg(arg='g'), defaults=[Constant(value=2), Constant(value=3)]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(*, a=1, b): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a'), arg(arg='b')], kw_defaults=[Constant(value=1), None], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(**kw): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], kwarg=arg(arg='kw'), defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(a, b,): pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("def f(a: int, *args: str, b: bool = True, **kw: 'dict[str, int]') -> None: pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a', annotation=Name(id='int', ctx=Load()))], vararg=arg(arg='args', annotation=Name(id='str', ctx=Load())), kwonlyargs=[arg(arg='b', annotation=Name(id='bool', ctx=Load()))], kw_defaults=[Constant(value=True)], kwarg=arg(arg='kw', annotation=Constant(value='dict[str, int]')), defaults=[]), body=[Pass()], decorator_list=[], returns=Constant(value=None))], type_ignores=[])"),
        GrammarExample("def f() -> 'x': ...",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Constant(value=Ellipsis))], decorator_list=[], returns=Constant(value='x'))], type_ignores=[])"),
        GrammarExample(#"""
            @dec
            @dec2.attr(1)
            def f():
                pass
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[Name(id='dec', ctx=Load()), Call(func=Attribute(value=Name(id='dec2', ctx=Load()), attr='attr', ctx=Load()), args=[Constant(value=1)], keywords=[])])], type_ignores=[])"),
        GrammarExample(#"""
            @(lambda f: f)
            @x[0].y
            def g(): pass
            """#,
            tree: "Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[Lambda(args=arguments(posonlyargs=[], args=[arg(arg='f')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Name(id='f', ctx=Load())), Attribute(value=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=0), ctx=Load()), attr='y', ctx=Load())])], type_ignores=[])"),
        GrammarExample(#"""
            def f():
                """Docstring."""
                return
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Constant(value='Docstring.')), Return()], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            def f():
                return 1, 2
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            def f():
                return *a, b
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            async def f():
                await x
                async for a in b:
                    pass
                else:
                    pass
                async with c as d, e:
                    pass
            """#,
            tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Await(value=Name(id='x', ctx=Load()))), AsyncFor(target=Name(id='a', ctx=Store()), iter=Name(id='b', ctx=Load()), body=[Pass()], orelse=[Pass()]), AsyncWith(items=[withitem(context_expr=Name(id='c', ctx=Load()), optional_vars=Name(id='d', ctx=Store())), withitem(context_expr=Name(id='e', ctx=Load()))], body=[Pass()])], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            def f():
                global a, b
                def g():
                    nonlocal c
                    c = 1
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Global(names=['a', 'b']), FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Nonlocal(names=['c']), Assign(targets=[Name(id='c', ctx=Store())], value=Constant(value=1))], decorator_list=[])], decorator_list=[])], type_ignores=[])"),
        // MARK: Class definitions
        GrammarExample("class C: pass",
                       tree: "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("class C(): pass",
                       tree: "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("class C(A, B, metaclass=M, **kw): pass",
                       tree: "Module(body=[ClassDef(name='C', bases=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load())), keyword(value=Name(id='kw', ctx=Load()))], body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            @dataclass(frozen=True)
            class C(Base):
                x: int = 0
                def m(self): return self.x
            """#,
            tree: "Module(body=[ClassDef(name='C', bases=[Name(id='Base', ctx=Load())], keywords=[], body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=0), simple=1), FunctionDef(name='m', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=Attribute(value=Name(id='self', ctx=Load()), attr='x', ctx=Load()))], decorator_list=[])], decorator_list=[Call(func=Name(id='dataclass', ctx=Load()), args=[], keywords=[keyword(arg='frozen', value=Constant(value=True))])])], type_ignores=[])"),
        GrammarExample("class C(*bases): pass",
                       tree: "Module(body=[ClassDef(name='C', bases=[Starred(value=Name(id='bases', ctx=Load()), ctx=Load())], keywords=[], body=[Pass()], decorator_list=[])], type_ignores=[])"),
        // MARK: Simple statements
        GrammarExample("del a, b[0], c.d",
                       tree: "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Subscript(value=Name(id='b', ctx=Load()), slice=Constant(value=0), ctx=Del()), Attribute(value=Name(id='c', ctx=Load()), attr='d', ctx=Del())])], type_ignores=[])"),
        GrammarExample("del (a, b), [c]",
                       tree: "Module(body=[Delete(targets=[Tuple(elts=[Name(id='a', ctx=Del()), Name(id='b', ctx=Del())], ctx=Del()), List(elts=[Name(id='c', ctx=Del())], ctx=Del())])], type_ignores=[])"),
        GrammarExample("del (a)",
                       tree: "Module(body=[Delete(targets=[Name(id='a', ctx=Del())])], type_ignores=[])"),
        GrammarExample("a = b = c = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("a, b = b, a",
                       tree: "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], ctx=Store())], value=Tuple(elts=[Name(id='b', ctx=Load()), Name(id='a', ctx=Load())], ctx=Load()))], type_ignores=[])"),
        GrammarExample("[a, *b] = c",
                       tree: "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()))], type_ignores=[])"),
        GrammarExample("(a, b), c = d",
                       tree: "Module(body=[Assign(targets=[Tuple(elts=[Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], ctx=Store()), Name(id='c', ctx=Store())], ctx=Store())], value=Name(id='d', ctx=Load()))], type_ignores=[])"),
        GrammarExample("a.b = c[d] = e",
                       tree: "Module(body=[Assign(targets=[Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Store()), Subscript(value=Name(id='c', ctx=Load()), slice=Name(id='d', ctx=Load()), ctx=Store())], value=Name(id='e', ctx=Load()))], type_ignores=[])"),
        GrammarExample("*a, = b",
                       tree: "Module(body=[Assign(targets=[Tuple(elts=[Starred(value=Name(id='a', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='b', ctx=Load()))], type_ignores=[])"),
        GrammarExample("a = yield",
                       tree: "Module(body=[Assign(targets=[Name(id='a', ctx=Store())], value=Yield())], type_ignores=[])"),
        GrammarExample("x = *a, *b",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()))], type_ignores=[])"),
        GrammarExample("pass; break; continue",
                       tree: "Module(body=[Pass(), Break(), Continue()], type_ignores=[])"),
        GrammarExample("raise",
                       tree: "Module(body=[Raise()], type_ignores=[])"),
        GrammarExample("raise E",
                       tree: "Module(body=[Raise(exc=Name(id='E', ctx=Load()))], type_ignores=[])"),
        GrammarExample("raise E('x') from None",
                       tree: "Module(body=[Raise(exc=Call(func=Name(id='E', ctx=Load()), args=[Constant(value='x')], keywords=[]), cause=Constant(value=None))], type_ignores=[])"),
        GrammarExample("assert x",
                       tree: "Module(body=[Assert(test=Name(id='x', ctx=Load()))], type_ignores=[])"),
        GrammarExample("assert x, 'message'",
                       tree: "Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='message'))], type_ignores=[])"),
        GrammarExample("import a",
                       tree: "Module(body=[Import(names=[alias(name='a')])], type_ignores=[])"),
        GrammarExample("import a.b.c as d, e",
                       tree: "Module(body=[Import(names=[alias(name='a.b.c', asname='d'), alias(name='e')])], type_ignores=[])"),
        GrammarExample("from . import a",
                       tree: "Module(body=[ImportFrom(names=[alias(name='a')], level=1)], type_ignores=[])"),
        GrammarExample("from ..pkg.mod import (a as b, c,)",
                       tree: "Module(body=[ImportFrom(module='pkg.mod', names=[alias(name='a', asname='b'), alias(name='c')], level=2)], type_ignores=[])"),
        GrammarExample("from .mod import *",
                       tree: "Module(body=[ImportFrom(module='mod', names=[alias(name='*')], level=1)], type_ignores=[])"),
        GrammarExample("from ... import x",
                       tree: "Module(body=[ImportFrom(names=[alias(name='x')], level=3)], type_ignores=[])"),
        GrammarExample("from .... import x",
                       tree: "Module(body=[ImportFrom(names=[alias(name='x')], level=4)], type_ignores=[])"),
        GrammarExample("from a.b import c",
                       tree: "Module(body=[ImportFrom(module='a.b', names=[alias(name='c')], level=0)], type_ignores=[])"),
        GrammarExample("global x",
                       tree: "Module(body=[Global(names=['x'])], type_ignores=[])"),
        // MARK: Augmented assignment
        GrammarExample("x += 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x -= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Sub(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x *= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Mult(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x @= m",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=MatMult(), value=Name(id='m', ctx=Load()))], type_ignores=[])"),
        GrammarExample("x /= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Div(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x %= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Mod(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x &= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=BitAnd(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x |= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=BitOr(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x ^= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=BitXor(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x <<= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=LShift(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x >>= 1",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=RShift(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x **= 2",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Pow(), value=Constant(value=2))], type_ignores=[])"),
        GrammarExample("x //= 2",
                       tree: "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=FloorDiv(), value=Constant(value=2))], type_ignores=[])"),
        GrammarExample("x.y += 1",
                       tree: "Module(body=[AugAssign(target=Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), op=Add(), value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("x[0] -= 1",
                       tree: "Module(body=[AugAssign(target=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=0), ctx=Store()), op=Sub(), value=Constant(value=1))], type_ignores=[])"),
        // MARK: Annotated assignment
        GrammarExample("x: int",
                       tree: "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), simple=1)], type_ignores=[])"),
        GrammarExample("x: int = 1",
                       tree: "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1), simple=1)], type_ignores=[])"),
        GrammarExample("(x): int = 1",
                       tree: "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1), simple=0)], type_ignores=[])"),
        GrammarExample("x.y: int",
                       tree: "Module(body=[AnnAssign(target=Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), annotation=Name(id='int', ctx=Load()), simple=0)], type_ignores=[])"),
        GrammarExample("x[0]: int = 1",
                       tree: "Module(body=[AnnAssign(target=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=0), ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1), simple=0)], type_ignores=[])"),
        GrammarExample("x: list[int] = []",
                       tree: "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='int', ctx=Load()), ctx=Load()), value=List(elts=[], ctx=Load()), simple=1)], type_ignores=[])"),
        GrammarExample("x: tuple = 1, 2",
                       tree: "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='tuple', ctx=Load()), value=Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load()), simple=1)], type_ignores=[])"),
        // MARK: Compound statements
        GrammarExample(#"""
            for i in range(3):
                pass
            else:
                pass
            """#,
            tree: "Module(body=[For(target=Name(id='i', ctx=Store()), iter=Call(func=Name(id='range', ctx=Load()), args=[Constant(value=3)], keywords=[]), body=[Pass()], orelse=[Pass()])], type_ignores=[])"),
        GrammarExample("for x, y in z: pass",
                       tree: "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], ctx=Store()), iter=Name(id='z', ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample("for (x, y) in z: pass",
                       tree: "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], ctx=Store()), iter=Name(id='z', ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample("for x in *a, *b: pass",
                       tree: "Module(body=[For(target=Name(id='x', ctx=Store()), iter=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample("for x in a, b: pass",
                       tree: "Module(body=[For(target=Name(id='x', ctx=Store()), iter=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample(#"""
            while x:
                break
            else:
                continue
            """#,
            tree: "Module(body=[While(test=Name(id='x', ctx=Load()), body=[Break()], orelse=[Continue()])], type_ignores=[])"),
        GrammarExample(#"""
            if a:
                pass
            elif b:
                pass
            elif c:
                pass
            else:
                pass
            """#,
            tree: "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='c', ctx=Load()), body=[Pass()], orelse=[Pass()])])])], type_ignores=[])"),
        GrammarExample(#"""
            if a: pass
            else: pass
            """#,
            tree: "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[Pass()])], type_ignores=[])"),
        GrammarExample("with a: pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with a as b, c as (d, e): pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()), optional_vars=Tuple(elts=[Name(id='d', ctx=Store()), Name(id='e', ctx=Store())], ctx=Store()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with (a as b, c): pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with (a as b, c as d,): pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()), optional_vars=Name(id='d', ctx=Store()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with (a, b): pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load())), withitem(context_expr=Name(id='b', ctx=Load()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with (a): pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with (a) as b: pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample("with a as b.c, d as e[0]: pass",
                       tree: "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Attribute(value=Name(id='b', ctx=Load()), attr='c', ctx=Store())), withitem(context_expr=Name(id='d', ctx=Load()), optional_vars=Subscript(value=Name(id='e', ctx=Load()), slice=Constant(value=0), ctx=Store()))], body=[Pass()])], type_ignores=[])"),
        GrammarExample(#"""
            try:
                pass
            except ValueError as e:
                pass
            except (A, B):
                pass
            except:
                pass
            else:
                pass
            finally:
                pass
            """#,
            tree: "Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='ValueError', ctx=Load()), name='e', body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), body=[Pass()]), ExceptHandler(body=[Pass()])], orelse=[Pass()], finalbody=[Pass()])], type_ignores=[])"),
        GrammarExample(#"""
            try:
                pass
            finally:
                pass
            """#,
            tree: "Module(body=[Try(body=[Pass()], handlers=[], orelse=[], finalbody=[Pass()])], type_ignores=[])"),
        GrammarExample(#"""
            try:
                pass
            except* ValueError as e:
                pass
            except* (A, B):
                pass
            """#,
            tree: "Module(body=[TryStar(body=[Pass()], handlers=[ExceptHandler(type=Name(id='ValueError', ctx=Load()), name='e', body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), body=[Pass()])], orelse=[], finalbody=[])], type_ignores=[])"),
        // MARK: Match statements
        GrammarExample(#"""
            match x:
                case 1: pass
                case -1: pass
                case 1.5: pass
                case -1 + 2j: pass
                case 1 - 2j: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchValue(value=Constant(value=1)), body=[Pass()]), match_case(pattern=MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=1))), body=[Pass()]), match_case(pattern=MatchValue(value=Constant(value=1.5)), body=[Pass()]), match_case(pattern=MatchValue(value=BinOp(left=UnaryOp(op=USub(), operand=Constant(value=1)), op=Add(), right=Constant(value=2j))), body=[Pass()]), match_case(pattern=MatchValue(value=BinOp(left=Constant(value=1), op=Sub(), right=Constant(value=2j))), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case 'a' 'b': pass
                case b'x': pass
                case f'': pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchValue(value=Constant(value='ab')), body=[Pass()]), match_case(pattern=MatchValue(value=Constant(value=b'x')), body=[Pass()]), match_case(pattern=MatchValue(value=JoinedStr(values=[])), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case None: pass
                case True: pass
                case False: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchSingleton(value=None), body=[Pass()]), match_case(pattern=MatchSingleton(value=True), body=[Pass()]), match_case(pattern=MatchSingleton(value=False), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case y: pass
                case _: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchAs(name='y'), body=[Pass()]), match_case(pattern=MatchAs(), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case Color.RED: pass
                case a.b.c: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchValue(value=Attribute(value=Name(id='Color', ctx=Load()), attr='RED', ctx=Load())), body=[Pass()]), match_case(pattern=MatchValue(value=Attribute(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load())), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case (1): pass
                case (y): pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchValue(value=Constant(value=1)), body=[Pass()]), match_case(pattern=MatchAs(name='y'), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case [1, 2]: pass
                case (1, 2): pass
                case 1, 2: pass
                case []: pass
                case (): pass
                case [1,]: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1))]), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case [1, *rest]: pass
                case [*_, 2]: pass
                case *a, b: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchStar(name='rest')]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchStar(), MatchValue(value=Constant(value=2))]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchStar(name='a'), MatchAs(name='b')]), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case {'a': 1, **rest}: pass
                case {}: pass
                case {Color.RED: y, -1: z, None: _}: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchMapping(keys=[Constant(value='a')], patterns=[MatchValue(value=Constant(value=1))], rest='rest'), body=[Pass()]), match_case(pattern=MatchMapping(keys=[], patterns=[]), body=[Pass()]), match_case(pattern=MatchMapping(keys=[Attribute(value=Name(id='Color', ctx=Load()), attr='RED', ctx=Load()), UnaryOp(op=USub(), operand=Constant(value=1)), Constant(value=None)], patterns=[MatchAs(name='y'), MatchAs(name='z'), MatchAs()]), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case Point(1, y=2): pass
                case Point(): pass
                case a.B(x=_, y=[1, 2]): pass
                case C(a, b,): pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchClass(cls=Name(id='Point', ctx=Load()), patterns=[MatchValue(value=Constant(value=1))], kwd_attrs=['y'], kwd_patterns=[MatchValue(value=Constant(value=2))]), body=[Pass()]), match_case(pattern=MatchClass(cls=Name(id='Point', ctx=Load()), patterns=[], kwd_attrs=[], kwd_patterns=[]), body=[Pass()]), match_case(pattern=MatchClass(cls=Attribute(value=Name(id='a', ctx=Load()), attr='B', ctx=Load()), patterns=[], kwd_attrs=['x', 'y'], kwd_patterns=[MatchAs(), MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))])]), body=[Pass()]), match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load()), patterns=[MatchAs(name='a'), MatchAs(name='b')], kwd_attrs=[], kwd_patterns=[]), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case 1 | 2 | 3: pass
                case [1, 2] as z: pass
                case (1 | 2) as z: pass
                case [(1 as a) | (2 as a)]: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2)), MatchValue(value=Constant(value=3))]), body=[Pass()]), match_case(pattern=MatchAs(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))]), name='z'), body=[Pass()]), match_case(pattern=MatchAs(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))]), name='z'), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchOr(patterns=[MatchAs(pattern=MatchValue(value=Constant(value=1)), name='a'), MatchAs(pattern=MatchValue(value=Constant(value=2)), name='a')])]), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case y if y > 0: pass
                case _ if (z := 1): pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchAs(name='y'), guard=Compare(left=Name(id='y', ctx=Load()), ops=[Gt()], comparators=[Constant(value=0)]), body=[Pass()]), match_case(pattern=MatchAs(), guard=NamedExpr(target=Name(id='z', ctx=Store()), value=Constant(value=1)), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match x, y:
                case a, b: pass
            """#,
            tree: "Module(body=[Match(subject=Tuple(elts=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a'), MatchAs(name='b')]), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match *a, b:
                case _: pass
            """#,
            tree: "Module(body=[Match(subject=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), cases=[match_case(pattern=MatchAs(), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match (x):
                case _: pass
            """#,
            tree: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchAs(), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match -x:
                case _: pass
            """#,
            tree: "Module(body=[Match(subject=UnaryOp(op=USub(), operand=Name(id='x', ctx=Load())), cases=[match_case(pattern=MatchAs(), body=[Pass()])])], type_ignores=[])"),
        GrammarExample(#"""
            match = 1
            case = 2
            _ = 3
            """#,
            tree: "Module(body=[Assign(targets=[Name(id='match', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='case', ctx=Store())], value=Constant(value=2)), Assign(targets=[Name(id='_', ctx=Store())], value=Constant(value=3))], type_ignores=[])"),
        GrammarExample(#"""
            match(x)
            match[x]
            match.x
            match * x
            """#,
            tree: "Module(body=[Expr(value=Call(func=Name(id='match', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[])), Expr(value=Subscript(value=Name(id='match', ctx=Load()), slice=Name(id='x', ctx=Load()), ctx=Load())), Expr(value=Attribute(value=Name(id='match', ctx=Load()), attr='x', ctx=Load())), Expr(value=BinOp(left=Name(id='match', ctx=Load()), op=Mult(), right=Name(id='x', ctx=Load())))], type_ignores=[])"),
        GrammarExample("print(match, case)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Name(id='match', ctx=Load()), Name(id='case', ctx=Load())], keywords=[]))], type_ignores=[])"),
        // MARK: Boolean, conditional and lambda expressions
        GrammarExample("a or b and not c",
                       tree: "Module(body=[Expr(value=BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), BoolOp(op=And(), values=[Name(id='b', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='c', ctx=Load()))])]))], type_ignores=[])"),
        GrammarExample("a and b and c or d or e",
                       tree: "Module(body=[Expr(value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load()), Name(id='c', ctx=Load())]), Name(id='d', ctx=Load()), Name(id='e', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("not not a",
                       tree: "Module(body=[Expr(value=UnaryOp(op=Not(), operand=UnaryOp(op=Not(), operand=Name(id='a', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("a if b else c",
                       tree: "Module(body=[Expr(value=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load())))], type_ignores=[])"),
        GrammarExample("a if b else c if d else e",
                       tree: "Module(body=[Expr(value=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=IfExp(test=Name(id='d', ctx=Load()), body=Name(id='c', ctx=Load()), orelse=Name(id='e', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("(a if b else c) if d else e",
                       tree: "Module(body=[Expr(value=IfExp(test=Name(id='d', ctx=Load()), body=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load())), orelse=Name(id='e', ctx=Load())))], type_ignores=[])"),
        GrammarExample("lambda: 0",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0)))], type_ignores=[])"),
        GrammarExample("lambda x, /, y=1, *a, z, w=2, **k: x",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='x')], args=[arg(arg='y')], vararg=arg(arg='a'), kwonlyargs=[arg(arg='z'), arg(arg='w')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='k'), defaults=[Constant(value=1)]), body=Name(id='x', ctx=Load())))], type_ignores=[])"),
        GrammarExample("lambda *, a: a",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a')], kw_defaults=[None], defaults=[]), body=Name(id='a', ctx=Load())))], type_ignores=[])"),
        GrammarExample("lambda *a, **k: 0",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], vararg=arg(arg='a'), kwonlyargs=[], kw_defaults=[], kwarg=arg(arg='k'), defaults=[]), body=Constant(value=0)))], type_ignores=[])"),
        GrammarExample("lambda a=1, b=2: a",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[Constant(value=1), Constant(value=2)]), body=Name(id='a', ctx=Load())))], type_ignores=[])"),
        GrammarExample("lambda: (yield)",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Yield()))], type_ignores=[])"),
        GrammarExample("lambda x: lambda y: x + y",
                       tree: "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='y')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=BinOp(left=Name(id='x', ctx=Load()), op=Add(), right=Name(id='y', ctx=Load())))))], type_ignores=[])"),
        GrammarExample("x = lambda: a if b else c",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load()))))], type_ignores=[])"),
        // MARK: Arithmetic and bitwise operators
        GrammarExample("a + b - c * d / e // f % g @ h",
                       tree: "Module(body=[Expr(value=BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Name(id='b', ctx=Load())), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='c', ctx=Load()), op=Mult(), right=Name(id='d', ctx=Load())), op=Div(), right=Name(id='e', ctx=Load())), op=FloorDiv(), right=Name(id='f', ctx=Load())), op=Mod(), right=Name(id='g', ctx=Load())), op=MatMult(), right=Name(id='h', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("a ** b ** c",
                       tree: "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("-a ** b",
                       tree: "Module(body=[Expr(value=UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=Name(id='b', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("-a ** -b",
                       tree: "Module(body=[Expr(value=UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=Name(id='b', ctx=Load())))))], type_ignores=[])"),
        GrammarExample("(-a) ** b",
                       tree: "Module(body=[Expr(value=BinOp(left=UnaryOp(op=USub(), operand=Name(id='a', ctx=Load())), op=Pow(), right=Name(id='b', ctx=Load())))], type_ignores=[])"),
        GrammarExample("~a + +b - -c",
                       tree: "Module(body=[Expr(value=BinOp(left=BinOp(left=UnaryOp(op=Invert(), operand=Name(id='a', ctx=Load())), op=Add(), right=UnaryOp(op=UAdd(), operand=Name(id='b', ctx=Load()))), op=Sub(), right=UnaryOp(op=USub(), operand=Name(id='c', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("a | b ^ c & d << e >> f",
                       tree: "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), right=Name(id='e', ctx=Load())), op=RShift(), right=Name(id='f', ctx=Load()))))))], type_ignores=[])"),
        GrammarExample("a << b + c",
                       tree: "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=LShift(), right=BinOp(left=Name(id='b', ctx=Load()), op=Add(), right=Name(id='c', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("a * (b + c)",
                       tree: "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=Mult(), right=BinOp(left=Name(id='b', ctx=Load()), op=Add(), right=Name(id='c', ctx=Load()))))], type_ignores=[])"),
        GrammarExample("not a == b",
                       tree: "Module(body=[Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[Eq()], comparators=[Name(id='b', ctx=Load())])))], type_ignores=[])"),
        GrammarExample("a + b if c else d",
                       tree: "Module(body=[Expr(value=IfExp(test=Name(id='c', ctx=Load()), body=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Name(id='b', ctx=Load())), orelse=Name(id='d', ctx=Load())))], type_ignores=[])"),
        GrammarExample("1 + 2 * 3 ** 4 // 5",
                       tree: "Module(body=[Expr(value=BinOp(left=Constant(value=1), op=Add(), right=BinOp(left=BinOp(left=Constant(value=2), op=Mult(), right=BinOp(left=Constant(value=3), op=Pow(), right=Constant(value=4))), op=FloorDiv(), right=Constant(value=5))))], type_ignores=[])"),
        // MARK: Comparisons
        GrammarExample("a < b <= c > d >= e == f != g",
                       tree: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), Gt(), GtE(), Eq(), NotEq()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load()), Name(id='g', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("a in b not in c is d is not e",
                       tree: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[In(), NotIn(), Is(), IsNot()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("a is not b",
                       tree: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[IsNot()], comparators=[Name(id='b', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("a not in b",
                       tree: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[NotIn()], comparators=[Name(id='b', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("not a in b",
                       tree: "Module(body=[Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[In()], comparators=[Name(id='b', ctx=Load())])))], type_ignores=[])"),
        GrammarExample("a < b == c",
                       tree: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), Eq()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("(a < b) < c",
                       tree: "Module(body=[Expr(value=Compare(left=Compare(left=Name(id='a', ctx=Load()), ops=[Lt()], comparators=[Name(id='b', ctx=Load())]), ops=[Lt()], comparators=[Name(id='c', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("a | b < c & d",
                       tree: "Module(body=[Expr(value=Compare(left=BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), right=Name(id='b', ctx=Load())), ops=[Lt()], comparators=[BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), right=Name(id='d', ctx=Load()))]))], type_ignores=[])"),
        // MARK: Assignment expressions, starred, await and yield
        GrammarExample("(y := f(x))",
                       tree: "Module(body=[Expr(value=NamedExpr(target=Name(id='y', ctx=Store()), value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[])))], type_ignores=[])"),
        GrammarExample("[y := 1, y ** 2]",
                       tree: "Module(body=[Expr(value=List(elts=[NamedExpr(target=Name(id='y', ctx=Store()), value=Constant(value=1)), BinOp(left=Name(id='y', ctx=Load()), op=Pow(), right=Constant(value=2))], ctx=Load()))], type_ignores=[])"),
        GrammarExample("if (n := len(a)) > 10: pass",
                       tree: "Module(body=[If(test=Compare(left=NamedExpr(target=Name(id='n', ctx=Store()), value=Call(func=Name(id='len', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[])), ops=[Gt()], comparators=[Constant(value=10)]), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample("f(x := 1, y=(z := 2))",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[NamedExpr(target=Name(id='x', ctx=Store()), value=Constant(value=1))], keywords=[keyword(arg='y', value=NamedExpr(target=Name(id='z', ctx=Store()), value=Constant(value=2)))]))], type_ignores=[])"),
        GrammarExample("a[b := 1]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=NamedExpr(target=Name(id='b', ctx=Store()), value=Constant(value=1)), ctx=Load()))], type_ignores=[])"),
        GrammarExample("while chunk := read(): pass",
                       tree: "Module(body=[While(test=NamedExpr(target=Name(id='chunk', ctx=Store()), value=Call(func=Name(id='read', ctx=Load()), args=[], keywords=[])), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample("print(*args, **kwargs)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Starred(value=Name(id='args', ctx=Load()), ctx=Load())], keywords=[keyword(value=Name(id='kwargs', ctx=Load()))]))], type_ignores=[])"),
        GrammarExample("first, *rest = items",
                       tree: "Module(body=[Assign(targets=[Tuple(elts=[Name(id='first', ctx=Store()), Starred(value=Name(id='rest', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='items', ctx=Load()))], type_ignores=[])"),
        GrammarExample(#"""
            async def f():
                await x ** 2
                return await g()
            """#,
            tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=BinOp(left=Await(value=Name(id='x', ctx=Load())), op=Pow(), right=Constant(value=2))), Return(value=Await(value=Call(func=Name(id='g', ctx=Load()), args=[], keywords=[])))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            async def f():
                -await x
            """#,
            tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=UnaryOp(op=USub(), operand=Await(value=Name(id='x', ctx=Load()))))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            def f():
                yield
                yield 1
                x = yield 2
                yield from g()
                yield a, b
                y = yield from h()
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Yield()), Expr(value=Yield(value=Constant(value=1))), Assign(targets=[Name(id='x', ctx=Store())], value=Yield(value=Constant(value=2))), Expr(value=YieldFrom(value=Call(func=Name(id='g', ctx=Load()), args=[], keywords=[]))), Expr(value=Yield(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))), Assign(targets=[Name(id='y', ctx=Store())], value=YieldFrom(value=Call(func=Name(id='h', ctx=Load()), args=[], keywords=[])))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            def f():
                await_ = (yield)
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Assign(targets=[Name(id='await_', ctx=Store())], value=Yield())], decorator_list=[])], type_ignores=[])"),
        // MARK: Comprehensions
        GrammarExample("[x for x in y]",
                       tree: "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("[x for x in y if x if z for w in x]",
                       tree: "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load()), Name(id='z', ctx=Load())], is_async=0), comprehension(target=Name(id='w', ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("{x for x in y}",
                       tree: "Module(body=[Expr(value=SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("{k: v for k, v in d.items()}",
                       tree: "Module(body=[Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Call(func=Attribute(value=Name(id='d', ctx=Load()), attr='items', ctx=Load()), args=[], keywords=[]), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("(x for x in y)",
                       tree: "Module(body=[Expr(value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("f(x for x in y)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])], keywords=[]))], type_ignores=[])"),
        GrammarExample("f((x for x in y), 1)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]), Constant(value=1)], keywords=[]))], type_ignores=[])"),
        GrammarExample("[[y for y in x] for x in z]",
                       tree: "Module(body=[Expr(value=ListComp(elt=ListComp(elt=Name(id='y', ctx=Load()), generators=[comprehension(target=Name(id='y', ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)]), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='z', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("[x for x in a if (y := x)]",
                       tree: "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='a', ctx=Load()), ifs=[NamedExpr(target=Name(id='y', ctx=Store()), value=Name(id='x', ctx=Load()))], is_async=0)]))], type_ignores=[])"),
        GrammarExample("[x for x, in a]",
                       tree: "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='x', ctx=Store())], ctx=Store()), iter=Name(id='a', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"),
        GrammarExample("[x for x in a if b if c]",
                       tree: "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='a', ctx=Load()), ifs=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())], is_async=0)]))], type_ignores=[])"),
        GrammarExample(#"""
            async def f():
                return [x async for x in y]
            """#,
            tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=1)]))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            async def f():
                return {await x for x in y}
            """#,
            tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=SetComp(elt=Await(value=Name(id='x', ctx=Load())), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]))], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            async def f():
                return (x async for x in y for z in x)
            """#,
            tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=1), comprehension(target=Name(id='z', ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)]))], decorator_list=[])], type_ignores=[])"),
        // MARK: Displays
        GrammarExample("[]",
                       tree: "Module(body=[Expr(value=List(elts=[], ctx=Load()))], type_ignores=[])"),
        GrammarExample("[1, 2,]",
                       tree: "Module(body=[Expr(value=List(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))], type_ignores=[])"),
        GrammarExample("()",
                       tree: "Module(body=[Expr(value=Tuple(elts=[], ctx=Load()))], type_ignores=[])"),
        GrammarExample("(1,)",
                       tree: "Module(body=[Expr(value=Tuple(elts=[Constant(value=1)], ctx=Load()))], type_ignores=[])"),
        GrammarExample("1,",
                       tree: "Module(body=[Expr(value=Tuple(elts=[Constant(value=1)], ctx=Load()))], type_ignores=[])"),
        GrammarExample("1, 2",
                       tree: "Module(body=[Expr(value=Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))], type_ignores=[])"),
        GrammarExample("(1)",
                       tree: "Module(body=[Expr(value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("((a, b))",
                       tree: "Module(body=[Expr(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))], type_ignores=[])"),
        GrammarExample("{}",
                       tree: "Module(body=[Expr(value=Dict(keys=[], values=[]))], type_ignores=[])"),
        GrammarExample("{1, 2}",
                       tree: "Module(body=[Expr(value=Set(elts=[Constant(value=1), Constant(value=2)]))], type_ignores=[])"),
        GrammarExample("{1,}",
                       tree: "Module(body=[Expr(value=Set(elts=[Constant(value=1)]))], type_ignores=[])"),
        GrammarExample("{1: 2, **d, 3: 4}",
                       tree: "Module(body=[Expr(value=Dict(keys=[Constant(value=1), None, Constant(value=3)], values=[Constant(value=2), Name(id='d', ctx=Load()), Constant(value=4)]))], type_ignores=[])"),
        GrammarExample("{**a, **b}",
                       tree: "Module(body=[Expr(value=Dict(keys=[None, None], values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("{*a, *b}",
                       tree: "Module(body=[Expr(value=Set(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())]))], type_ignores=[])"),
        GrammarExample("[*a, *b]",
                       tree: "Module(body=[Expr(value=List(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()))], type_ignores=[])"),
        GrammarExample("(*a, b)",
                       tree: "Module(body=[Expr(value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))], type_ignores=[])"),
        GrammarExample("{'a': [1, (2, {3})]}",
                       tree: "Module(body=[Expr(value=Dict(keys=[Constant(value='a')], values=[List(elts=[Constant(value=1), Tuple(elts=[Constant(value=2), Set(elts=[Constant(value=3)])], ctx=Load())], ctx=Load())]))], type_ignores=[])"),
        // MARK: Subscripts and slices
        GrammarExample("a[1]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value=1), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[1:2]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=Constant(value=1), upper=Constant(value=2)), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[::2]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(step=Constant(value=2)), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[:]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[1:2:3]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=Constant(value=1), upper=Constant(value=2), step=Constant(value=3)), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[1:]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=Constant(value=1)), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[:2]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(upper=Constant(value=2)), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[::]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[1:2, ::3]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[1:2,]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2))], ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[...]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value=Ellipsis), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[b, c]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())], ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[b,]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Name(id='b', ctx=Load())], ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[*b, c]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Starred(value=Name(id='b', ctx=Load()), ctx=Load()), Name(id='c', ctx=Load())], ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[:, None]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(), Constant(value=None)], ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[b][c]",
                       tree: "Module(body=[Expr(value=Subscript(value=Subscript(value=Name(id='a', ctx=Load()), slice=Name(id='b', ctx=Load()), ctx=Load()), slice=Name(id='c', ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[x if y else z:]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=IfExp(test=Name(id='y', ctx=Load()), body=Name(id='x', ctx=Load()), orelse=Name(id='z', ctx=Load()))), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a[lambda: 0]",
                       tree: "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0)), ctx=Load()))], type_ignores=[])"),
        // MARK: Calls and attributes
        GrammarExample("f()",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[], keywords=[]))], type_ignores=[])"),
        GrammarExample("f(a, *b, c=1, **d)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='c', value=Constant(value=1)), keyword(value=Name(id='d', ctx=Load()))]))], type_ignores=[])"),
        GrammarExample("f(*a, *b, **c, **d)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(value=Name(id='c', ctx=Load())), keyword(value=Name(id='d', ctx=Load()))]))], type_ignores=[])"),
        GrammarExample("f(a, b=1, *c)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Starred(value=Name(id='c', ctx=Load()), ctx=Load())], keywords=[keyword(arg='b', value=Constant(value=1))]))], type_ignores=[])"),
        GrammarExample("f(a)(b)(c)",
                       tree: "Module(body=[Expr(value=Call(func=Call(func=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]), args=[Name(id='b', ctx=Load())], keywords=[]), args=[Name(id='c', ctx=Load())], keywords=[]))], type_ignores=[])"),
        GrammarExample("f(a,)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]))], type_ignores=[])"),
        GrammarExample("f(**{'a': 1})",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[], keywords=[keyword(value=Dict(keys=[Constant(value='a')], values=[Constant(value=1)]))]))], type_ignores=[])"),
        GrammarExample("a.b.c.d",
                       tree: "Module(body=[Expr(value=Attribute(value=Attribute(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load()), attr='d', ctx=Load()))], type_ignores=[])"),
        GrammarExample("a().b[c].d()",
                       tree: "Module(body=[Expr(value=Call(func=Attribute(value=Subscript(value=Attribute(value=Call(func=Name(id='a', ctx=Load()), args=[], keywords=[]), attr='b', ctx=Load()), slice=Name(id='c', ctx=Load()), ctx=Load()), attr='d', ctx=Load()), args=[], keywords=[]))], type_ignores=[])"),
        GrammarExample("1 .real",
                       tree: "Module(body=[Expr(value=Attribute(value=Constant(value=1), attr='real', ctx=Load()))], type_ignores=[])"),
        GrammarExample("1.0.real",
                       tree: "Module(body=[Expr(value=Attribute(value=Constant(value=1.0), attr='real', ctx=Load()))], type_ignores=[])"),
        GrammarExample("''.join(x)",
                       tree: "Module(body=[Expr(value=Call(func=Attribute(value=Constant(value=''), attr='join', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[]))], type_ignores=[])"),
        GrammarExample("a.b(c=d).e",
                       tree: "Module(body=[Expr(value=Attribute(value=Call(func=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), args=[], keywords=[keyword(arg='c', value=Name(id='d', ctx=Load()))]), attr='e', ctx=Load()))], type_ignores=[])"),
        GrammarExample("f(x)[0].y(*z)",
                       tree: "Module(body=[Expr(value=Call(func=Attribute(value=Subscript(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[]), slice=Constant(value=0), ctx=Load()), attr='y', ctx=Load()), args=[Starred(value=Name(id='z', ctx=Load()), ctx=Load())], keywords=[]))], type_ignores=[])"),
        GrammarExample(#"""
            print(1)
            ...
            """#,
            tree: "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Constant(value=1)], keywords=[])), Expr(value=Constant(value=Ellipsis))], type_ignores=[])"),
        GrammarExample("None, True, False, ...",
                       tree: "Module(body=[Expr(value=Tuple(elts=[Constant(value=None), Constant(value=True), Constant(value=False), Constant(value=Ellipsis)], ctx=Load()))], type_ignores=[])"),
        // MARK: Implicit concatenation
        GrammarExample(#"'a' 'b' "c""#,
                       tree: "Module(body=[Expr(value=Constant(value='abc'))], type_ignores=[])"),
        GrammarExample("b'a' b'b'",
                       tree: "Module(body=[Expr(value=Constant(value=b'ab'))], type_ignores=[])"),
        GrammarExample("'a' f'{b}' 'c'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=-1), Constant(value='c')]))], type_ignores=[])"),
        GrammarExample("f'a' 'b'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='ab')]))], type_ignores=[])"),
        GrammarExample("f'' ''",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[]))], type_ignores=[])"),
        GrammarExample("u'a' 'b'",
                       tree: "Module(body=[Expr(value=Constant(value='ab', kind='u'))], type_ignores=[])"),
        GrammarExample("'a' u'b'",
                       tree: "Module(body=[Expr(value=Constant(value='ab'))], type_ignores=[])"),
        GrammarExample(#"""
            ('a'
             'b')
            """#,
            tree: "Module(body=[Expr(value=Constant(value='ab'))], type_ignores=[])"),
        GrammarExample(#"""
            x = 'a' \
                'b'
            """#,
            tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value='ab'))], type_ignores=[])"),
        GrammarExample("'''a''' 'b'",
                       tree: "Module(body=[Expr(value=Constant(value='ab'))], type_ignores=[])"),
        // MARK: String prefixes
        GrammarExample(#"r'\n'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='\\n'))], type_ignores=[])"#),
        GrammarExample(#"R'\n'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='\\n'))], type_ignores=[])"#),
        GrammarExample("b'x'",
                       tree: "Module(body=[Expr(value=Constant(value=b'x'))], type_ignores=[])"),
        GrammarExample("B'x'",
                       tree: "Module(body=[Expr(value=Constant(value=b'x'))], type_ignores=[])"),
        GrammarExample(#"rb'\n'"#,
                       tree: #"Module(body=[Expr(value=Constant(value=b'\\n'))], type_ignores=[])"#),
        GrammarExample(#"Rb'\n'"#,
                       tree: #"Module(body=[Expr(value=Constant(value=b'\\n'))], type_ignores=[])"#),
        GrammarExample(#"bR'\n'"#,
                       tree: #"Module(body=[Expr(value=Constant(value=b'\\n'))], type_ignores=[])"#),
        GrammarExample(#"BR'\n'"#,
                       tree: #"Module(body=[Expr(value=Constant(value=b'\\n'))], type_ignores=[])"#),
        GrammarExample(#"br'\d'"#,
                       tree: #"Module(body=[Expr(value=Constant(value=b'\\d'))], type_ignores=[])"#),
        GrammarExample("u'x'",
                       tree: "Module(body=[Expr(value=Constant(value='x', kind='u'))], type_ignores=[])"),
        GrammarExample("f'x'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x')]))], type_ignores=[])"),
        GrammarExample("F'{x}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"rf'\d{x}'"#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\d'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"#),
        GrammarExample(#"fR'\d{x}'"#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\d'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"#),
        GrammarExample(#"Rf'{x}\n'"#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='\\n')]))], type_ignores=[])"#),
        GrammarExample("FR'x'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x')]))], type_ignores=[])"),
        // MARK: Escapes
        GrammarExample(#"'\n\t\\\'\"\a\b\f\v\0\r'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='\n\t\\\'"\x07\x08\x0c\x0b\x00\r'))], type_ignores=[])"#),
        GrammarExample(#"'\x41\101\u00e9\U0001F600\N{BULLET}'"#,
                       tree: "Module(body=[Expr(value=Constant(value='AAé😀•'))], type_ignores=[])"),
        GrammarExample(#"'\N{LATIN SMALL LETTER E WITH ACUTE}\N{bullet}'"#,
                       tree: "Module(body=[Expr(value=Constant(value='é•'))], type_ignores=[])"),
        GrammarExample(#"'\q\d\ '"#,
                       tree: #"Module(body=[Expr(value=Constant(value='\\q\\d\\ '))], type_ignores=[])"#),
        GrammarExample(#"'\400\7\77'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='Ā\x07?'))], type_ignores=[])"#),
        GrammarExample(#"""
            'abc\
            def'
            """#,
            tree: "Module(body=[Expr(value=Constant(value='abcdef'))], type_ignores=[])"),
        GrammarExample(#"""
            '''abc\
            def'''
            """#,
            tree: "Module(body=[Expr(value=Constant(value='abcdef'))], type_ignores=[])"),
        GrammarExample(#"b'\x00\xff\u00e9\N{BULLET}\101'"#,
                       tree: #"Module(body=[Expr(value=Constant(value=b'\x00\xff\\u00e9\\N{BULLET}A'))], type_ignores=[])"#),
        GrammarExample(#"r'\'' r"\"""#,
                       tree: #"Module(body=[Expr(value=Constant(value='\\\'\\"'))], type_ignores=[])"#),
        GrammarExample(#"'\udc80'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='\udc80'))], type_ignores=[])"#),
        GrammarExample(#"'é\u00e9'"#,
                       tree: "Module(body=[Expr(value=Constant(value='éé'))], type_ignores=[])"),
        GrammarExample(#"'\x7f\x80\xa0\u200b\u2028'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='\x7f\x80\xa0\u200b\u2028'))], type_ignores=[])"#),
        GrammarExample(#""it's""#,
                       tree: #"Module(body=[Expr(value=Constant(value="it's"))], type_ignores=[])"#),
        GrammarExample(#"'say "hi"'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='say "hi"'))], type_ignores=[])"#),
        GrammarExample(#"'both \' and "'"#,
                       tree: #"Module(body=[Expr(value=Constant(value='both \' and "'))], type_ignores=[])"#),
        GrammarExample(#"""
            '''line1
            line2'''
            """#,
            tree: #"Module(body=[Expr(value=Constant(value='line1\nline2'))], type_ignores=[])"#),
        GrammarExample(#""""a "quoted" 'word'""""#,
                       tree: #"Module(body=[Expr(value=Constant(value='a "quoted" \'word\''))], type_ignores=[])"#),
        GrammarExample("''",
                       tree: "Module(body=[Expr(value=Constant(value=''))], type_ignores=[])"),
        GrammarExample("b''",
                       tree: "Module(body=[Expr(value=Constant(value=b''))], type_ignores=[])"),
        // MARK: f-strings
        GrammarExample("f'{x!r} {y!s} {z!a}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value=' '), FormattedValue(value=Name(id='y', ctx=Load()), conversion=115), Constant(value=' '), FormattedValue(value=Name(id='z', ctx=Load()), conversion=97)]))], type_ignores=[])"),
        GrammarExample("f'{x:>10}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='>10')]))]))], type_ignores=[])"),
        GrammarExample("f'{x:{width}.{prec}}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='width', ctx=Load()), conversion=-1), Constant(value='.'), FormattedValue(value=Name(id='prec', ctx=Load()), conversion=-1)]))]))], type_ignores=[])"),
        GrammarExample("f'{x:{w}}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)]))]))], type_ignores=[])"),
        GrammarExample("f'{x=}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]))], type_ignores=[])"),
        GrammarExample("f'{x = !r:^20}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x = '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='^20')]))]))], type_ignores=[])"),
        GrammarExample("f'{ x = }'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value=' x = '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]))], type_ignores=[])"),
        GrammarExample("f'{x=:.2f}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='.2f')]))]))], type_ignores=[])"),
        GrammarExample("f'{x=!s}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=115)]))], type_ignores=[])"),
        GrammarExample("f'{{literal}} {x} }}{{'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='{literal} '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value=' }{')]))], type_ignores=[])"),
        GrammarExample(#"f'{d["key"]}'"#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='d', ctx=Load()), slice=Constant(value='key'), ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f"{d['key']}""#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='d', ctx=Load()), slice=Constant(value='key'), ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{x:%Y-%m-%d}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='%Y-%m-%d')]))]))], type_ignores=[])"),
        GrammarExample(#"f'{"a" if x else "b"}'"#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=IfExp(test=Name(id='x', ctx=Load()), body=Constant(value='a'), orelse=Constant(value='b')), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{x,y}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Tuple(elts=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{3.14:.2f}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value=3.14), conversion=-1, format_spec=JoinedStr(values=[Constant(value='.2f')]))]))], type_ignores=[])"),
        GrammarExample("f'{x:=5}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='=5')]))]))], type_ignores=[])"),
        GrammarExample("f'{(x:=5)}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=NamedExpr(target=Name(id='x', ctx=Store()), value=Constant(value=5)), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{a!=b}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Compare(left=Name(id='a', ctx=Load()), ops=[NotEq()], comparators=[Name(id='b', ctx=Load())]), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f'{f"{x}"}'"#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{(lambda x: 1)}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=1)), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"""
            f'''{x}
            {y!r}'''
            """#,
            tree: #"Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='\n'), FormattedValue(value=Name(id='y', ctx=Load()), conversion=114)]))], type_ignores=[])"#),
        GrammarExample("f'{x!r:>{w}}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)]))]))], type_ignores=[])"),
        GrammarExample("f'{ x }'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{x}' f'{y}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f'a\n{b}\t'"#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[Constant(value='a\n'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=-1), Constant(value='\t')]))], type_ignores=[])"#),
        GrammarExample(#"f'\N{BULLET} {x}'"#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='• '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f'{x:\n}'"#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='\n')]))]))], type_ignores=[])"#),
        GrammarExample("f'{x:{{}}}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Dict(keys=[], values=[]), conversion=-1)]))]))], type_ignores=[])"),
        GrammarExample("f'{x}{y}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{{}}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='{}')]))], type_ignores=[])"),
        GrammarExample("f''",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[]))], type_ignores=[])"),
        GrammarExample("f'{x:}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[]))]))], type_ignores=[])"),
        GrammarExample("f'{x!r:}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[]))]))], type_ignores=[])"),
        GrammarExample(#"""
            f'''{
             x
            }'''
            """#,
            tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{a[1:2]}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=Constant(value=1), upper=Constant(value=2)), ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{[1, 2]}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=List(elts=[Constant(value=1), Constant(value=2)], ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{ {1: 2}[1] }'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Dict(keys=[Constant(value=1)], values=[Constant(value=2)]), slice=Constant(value=1), ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample("f'{x:{y}abc}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1), Constant(value='abc')]))]))], type_ignores=[])"),
        GrammarExample("f'{x}' 'a' f'b{y}'",
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='ab'), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"rf'{x}\n'"#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='\\n')]))], type_ignores=[])"#),
        // MARK: Numbers
        GrammarExample("1_000_000",
                       tree: "Module(body=[Expr(value=Constant(value=1000000))], type_ignores=[])"),
        GrammarExample("0x_FF",
                       tree: "Module(body=[Expr(value=Constant(value=255))], type_ignores=[])"),
        GrammarExample("0XdeadBEEF",
                       tree: "Module(body=[Expr(value=Constant(value=3735928559))], type_ignores=[])"),
        GrammarExample("0o777",
                       tree: "Module(body=[Expr(value=Constant(value=511))], type_ignores=[])"),
        GrammarExample("0O17",
                       tree: "Module(body=[Expr(value=Constant(value=15))], type_ignores=[])"),
        GrammarExample("0b1010",
                       tree: "Module(body=[Expr(value=Constant(value=10))], type_ignores=[])"),
        GrammarExample("0B_1",
                       tree: "Module(body=[Expr(value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("1.5",
                       tree: "Module(body=[Expr(value=Constant(value=1.5))], type_ignores=[])"),
        GrammarExample("1.",
                       tree: "Module(body=[Expr(value=Constant(value=1.0))], type_ignores=[])"),
        GrammarExample(".5",
                       tree: "Module(body=[Expr(value=Constant(value=0.5))], type_ignores=[])"),
        GrammarExample("1e10",
                       tree: "Module(body=[Expr(value=Constant(value=10000000000.0))], type_ignores=[])"),
        GrammarExample("1E-5",
                       tree: "Module(body=[Expr(value=Constant(value=1e-05))], type_ignores=[])"),
        GrammarExample("1.5e+3",
                       tree: "Module(body=[Expr(value=Constant(value=1500.0))], type_ignores=[])"),
        GrammarExample("1_0.0_1e1_0",
                       tree: "Module(body=[Expr(value=Constant(value=100100000000.0))], type_ignores=[])"),
        GrammarExample("10j",
                       tree: "Module(body=[Expr(value=Constant(value=10j))], type_ignores=[])"),
        GrammarExample("1.5J",
                       tree: "Module(body=[Expr(value=Constant(value=1.5j))], type_ignores=[])"),
        GrammarExample("1e3j",
                       tree: "Module(body=[Expr(value=Constant(value=1000j))], type_ignores=[])"),
        GrammarExample("0j",
                       tree: "Module(body=[Expr(value=Constant(value=0j))], type_ignores=[])"),
        GrammarExample("1_000j",
                       tree: "Module(body=[Expr(value=Constant(value=1000j))], type_ignores=[])"),
        GrammarExample("18446744073709551616",
                       tree: "Module(body=[Expr(value=Constant(value=18446744073709551616))], type_ignores=[])"),
        GrammarExample("-9223372036854775808",
                       tree: "Module(body=[Expr(value=UnaryOp(op=USub(), operand=Constant(value=9223372036854775808)))], type_ignores=[])"),
        GrammarExample("9223372036854775807",
                       tree: "Module(body=[Expr(value=Constant(value=9223372036854775807))], type_ignores=[])"),
        GrammarExample("9223372036854775808",
                       tree: "Module(body=[Expr(value=Constant(value=9223372036854775808))], type_ignores=[])"),
        GrammarExample("0xFFFFFFFFFFFFFFFFFFFF",
                       tree: "Module(body=[Expr(value=Constant(value=1208925819614629174706175))], type_ignores=[])"),
        GrammarExample("123456789012345678901234567890",
                       tree: "Module(body=[Expr(value=Constant(value=123456789012345678901234567890))], type_ignores=[])"),
        GrammarExample("0",
                       tree: "Module(body=[Expr(value=Constant(value=0))], type_ignores=[])"),
        GrammarExample("00",
                       tree: "Module(body=[Expr(value=Constant(value=0))], type_ignores=[])"),
        GrammarExample("0_0",
                       tree: "Module(body=[Expr(value=Constant(value=0))], type_ignores=[])"),
        GrammarExample("0.0",
                       tree: "Module(body=[Expr(value=Constant(value=0.0))], type_ignores=[])"),
        GrammarExample("0e0",
                       tree: "Module(body=[Expr(value=Constant(value=0.0))], type_ignores=[])"),
        GrammarExample("1e400",
                       tree: "Module(body=[Expr(value=Constant(value=inf))], type_ignores=[])"),
        GrammarExample("1e-400",
                       tree: "Module(body=[Expr(value=Constant(value=0.0))], type_ignores=[])"),
        GrammarExample("1.7976931348623157e308",
                       tree: "Module(body=[Expr(value=Constant(value=1.7976931348623157e+308))], type_ignores=[])"),
        GrammarExample("5e-324",
                       tree: "Module(body=[Expr(value=Constant(value=5e-324))], type_ignores=[])"),
        GrammarExample("0.1",
                       tree: "Module(body=[Expr(value=Constant(value=0.1))], type_ignores=[])"),
        GrammarExample("1e16",
                       tree: "Module(body=[Expr(value=Constant(value=1e+16))], type_ignores=[])"),
        GrammarExample("1e15",
                       tree: "Module(body=[Expr(value=Constant(value=1000000000000000.0))], type_ignores=[])"),
        GrammarExample("0.0001",
                       tree: "Module(body=[Expr(value=Constant(value=0.0001))], type_ignores=[])"),
        GrammarExample("0.00001",
                       tree: "Module(body=[Expr(value=Constant(value=1e-05))], type_ignores=[])"),
        GrammarExample("123456789012345678.0",
                       tree: "Module(body=[Expr(value=Constant(value=1.2345678901234568e+17))], type_ignores=[])"),
        GrammarExample("1234567890123456.0",
                       tree: "Module(body=[Expr(value=Constant(value=1234567890123456.0))], type_ignores=[])"),
        GrammarExample("1.5e-07",
                       tree: "Module(body=[Expr(value=Constant(value=1.5e-07))], type_ignores=[])"),
        GrammarExample("1if x else 2",
                       tree: "Module(body=[Expr(value=IfExp(test=Name(id='x', ctx=Load()), body=Constant(value=1), orelse=Constant(value=2)))], type_ignores=[])"),
        GrammarExample("1or 2",
                       tree: "Module(body=[Expr(value=BoolOp(op=Or(), values=[Constant(value=1), Constant(value=2)]))], type_ignores=[])"),
        GrammarExample("[0x1for x in y]",
                       tree: "Module(body=[Expr(value=List(elts=[BoolOp(op=Or(), values=[Constant(value=31), Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[Name(id='y', ctx=Load())])])], ctx=Load()))], type_ignores=[])"),
        GrammarExample("1_2.3_4j",
                       tree: "Module(body=[Expr(value=Constant(value=12.34j))], type_ignores=[])"),
        // MARK: Names and soft keywords
        GrammarExample("café = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='café', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("ﬁ = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='fi', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("_ = __ = _x1 = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='_', ctx=Store()), Name(id='__', ctx=Store()), Name(id='_x1', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("type = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='type', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("type(x)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='type', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[]))], type_ignores=[])"),
        GrammarExample("print(type)",
                       tree: "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Name(id='type', ctx=Load())], keywords=[]))], type_ignores=[])"),
        GrammarExample("x = None",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=None))], type_ignores=[])"),
        GrammarExample("ℌ = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='H', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        // MARK: Layout: indentation, continuation, form feed, semicolons, comments
        GrammarExample("",
                       tree: "Module(body=[], type_ignores=[])"),
        GrammarExample(#"""



            """#,
            tree: "Module(body=[], type_ignores=[])"),
        GrammarExample("# only a comment",
                       tree: "Module(body=[], type_ignores=[])"),
        GrammarExample("x = 1  # trailing",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("if x:\n\tif y:\n\t\tpass",
                       tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[If(test=Name(id='y', ctx=Load()), body=[Pass()], orelse=[])], orelse=[])], type_ignores=[])"),
        GrammarExample("if x:\n\t a\n\t b",
                       tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='a', ctx=Load())), Expr(value=Name(id='b', ctx=Load()))], orelse=[])], type_ignores=[])"),
        GrammarExample(#"""
            if x:
                    a
                    b
            c
            """#,
            tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='a', ctx=Load())), Expr(value=Name(id='b', ctx=Load()))], orelse=[]), Expr(value=Name(id='c', ctx=Load()))], type_ignores=[])"),
        GrammarExample(#"""
            if x:
                if y:
                    pass
              # dedented comment
                z
            """#,
            tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[If(test=Name(id='y', ctx=Load()), body=[Pass()], orelse=[]), Expr(value=Name(id='z', ctx=Load()))], orelse=[])], type_ignores=[])"),
        GrammarExample("if x:\n    a\n\n    \n    b",
                       tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='a', ctx=Load())), Expr(value=Name(id='b', ctx=Load()))], orelse=[])], type_ignores=[])"),
        GrammarExample(#"""
            if x:
              a
            else:
                    b
            """#,
            tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='a', ctx=Load()))], orelse=[Expr(value=Name(id='b', ctx=Load()))])], type_ignores=[])"),
        GrammarExample("\u{C}x = 1",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample("if x:\n\u{C}    pass",
                       tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample(#"""
            x = 1 + \
                2
            """#,
            tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))], type_ignores=[])"),
        GrammarExample(#"""
            if a and \
               b: pass
            """#,
            tree: "Module(body=[If(test=BoolOp(op=And(), values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())]), body=[Pass()], orelse=[])], type_ignores=[])"),
        GrammarExample("a = 1; b = 2;",
                       tree: "Module(body=[Assign(targets=[Name(id='a', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='b', ctx=Store())], value=Constant(value=2))], type_ignores=[])"),
        GrammarExample("if x: a; b",
                       tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='a', ctx=Load())), Expr(value=Name(id='b', ctx=Load()))], orelse=[])], type_ignores=[])"),
        GrammarExample("x = 1\r\ny = 2\r\n",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], type_ignores=[])"),
        GrammarExample(#"""
            x = [
                1,

                # comment
                2,
            ]
            """#,
            tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))], type_ignores=[])"),
        GrammarExample(#"""
            def f(
                a,
                b,
            ): pass
            """#,
            tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"),
        GrammarExample("x = 1   ",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
        GrammarExample(#"""
            x = (1 +
                 2)
            """#,
            tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))], type_ignores=[])"),
        GrammarExample(#"""
            class C:
                def f(self):
                    pass


                def g(self):
                    pass
            """#,
            tree: "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[]), FunctionDef(name='g', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], decorator_list=[])], type_ignores=[])"),
        GrammarExample(#"""
            if x:
                pass
            # comment at column 0
                # comment indented
            else:
                pass
            """#,
            tree: "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[Pass()])], type_ignores=[])"),
    ]

    // CPython 3.11 rejects all of these.
    static let python312: [GrammarExample] = [
        GrammarExample("type X = int",
                       tree: "Module(body=[TypeAlias(name=Name(id='X', ctx=Store()), type_params=[], value=Name(id='int', ctx=Load()))], type_ignores=[])"),
        GrammarExample("type L[T: int, *Ts, **P] = list[T]",
                       tree: "Module(body=[TypeAlias(name=Name(id='L', ctx=Store()), type_params=[TypeVar(name='T', bound=Name(id='int', ctx=Load())), TypeVarTuple(name='Ts'), ParamSpec(name='P')], value=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='T', ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("type X[T: (int, str)] = T",
                       tree: "Module(body=[TypeAlias(name=Name(id='X', ctx=Store()), type_params=[TypeVar(name='T', bound=Tuple(elts=[Name(id='int', ctx=Load()), Name(id='str', ctx=Load())], ctx=Load()))], value=Name(id='T', ctx=Load()))], type_ignores=[])"),
        GrammarExample("def f[T](x: T) -> T: pass",
                       tree: "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='x', annotation=Name(id='T', ctx=Load()))], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[], returns=Name(id='T', ctx=Load()), type_params=[TypeVar(name='T')])], type_ignores=[])"),
        GrammarExample("class C[T, *Ts, **P](Base): pass",
                       tree: "Module(body=[ClassDef(name='C', bases=[Name(id='Base', ctx=Load())], keywords=[], body=[Pass()], decorator_list=[], type_params=[TypeVar(name='T'), TypeVarTuple(name='Ts'), ParamSpec(name='P')])], type_ignores=[])"),
        GrammarExample("async def f[T](): pass",
                       tree: "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[], type_params=[TypeVar(name='T')])], type_ignores=[])"),
        GrammarExample(#"f"{x["a"]}""#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value='a'), ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f"{f"{x}"}""#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f"{'\n'.join(a)}""#,
                       tree: #"Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Call(func=Attribute(value=Constant(value='\n'), attr='join', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]), conversion=-1)]))], type_ignores=[])"#),
        GrammarExample(#"f"{x["a"]!r:>{w["b"]}}""#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value='a'), ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Subscript(value=Name(id='w', ctx=Load()), slice=Constant(value='b'), ctx=Load()), conversion=-1)]))]))], type_ignores=[])"),
        GrammarExample(#"f"{["a", "b"]}""#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=List(elts=[Constant(value='a'), Constant(value='b')], ctx=Load()), conversion=-1)]))], type_ignores=[])"),
        GrammarExample(#"f"{d["k"] + 1}""#,
                       tree: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=BinOp(left=Subscript(value=Name(id='d', ctx=Load()), slice=Constant(value='k'), ctx=Load()), op=Add(), right=Constant(value=1)), conversion=-1)]))], type_ignores=[])"),
    ]

    static let positions: [GrammarExample] = [
        GrammarExample("x = 1",
                       tree: "Module(body=[Assign@1:0(targets=[Name@1:0(id='x', ctx=Store())], value=Constant@1:4(value=1))], type_ignores=[])"),
        GrammarExample("é = 'é' + x",
                       tree: "Module(body=[Assign@1:0(targets=[Name@1:0(id='é', ctx=Store())], value=BinOp@1:5(left=Constant@1:5(value='é'), op=Add(), right=Name@1:12(id='x', ctx=Load())))], type_ignores=[])"),
        GrammarExample(#"""
            @dec
            def f(a, *, b: int = 1) -> None:
                return a
            """#,
            tree: "Module(body=[FunctionDef@2:0(name='f', args=arguments(posonlyargs=[], args=[arg@2:6(arg='a')], kwonlyargs=[arg@2:12(arg='b', annotation=Name@2:15(id='int', ctx=Load()))], kw_defaults=[Constant@2:21(value=1)], defaults=[]), body=[Return@3:4(value=Name@3:11(id='a', ctx=Load()))], decorator_list=[Name@1:1(id='dec', ctx=Load())], returns=Constant@2:27(value=None))], type_ignores=[])"),
        GrammarExample("(a) + b",
                       tree: "Module(body=[Expr@1:0(value=BinOp@1:0(left=Name@1:1(id='a', ctx=Load()), op=Add(), right=Name@1:6(id='b', ctx=Load())))], type_ignores=[])"),
        GrammarExample("(a.b)(c)[d]",
                       tree: "Module(body=[Expr@1:0(value=Subscript@1:0(value=Call@1:0(func=Attribute@1:1(value=Name@1:1(id='a', ctx=Load()), attr='b', ctx=Load()), args=[Name@1:6(id='c', ctx=Load())], keywords=[]), slice=Name@1:9(id='d', ctx=Load()), ctx=Load()))], type_ignores=[])"),
        GrammarExample("a.b(c)[d].e",
                       tree: "Module(body=[Expr@1:0(value=Attribute@1:0(value=Subscript@1:0(value=Call@1:0(func=Attribute@1:0(value=Name@1:0(id='a', ctx=Load()), attr='b', ctx=Load()), args=[Name@1:4(id='c', ctx=Load())], keywords=[]), slice=Name@1:7(id='d', ctx=Load()), ctx=Load()), attr='e', ctx=Load()))], type_ignores=[])"),
        GrammarExample(#"""
            x = (
                1,
                2,
            )
            """#,
            tree: "Module(body=[Assign@1:0(targets=[Name@1:0(id='x', ctx=Store())], value=Tuple@1:4(elts=[Constant@2:4(value=1), Constant@3:4(value=2)], ctx=Load()))], type_ignores=[])"),
        GrammarExample(#"""
            try:
                pass
            except E as e:
                pass
            """#,
            tree: "Module(body=[Try@1:0(body=[Pass@2:4()], handlers=[ExceptHandler@3:0(type=Name@3:7(id='E', ctx=Load()), name='e', body=[Pass@4:4()])], orelse=[], finalbody=[])], type_ignores=[])"),
        GrammarExample(#"""
            match x:
                case [1, *r] | {'k': _} if r:
                    pass
                case P(a=1) as p:
                    pass
            """#,
            tree: "Module(body=[Match@1:0(subject=Name@1:6(id='x', ctx=Load()), cases=[match_case(pattern=MatchOr@2:9(patterns=[MatchSequence@2:9(patterns=[MatchValue@2:10(value=Constant@2:10(value=1)), MatchStar@2:13(name='r')]), MatchMapping@2:19(keys=[Constant@2:20(value='k')], patterns=[MatchAs@2:25()])]), guard=Name@2:31(id='r', ctx=Load()), body=[Pass@3:8()]), match_case(pattern=MatchAs@4:9(pattern=MatchClass@4:9(cls=Name@4:9(id='P', ctx=Load()), patterns=[], kwd_attrs=['a'], kwd_patterns=[MatchValue@4:13(value=Constant@4:13(value=1))]), name='p'), body=[Pass@5:8()])])], type_ignores=[])"),
        GrammarExample(#"""
            with a as b, (c):
                pass
            """#,
            tree: "Module(body=[With@1:0(items=[withitem(context_expr=Name@1:5(id='a', ctx=Load()), optional_vars=Name@1:10(id='b', ctx=Store())), withitem(context_expr=Name@1:14(id='c', ctx=Load()))], body=[Pass@2:4()])], type_ignores=[])"),
        GrammarExample("class C(B, metaclass=M):\n\tdef m(self): pass",
                       tree: "Module(body=[ClassDef@1:0(name='C', bases=[Name@1:8(id='B', ctx=Load())], keywords=[keyword@1:11(arg='metaclass', value=Name@1:21(id='M', ctx=Load()))], body=[FunctionDef@2:1(name='m', args=arguments(posonlyargs=[], args=[arg@2:7(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass@2:14()], decorator_list=[])], decorator_list=[])], type_ignores=[])"),
        GrammarExample("f'{x}' + g(y=1, *z)",
                       tree: "Module(body=[Expr@1:0(value=BinOp@1:0(left=JoinedStr@1:0(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), op=Add(), right=Call@1:9(func=Name@1:9(id='g', ctx=Load()), args=[Starred@1:16(value=Name@1:17(id='z', ctx=Load()), ctx=Load())], keywords=[keyword@1:11(arg='y', value=Constant@1:13(value=1))])))], type_ignores=[])"),
        GrammarExample("lambda a, b=2: [a for a in b if a]",
                       tree: "Module(body=[Expr@1:0(value=Lambda@1:0(args=arguments(posonlyargs=[], args=[arg@1:7(arg='a'), arg@1:10(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[Constant@1:12(value=2)]), body=ListComp@1:15(elt=Name@1:16(id='a', ctx=Load()), generators=[comprehension(target=Name@1:22(id='a', ctx=Store()), iter=Name@1:27(id='b', ctx=Load()), ifs=[Name@1:32(id='a', ctx=Load())], is_async=0)])))], type_ignores=[])"),
        GrammarExample(#"""
            from .m import (a as b,
                c)
            """#,
            tree: "Module(body=[ImportFrom@1:0(module='m', names=[alias@1:16(name='a', asname='b'), alias@2:4(name='c')], level=1)], type_ignores=[])"),
        GrammarExample("not a < -b ** c",
                       tree: "Module(body=[Expr@1:0(value=UnaryOp@1:0(op=Not(), operand=Compare@1:4(left=Name@1:4(id='a', ctx=Load()), ops=[Lt()], comparators=[UnaryOp@1:8(op=USub(), operand=BinOp@1:9(left=Name@1:9(id='b', ctx=Load()), op=Pow(), right=Name@1:14(id='c', ctx=Load())))])))], type_ignores=[])"),
        GrammarExample("x: int = yield",
                       tree: "Module(body=[AnnAssign@1:0(target=Name@1:0(id='x', ctx=Store()), annotation=Name@1:3(id='int', ctx=Load()), value=Yield@1:9(), simple=1)], type_ignores=[])"),
        GrammarExample(#"""
            if a:
                pass
            elif b:
                pass
            """#,
            tree: "Module(body=[If@1:0(test=Name@1:3(id='a', ctx=Load()), body=[Pass@2:4()], orelse=[If@3:0(test=Name@3:5(id='b', ctx=Load()), body=[Pass@4:4()], orelse=[])])], type_ignores=[])"),
        GrammarExample("del a[1:2, ::3]",
                       tree: "Module(body=[Delete@1:0(targets=[Subscript@1:4(value=Name@1:4(id='a', ctx=Load()), slice=Tuple@1:6(elts=[Slice@1:6(lower=Constant@1:6(value=1), upper=Constant@1:8(value=2)), Slice@1:11(step=Constant@1:13(value=3))], ctx=Load()), ctx=Del())])], type_ignores=[])"),
        GrammarExample("{**a, 'b': c}",
                       tree: "Module(body=[Expr@1:0(value=Dict@1:0(keys=[None, Constant@1:6(value='b')], values=[Name@1:3(id='a', ctx=Load()), Name@1:11(id='c', ctx=Load())]))], type_ignores=[])"),
        GrammarExample("global g; nonlocal_ = 1",
                       tree: "Module(body=[Global@1:0(names=['g']), Assign@1:10(targets=[Name@1:10(id='nonlocal_', ctx=Store())], value=Constant@1:22(value=1))], type_ignores=[])"),
    ]
}
