import MigrationGraph
import MigrationModel
import PythonSyntax
import SchemaState

/// One migration as the check sees it, in the order Django applies them.
public struct CheckedMigration: Sendable {
    public var key: MigrationKey
    public var path: String
    public var module: Module
    public var migration: MigrationClass?
    /// Pending migrations are judged; applied ones only build the state.
    public var isPending: Bool
    /// Operation classes that are not Django's, by written name, and the Django operation each
    /// derives from: the replay and the rules treat them as that one.
    public var operationBases: [String: String] = [:]

    public init(key: MigrationKey, path: String, module: Module, migration: MigrationClass?, isPending: Bool) {
        self.key = key
        self.path = path
        self.module = module
        self.migration = migration
        self.isPending = isPending
    }
}

/// What a check found: every finding (ignored ones marked), and what was looked at.
public struct CheckResult: Sendable {
    public var findings: [Finding]
    public var checkedMigrations: [MigrationKey]
    public var operationCount: Int
    /// How many migrations were replayed to build the state (applied and pending, every app).
    public var replayedCount: Int

    public init(findings: [Finding], checkedMigrations: [MigrationKey], operationCount: Int, replayedCount: Int = 0) {
        self.findings = findings
        self.checkedMigrations = checkedMigrations
        self.operationCount = operationCount
        self.replayedCount = replayedCount
    }

    public var reported: [Finding] { findings.filter { $0.ignoredBecause == nil } }
    public var ignored: [Finding] { findings.filter { $0.ignoredBecause != nil } }
    public func count(_ severity: Severity) -> Int { reported.filter { $0.severity == severity }.count }
}

/// Replays every migration into a project state and judges each pending operation with the
/// rules of the policy, against the state right before it.
public struct MigrationCheck: Sendable {
    public var settings: CheckSettings
    public var rules: [any Rule]

    public init(settings: CheckSettings, rules: [any Rule] = RuleCatalogue.all) throws(CheckConfigurationError) {
        self.settings = settings
        self.rules = rules
        for id in settings.severities.keys { try RuleCatalogue.validate(id, place: "severity setting") }
        for (migration, ignore) in settings.migrationIgnores {
            for id in ignore.rules { try RuleCatalogue.validate(id, place: "ignore for \(migration)") }
        }
    }

    /// One pass over the history: each migration's operations are judged against the state in
    /// place and applied to it as they go, so the cost grows with the history, not its square
    /// (a judged operation used to copy the whole replayed state).
    public func run(_ migrations: [CheckedMigration], state initial: ProjectState) throws(CheckConfigurationError) -> CheckResult {
        var state = initial
        var findings: [Finding] = []
        var checked: [MigrationKey] = []
        var operationCount = 0
        let lockTimeoutSpeaks = lockTimeoutRuleSpeaks
        for migration in migrations {
            let attributes = migration.migration?.otherAttributes ?? [:]
            var entries = migration.migration?.operations.flatMap { OperationEntry.entries(of: $0, classAttributes: attributes) }
            if !migration.operationBases.isEmpty {
                entries = entries?.map { entry in
                    guard case .operation(var operation) = entry, let base = migration.operationBases[operation.writtenName] else { return entry }
                    operation.className = base
                    return .operation(operation)
                }
            }
            guard migration.isPending && !isExcluded(migration.key) else {
                replay(entries, of: migration, into: &state)
                continue
            }
            checked.append(migration.key)
            let found: [Finding]
            switch settings.policy {
            case .recommended:
                found = judge(migration, entries: entries, state: &state, count: &operationCount, lockTimeoutSpeaks: lockTimeoutSpeaks)
            case .original:
                found = OriginalPolicy.judge(migration, entries: entries ?? [])
                operationCount += entries?.count ?? 0
                replay(entries, of: migration, into: &state)
            }
            findings += try applyIgnores(found, in: migration)
        }
        return CheckResult(findings: findings, checkedMigrations: checked, operationCount: operationCount, replayedCount: migrations.count)
    }

    private func replay(_ entries: [OperationEntry]?, of migration: CheckedMigration, into state: inout ProjectState) {
        for case .operation(let operation) in entries ?? [] {
            state.apply(operation, app: migration.key.app, migration: migration.key, pending: migration.isPending)
        }
    }

    private func isExcluded(_ key: MigrationKey) -> Bool {
        settings.excludedApps.contains(key.app) || settings.excludedMigrations.contains("\(key.app).\(key.name)")
    }

    /// Judges each operation against the state right before it, then applies it to `state`.
    private func judge(_ migration: CheckedMigration, entries: [OperationEntry]?, state: inout ProjectState, count: inout Int,
                       lockTimeoutSpeaks: Bool) -> [Finding] {
        guard let entries else {
            let location = migration.migration?.operations?.location ?? migration.migration?.location ?? SourceLocation(line: 1, column: 0)
            let what = migration.migration == nil ? "has no `class Migration`" : migration.migration?.operations == nil
                ? "has no `operations`" : "has `operations` that are not a literal list"
            return [finding(OperationsNotLiteralRule.self, migration, line: location.line, column: location.column + 1, operation: "Migration",
                            description: "operations",
                            violation: Violation("\(migration.key) \(what), so its operations cannot be read without running Python: nothing in it was checked.",
                                                 recipe: "Write `operations = [...]` as a literal list of operation calls, as `makemigrations` does."))]
        }
        let atomic = migration.migration?.atomic?.boolValue ?? true
        var findings: [Finding] = []
        // Whether an operation before this one in the migration takes a lock that blocks a live
        // table (for lock-timeout-not-set, which speaks once per migration).
        var earlierLock = false
        let start = state
        for (index, entry) in entries.enumerated() {
            count += 1
            guard case .operation(let operation) = entry else {
                guard case .unreadable(let value) = entry else { continue }
                findings.append(finding(OperationsNotLiteralRule.self, migration, line: value.location.line, column: value.location.column + 1,
                                        operation: "?", description: "operation",
                                        violation: Violation("An entry of the operations of \(migration.key) is not an operation call (`\(value.pythonSource)`), so it cannot be judged without running Python.",
                                                             recipe: "List each operation as a call, `migrations.AddField(...)`, not through a variable or `*`.")))
                continue
            }
            findings += judge(operation, at: index, of: entries, in: migration, atomic: atomic, state: state, databaseOnly: false,
                              earlierLock: earlierLock, start: start)
            if operation.className == "SeparateDatabaseAndState" {
                // The database operations run against the real tables; judge each in turn.
                var databaseState = state
                for inner in operation.operations("database_operations", position: 0) {
                    guard case .operation(let innerOperation) = inner else { continue }
                    findings += judge(innerOperation, at: index, of: entries, in: migration, atomic: atomic, state: databaseState,
                                      databaseOnly: true, earlierLock: earlierLock, start: start)
                    earlierLock = earlierLock || takesBlockingLock(innerOperation, state: databaseState, app: migration.key.app, before: lockTimeoutSpeaks)
                    databaseState.apply(innerOperation, app: migration.key.app, migration: migration.key, pending: true)
                }
            } else {
                earlierLock = earlierLock || takesBlockingLock(operation, state: state, app: migration.key.app,
                                                                 before: lockTimeoutSpeaks && index + 1 < entries.count)
            }
            state.apply(operation, app: migration.key.app, migration: migration.key, pending: true)
        }
        return findings
    }

    /// Only worked out when an operation follows and lock-timeout-not-set can speak (`needed`,
    /// decided once per run): most migrations hold one operation, and the answer costs a reading
    /// of every field.
    private func takesBlockingLock(_ operation: MigrationOperation, state: ProjectState, app: String, before needed: Bool) -> Bool {
        guard needed else { return false }
        return LockTimeoutNotSetRule.blockingLock(operation, state: state, app: app, target: settings.target) != nil
    }

    private var lockTimeoutRuleSpeaks: Bool {
        let id = LockTimeoutNotSetRule.description.identifier
        return settings.target.backend != .sqlite && settings.lockTimeoutSetBy == nil
            && rules.contains { type(of: $0).description.identifier == id } && settings.severities[id] != .some(nil)
    }

    /// The rules on one operation. The context, which holds the state, ends here: the caller's
    /// next change to the state is then made in place, not on a copy.
    private func judge(_ operation: MigrationOperation, at index: Int, of entries: [OperationEntry], in migration: CheckedMigration,
                       atomic: Bool, state: ProjectState, databaseOnly: Bool, earlierLock: Bool, start: ProjectState) -> [Finding] {
        let context = OperationContext(operation: operation, migration: migration.key, path: migration.path, atomic: atomic,
                                       siblings: entries, index: index, state: state, target: settings.target, isDatabaseOnly: databaseOnly,
                                       lockTimeoutSetBy: settings.lockTimeoutSetBy, earlierOperationTakesBlockingLock: earlierLock,
                                       stateAtMigrationStart: start)
        return judge(context, migration)
    }

    private func judge(_ context: OperationContext, _ migration: CheckedMigration) -> [Finding] {
        var findings: [Finding] = []
        for rule in rules {
            let description = type(of: rule).description
            let severity: Severity
            if let configured = settings.severities[description.identifier] {
                guard let configured else { continue }
                severity = configured
            } else {
                severity = description.severity
            }
            for violation in rule.check(context) {
                var found = finding(type(of: rule), migration, line: violation.location?.line ?? context.operation.location.line,
                                    column: violation.location?.column ?? context.operation.location.column + 1,
                                    operation: context.operation.className,
                                    description: OperationWording.describe(context.operation), violation: violation)
                found.severity = severity
                found.table = violation.table ?? context.model?.tableName
                findings.append(found)
            }
        }
        return findings
    }

    private func finding(_ rule: any Rule.Type, _ migration: CheckedMigration, line: Int, column: Int, operation: String,
                         description: String, violation: Violation) -> Finding {
        let rule = rule.description
        return Finding(rule: rule.identifier, severity: rule.severity, app: migration.key.app, migration: migration.key.name,
                       path: migration.path, line: line, column: column, operation: operation, description: description,
                       message: violation.message, why: violation.why ?? rule.why, recipe: violation.recipe)
    }

    /// Marks findings silenced by the configuration, the class attribute or a comment.
    private func applyIgnores(_ findings: [Finding], in migration: CheckedMigration) throws(CheckConfigurationError) -> [Finding] {
        let comments = InlineIgnore.all(in: migration.module)
        for comment in comments.values {
            for id in comment.rules {
                try RuleCatalogue.validate(id, place: "\(migration.path):\(comment.line):\(comment.column): ignore comment")
            }
        }
        let classIgnore = ClassIgnore(module: migration.module)
        if let classIgnore {
            for id in classIgnore.rules {
                try RuleCatalogue.validate(id, place: "\(migration.path):\(classIgnore.line):\(classIgnore.column): zerodowntime_ignore")
            }
        }
        let configured = settings.migrationIgnores["\(migration.key.app).\(migration.key.name)"]
        return findings.map { finding in
            var finding = finding
            if let configured, configured.rules.contains(finding.rule) {
                finding.ignoredBecause = "pyproject.toml: " + (configured.reason.isEmpty ? "ignored for this migration" : configured.reason)
            } else if let classIgnore, classIgnore.rules.contains(finding.rule) {
                finding.ignoredBecause = "zerodowntime_ignore in the migration (line \(classIgnore.line))"
            } else if let comment = comments[finding.line] ?? comments[finding.line - 1], comment.rules.contains(finding.rule) {
                finding.ignoredBecause = "comment on line \(comment.line)" + (comment.reason.isEmpty ? "" : ": \(comment.reason)")
            }
            return finding
        }
    }
}
