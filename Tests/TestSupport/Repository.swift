import Foundation

/// Where the repository, its scripts, the shared tools and the built binary are, for tests that
/// run real programs (CPython's reference reader, the `zerodowntime` binary).
public enum Repository {
    /// The repository root, found from this file's own path.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository, or `ZDT_SHARED`.
    public static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["ZDT_SHARED"] { return URL(fileURLWithPath: path) }
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }

    public static func script(_ name: String) -> String { root.appendingPathComponent("scripts/\(name)").path }

    /// The `zerodowntime` binary built beside the test runner (`swift test` builds every product).
    public static var binary: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On Linux the runner is `.build/<config>/<package>PackageTests.xctest`; elsewhere it may be inside a bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("zerodowntime")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/zerodowntime").path
    }
}

/// What a finished program printed and how it ended.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var standardOutput: Data
    public var standardError: Data

    public var output: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errors: String { String(decoding: standardError, as: UTF8.self) }
}

public struct ProgramFailedToStart: Error, CustomStringConvertible {
    public var description: String
}

/// Runs a program to completion, its output going to files so large outputs cannot block it.
/// It uses posix_spawn and waitpid rather than Foundation's Process, whose wait can miss the exit
/// of a child that leaves a daemon behind (the PostgreSQL test server does).
public func runProgram(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                       environment: [String: String] = [:]) throws -> ProgramRun {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("out").path
    let errPath = scratch.appendingPathComponent("err").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    // A working directory through the shell: glibc's posix_spawn_file_actions_addchdir_np is not imported.
    let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, executable] + arguments } ?? [executable] + arguments
    let argv = command.map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
    guard spawned == 0 else {
        throw ProgramFailedToStart(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // Exit status, or 128 + signal, as a shell reports it.
    let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ProgramRun(status: exitCode,
                      standardOutput: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
                      standardError: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data())
}

/// Puts an executable file in place through a child `cp`, never through a file descriptor of the
/// test process: a write descriptor held here leaks into any child another test spawns at that
/// moment, and executing the file then fails with "Text file busy" (ETXTBSY) for as long as that
/// child lives.
public func installExecutable(copying source: String, to destination: URL, mode: mode_t = 0o755) throws {
    try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
    let copy = try runProgram("/bin/cp", [source, destination.path])
    guard copy.status == 0 else { throw ProgramFailedToStart(description: "cp \(source): \(copy.errors)") }
    guard chmod(destination.path, mode) == 0 else {
        throw ProgramFailedToStart(description: "chmod \(destination.path): \(String(cString: strerror(errno)))")
    }
}

/// Writes `text` as an executable script, the same way as `installExecutable(copying:to:mode:)`.
public func installExecutable(_ text: String, at destination: URL, mode: mode_t = 0o755) throws {
    let staging = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-staging-\(UUID().uuidString)")
    try Data(text.utf8).write(to: staging)
    defer { try? FileManager.default.removeItem(at: staging) }
    try installExecutable(copying: staging.path, to: destination, mode: mode)
}

/// Writes `text` as UTF-8 to `url`, creating the folders above it.
public func writeFile(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// Writes each relative path's text under `root`.
public func writeFiles(_ files: [String: String], under root: URL) throws {
    for (path, text) in files { try writeFile(text, to: root.appendingPathComponent(path)) }
}

/// Runs a program with only PATH, HOME, LANG and `environment` (as a Django process started by a
/// fixture script had): nothing of the test runner's environment reaches it.
public func runHermetic(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                        environment: [String: String] = [:]) throws -> ProgramRun {
    let outer = ProcessInfo.processInfo.environment
    var given = ["PATH": outer["PATH"] ?? "/usr/bin:/bin", "HOME": outer["HOME"] ?? "/root", "LANG": "C.UTF-8"]
    given.merge(environment) { $1 }
    return try runProgram("/usr/bin/env", ["-i"] + given.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [executable] + arguments,
                          in: directory)
}
