/// Why a project could not be read. Each message names the file (and line) and says what to do.
public struct DjangoProjectError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

import PythonSyntax

/// Foundation also has an `Expression`; in this module it is always Python's.
typealias Expression = PythonSyntax.Expression
