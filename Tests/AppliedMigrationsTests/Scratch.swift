import Foundation
import Testing
import TestSupport

/// A temporary directory for one test, removed when the test is done with it.
final class ScratchDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-applied-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names in the directory, to show nothing was created beside a database.
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// Makes a SQLite database with CPython's `sqlite3` module, the way Django's backend writes one.
func makeSQLiteDatabase(at path: String, _ script: String) throws {
    let program = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()\nc.close()"
    let run = try runProgram("/usr/bin/env", ["python3", "-c", program, path, script])
    guard run.status == 0 else {
        throw ScratchFailure(description: "python3 could not make \(path): \(run.errors)")
    }
}

struct ScratchFailure: Error, CustomStringConvertible {
    var description: String
}

/// Django 5.2's own `django_migrations` table on SQLite.
let djangoMigrationsTableSQLite = """
    CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL,
        "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
    """
