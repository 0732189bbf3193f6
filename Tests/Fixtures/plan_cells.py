"""What the two ground-truth harnesses (django-plan/ and real-apps/) share: emptying a cell's
database before its state is reached, and the summary table of the cells Django answered."""

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit


def sqlite_path(project, database_url):
    """The file a sqlite:/// URL names, relative paths taken from the project directory."""
    parts = urlsplit(database_url)
    path = parts.path[1:] if parts.path.startswith("/") else parts.path
    return Path(path) if os.path.isabs(path) else Path(project) / path


def reset_database(project, database_url):
    """SQLite: the file (and its journals) deleted. PostgreSQL: the database created if missing,
    then its `public` schema dropped and created again (psycopg from the caller's virtualenv)."""
    parts = urlsplit(database_url)
    if parts.scheme == "sqlite":
        path = sqlite_path(project, database_url)
        for suffix in ("", "-journal", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
        return
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("states.py: unsupported database URL scheme %r" % parts.scheme)
    import psycopg

    dbname = unquote(parts.path.lstrip("/"))
    try:
        conn = psycopg.connect(database_url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as admin:
            admin.execute('CREATE DATABASE "%s"' % dbname.replace('"', '""'))
        conn = psycopg.connect(database_url, autocommit=True, connect_timeout=10)
    with conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def print_summary(cells, docs, backends, failures, label, width=28):
    """One row per (name, state), one column per backend: pending count or Django's error, and
    the seconds each cell took; then each failure on stderr."""
    by = {(d["scenario"], d["state"], d["backend"]): d for d in docs}
    w1 = max(len(name) for _, name, _ in cells)
    w2 = max(len(state) for _, _, state in cells)
    head = "%-*s  %-*s" % (w1, label, w2, "state") + "".join("  %-*s" % (width, b) for b in backends)
    print(head)
    print("-" * len(head))
    seen = set()
    for _, name, state in cells:
        if (name, state) in seen:
            continue
        seen.add((name, state))
        row = "%-*s  %-*s" % (w1, name, w2, state)
        for backend in backends:
            d = by.get((name, state, backend))
            if d is None:
                value = "FAILED"
            elif "error" in d:
                value = "error " + d["error"]["class"]
            else:
                value = "%d pending" % len(d["pending"])
            if d is not None:
                value += " (%.1fs)" % d["seconds"]
            row += "  %-*s" % (width, value)
        print(row)
    for backend, name, state, why in failures:
        print("FAILED %s %s %s: %s" % (backend, name, state, why), file=sys.stderr)
