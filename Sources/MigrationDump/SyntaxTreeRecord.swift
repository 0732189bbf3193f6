import PythonSyntax

/// One line of `zerodowntime dump --syntax-tree`: the whole file's tree as CPython's
/// `ast.dump` prints it, with positions (see scripts/syntax-tree-reference).
enum SyntaxTreeRecord {
    static func write(relativePath: String, bytes: [UInt8], to json: inout ContractJSONWriter) -> PythonSyntaxError? {
        json.raw("{\"path\":")
        json.string(relativePath)
        switch PythonParser.parse(fileBytes: bytes) {
        case .success(let module):
            json.raw(",\"tree\":")
            json.string(SyntaxTreeDump.dump(module, includePositions: true))
            json.raw("}")
            json.newline()
            return nil
        case .failure(let error):
            json.raw(",\"error\":true}")
            json.newline()
            return error
        }
    }
}
