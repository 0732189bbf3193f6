import AppliedMigrations
import DatabaseTarget
import DjangoProject
import Foundation
import MigrationRules
import RunInputs

/// Where a lock timeout for migrations is set, as far as zerodowntime can see: the database
/// session it read (role or database settings, or Django's own connection through
/// `manage.py check_migrations`), PGOPTIONS for this run, or the text of the settings files
/// (`OPTIONS={"options": "-c lock_timeout=5s"}`, django-pg-zero-downtime-migrations'
/// `ZERO_DOWNTIME_MIGRATIONS_LOCK_TIMEOUT`, MySQL's `lock_wait_timeout` in `init_command`).
enum LockTimeoutSource {
    static func find(target: Target, snapshot: AppliedMigrationsSnapshot?, settings: DjangoSettings,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let value = snapshot?.lockTimeout, snapshot?.backend == target.backend {
            return "the database session (\(value))"
        }
        let name = target.isPostgreSQL ? "lock_timeout" : "lock_wait_timeout"
        if target.isPostgreSQL, let options = environment["PGOPTIONS"], options.contains(name) { return "PGOPTIONS" }
        for file in settingsFiles(settings) {
            InputLog.shared.read(file)
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.lowercased().contains(name) else { continue }
            return "the settings (\(file))"
        }
        return nil
    }

    /// The settings module's file, and its siblings when it lives in a settings package
    /// (`settings/base.py`, `settings/production.py`): split settings set OPTIONS anywhere.
    static func settingsFiles(_ settings: DjangoSettings) -> [String] {
        let directory = URL(fileURLWithPath: settings.file).deletingLastPathComponent()
        InputLog.shared.lookedFor(directory.appendingPathComponent("__init__.py").path)
        InputLog.shared.listed(directory.path)
        let isPackage = FileManager.default.fileExists(atPath: directory.appendingPathComponent("__init__.py").path)
        guard isPackage, settings.module.contains("."),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [settings.file] }
        return [settings.file] + names.filter { $0.hasSuffix(".py") }.sorted().map { directory.appendingPathComponent($0).path }
            .filter { $0 != settings.file }
    }
}
