import Foundation

/// Entry points of the Python reader.
public enum PythonParser {
    /// Decodes a file's bytes (BOM, coding cookie, UTF-8) and parses them as a module.
    public static func parse(fileBytes: [UInt8]) -> Result<Module, PythonSyntaxError> {
        switch SourceDecoder.decode(fileBytes) {
        case .failure(let error): return .failure(error)
        case .success(let text): return parse(text: text)
        }
    }

    /// Parses decoded UTF-8 source with `\n` line endings.
    public static func parse(text: [UInt8]) -> Result<Module, PythonSyntaxError> {
        do throws(PythonSyntaxError) {
            var lexer = Lexer(source: text)
            try lexer.tokenize()
            var parser = Parser(source: text, tokens: lexer.tokens)
            // About one expression per two tokens in real files: reserve once instead of regrowing.
            parser.store.nodes.reserveCapacity(lexer.tokens.count / 2 + 16)
            parser.store.lists.reserveCapacity(lexer.tokens.count / 4 + 16)
            let body = try parser.parseFile()
            return .success(Module(body: body, comments: lexer.comments, expressions: parser.store.finish()))
        } catch {
            return .failure(error)
        }
    }

    public static func parse(_ source: String) -> Result<Module, PythonSyntaxError> {
        parse(text: SourceDecoder.translateNewlines(Array(source.utf8)))
    }
}

/// Recursive-descent parser over the token array, following CPython's PEG grammar.
/// Split by topic: statements here, expressions, arguments, targets, patterns and strings
/// in the `Parser+…` files.
struct Parser {
    let source: [UInt8]
    var tokens: [Token]
    var index = 0
    /// Nesting of expressions and blocks, bounded so that hostile input gets an error, not a stack overflow.
    var depth = 0
    static let maximumDepth = 1000
    /// Where the expressions go.
    var store = ExpressionStoreBuilder()

    init(source: [UInt8], tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    mutating func make(_ kind: ExpressionKind, at location: SourceLocation) -> Expression {
        store.add(kind, at: location)
    }

    // MARK: - Token cursor

    var current: Token { tokens[index] }
    var kind: TokenKind { tokens[index].kind }

    func peekKind(_ offset: Int = 1) -> TokenKind {
        let i = index + offset
        return i < tokens.count ? tokens[i].kind : .endMarker
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func accept(_ k: TokenKind) -> Bool {
        if kind == k { advance(); return true }
        return false
    }

    @discardableResult
    mutating func expect(_ k: TokenKind, _ what: String) throws(PythonSyntaxError) -> Token {
        guard kind == k else { throw expected(what) }
        return advance()
    }

    func text(_ token: Token) -> String {
        source.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)]), as: UTF8.self)
        }
    }

    func isName(_ token: Token, _ word: StaticString) -> Bool {
        guard token.kind == .name, Int(token.end - token.start) == word.utf8CodeUnitCount else { return false }
        let start = Int(token.start)
        return word.withUTF8Buffer { buffer in
            for (k, b) in buffer.enumerated() where source[start + k] != b { return false }
            return true
        }
    }

    /// A NAME token's identifier, NFKC-normalised like CPython when it is not ASCII.
    func identifier(_ token: Token) -> String {
        let start = Int(token.start)
        let end = Int(token.end)
        var ascii = true
        for i in start..<end where source[i] >= 0x80 {
            ascii = false
            break
        }
        let raw = text(token)
        return ascii ? raw : raw.precomposedStringWithCompatibilityMapping
    }

    mutating func expectName(_ what: String) throws(PythonSyntaxError) -> (String, SourceLocation) {
        guard kind == .name else { throw expected(what) }
        let token = advance()
        return (identifier(token), token.location)
    }

    // MARK: - Errors

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .endMarker: return "end of file"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .string: return "string literal"
        default: return "'\(text(token))'"
        }
    }

    func error(_ message: String, at location: SourceLocation) -> PythonSyntaxError {
        PythonSyntaxError(message, at: location)
    }

    func expected(_ what: String) -> PythonSyntaxError {
        let token = current
        if token.kind == .indent { return error("unexpected indent", at: token.location) }
        return error("invalid syntax: expected \(what), found \(describe(token))", at: token.location)
    }

    func invalidSyntax() -> PythonSyntaxError {
        let token = current
        if token.kind == .indent { return error("unexpected indent", at: token.location) }
        return error("invalid syntax: unexpected \(describe(token))", at: token.location)
    }

    mutating func enter() throws(PythonSyntaxError) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw error("too many nested expressions or blocks (more than \(Parser.maximumDepth))", at: current.location)
        }
    }

    mutating func leave() { depth -= 1 }
}
