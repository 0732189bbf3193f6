import MigrationModel

extension MigrationOperation {
    /// A `RunPython` whose forward code is `RunPython.noop`: it exists for its reverse (or to mark
    /// a point in the history) and does nothing when the migration is applied.
    var runPythonDoesNothingForward: Bool {
        guard className == "RunPython", !isSubclass, let code = argument("code", position: 0) else { return false }
        let name = code.calleeName ?? ""
        return name == "RunPython.noop" || name.hasSuffix(".RunPython.noop")
    }
}

extension MigrationOperation {
    /// A class that derives from the Django operation it is judged as (`BootstrapTranslatableModel`
    /// for RunPython): its own `__init__` may take other arguments than Django's.
    var isSubclass: Bool {
        String(writtenName.split(separator: ".").last ?? Substring(writtenName)) != className
    }
}
