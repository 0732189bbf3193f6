import PythonSyntax
import Testing

/// Integers of any length read in time linear in their length, with CPython's values and CPython's
/// limit: a decimal literal of more than 4,300 digits is a syntax error (`sys.int_info`'s default
/// limit on int string conversion), a hexadecimal, octal or binary one is not.
private func assignedValue(_ source: String) throws -> String {
    let dump = SyntaxTreeDump.dump(try PythonParser.parse(source).get())
    let start = try #require(dump.range(of: "Constant(value="))
    return String(dump[start.upperBound...].prefix { $0 != ")" })
}

@Test("Large literals have CPython's value", arguments: [
    ("0x" + String(repeating: "f", count: 40), "1461501637330902918203684832716283019655932542975"),
    ("0o" + String(repeating: "7", count: 30), "1237940039285380274899124223"),
    ("0b" + String(repeating: "1", count: 100), "1267650600228229401496703205375"),
    ("0o" + String(repeating: "1234567", count: 10), "268653020638840530786520404770564349801966532581653415987591543"),
    ("0x_ffff_ffff_ffff_ffff_f", "295147905179352825855"),
])
func largeLiteralsHaveCPythonsValue(literal: String, value: String) throws {
    #expect(try assignedValue("x = \(literal)\n") == value)
}

@Test func aDecimalLiteralAtCPythonsLimitParses() throws {
    let digits = "1" + String(repeating: "0", count: 4299)
    #expect(try assignedValue("x = \(digits)\n") == digits)
}

@Test func aDecimalLiteralPastCPythonsLimitIsCPythonsSyntaxError() throws {
    let source = "x = 1" + String(repeating: "0", count: 4300) + "\n"
    guard case .failure(let error) = PythonParser.parse(source) else {
        Issue.record("a 4,301-digit decimal literal parsed; CPython 3.11 refuses it")
        return
    }
    #expect(error.line == 1)
    #expect(error.message.contains("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"))
}

@Test func zerosPastTheLimitAreStillZero() throws {
    #expect(try assignedValue("x = " + String(repeating: "0", count: 5000) + "\n") == "0")
}

/// 400,000 hexadecimal digits took 44 s when every digit multiplied every limb; packed bit by bit
/// it is one pass. A value this large has more decimal digits than CPython writes, so it is kept in
/// hexadecimal (the same value, valid Python).
@Test func aHugeHexadecimalLiteralStaysHexadecimal() throws {
    let digits = String(repeating: "f", count: 400_000)
    let value = try assignedValue("x = 0x\(digits)\n")
    #expect(value == "0x" + digits)
}
