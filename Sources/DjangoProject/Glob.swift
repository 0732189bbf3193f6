#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RunInputs

/// Files matching a shell pattern (`components/*.py`), sorted as Python's `glob` + `sorted` give them.
enum Glob {
    static func files(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var files: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index] { files.append(String(cString: pointer)) }
        }
        let directory = String(pattern[..<(pattern.lastIndex(of: "/") ?? pattern.startIndex)])
        InputLog.shared.listed(directory)
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
