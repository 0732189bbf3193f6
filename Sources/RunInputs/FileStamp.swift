import Foundation

/// What `stat` says of a path, enough to tell that it changed: any write to a file moves its
/// ctime (which no one can set back), and any entry created, removed or renamed in a directory
/// moves the directory's mtime and ctime. Absent paths have no stamp.
public struct FileStamp: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    /// The file type bits of `st_mode`: a file replaced by a directory is another input even
    /// where the inode number is reused.
    public var type: UInt32
    public var size: Int64
    public var modified: Int64
    public var changed: Int64

    /// The stamp of the path, following symbolic links as opening it does; nil when absent.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), type: UInt32(info.st_mode) & UInt32(S_IFMT),
                         size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                         changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

    /// The same file system object, whatever became of its contents.
    func isSameObject(as other: FileStamp) -> Bool {
        device == other.device && inode == other.inode && type == other.type
    }
}

/// One input of a run and how much of it the answer depends on.
public struct RecordedInput: Sendable, Equatable {
    public enum Dependence: Sendable, Equatable {
        /// Its bytes or entries: any change to them matters.
        case contents(FileStamp)
        /// Only that this object is there: a new object at the path matters, its contents do not.
        case presence(FileStamp)
        /// That nothing is there.
        case absence
    }

    public var path: String
    public var dependence: Dependence

    /// True when the path still is what the answer depended on.
    public var holds: Bool {
        let now = FileStamp.of(path)
        switch dependence {
        case .contents(let stamp): return now == stamp
        case .presence(let stamp): return now.map { $0.isSameObject(as: stamp) } ?? false
        case .absence: return now == nil
        }
    }

    var text: String {
        switch dependence {
        case .contents(let s): "c \(s.device) \(s.inode) \(s.type) \(s.size) \(s.modified) \(s.changed)"
        case .presence(let s): "p \(s.device) \(s.inode) \(s.type)"
        case .absence: "a"
        }
    }

    init(path: String, dependence: Dependence) {
        self.path = path
        self.dependence = dependence
    }

    init?(path: String, text: Substring) {
        let parts = text.split(separator: " ")
        self.path = path
        switch parts.first {
        case "a"?:
            guard parts.count == 1 else { return nil }
            dependence = .absence
        case "p"?:
            guard parts.count == 4, let d = UInt64(parts[1]), let i = UInt64(parts[2]), let t = UInt32(parts[3]) else { return nil }
            dependence = .presence(FileStamp(device: d, inode: i, type: t, size: 0, modified: 0, changed: 0))
        case "c"?:
            guard parts.count == 7, let d = UInt64(parts[1]), let i = UInt64(parts[2]), let t = UInt32(parts[3]),
                  let size = Int64(parts[4]), let m = Int64(parts[5]), let c = Int64(parts[6]) else { return nil }
            dependence = .contents(FileStamp(device: d, inode: i, type: t, size: size, modified: m, changed: c))
        default:
            return nil
        }
    }
}
