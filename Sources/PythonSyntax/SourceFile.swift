import Foundation

/// Reads a Python source file's bytes without ever waiting: a named pipe, a socket or a device in
/// place of a module is refused at once (opening a FIFO for reading blocks until a writer comes).
public enum SourceFile {
    public static func read(_ path: String) -> Result<[UInt8], SourceFileError> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SourceFileError(path: path, reason: String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(SourceFileError(path: path, reason: String(cString: strerror(errno)))) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(SourceFileError(path: path, reason: "not a regular file (\(kind(info.st_mode)))"))
        }
        // The size is a hint: a file can change while it is read.
        var capacity = max(Int(info.st_size), 0) + 1
        while true {
            var failure: Int32 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                var total = 0
                while total < buffer.count {
                    let n = Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
                    if n < 0 { failure = errno; break }
                    if n == 0 { break }
                    total += n
                }
                initialized = total
            }
            if failure != 0 { return .failure(SourceFileError(path: path, reason: String(cString: strerror(failure)))) }
            if bytes.count < capacity { return .success(bytes) }
            capacity *= 2
            guard lseek(fd, 0, SEEK_SET) == 0 else { return .failure(SourceFileError(path: path, reason: String(cString: strerror(errno)))) }
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a directory"
        default: return "not a file"
        }
    }
}

public struct SourceFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot be read: \(reason)" }
}
