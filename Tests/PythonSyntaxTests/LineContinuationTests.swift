import PythonSyntax
import Testing

/// A backslash at the start of a line joins the next physical line to it, and the statement there
/// stays in the block it is indented for. Before this was read as CPython reads it, a line holding
/// only `\` closed `class Migration` for us but not for Django, so the operations after it were
/// run by `migrate` and never judged. Trees pasted from CPython 3.11's `ast.dump`.
extension GrammarExample {
    static let lineContinuations: [GrammarExample] = [
        // The statement after the backslash line is still in the class body.
        GrammarExample("class M:\n    x = 1\n\\\n    y = 2\n",
                       tree: "Module(body=[ClassDef(name='M', bases=[], keywords=[], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], decorator_list=[])], type_ignores=[])"),
        GrammarExample("class M:\n    x = 1\n\\\n\\\n    y = 2\n",
                       tree: "Module(body=[ClassDef(name='M', bases=[], keywords=[], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], decorator_list=[])], type_ignores=[])"),
        GrammarExample("class M:\n    x = 1\n\u{0C}\\\n    y = 2\n",
                       tree: "Module(body=[ClassDef(name='M', bases=[], keywords=[], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], decorator_list=[])], type_ignores=[])"),
        // A comment line after the continuation is a blank line: the indentation is measured again.
        GrammarExample("class M:\n    x = 1\n\\\n# c\n    y = 2\n",
                       tree: "Module(body=[ClassDef(name='M', bases=[], keywords=[], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], decorator_list=[])], type_ignores=[])"),
        // Unindented after the backslash: the class ends.
        GrammarExample("class M:\n    x = 1\n\\\ny = 2\n",
                       tree: "Module(body=[ClassDef(name='M', bases=[], keywords=[], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], decorator_list=[]), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], type_ignores=[])"),
        // The first backslash's column is the indentation, not the column where `y` starts.
        GrammarExample("if 1:\n    x = 1\n    \\\n\\\n  y = 2\n",
                       tree: "Module(body=[If(test=Constant(value=1), body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], orelse=[])], type_ignores=[])"),
        GrammarExample("\\\nx = 1\n",
                       tree: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"),
    ]
}

@Test("A backslash line continues the block CPython continues", arguments: GrammarExample.lineContinuations)
func backslashLinesJoinLikeCPython(_ example: GrammarExample) throws {
    let module = try PythonParser.parse(example.source).get()
    #expect(SyntaxTreeDump.dump(module) == example.tree)
}

@Test func aBackslashLineWithWindowsLineEndingsContinuesTheClass() throws {
    let bytes = Array("class M:\r\n    x = 1\r\n\\\r\n    y = 2\r\n".utf8)
    let module = try PythonParser.parse(fileBytes: bytes).get()
    #expect(SyntaxTreeDump.dump(module) == GrammarExample.lineContinuations[0].tree)
}

@Test("A backslash line CPython refuses is refused", arguments: [
    ("class M:\n    x = 1\n  \\\n        y = 2\n", 4, "unindent does not match any outer indentation level"),
    ("class M:\n    x = 1\n\t\\\n    y = 2\n", 4, "unexpected indent"),
    ("  \\\nx = 1\n", 2, "unexpected indent"),
    ("x = 1\n\\\n", 2, "unexpected EOF while parsing"),
    ("x = 1\n\\", 2, "unexpected EOF while parsing"),
    ("x = 1\n\\ \n", 2, "unexpected character after line continuation character"),
])
func backslashLinesFailLikeCPython(source: String, line: Int, message: String) throws {
    guard case .failure(let error) = PythonParser.parse(source) else {
        Issue.record("\(source.debugDescription) parsed; CPython refuses it")
        return
    }
    #expect(error.line == line)
    #expect(error.column >= 0)
    #expect(error.message.contains(message), "\(error.message)")
}
