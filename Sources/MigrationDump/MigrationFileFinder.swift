import Foundation

/// Finds migration files the way CONTRACT.md §1 selects them: every `*.py` but `__init__.py`
/// whose parent directory is named exactly `migrations`, walking without following symlinked
/// directories, sorted by relative path in code-point order.
public struct MigrationFileFinder {
    public struct Found: Sendable {
        /// Path relative to the root, `/`-separated.
        public var relativePath: String
        public var fullPath: String
    }

    public init() {}

    public func files(under root: String) -> [Found] {
        var found: [Found] = []
        // os.walk names the root by the string it was given; its basename decides for the root itself.
        let rootIsMigrations = root.split(separator: "/", omittingEmptySubsequences: false).last == "migrations"
        walk(directory: root, relative: "", isMigrations: rootIsMigrations, into: &found)
        // UTF-8 byte order is code-point order; Swift's String comparison is not.
        return found.sorted { precedesInCodePointOrder($0.relativePath, $1.relativePath) }
    }

    private func walk(directory: String, relative: String, isMigrations: Bool, into found: inout [Found]) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        var subdirectories: [(String, String)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var kind = entry.pointee.d_type
            if kind == UInt8(DT_UNKNOWN) { kind = lstatKind(full) }
            if kind == UInt8(DT_DIR) {
                subdirectories.append((full, rel))
            } else if isMigrations, name.hasSuffix(".py"), name != "__init__.py" {
                if kind == UInt8(DT_REG) || (kind == UInt8(DT_LNK) && isRegularFileFollowingLinks(full)) {
                    found.append(Found(relativePath: rel, fullPath: full))
                }
            }
        }
        for (full, rel) in subdirectories {
            let name = rel.split(separator: "/").last.map(String.init) ?? rel
            walk(directory: full, relative: rel, isMigrations: name == "migrations", into: &found)
        }
    }

    private func lstatKind(_ path: String) -> UInt8 {
        var info = stat()
        guard lstat(path, &info) == 0 else { return UInt8(DT_UNKNOWN) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        case S_IFLNK: return UInt8(DT_LNK)
        default: return UInt8(DT_UNKNOWN)
        }
    }

    private func isRegularFileFollowingLinks(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

/// UTF-8 byte order, which is code-point order.
private func precedesInCodePointOrder(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in
            let common = min(x.count, y.count)
            let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
            return order != 0 ? order < 0 : x.count < y.count
        }
    }
}

