import MigrationModel
import PythonSyntax

/// One line of `zerodowntime dump`: a migration file read and its `class Migration`, per CONTRACT.md.
public struct DumpRecord: Sendable {
    public var relativePath: String
    public var result: Result<MigrationClass?, PythonSyntaxError>

    public init(relativePath: String, bytes: [UInt8]) {
        self.relativePath = relativePath
        switch PythonParser.parse(fileBytes: bytes) {
        case .success(let module): result = .success(MigrationClass(module: module))
        case .failure(let error): result = .failure(error)
        }
    }

    /// `app`: the directory that holds `migrations/`, or "" when the path is too short.
    public var app: String {
        // The third component from the end: the directory that holds `migrations/`.
        let bytes = Array(relativePath.utf8)
        var end = bytes.count
        for _ in 0..<2 {
            guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return "" }
            end = slash
        }
        let start = (bytes[..<end].lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    public var name: String {
        let bytes = Array(relativePath.utf8)
        let fileStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        return String(decoding: bytes[fileStart..<max(fileStart, bytes.count - 3)], as: UTF8.self)
    }

    public func write(to json: inout ContractJSONWriter) {
        json.raw("{\"path\":")
        json.string(relativePath)
        json.raw(",\"app\":")
        json.string(app)
        json.raw(",\"name\":")
        json.string(name)
        switch result {
        case .failure(let error):
            json.raw(",\"parse\":\"error\",\"error\":{\"line\":")
            json.integer(error.line)
            json.raw(",\"col\":")
            json.integer(error.column)
            json.raw(",\"message\":")
            json.string(error.message)
            json.raw("},\"migration\":null}")
        case .success(let migration):
            json.raw(",\"parse\":\"ok\",\"migration\":")
            if let migration {
                json.raw("{\"bases\":[")
                for (k, base) in migration.bases.enumerated() {
                    if k > 0 { json.raw(",") }
                    json.value(base)
                }
                json.raw("]")
                for (name, value) in zip(MigrationClass.attributeNames, migration.attributes) {
                    json.raw(",\"")
                    json.append(utf8: name)
                    json.raw("\":")
                    json.value(value)
                }
                json.raw("}}")
            } else {
                json.raw("null}")
            }
        }
        json.newline()
    }
}
