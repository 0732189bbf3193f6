/// The kinds of token the tokenizer produces. Hard keywords get their own kinds so the
/// parser compares small integers; soft keywords (`match`, `case`, `type`, `_`) stay names.
public enum TokenKind: UInt8, Sendable {
    case endMarker, newline, indent, dedent, name, number, string

    // Hard keywords.
    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
    case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
    case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
    case kwReturn, kwTry, kwWhile, kwWith, kwYield

    // Operators and delimiters.
    case lpar, rpar, lsqb, rsqb, lbrace, rbrace, colon, comma, semi, plus, minus, star, slash
    case vbar, amper, less, greater, equal, dot, percent, equalEqual, notEqual, lessEqual
    case greaterEqual, tilde, circumflex, leftShift, rightShift, doubleStar, plusEqual
    case minusEqual, starEqual, slashEqual, percentEqual, amperEqual, vbarEqual, circumflexEqual
    case leftShiftEqual, rightShiftEqual, doubleStarEqual, doubleSlash, doubleSlashEqual
    case at, atEqual, rarrow, ellipsis, colonEqual

    var isKeyword: Bool { rawValue >= TokenKind.kwFalse.rawValue && rawValue <= TokenKind.kwYield.rawValue }

    static let keywords: [String: TokenKind] = [
        "False": .kwFalse, "None": .kwNone, "True": .kwTrue, "and": .kwAnd, "as": .kwAs,
        "assert": .kwAssert, "async": .kwAsync, "await": .kwAwait, "break": .kwBreak,
        "class": .kwClass, "continue": .kwContinue, "def": .kwDef, "del": .kwDel, "elif": .kwElif,
        "else": .kwElse, "except": .kwExcept, "finally": .kwFinally, "for": .kwFor, "from": .kwFrom,
        "global": .kwGlobal, "if": .kwIf, "import": .kwImport, "in": .kwIn, "is": .kwIs,
        "lambda": .kwLambda, "nonlocal": .kwNonlocal, "not": .kwNot, "or": .kwOr, "pass": .kwPass,
        "raise": .kwRaise, "return": .kwReturn, "try": .kwTry, "while": .kwWhile, "with": .kwWith,
        "yield": .kwYield,
    ]
}

/// One token: its kind and where its text lies in the decoded source.
public struct Token: Sendable {
    public var kind: TokenKind
    /// Byte offsets of the token's text in the source buffer.
    public var start: Int32
    public var end: Int32
    public var line: Int32
    public var column: Int32

    public var location: SourceLocation { SourceLocation(line: Int(line), column: Int(column)) }
}

/// A `#` comment, kept with its position so later stages can read inline directives
/// such as `# zerodowntime: ignore[rule-id]`.
public struct Comment: Hashable, Sendable {
    public var location: SourceLocation
    /// The text after `#`, untrimmed.
    public var text: String
}
