import ArgumentParser
import Foundation
import MigrationDump
import PythonSyntax

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the parsed migrations as JSON Lines (the contract of shared/tools/CONTRACT.md).",
        discussion: """
            Walks each PATH and prints one JSON object per migration file: every `*.py` other than \
            `__init__.py` in a directory named `migrations`. A file that is not valid Python is \
            printed with "parse":"error" and reported on stderr as path:line:column; the exit code \
            is then 2, after every file has been printed. A PATH that is a file is read as one \
            migration file.
            """
    )

    @Argument(help: "Directories to walk, or single files.")
    var paths: [String] = ["."]

    @Flag(help: .init("Print each file's whole syntax tree as CPython's ast.dump does, with positions.", visibility: .hidden))
    var syntaxTree = false

    func run() throws {
        let run = DumpRun(paths: paths, syntaxTrees: syntaxTree)
        let result = LargeStack.run { run.run() }
        if result.failures > 0 { throw ExitCode.incomplete }
    }
}
