import Foundation

/// Python 3 tokenizer over decoded UTF-8 source. It follows CPython's tokenizer: INDENT and
/// DEDENT from a stack of columns (tabs to multiples of 8, checked against tab-size-1 for
/// consistency), NEWLINE only at the end of a logical line outside brackets, blank and
/// comment-only lines skipped, backslash continuations, and CPython's error messages.
struct Lexer {
    let source: [UInt8]
    private var position: Int
    private let end: Int
    private var line = 1
    private var lineStart = 0
    private(set) var tokens: [Token] = []
    private(set) var comments: [Comment] = []
    private var indents: [Int] = [0]
    private var altIndents: [Int] = [0]
    private var brackets: [OpenBracket] = []
    /// f-string expressions are tokenized as if inside brackets: newlines are not tokens.
    private let isInsideBrackets: Bool
    private var atLineStart: Bool
    private var lineHasTokens = false

    /// CPython's tokenizer limits (MAXLEVEL and MAXINDENT).
    static let maximumBracketDepth = 200
    static let maximumIndentationDepth = 99

    init(source: [UInt8]) {
        self.source = source
        self.position = 0
        self.end = source.count
        self.isInsideBrackets = false
        self.atLineStart = true
    }

    /// A lexer for the text `range` of `source` that starts at `location`, used for the
    /// expressions inside f-string replacement fields.
    init(source: [UInt8], range: Range<Int>, location: SourceLocation) {
        self.source = source
        self.position = range.lowerBound
        self.end = range.upperBound
        self.line = location.line
        self.lineStart = range.lowerBound - location.column
        self.isInsideBrackets = true
        self.atLineStart = false
    }

    private func byte(_ i: Int) -> UInt8 { i < end ? source[i] : 0 }

    private func location(_ offset: Int) -> SourceLocation {
        SourceLocation(line: line, column: offset - lineStart)
    }

    private func error(_ message: String, at offset: Int) -> PythonSyntaxError {
        PythonSyntaxError(message, at: location(offset))
    }

    /// Location of an offset anywhere in the source, for errors found after scanning past newlines.
    static func locate(_ offset: Int, in source: [UInt8]) -> SourceLocation {
        var l = 1
        var start = 0
        var i = 0
        while i < offset && i < source.count {
            if source[i] == 0x0A { l += 1; start = i + 1 }
            i += 1
        }
        return SourceLocation(line: l, column: offset - start)
    }

    private mutating func emit(_ kind: TokenKind, _ start: Int, _ stop: Int, at loc: SourceLocation? = nil) {
        let l = loc ?? location(start)
        tokens.append(Token(kind: kind, start: Int32(start), end: Int32(stop), line: Int32(l.line), column: Int32(l.column)))
        if kind != .newline && kind != .indent && kind != .dedent { lineHasTokens = true }
    }

    private mutating func newline(at offset: Int) {
        line += 1
        lineStart = offset + 1
    }

    mutating func tokenize() throws(PythonSyntaxError) {
        tokens.reserveCapacity(end / 4)
        while true {
            if atLineStart {
                if try !readIndentation() { break }
            }
            // Whitespace between tokens.
            while position < end {
                let b = source[position]
                if b == 0x20 || b == 0x09 || b == 0x0C { position += 1 } else { break }
            }
            guard position < end else { break }
            let start = position
            let c = source[position]
            switch c {
            case 0x0A:
                if brackets.isEmpty && !isInsideBrackets {
                    if lineHasTokens { emit(.newline, start, start + 1) }
                    lineHasTokens = false
                    atLineStart = true
                }
                position += 1
                newline(at: start)
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\\"):
                if position + 1 >= end {
                    throw error("unexpected EOF while parsing", at: start)
                }
                guard source[position + 1] == 0x0A else {
                    throw error("unexpected character after line continuation character", at: start + 1)
                }
                if position + 2 >= end && !isInsideBrackets { throw error("unexpected EOF while parsing", at: start) }
                position += 2
                newline(at: start + 1)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                try scanString(start: start, prefix: StringPrefix.none)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                try scanNumber(start: start)
            case UInt8(ascii: ".") where isDigit(byte(position + 1)):
                try scanNumber(start: start)
            default:
                if isASCIILetterOrUnderscore(c) || c >= 0x80 {
                    try scanName(start: start)
                } else {
                    try scanOperator(start: start)
                }
            }
        }
        try finish()
    }

    private mutating func finish() throws(PythonSyntaxError) {
        if let innermost = brackets.last, !isInsideBrackets {
            throw PythonSyntaxError("'\(Character(Unicode.Scalar(innermost.byte)))' was never closed",
                                    at: Lexer.locate(Int(innermost.offset), in: source))
        }
        if !isInsideBrackets {
            if lineHasTokens { emit(.newline, end, end) }
            for _ in 1..<indents.count { emit(.dedent, end, end) }
        }
        emit(.endMarker, end, end)
    }

    /// Measures a new line's indentation and emits INDENT/DEDENT. Returns false at end of input.
    private mutating func readIndentation() throws(PythonSyntaxError) -> Bool {
        while true {
            var column = 0
            var altColumn = 0
            // A backslash continuation inside the indentation joins the next physical line to
            // this one: CPython takes the column of the first backslash as the indentation,
            // unless that column is 0, then the column where the statement really starts.
            var continuationColumn = 0
            var p = position
            scan: while p < end {
                switch source[p] {
                case 0x20: column += 1; altColumn += 1
                case 0x09: column = (column / 8 + 1) * 8; altColumn += 1
                case 0x0C: column = 0; altColumn = 0
                case UInt8(ascii: "\\"):
                    if continuationColumn == 0 { continuationColumn = column }
                    guard p + 1 < end, source[p + 1] == 0x0A else {
                        position = p
                        if p + 1 >= end { throw error("unexpected EOF while parsing", at: p) }
                        throw error("unexpected character after line continuation character", at: p + 1)
                    }
                    if p + 2 >= end { position = p; throw error("unexpected EOF while parsing", at: p) }
                    p += 2
                    newline(at: p - 1)
                    continue scan
                default: break scan
                }
                p += 1
            }
            if p >= end { position = p; return false }
            let c = source[p]
            if c == UInt8(ascii: "#") {
                position = p
                skipComment()
                if position >= end { return false }
                position += 1
                newline(at: position - 1)
                continue
            }
            if c == 0x0A {
                position = p + 1
                newline(at: p)
                continue
            }
            position = p
            atLineStart = false
            if continuationColumn != 0 {
                column = continuationColumn
                altColumn = continuationColumn
            }
            try applyIndentation(column: column, altColumn: altColumn, at: p)
            return true
        }
    }

    private mutating func applyIndentation(column: Int, altColumn: Int, at offset: Int) throws(PythonSyntaxError) {
        let tabError = "inconsistent use of tabs and spaces in indentation"
        if column == indents.last! {
            if altColumn != altIndents.last! { throw error(tabError, at: offset) }
        } else if column > indents.last! {
            if altColumn <= altIndents.last! { throw error(tabError, at: offset) }
            if indents.count > Lexer.maximumIndentationDepth { throw error("too many levels of indentation", at: offset) }
            indents.append(column)
            altIndents.append(altColumn)
            emit(.indent, lineStart, offset)
        } else {
            while indents.count > 1 && column < indents.last! {
                indents.removeLast()
                altIndents.removeLast()
                emit(.dedent, offset, offset)
            }
            if column != indents.last! {
                throw error("unindent does not match any outer indentation level", at: offset)
            }
            if altColumn != altIndents.last! { throw error(tabError, at: offset) }
        }
    }

    private mutating func skipComment() {
        let start = position
        while position < end && source[position] != 0x0A { position += 1 }
        let text = String(decoding: source[(start + 1)..<position], as: UTF8.self)
        comments.append(Comment(location: location(start), text: text))
    }

    private mutating func scanName(start: Int) throws(PythonSyntaxError) {
        var hasNonASCII = false
        while position < end {
            let b = source[position]
            guard isIdentifierByte(b) else { break }
            if b >= 0x80 { hasNonASCII = true }
            position += 1
        }
        let length = position - start
        if length <= 3, position < end, isQuote(source[position]), let prefix = StringPrefix(source[start..<position]) {
            try scanString(start: start, prefix: prefix)
            return
        }
        if hasNonASCII {
            try validateIdentifier(start: start)
        } else if let keyword = keywordKind(start, position) {
            emit(keyword, start, position)
            return
        }
        emit(.name, start, position)
    }

    /// Hard keywords, matched by length then bytes: no hashing, no table to load.
    private func keywordKind(_ start: Int, _ stop: Int) -> TokenKind? {
        func matches(_ word: StaticString) -> Bool {
            let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            for k in 0..<bytes.count where source[start + k] != bytes[k] { return false }
            return true
        }
        switch stop - start {
        case 2:
            switch source[start] {
            case UInt8(ascii: "a"): if matches("as") { return .kwAs }
            case UInt8(ascii: "i"): if matches("if") { return .kwIf }; if matches("in") { return .kwIn }; if matches("is") { return .kwIs }
            case UInt8(ascii: "o"): if matches("or") { return .kwOr }
            default: break
            }
        case 3:
            switch source[start] {
            case UInt8(ascii: "a"): if matches("and") { return .kwAnd }
            case UInt8(ascii: "d"): if matches("def") { return .kwDef }; if matches("del") { return .kwDel }
            case UInt8(ascii: "f"): if matches("for") { return .kwFor }
            case UInt8(ascii: "n"): if matches("not") { return .kwNot }
            case UInt8(ascii: "t"): if matches("try") { return .kwTry }
            default: break
            }
        case 4:
            switch source[start] {
            case UInt8(ascii: "N"): if matches("None") { return .kwNone }
            case UInt8(ascii: "T"): if matches("True") { return .kwTrue }
            case UInt8(ascii: "e"): if matches("elif") { return .kwElif }; if matches("else") { return .kwElse }
            case UInt8(ascii: "f"): if matches("from") { return .kwFrom }
            case UInt8(ascii: "p"): if matches("pass") { return .kwPass }
            case UInt8(ascii: "w"): if matches("with") { return .kwWith }
            default: break
            }
        case 5:
            switch source[start] {
            case UInt8(ascii: "F"): if matches("False") { return .kwFalse }
            case UInt8(ascii: "a"): if matches("async") { return .kwAsync }; if matches("await") { return .kwAwait }
            case UInt8(ascii: "b"): if matches("break") { return .kwBreak }
            case UInt8(ascii: "c"): if matches("class") { return .kwClass }
            case UInt8(ascii: "r"): if matches("raise") { return .kwRaise }
            case UInt8(ascii: "w"): if matches("while") { return .kwWhile }
            case UInt8(ascii: "y"): if matches("yield") { return .kwYield }
            default: break
            }
        case 6:
            switch source[start] {
            case UInt8(ascii: "a"): if matches("assert") { return .kwAssert }
            case UInt8(ascii: "e"): if matches("except") { return .kwExcept }
            case UInt8(ascii: "g"): if matches("global") { return .kwGlobal }
            case UInt8(ascii: "i"): if matches("import") { return .kwImport }
            case UInt8(ascii: "l"): if matches("lambda") { return .kwLambda }
            case UInt8(ascii: "r"): if matches("return") { return .kwReturn }
            default: break
            }
        case 7:
            switch source[start] {
            case UInt8(ascii: "f"): if matches("finally") { return .kwFinally }
            default: break
            }
        case 8:
            switch source[start] {
            case UInt8(ascii: "c"): if matches("continue") { return .kwContinue }
            case UInt8(ascii: "n"): if matches("nonlocal") { return .kwNonlocal }
            default: break
            }
        default: break
        }
        return nil
    }

    /// CPython accepts a non-ASCII identifier when its NFKC form starts with XID_Start (or `_`)
    /// and continues with XID_Continue.
    /// CPython 3.11's `verify_identifier`: every character of the name as written (not its NFKC
    /// form) is XID_Start (or `_`) first and XID_Continue after, by Unicode 14.0, the version
    /// CPython 3.11's tables hold; a character assigned later is not an identifier character there.
    private func validateIdentifier(start: Int) throws(PythonSyntaxError) {
        let text = String(decoding: source[start..<position], as: UTF8.self)
        var offset = start
        var first = true
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let assigned = properties.age.map { $0.major < 14 || ($0.major == 14 && $0.minor == 0) } ?? false
            let ok = assigned && (first ? (properties.isXIDStart || scalar == "_")
                : properties.isXIDContinue && !Self.continueSinceUnicode15_1.contains(scalar.value))
            if !ok {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                let printable = assigned && !["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"].contains(Self.categoryCode(properties.generalCategory))
                throw error(printable ? "invalid character '\(scalar)' (U+\(padded))" : "invalid non-printable character U+\(padded)", at: offset)
            }
            first = false
            offset += String(scalar).utf8.count
        }
    }

    /// Made XID_Continue by Unicode 15.1 (ZWNJ, ZWJ and two katakana middle dots): not in CPython
    /// 3.11. Every other code point's XID properties agree with CPython 3.11's `str.isidentifier`
    /// (checked over all of Unicode).
    private static let continueSinceUnicode15_1: Set<UInt32> = [0x200C, 0x200D, 0x30FB, 0xFF65]

    private static func categoryCode(_ category: Unicode.GeneralCategory) -> String {
        switch category {
        case .control: return "Cc"
        case .format: return "Cf"
        case .surrogate: return "Cs"
        case .privateUse: return "Co"
        case .unassigned: return "Cn"
        case .lineSeparator: return "Zl"
        case .paragraphSeparator: return "Zp"
        case .spaceSeparator: return "Zs"
        default: return "other"
        }
    }

    private mutating func scanString(start: Int, prefix: StringPrefix) throws(PythonSyntaxError) {
        let q = source[position]
        let triple = byte(position + 1) == q && byte(position + 2) == q
        let startLocation = location(start)
        // Python 3.11: an f-string ends where any string would; the parser reads its fields.
        position += triple ? 3 : 1
        while true {
            guard position < end else {
                throw PythonSyntaxError(triple
                    ? "unterminated triple-quoted string literal (detected at line \(line))"
                    : "unterminated string literal (detected at line \(line))", at: startLocation)
            }
            let c = source[position]
            if c == q {
                if !triple { position += 1; break }
                if byte(position + 1) == q && byte(position + 2) == q { position += 3; break }
                position += 1
            } else if c == UInt8(ascii: "\\") {
                if byte(position + 1) == 0x0A { newline(at: position + 1) }
                position += 2
            } else if c == 0x0A {
                if !triple {
                    throw PythonSyntaxError("unterminated string literal (detected at line \(line))", at: startLocation)
                }
                newline(at: position)
                position += 1
            } else {
                position += 1
            }
        }
        if position > end {
            throw PythonSyntaxError("unterminated string literal (detected at line \(line))", at: startLocation)
        }
        emit(.string, start, position, at: startLocation)
    }

    private mutating func scanNumber(start: Int) throws(PythonSyntaxError) {
        func digits(_ accept: (UInt8) -> Bool, kind: String) throws(PythonSyntaxError) -> Bool {
            // One or more digits with single underscores between them.
            guard position < end, accept(source[position]) else { return false }
            while position < end {
                if accept(source[position]) {
                    position += 1
                } else if source[position] == UInt8(ascii: "_") {
                    position += 1
                    guard position < end, accept(source[position]) else {
                        throw error("invalid \(kind) literal", at: position - 1)
                    }
                } else {
                    break
                }
            }
            return true
        }
        let decimal: (UInt8) -> Bool = isDigit
        var kind = "decimal"
        if source[position] == UInt8(ascii: "0"), let radix = radixKind(byte(position + 1)) {
            position += 2
            kind = radix.name
            if byte(position) == UInt8(ascii: "_") { position += 1 }
            guard try digits(radix.accept, kind: kind) else {
                if isDigit(byte(position)) {
                    throw error("invalid digit '\(Character(Unicode.Scalar(byte(position))))' in \(kind) literal", at: position)
                }
                throw error("invalid \(kind) literal", at: position)
            }
            if isDigit(byte(position)) {
                throw error("invalid digit '\(Character(Unicode.Scalar(byte(position))))' in \(kind) literal", at: position)
            }
        } else {
            var isFloat = false
            let leadingZero = source[position] == UInt8(ascii: "0")
            if source[position] != UInt8(ascii: ".") {
                _ = try digits(decimal, kind: kind)
            }
            if byte(position) == UInt8(ascii: ".") {
                isFloat = true
                position += 1
                _ = try digits(decimal, kind: kind)
            }
            let e = byte(position)
            if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                let save = position
                position += 1
                let signed = byte(position) == UInt8(ascii: "+") || byte(position) == UInt8(ascii: "-")
                if signed { position += 1 }
                if e == UInt8(ascii: "e") && !signed && !isDigit(byte(position)) && matchesKeyword("lse", at: position) {
                    // CPython's tokenizer ends the number before `else` (`1if x else 2` written `1else`).
                    position = save
                } else if try digits(decimal, kind: kind) {
                    isFloat = true
                } else {
                    position = save
                    throw error("invalid decimal literal", at: save)
                }
            }
            if byte(position) == UInt8(ascii: "j") || byte(position) == UInt8(ascii: "J") {
                position += 1
                isFloat = true
            }
            if leadingZero && !isFloat {
                let text = source[start..<position]
                if text.contains(where: { $0 != UInt8(ascii: "0") && $0 != UInt8(ascii: "_") }) {
                    throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", at: start)
                }
            }
        }
        try checkEndOfNumber(kind: kind)
        emit(.number, start, position)
    }

    private func radixKind(_ b: UInt8) -> (name: String, accept: (UInt8) -> Bool)? {
        switch b | 0x20 {
        case UInt8(ascii: "x"):
            return ("hexadecimal", { isDigit($0) || ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "f") })
        case UInt8(ascii: "o"): return ("octal", { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") })
        case UInt8(ascii: "b"): return ("binary", { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") })
        default: return nil
        }
    }

    /// A number directly followed by a name is an error, except before the keywords CPython
    /// still tolerates there (`1if x else y`).
    private func matchesKeyword(_ rest: String, at offset: Int) -> Bool {
        let bytes = Array(rest.utf8)
        return offset + bytes.count <= end && source[offset..<(offset + bytes.count)].elementsEqual(bytes)
    }

    private func checkEndOfNumber(kind: String) throws(PythonSyntaxError) {
        let b = byte(position)
        guard isASCIILetterOrUnderscore(b) || b >= 0x80 || isDigit(b) else { return }
        for keyword in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            let bytes = Array(keyword.utf8)
            if position + bytes.count <= end && source[position..<(position + bytes.count)].elementsEqual(bytes) {
                return
            }
        }
        throw error("invalid \(kind) literal", at: position)
    }

    private mutating func scanOperator(start: Int) throws(PythonSyntaxError) {
        let c = source[start]
        let c1 = byte(start + 1)
        let c2 = byte(start + 2)
        let equal = UInt8(ascii: "=")
        var kind: TokenKind
        var length = 1
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            // An f-string field is read as `(text)`: its implied parenthesis counts too.
            if brackets.count + (isInsideBrackets ? 1 : 0) >= Lexer.maximumBracketDepth { throw error("too many nested parentheses", at: start) }
            brackets.append(OpenBracket(byte: c, offset: Int32(start), line: Int32(line)))
            kind = c == UInt8(ascii: "(") ? .lpar : c == UInt8(ascii: "[") ? .lsqb : .lbrace
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            let closer = Character(Unicode.Scalar(c))
            guard let open = brackets.popLast() else { throw error("unmatched '\(closer)'", at: start) }
            let expected: UInt8 = open.byte == UInt8(ascii: "(") ? UInt8(ascii: ")") : open.byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if c != expected {
                let opener = Character(Unicode.Scalar(open.byte))
                let onLine = Int(open.line) != line ? " on line \(open.line)" : ""
                throw error("closing parenthesis '\(closer)' does not match opening parenthesis '\(opener)'\(onLine)", at: start)
            }
            kind = c == UInt8(ascii: ")") ? .rpar : c == UInt8(ascii: "]") ? .rsqb : .rbrace
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "."):
            if c1 == UInt8(ascii: ".") && c2 == UInt8(ascii: ".") { kind = .ellipsis; length = 3 } else { kind = .dot }
        case UInt8(ascii: ":"):
            if c1 == equal { kind = .colonEqual; length = 2 } else { kind = .colon }
        case UInt8(ascii: "="):
            if c1 == equal { kind = .equalEqual; length = 2 } else { kind = .equal }
        case UInt8(ascii: ";"): kind = .semi
        case UInt8(ascii: "+"):
            if c1 == equal { kind = .plusEqual; length = 2 } else { kind = .plus }
        case UInt8(ascii: "-"):
            if c1 == equal { kind = .minusEqual; length = 2 } else if c1 == UInt8(ascii: ">") { kind = .rarrow; length = 2 } else { kind = .minus }
        case UInt8(ascii: "*"):
            if c1 == UInt8(ascii: "*") {
                if c2 == equal { kind = .doubleStarEqual; length = 3 } else { kind = .doubleStar; length = 2 }
            } else if c1 == equal { kind = .starEqual; length = 2 } else { kind = .star }
        case UInt8(ascii: "/"):
            if c1 == UInt8(ascii: "/") {
                if c2 == equal { kind = .doubleSlashEqual; length = 3 } else { kind = .doubleSlash; length = 2 }
            } else if c1 == equal { kind = .slashEqual; length = 2 } else { kind = .slash }
        case UInt8(ascii: "<"):
            if c1 == UInt8(ascii: "<") {
                if c2 == equal { kind = .leftShiftEqual; length = 3 } else { kind = .leftShift; length = 2 }
            } else if c1 == equal { kind = .lessEqual; length = 2 } else { kind = .less }
        case UInt8(ascii: ">"):
            if c1 == UInt8(ascii: ">") {
                if c2 == equal { kind = .rightShiftEqual; length = 3 } else { kind = .rightShift; length = 2 }
            } else if c1 == equal { kind = .greaterEqual; length = 2 } else { kind = .greater }
        case UInt8(ascii: "|"):
            if c1 == equal { kind = .vbarEqual; length = 2 } else { kind = .vbar }
        case UInt8(ascii: "&"):
            if c1 == equal { kind = .amperEqual; length = 2 } else { kind = .amper }
        case UInt8(ascii: "!"):
            guard c1 == equal else { throw error("invalid syntax", at: start) }
            kind = .notEqual; length = 2
        case UInt8(ascii: "%"):
            if c1 == equal { kind = .percentEqual; length = 2 } else { kind = .percent }
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "^"):
            if c1 == equal { kind = .circumflexEqual; length = 2 } else { kind = .circumflex }
        case UInt8(ascii: "@"):
            if c1 == equal { kind = .atEqual; length = 2 } else { kind = .at }
        default:
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "?") || c == UInt8(ascii: "`") {
                throw error("invalid syntax", at: start)
            }
            let hex = String(c, radix: 16, uppercase: true)
            throw error("invalid non-printable character U+\(String(repeating: "0", count: 4 - hex.count) + hex)", at: start)
        }
        position = start + length
        emit(kind, start, position)
    }
}

/// An open bracket waiting for its match; its column is found again only for an error.
struct OpenBracket {
    var byte: UInt8
    var offset: Int32
    var line: Int32
}
