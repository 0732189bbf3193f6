import PythonSyntax
import Testing

/// From file bytes to text, as CONTRACT.md §3 and `ref_extract.decode_source` decode them, and the
/// tokenizer's view of characters. Expected values were checked against ref_extract.py and CPython 3.11.

private func tree(_ bytes: [UInt8]) throws -> String {
    SyntaxTreeDump.dump(try PythonParser.parse(fileBytes: bytes).get())
}

private func failure(_ bytes: [UInt8]) -> PythonSyntaxError? {
    if case .failure(let error) = PythonParser.parse(fileBytes: bytes) { return error }
    return nil
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

/// `x = 'é'` with é as the single Latin-1 byte E9.
private let latin1Assignment: [UInt8] = bytes("x = '") + [0xE9] + bytes("'")
private let eAcuteAssignment = "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value='é'))], type_ignores=[])"

// MARK: - Byte order mark and coding cookies

@Test func byteOrderMarkIsDropped() throws {
    #expect(try tree(bom + bytes("x = 1")) == tree(bytes("x = 1")))
}

@Test func byteOrderMarkDoesNotShiftErrorColumns() {
    #expect(failure(bom + [0xFF]) == PythonSyntaxError(line: 1, column: 1, message: "invalid utf-8"))
}

@Test func latin1CookieOnLineOneDecodesEAcute() throws {
    #expect(try tree(bytes("# -*- coding: latin-1 -*-\n") + latin1Assignment) == eAcuteAssignment)
}

@Test func cookieOnLineTwoCountsAfterAComment() throws {
    #expect(try tree(bytes("#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n") + latin1Assignment) == eAcuteAssignment)
}

@Test func cookieOnLineTwoCountsAfterABlankLine() throws {
    // The name is normalised: lower case, `_` to `-`.
    #expect(try tree(bytes("\n# coding=Latin_1\n") + latin1Assignment) == eAcuteAssignment)
}

@Test func cookieAfterCodeIsIgnored() throws {
    let cookieAfterCode = bytes("x = 1\n# coding: latin-1\n")
    // The file stays UTF-8: the two bytes of é in UTF-8 are one é, ...
    #expect(try tree(cookieAfterCode + bytes("y = 'é'")).contains("Constant(value='é')"))
    // ... and a lone Latin-1 byte is invalid UTF-8 at its own line and byte column.
    #expect(failure(cookieAfterCode + bytes("y = '") + [0xE9] + bytes("'"))
        == PythonSyntaxError(line: 3, column: 6, message: "invalid utf-8"))
}

@Test func cookieWithByteOrderMark() throws {
    #expect(try tree(bom + bytes("# coding: latin-1\n") + latin1Assignment) == eAcuteAssignment)
    #expect(try tree(bom + bytes("# coding: utf-8\nx = 'é'")) == eAcuteAssignment)
}

@Test func latin1TextHasUTF8ByteColumns() throws {
    // After decoding, é is two bytes: `y` starts at byte 11, not 10.
    let module = try PythonParser.parse(fileBytes: bytes("# coding: latin-1\nx = '") + [0xE9] + bytes("' + y")).get()
    #expect(SyntaxTreeDump.dump(module, includePositions: true)
        == "Module(body=[Assign@2:0(targets=[Name@2:0(id='x', ctx=Store())], value=BinOp@2:4(left=Constant@2:4(value='é'), op=Add(), right=Name@2:11(id='y', ctx=Load())))], type_ignores=[])")
}

@Test(arguments: [
    ("# coding: cp1252\nx = 1", "unsupported encoding: cp1252"),
    ("#!python\n# vim: set fileencoding=CP1252 :\nx = 1", "unsupported encoding: cp1252"),
    ("# -*- coding: Shift_JIS -*-\n", "unsupported encoding: shift-jis"),
])
func unsupportedEncodingIsAnErrorAtTheStart(source: String, message: String) {
    #expect(failure(bytes(source)) == PythonSyntaxError(line: 1, column: 1, message: message))
}

// MARK: - UTF-8 validation

@Test(arguments: [
    (bytes("x = 1\ny = 'ab") + [0xFF] + bytes("'"), 2, 8),
    (bytes("x = '") + [0xC0, 0x80] + bytes("'"), 1, 6),  // overlong NUL
    (bytes("x = '") + [0xED, 0xA0, 0x80] + bytes("'"), 1, 6),  // encoded surrogate
    (bytes("x = 1\n  # ") + [0xF4, 0x90, 0x80, 0x80], 2, 5),  // above U+10FFFF, in a comment
    (bytes("s = 'é") + [0xE9], 1, 8),  // columns count bytes, not characters
    (bytes("x = '") + [0xE2, 0x82], 1, 6),  // cut short at the end of the file
])
func invalidUTF8IsAnErrorAtItsFirstByte(source: [UInt8], line: Int, column: Int) {
    #expect(failure(source) == PythonSyntaxError(line: line, column: column, message: "invalid utf-8"))
}

@Test func nulByteIsAnErrorWithoutPosition() {
    #expect(failure(bytes("x = 1\0")) == PythonSyntaxError(line: 0, column: 0, message: "source code string cannot contain null bytes"))
    #expect(failure(bytes("x = '\0'")) != nil)
}

// MARK: - Line endings

private let migrationWithLF = """
    # A comment
    from django.db import migrations

    class Migration(migrations.Migration):
        dependencies = [
            ("shop", "0001_initial"),  # trailing
        ]
        sql = '''SELECT 1
    FROM t'''
        name = "a\\
    b"

    """

@Test(arguments: ["\r\n", "\r"])
func otherLineEndingsGiveTheSameTree(lineEnding: String) throws {
    let lf = try PythonParser.parse(fileBytes: bytes(migrationWithLF)).get()
    let converted = migrationWithLF.replacing("\n", with: lineEnding)
    let fromBytes = try PythonParser.parse(fileBytes: bytes(converted)).get()
    let fromText = try PythonParser.parse(converted).get()
    #expect(SyntaxTreeDump.dump(fromBytes, includePositions: true) == SyntaxTreeDump.dump(lf, includePositions: true))
    #expect(SyntaxTreeDump.dump(fromText, includePositions: true) == SyntaxTreeDump.dump(lf, includePositions: true))
    #expect(fromBytes.comments == lf.comments)
    // Newlines inside strings are `\n` too.
    #expect(SyntaxTreeDump.dump(fromBytes).contains("Constant(value='SELECT 1\\nFROM t')"))
    #expect(SyntaxTreeDump.dump(fromBytes).contains("Constant(value='ab')"))
}

@Test func mixedLineEndings() throws {
    #expect(try tree(bytes("x = 1\r\ny = 2\rz = 3\n")) == tree(bytes("x = 1\ny = 2\nz = 3\n")))
}

// MARK: - Characters the tokenizer meets

@Test func nonASCIIIdentifiersAreNFKCNormalised() throws {
    // Fullwidth Ａ (U+FF21) is the identifier `A`; its `=` is 3 bytes further on.
    let module = try PythonParser.parse("Ａ = 1").get()
    #expect(SyntaxTreeDump.dump(module, includePositions: true)
        == "Module(body=[Assign@1:0(targets=[Name@1:0(id='A', ctx=Store())], value=Constant@1:6(value=1))], type_ignores=[])")
}

@Test(arguments: [
    ("€ = 1", 1, 1, "invalid character '€' (U+20AC)"),
    ("x = \u{01}", 1, 5, "invalid non-printable character U+0001"),
    ("a ! b", 1, 3, "invalid syntax"),
    ("x = $", 1, 5, "invalid syntax"),
    ("x = `y`", 1, 5, "invalid syntax"),
])
func characterThatCannotStartAToken(source: String, line: Int, column: Int, message: String) {
    #expect(failure(bytes(source)) == PythonSyntaxError(line: line, column: column, message: message))
}

@Test func noBreakSpaceIsRejectedWhereItStands() throws {
    // CPython says "invalid non-printable character U+00A0"; only the place is checked here.
    let error = try #require(failure(bytes("a\u{A0}= 1")))
    #expect((error.line, error.column) == (1, 2))
}

// MARK: - Python's repr of literal values

@Test("pythonFloatRepr is repr(float)", arguments: [
    (0.1, "0.1"),
    (1.0, "1.0"),
    (-0.0, "-0.0"),
    (100.0, "100.0"),
    (123456789.0, "123456789.0"),
    (0.0001, "0.0001"),
    (0.00001, "1e-05"),
    (1.5e-07, "1.5e-07"),
    (1e15, "1000000000000000.0"),
    (1e16, "1e+16"),
    (1e22, "1e+22"),
    (1234567890123456.0, "1234567890123456.0"),
    (12345678901234567.0, "1.2345678901234568e+16"),
    (9007199254740993.0, "9007199254740992.0"),
    (0.30000000000000004, "0.30000000000000004"),
    (1.0 / 3.0, "0.3333333333333333"),
    (Double.leastNonzeroMagnitude, "5e-324"),
    (-Double.leastNonzeroMagnitude, "-5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"),
    (Double.infinity, "inf"),
    (-Double.infinity, "-inf"),
])
func floatRepr(value: Double, repr: String) {
    #expect(pythonFloatRepr(value) == repr)
}

@Test("pythonRepr is repr(str)", arguments: [
    ("it's", #""it's""#),
    (#"say "hi""#, #"'say "hi"'"#),
    (#"both ' and ""#, #"'both \' and "'"#),
    ("tab\there\n", #"'tab\there\n'"#),
    ("nul\u{0}bell\u{7}del\u{7F}", #"'nul\x00bell\x07del\x7f'"#),
    ("\u{80}nbsp\u{A0}zwsp\u{200B}ls\u{2028}", #"'\x80nbsp\xa0zwsp\u200bls\u2028'"#),
    ("é😀", "'é😀'"),
    (#"\"#, #"'\\'"#),
])
func stringRepr(text: String, repr: String) {
    #expect(pythonRepr(Array(text.utf8)) == repr)
}

@Test func reprOfALoneSurrogate() {
    // '\udc80' held as generalized UTF-8.
    #expect(pythonRepr([0xED, 0xB2, 0x80]) == #"'\udc80'"#)
}
