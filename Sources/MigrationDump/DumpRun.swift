import Foundation
import PythonSyntax

/// `zerodowntime dump`: walks each path and writes one contract line per migration file.
public struct DumpRun: Sendable {
    public var paths: [String]
    /// Print whole syntax trees instead of the migration contract (for the full-tree differential).
    public var syntaxTrees: Bool

    public init(paths: [String], syntaxTrees: Bool = false) {
        self.paths = paths
        self.syntaxTrees = syntaxTrees
    }

    /// Writes the JSON Lines to `output` and one `path:line:col: message` per unreadable file to
    /// `diagnostics`. Returns how many files could not be parsed.
    public func run(output: Int32 = STDOUT_FILENO, diagnostics: Int32 = STDERR_FILENO) -> (files: Int, failures: Int) {
        var json = ContractJSONWriter()
        var files = 0
        var failures = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                report("zerodowntime: \(path): no such file or directory\n", to: diagnostics)
                failures += 1
                continue
            }
            let found: [MigrationFileFinder.Found] = isDirectory.boolValue
                ? MigrationFileFinder().files(under: path)
                : [MigrationFileFinder.Found(relativePath: path, fullPath: path)]
            for file in found {
                files += 1
                let bytes: [UInt8]
                switch SourceFile.read(file.fullPath) {
                case .success(let read): bytes = read
                case .failure(let error):
                    report("\(file.fullPath): error: cannot read the file: \(error.reason)\n", to: diagnostics)
                    failures += 1
                    continue
                }
                let failure: PythonSyntaxError?
                if syntaxTrees {
                    failure = SyntaxTreeRecord.write(relativePath: file.relativePath, bytes: bytes, to: &json)
                } else {
                    let record = DumpRecord(relativePath: file.relativePath, bytes: bytes)
                    record.write(to: &json)
                    if case .failure(let error) = record.result { failure = error } else { failure = nil }
                }
                if let error = failure {
                    failures += 1
                    report("\(file.fullPath):\(error.line):\(error.column): error: \(error.message)\n", to: diagnostics)
                }
                if json.byteCount > 1 << 16 { flush(&json, to: output) }
            }
        }
        flush(&json, to: output)
        return (files, failures)
    }

    private func flush(_ json: inout ContractJSONWriter, to output: Int32) {
        json.withWrittenBytes { writeAll($0, to: output) }
        json.removeAll()
    }

    private func report(_ line: String, to output: Int32) {
        writeAll(Array(line.utf8), to: output)
    }
}

/// Writes every byte, retrying short writes.
public func writeAll(_ bytes: [UInt8], to fd: Int32) {
    bytes.withUnsafeBytes { writeAll($0, to: fd) }
}

public func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) {
    var offset = 0
    while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n <= 0 { return }
        offset += n
    }
}
