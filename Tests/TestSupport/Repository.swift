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

/// Runs a program to completion, reading its output through files so large outputs cannot block it.
public func runProgram(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                       environment: [String: String] = [:]) throws -> ProgramRun {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    do {
        try process.run()
    } catch {
        throw ProgramFailedToStart(description: "cannot start \(executable): \(error)")
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    return ProgramRun(status: process.terminationStatus,
                      standardOutput: try Data(contentsOf: outURL),
                      standardError: try Data(contentsOf: errURL))
}
