/// A place in a source file, as CPython reports it: `line` is 1-based and
/// `column` is the 0-based UTF-8 byte offset from the start of that line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    // Stored narrow: every expression node carries one.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(truncatingIfNeeded: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(truncatingIfNeeded: newValue) }
    }

    public init(line: Int, column: Int) {
        self.storedLine = Int32(truncatingIfNeeded: line)
        self.storedColumn = Int32(truncatingIfNeeded: column)
    }

    public var description: String { "\(line):\(column + 1)" }
}

/// Why a file could not be read as Python. `column` is 1-based, like CPython's
/// `SyntaxError.offset`; line and column 0 mean "no position" (NUL bytes, as in CPython).
public struct PythonSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ message: String, at location: SourceLocation) {
        self.init(line: location.line, column: location.column + 1, message: message)
    }

    public var description: String { "\(line):\(column): \(message)" }
}
