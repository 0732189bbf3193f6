"""What the binary needs to know about the running Django project: where it is, which settings
module is in use, and what the chosen database connection has applied."""
import os
import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS


def project_directory():
    """manage.py's directory: the running manage.py, else settings.BASE_DIR or the current
    directory when either holds a manage.py, else BASE_DIR, else the current directory."""
    script = sys.argv[0] if sys.argv else ""
    if os.path.basename(script) == "manage.py":
        return os.path.dirname(os.path.abspath(script))
    base_dir = getattr(settings, "BASE_DIR", None)
    candidates = [str(base_dir)] if base_dir else []
    candidates.append(os.getcwd())
    for directory in candidates:
        if os.path.isfile(os.path.join(directory, "manage.py")):
            return os.path.abspath(directory)
    return os.path.abspath(candidates[0])


def settings_module():
    """The dotted settings module Django loaded; None when settings were configured in code."""
    return getattr(settings, "SETTINGS_MODULE", None) or os.environ.get("DJANGO_SETTINGS_MODULE") or None


def default_database_alias():
    """The original django-zerodowntime's CHECK_MIGRATIONS alias when the settings define it."""
    return "CHECK_MIGRATIONS" if "CHECK_MIGRATIONS" in settings.DATABASES else DEFAULT_DB_ALIAS


def server_version(connection):
    """The server's version as text ("16.4", "8.0.36", "3.45.1"), None when the backend cannot say."""
    if connection.vendor == "postgresql":
        number = connection.pg_version  # 160004; 90624 before PostgreSQL 10
        if number >= 100000:
            return f"{number // 10000}.{number % 10000}"
        return f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    parts = None
    if hasattr(connection, "get_database_version"):  # Django 4.2+, every built-in backend
        try:
            parts = connection.get_database_version()
        except NotImplementedError:
            parts = None
    parts = parts or getattr(connection, "mysql_version", None) or getattr(connection, "oracle_version", None)
    return ".".join(str(part) for part in parts) if parts else None


def lock_timeout(connection):
    """The connection's lock timeout when one is set ("5s"), None at the backend's wait-forever
    default: DATABASES OPTIONS, the role and the database all show in the session's value."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SHOW lock_timeout")
                value = cursor.fetchone()[0]
                return None if value in ("0", 0) else str(value)
            if connection.vendor == "mysql":
                cursor.execute("SELECT @@SESSION.lock_wait_timeout")
                seconds = int(cursor.fetchone()[0])
                return None if seconds >= 31536000 else f"{seconds}s"
    except Exception:  # a read-only replica or a custom backend: the rule then says it is not known
        return None
    return None


def describe_connection(alias, connection, version):
    """"Django connection 'default': postgresql 16.4, database 'shop' on db.internal:5432",
    from NAME, HOST and PORT only: never a user, a password or OPTIONS."""
    backend = connection.vendor
    if backend == "mysql" and getattr(connection, "mysql_is_mariadb", False):
        backend = "mysql (MariaDB)"
    text = f"Django connection '{alias}': {backend}" + (f" {version}" if version else "")
    entry = connection.settings_dict
    name, host, port = entry.get("NAME"), entry.get("HOST"), entry.get("PORT")
    if name:
        text += f", database '{name}'"
    if host:
        text += f" on {host}" + (f":{port}" if port else "")
    return text


def project_facts():
    """What Django resolved for the project, so the binary guesses none of it: each installed
    app's label, module and migrations package (after MIGRATION_MODULES), and AUTH_USER_MODEL
    with every other swappable *_MODEL setting the settings object has."""
    from django.apps import apps as registry
    from django.db.migrations.loader import MigrationLoader

    entries = []
    for config in registry.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(config.label)
        directory = None
        if module_name:
            try:
                module = __import__(module_name, fromlist=["__name__"])
                paths = list(getattr(module, "__path__", []))
                directory = os.path.abspath(paths[0]) if paths else None
            except ImportError:
                directory = None
        entries.append({"label": config.label, "name": config.name, "migrations_module": module_name,
                        "migrations_directory": directory})
    values = {}
    for name in dir(settings):
        if name.isupper() and name.endswith("_MODEL"):
            value = getattr(settings, name, None)
            if isinstance(value, str):
                values[name] = value
    return {"apps": entries, "settings": values}


# The catalog query of the binary's TableSize.catalogQuery: every table on the search path, the
# planner's row estimate (-1: never analysed) and the size on disk with indexes and TOAST.
TABLE_SIZES_SQL = """
    SELECT c.relname, c.reltuples::float8, pg_catalog.pg_total_relation_size(c.oid)
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm')
        AND n.nspname NOT IN ('pg_catalog', 'pg_toast', 'information_schema')
        AND pg_catalog.pg_table_is_visible(c.oid)
"""


def table_sizes(connection):
    """{table: {"rows": N or None, "bytes": N}} on PostgreSQL (read-only, one catalog query);
    {} on other backends or when the role may not read the catalog."""
    from django.db import DatabaseError

    if connection.vendor != "postgresql":
        return {}
    try:
        with connection.cursor() as cursor:
            cursor.execute(TABLE_SIZES_SQL)
            rows = cursor.fetchall()
    except DatabaseError:
        return {}
    return {
        name: {"rows": None if estimate < 0 else int(round(estimate)), "bytes": int(size)}
        for name, estimate, size in rows
    }


def applied_migrations_document(alias):
    """The applied migrations as Django itself sees them on `alias`, with the backend's vendor and
    server version: the JSON `zerodowntime check-migrations --applied-from -` reads."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[alias]
    recorder = MigrationRecorder(connection)
    has_table = recorder.has_table()
    applied = sorted(recorder.applied_migrations()) if has_table else []
    version = server_version(connection)
    return {
        "applied": [[app, name] for app, name in applied],
        "vendor": connection.vendor,
        "version": version,
        "has_migrations_table": has_table,
        "description": describe_connection(alias, connection, version),
        "lock_timeout": lock_timeout(connection),
        "project": project_facts(),
        "tables": table_sizes(connection),
    }
