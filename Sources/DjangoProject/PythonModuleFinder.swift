import Foundation
import RunInputs

/// Finds Python modules on disk the way the import system would for this project: in the project
/// directory first, then in the site-packages of its virtualenv.
public struct PythonModuleFinder: Sendable {
    public var searchRoots: [String]
    /// The roots holding the project's own code (the project directory, and directories its
    /// `manage.py` adds to `sys.path`); the others are virtualenvs and the standard library.
    public var projectRoots: Set<String>

    public init(searchRoots: [String], projectRoots: Set<String>? = nil) {
        self.searchRoots = searchRoots
        self.projectRoots = projectRoots ?? Set(searchRoots.prefix(1))
    }

    public struct Found: Sendable, Equatable {
        /// The `.py` file (`__init__.py` for a package).
        public var file: String
        public var isPackage: Bool
        /// The package directory, for packages.
        public var directory: String?
        /// Whether it was found in the project directory (the first root), not in a virtualenv.
        public var isInProject = true
    }

    /// `a.b.c` → `ROOT/a/b/c.py` or `ROOT/a/b/c/__init__.py`, in the first root that has it.
    public func find(_ dottedName: String) -> Found? {
        let relative = dottedName.split(separator: ".").joined(separator: "/")
        let files = FileManager.default
        for root in searchRoots {
            let base = root + "/" + relative
            var isDirectory: ObjCBool = false
            // `base`, `base.py`: entries of one directory; `__init__.py`: an entry of `base`.
            InputLog.shared.lookedFor(base)
            if files.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue {
                InputLog.shared.lookedFor(base + "/__init__.py")
                if files.fileExists(atPath: base + "/__init__.py") {
                    return Found(file: base + "/__init__.py", isPackage: true, directory: base, isInProject: projectRoots.contains(root))
                }
            }
            if files.fileExists(atPath: base + ".py") {
                return Found(file: base + ".py", isPackage: false, directory: nil, isInProject: projectRoots.contains(root))
            }
        }
        return nil
    }

    /// A directory of the package `dottedName`, even without `__init__.py` (a namespace package).
    public func namespaceDirectory(_ dottedName: String) -> String? {
        let relative = dottedName.split(separator: ".").joined(separator: "/")
        for root in searchRoots {
            var isDirectory: ObjCBool = false
            InputLog.shared.lookedFor(root + "/" + relative)
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), isDirectory.boolValue {
                return root + "/" + relative
            }
        }
        return nil
    }

    /// The site-packages of a project's virtualenv: `python` (its `sys.path`, asked once), else
    /// `VIRTUAL_ENV`, `.venv` or `venv` in the project.
    public static func sitePackages(projectDirectory: String, python: String?, environment: [String: String]) throws(DjangoProjectError) -> [String] {
        if let python {
            InputLog.shared.dependsOnSomethingElse("the sys.path of \(python)")
            return try pathsFromInterpreter(python)
        }
        var candidates: [String] = []
        if let virtualEnv = environment["VIRTUAL_ENV"], !virtualEnv.isEmpty { candidates.append(virtualEnv) }
        candidates += [projectDirectory + "/.venv", projectDirectory + "/venv"]
        for environmentRoot in candidates {
            let lib = environmentRoot + "/lib"
            InputLog.shared.lookedFor(lib)
            InputLog.shared.listed(lib)
            guard let versions = try? FileManager.default.contentsOfDirectory(atPath: lib) else { continue }
            let found = versions.filter { $0.hasPrefix("python") }.sorted().map { lib + "/" + $0 + "/site-packages" }
                .filter { InputLog.shared.lookedFor($0); return FileManager.default.fileExists(atPath: $0) }
            if !found.isEmpty { return found }
        }
        return []
    }

    private static func pathsFromInterpreter(_ python: String) throws(DjangoProjectError) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import sys; print('\\n'.join(p for p in sys.path if p))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DjangoProjectError("cannot run \(python) to ask for its sys.path: \(error.localizedDescription); pass --python with the project's interpreter")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DjangoProjectError("\(python) failed to print its sys.path (exit \(process.terminationStatus))")
        }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.hasSuffix(".zip") }
    }
}
