@testable import AppliedMigrations
import Foundation
import MigrationGraph
import Testing
import TestSupport

@Suite("Applied migrations from SQLite")
struct SQLiteAppliedMigrationsTests {
    static let rows = """
        INSERT INTO django_migrations (app, name, applied) VALUES
            ('contenttypes', '0001_initial', '2024-01-01 00:00:00'),
            ('auth', '0001_initial', '2024-01-01 00:00:01'),
            ('shop', '0001_initial', '2024-01-02 00:00:00'),
            ('shop', '0002_widget_status', '2024-01-03 00:00:00');
        """
    static let recorded: Set<MigrationKey> = [
        MigrationKey("contenttypes", "0001_initial"), MigrationKey("auth", "0001_initial"),
        MigrationKey("shop", "0001_initial"), MigrationKey("shop", "0002_widget_status"),
    ]

    @Test("a migrated database: every row of django_migrations")
    func tableWithRows() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, djangoMigrationsTableSQLite + Self.rows)

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(snapshot == AppliedMigrationsSnapshot(
            recorded: Self.recorded, hasMigrationsTable: true, vendor: "sqlite",
            serverVersion: SQLiteAppliedMigrations.libraryVersion))
        #expect(SQLiteAppliedMigrations.libraryVersion.hasPrefix("3."))
    }

    @Test("a table with no rows yet")
    func emptyTable() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, djangoMigrationsTableSQLite)

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(snapshot.hasMigrationsTable)
        #expect(snapshot.recorded.isEmpty)
    }

    @Test("no django_migrations table: a fresh database")
    func tableAbsent() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, "CREATE TABLE unrelated (id integer);")

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(!snapshot.hasMigrationsTable)
        #expect(snapshot.recorded.isEmpty)
        #expect(snapshot.databaseExists)
    }

    @Test("a view named django_migrations is not the table, as for Django")
    func viewIsNotTheTable() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, "CREATE VIEW django_migrations AS SELECT 'shop' AS app, '0001_initial' AS name;")

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(!snapshot.hasMigrationsTable)
        #expect(snapshot.recorded.isEmpty)
    }

    @Test("a missing file is a fresh database, and is not created")
    func missingFile() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(snapshot == AppliedMigrationsSnapshot(
            recorded: [], hasMigrationsTable: false, vendor: "sqlite",
            serverVersion: SQLiteAppliedMigrations.libraryVersion, databaseExists: false))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try scratch.listing() == [])
    }

    @Test("a missing directory is a fresh database too, and nothing is created")
    func missingDirectory() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("data/db.sqlite3")

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(!snapshot.databaseExists)
        #expect(try scratch.listing() == [])
    }

    @Test("a file that is not a SQLite database is a clear error")
    func notADatabase() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try Data(String(repeating: "this is not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))

        await #expect(throws: AppliedMigrationsError("cannot read SQLite database \(path): file is not a database")) {
            _ = try await SQLiteAppliedMigrations(path: path).appliedMigrations()
        }
    }

    @Test("a directory is a clear error")
    func directory() async throws {
        let scratch = try ScratchDirectory()

        await #expect(throws: AppliedMigrationsError("cannot read SQLite database \(scratch.path): it is a directory")) {
            _ = try await SQLiteAppliedMigrations(path: scratch.path).appliedMigrations()
        }
    }

    @Test("reading changes neither the file's bytes nor its mtime, and leaves no journal behind")
    func readOnly() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, djangoMigrationsTableSQLite + Self.rows)
        // An mtime well in the past, so a write within this second could not hide.
        let past = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let listing = try scratch.listing()

        _ = try await SQLiteAppliedMigrations(path: path).appliedMigrations()
        _ = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.modificationDate] as? Date == past)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try scratch.listing() == listing)
    }

    @Test("a database in WAL mode is read as well")
    func walMode() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, "PRAGMA journal_mode=WAL;" + djangoMigrationsTableSQLite + Self.rows)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(snapshot.recorded == Self.recorded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try scratch.listing() == ["db.sqlite3"])
    }

    @Test("a WAL database in use: its -wal file is read too")
    func walInUse() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")
        try makeSQLiteDatabase(at: path, "PRAGMA journal_mode=WAL;" + djangoMigrationsTableSQLite)
        // A writer that keeps its connection open: its rows stay in db.sqlite3-wal, not yet checkpointed.
        let program = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("PRAGMA wal_autocheckpoint=0")
            c.executescript(sys.argv[2])
            c.commit()
            import shutil
            for suffix in ("", "-wal", "-shm"):
                shutil.copyfile(sys.argv[1] + suffix, sys.argv[3] + suffix)
            c.close()
            """
        let copy = scratch.file("copy.sqlite3")
        let run = try runProgram("/usr/bin/env", ["python3", "-c", program, path, Self.rows, copy])
        try #require(run.status == 0, "\(run.errors)")

        let snapshot = try await SQLiteAppliedMigrations(path: copy).appliedMigrations()

        #expect(snapshot.recorded == Self.recorded)
    }

    @Test("the read-only open itself refuses to create a missing file")
    func openNeverCreates() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("db.sqlite3")

        await #expect(throws: AppliedMigrationsError("cannot open SQLite database \(path): unable to open the database file")) {
            _ = try await SQLiteAppliedMigrations.openReadOnly(path)
        }
        #expect(try scratch.listing() == [])
    }

    @Test("a path with characters a URI reserves: % ? # and spaces")
    func awkwardPath() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("my db #1?%20é.sqlite3")
        try makeSQLiteDatabase(at: path, djangoMigrationsTableSQLite + Self.rows)

        let snapshot = try await SQLiteAppliedMigrations(path: path).appliedMigrations()

        #expect(snapshot.recorded == Self.recorded)
        #expect(try scratch.listing() == ["my db #1?%20é.sqlite3"])
    }

    @Test("a sqlite:/// URL relative to the project reads the same file")
    func throughURL() async throws {
        let scratch = try ScratchDirectory()
        try makeSQLiteDatabase(at: scratch.file("db.sqlite3"), djangoMigrationsTableSQLite + Self.rows)

        let source = try DatabaseURL(parsing: "sqlite:///db.sqlite3", relativeTo: scratch.path).appliedMigrationSource()
        let snapshot = try await source.appliedMigrations()

        #expect(snapshot.recorded == Self.recorded)
    }
}
