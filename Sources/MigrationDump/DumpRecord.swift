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
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[parts.count - 3]) : ""
    }

    public var name: String {
        let file = relativePath.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return String(file.dropLast(3))
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
                    json.bytes.append(contentsOf: name.utf8)
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
