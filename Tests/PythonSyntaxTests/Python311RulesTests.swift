import PythonSyntax
import Testing

/// f-strings under CPython 3.11's rules (`string_parser.c`), the number/keyword edge, the dict whose
/// key is a lambda, a final backslash + CR LF, and `\N{}` names as Unicode 14 gives them. The trees are
/// CPython 3.11's `ast.dump`, the refusals its SyntaxError.
@Test("Read as CPython 3.11 reads them", arguments: [
    ("f\"{x for x in y}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]), conversion=-1)]))], type_ignores=[])"),
    ("f\"{yield}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Yield(), conversion=-1)]))], type_ignores=[])"),
    ("f\"{x!r:>{w}}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)]))]))], type_ignores=[])"),
    ("f\"\\{6*7}\"",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\\\'), FormattedValue(value=BinOp(left=Constant(value=6), op=Mult(), right=Constant(value=7)), conversion=-1)]))], type_ignores=[])"),
    ("f\"{'a'}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value='a'), conversion=-1)]))], type_ignores=[])"),
    ("f\"{x:=1}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='=1')]))]))], type_ignores=[])"),
    ("f\"{(x:=1)}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=NamedExpr(target=Name(id='x', ctx=Store()), value=Constant(value=1)), conversion=-1)]))], type_ignores=[])"),
    ("f\"\"\"{\nx\n}\"\"\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
    ("f\"{ x = }\"",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value=' x = '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]))], type_ignores=[])"),
    ("f\"{a['b']}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value='b'), ctx=Load()), conversion=-1)]))], type_ignores=[])"),
    ("f\"{x:{y:a}}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='a')]))]))]))], type_ignores=[])"),
    ("f\"{3!=4}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Compare(left=Constant(value=3), ops=[NotEq()], comparators=[Constant(value=4)]), conversion=-1)]))], type_ignores=[])"),
    ("f\"{x<y}\"",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Compare(left=Name(id='x', ctx=Load()), ops=[Lt()], comparators=[Name(id='y', ctx=Load())]), conversion=-1)]))], type_ignores=[])"),
    ("1if 1else 2",
     "Module(body=[Expr(value=IfExp(test=Constant(value=1), body=Constant(value=1), orelse=Constant(value=2)))], type_ignores=[])"),
    ("x = 1.5if 1else 2",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Constant(value=1), body=Constant(value=1.5), orelse=Constant(value=2)))], type_ignores=[])"),
    ("{lambda: a: b}",
     "Module(body=[Expr(value=Dict(keys=[Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Name(id='a', ctx=Load()))], values=[Name(id='b', ctx=Load())]))], type_ignores=[])"),
    ("{lambda x, y: x: 1}",
     "Module(body=[Expr(value=Dict(keys=[Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x'), arg(arg='y')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Name(id='x', ctx=Load()))], values=[Constant(value=1)]))], type_ignores=[])"),
    ("f\"\\N{BULLET}{x}\"",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='•'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"),
    ("\"\\N{NBSP}\\N{LINE FEED}\\N{BYTE ORDER MARK}\\N{vs17}\"",
     "Module(body=[Expr(value=Constant(value='\\xa0\\n\\ufeff󠄀'))], type_ignores=[])"),
    ("\"\\N{HANGUL SYLLABLE GA}\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{nushu character-1b170}\"",
     "Module(body=[Expr(value=Constant(value='가一𛅰'))], type_ignores=[])"),
    ("x = 1\\\r\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
])
func readsAsPython311(source: String, tree: String) throws {
    #expect(SyntaxTreeDump.dump(try PythonParser.parse(source).get()) == tree)
}

@Test("Refused as CPython 3.11 refuses them", arguments: [
    "f\"{x[\"a\"]}\"",
    "f\"{'\\n'}\"",
    "f\"{x # c}\"",
    "f\"{*x}\"",
    "f\"{x:{y:{z}}}\"",
    "f\"{x!r }\"",
    "f\"{x)}\"",
    "f\"{(x]}\"",
    "f\"{}\"",
    "f\"{x!}\"",
    "f\"}\"",
    "f\"{x:a}}\"",
    "f\"\\Nx{x}\"",
    "f\"{lambda x: 1}\"",
    "f\"{'a}\"",
    "\"\\N{TANGUT IDEOGRAPH-17000}\"",
    "\"\\N{KAWI LETTER A}\"",
    "\"\\N{LINE FEED (LF)}\"",
    "x = 1eif 1",
    "x = 1Else 2",
    "x = 1\\\n",
    "f'{((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))}'",
    "f'{(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))}'",
])
func refusedAsPython311(source: String) {
    guard case .failure = PythonParser.parse(source) else {
        Issue.record("\(source.debugDescription) parsed; CPython 3.11 refuses it")
        return
    }
}
