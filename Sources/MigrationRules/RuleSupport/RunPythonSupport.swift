import MigrationModel

extension MigrationOperation {
    /// A `RunPython` whose forward code is `RunPython.noop`: it exists for its reverse (or to mark
    /// a point in the history) and does nothing when the migration is applied.
    var runPythonDoesNothingForward: Bool {
        guard className == "RunPython", let code = argument("code", position: 0) else { return false }
        let name = code.calleeName ?? ""
        return name == "RunPython.noop" || name.hasSuffix(".RunPython.noop")
    }
}
