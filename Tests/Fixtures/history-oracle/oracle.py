#!/usr/bin/env python3
"""history oracle: what each migration of real third-party apps really does on PostgreSQL.

Walks Django's full migration plan (the order of `migrate --plan`) on a fresh PostgreSQL
database ONE MIGRATION AT A TIME, through Django's own executor, and records for each one:

  * the SQL statements it executed (connection.execute_wrapper);
  * the relation locks its backend held (pg_locks for pg_backend_pid(): right before the
    commit of an atomic migration; per statement for a non-atomic one, each statement then
    running inside its own explicit transaction; CONCURRENTLY statements, which cannot, are
    recorded as SHARE UPDATE EXCLUSIVE on their table);
  * what changed in the catalog of the tables that existed before it (rewrites, index
    builds, validated constraints, NOT NULL turned on, drops and renames);
  * whether the previous release's models (Django's state right before the migration) still
    find their tables and columns, and can still INSERT.

Before each migration every table has at least one row (INSERTs generated from the catalog).
Then each migration is classified (see README.md): breaks, blocking, brief, safe.

Runs inside the history-oracle virtualenv's python; DATABASE_URL names an EMPTY database.
Usage: oracle.py --out observed.json [--project DIR] [--limit N] [--no-speedups]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

LOCK_ORDER = [
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
]
LOCK_RANK = {mode: rank for rank, mode in enumerate(LOCK_ORDER)}
# SHARE and stronger conflict with ROW EXCLUSIVE: INSERT, UPDATE and DELETE wait.
WRITE_BLOCKING = LOCK_RANK["ShareLock"]

CONCURRENTLY = re.compile(r"\bCONCURRENTLY\b", re.IGNORECASE)
CREATE_INDEX_CONC = re.compile(
    r'^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([^"\s]+)"?\s+ON\s+(?:ONLY\s+)?"?([^"\s(]+)"?',
    re.IGNORECASE,
)
DROP_INDEX_CONC = re.compile(
    r'^\s*DROP\s+INDEX\s+CONCURRENTLY\s+(?:IF\s+EXISTS\s+)?"?([^"\s;]+)"?', re.IGNORECASE
)
READ_ONLY = re.compile(r"^\s*(SELECT|SHOW|WITH\s+[^;]*\bSELECT\b)", re.IGNORECASE)
NO_TRANSACTION = re.compile(r"^\s*(VACUUM|CREATE\s+DATABASE|DROP\s+DATABASE|REINDEX\s+.*CONCURRENTLY)", re.IGNORECASE)

TABLES_SQL = """
SELECT c.oid::bigint, c.relname, c.relfilenode::bigint
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'django_migrations'
"""
INDEXES_SQL = """
SELECT i.indrelid::bigint, i.indexrelid::bigint, ic.relname, ic.relfilenode::bigint,
       pg_get_indexdef(i.indexrelid), i.indisvalid
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
"""
CONSTRAINTS_SQL = """
SELECT co.conrelid::bigint, co.oid::bigint, co.conname, co.contype::text, co.convalidated,
       co.confrelid::bigint, co.conkey, co.confkey
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
"""
COLUMNS_SQL = """
SELECT a.attrelid::bigint, a.attnum, a.attname, a.attnotnull, a.atthasdef,
       format_type(a.atttypid, a.atttypmod), a.attidentity::text, a.attgenerated::text,
       t.typname, t.typcategory::text, t.typtype::text, a.atttypid::bigint
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
"""
LOCKS_SQL = """
SELECT l.relation::bigint, l.mode FROM pg_locks l
WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
"""


def stronger(a, b):
    if a is None or LOCK_RANK.get(b, -1) > LOCK_RANK.get(a, -1):
        return b
    return a


# ---------------------------------------------------------------------------------------------
# Catalog snapshots
# ---------------------------------------------------------------------------------------------


class Snapshot:
    """The public schema's tables with their indexes, constraints and columns, by oid."""

    def __init__(self, raw):
        self.tables = {}
        for oid, name, node in raw.execute(TABLES_SQL).fetchall():
            self.tables[oid] = {"oid": oid, "name": name, "relfilenode": node,
                                "indexes": {}, "constraints": {}, "columns": {}}
        self.index_table = {}
        for table, oid, name, node, definition, valid in raw.execute(INDEXES_SQL).fetchall():
            if table in self.tables:
                self.tables[table]["indexes"][oid] = {"name": name, "relfilenode": node,
                                                     "definition": definition, "valid": valid}
                self.index_table[oid] = table
        for table, oid, name, contype, validated, ref, key, refkey in raw.execute(CONSTRAINTS_SQL).fetchall():
            if table in self.tables:
                self.tables[table]["constraints"][oid] = {"name": name, "type": contype, "validated": validated,
                                                         "ref": ref, "key": list(key or []),
                                                         "refkey": list(refkey or [])}
        for (table, num, name, notnull, hasdef, typ, identity, generated, typname, category,
             typtype, typoid) in raw.execute(COLUMNS_SQL).fetchall():
            if table in self.tables:
                self.tables[table]["columns"][num] = {
                    "name": name, "notnull": notnull, "hasdef": hasdef, "type": typ,
                    "identity": identity or "", "generated": generated or "",
                    "typname": typname, "category": category, "typtype": typtype, "typoid": typoid,
                }
        self.by_name = {t["name"]: oid for oid, t in self.tables.items()}

    def signature(self, oid):
        """What decides whether a seed INSERT can work: the columns and constraints."""
        t = self.tables[oid]
        cols = tuple(sorted((n, c["name"], c["notnull"], c["hasdef"], c["type"]) for n, c in t["columns"].items()))
        cons = tuple(sorted((c["name"], c["type"]) for c in t["constraints"].values()))
        return (cols, cons)


# ---------------------------------------------------------------------------------------------
# Seeding: one row in every table
# ---------------------------------------------------------------------------------------------


def quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value):
    return "'" + str(value).replace("'", "''") + "'"


class Seeder:
    def __init__(self, raw):
        self.raw = raw
        self.failed = {}  # table oid -> (signature, error)
        self.enum_first = {}

    def empty_tables(self, snap):
        names = sorted(snap.by_name)
        empty = set()
        # One round trip for all tables, in chunks to keep statements reasonable.
        for start in range(0, len(names), 200):
            chunk = names[start:start + 200]
            query = " UNION ALL ".join(
                f"SELECT {quote_literal(n)} WHERE NOT EXISTS (SELECT 1 FROM {quote_ident(n)})" for n in chunk
            )
            empty.update(row[0] for row in self.raw.execute(query).fetchall())
        return {snap.by_name[n] for n in empty}

    def value_for(self, column):
        typ = column["type"]
        cat = column["category"]
        name = column["typname"]
        if column["typtype"] == "e":
            if column["typoid"] not in self.enum_first:
                row = self.raw.execute(
                    "SELECT enumlabel FROM pg_enum WHERE enumtypid = %s ORDER BY enumsortorder LIMIT 1",
                    (column["typoid"],)).fetchone()
                self.enum_first[column["typoid"]] = row[0] if row else None
            label = self.enum_first[column["typoid"]]
            return None if label is None else f"{quote_literal(label)}::{typ}"
        if cat == "A":
            return f"'{{}}'::{typ}"
        if name == "uuid":
            return "gen_random_uuid()"
        if name in ("json", "jsonb"):
            return f"'{{}}'::{typ}"
        if name == "bytea":
            return "'\\x00'::bytea"
        if name == "tsvector":
            return "''::tsvector"
        if cat == "N":
            return f"1::{typ}"
        if cat == "S":
            return f"'1'::{typ}"  # a valid number and JSON document too
        if cat == "B":
            return "false"
        if cat == "D":
            if name in ("time", "timetz"):
                return f"'00:00'::{typ}"
            return f"now()::{typ}"
        if cat == "T":
            return f"'1 day'::{typ}"
        if cat == "I":
            return f"'127.0.0.1'::{typ}"
        if cat == "R":
            return f"'empty'::{typ}"
        return None

    def seed(self, snap):
        """Give every empty table a row; returns the failures of this round."""
        empty = self.empty_tables(snap)
        failures = []
        done = set()

        def ensure(oid, stack):
            if oid not in empty or oid in done:
                return True
            if oid in stack:
                return False
            prev = self.failed.get(oid)
            sig = snap.signature(oid)
            if prev is not None and prev[0] == sig:
                return False
            table = snap.tables[oid]
            values = {}
            # Foreign keys first: point at an existing row of the referenced table.
            for con in table["constraints"].values():
                if con["type"] != "f" or con["ref"] not in snap.tables:
                    continue
                cols = [table["columns"][k] for k in con["key"]]
                if any(c["name"] in values for c in cols):
                    continue
                required = any(c["notnull"] and not c["hasdef"] for c in cols)
                if con["ref"] == oid:
                    if required:
                        self.failed[oid] = (sig, "NOT NULL foreign key to its own table")
                        failures.append({"table": table["name"], "error": "NOT NULL foreign key to its own table"})
                        return False
                    continue
                if not ensure(con["ref"], stack | {oid}):
                    if required:
                        err = f"referenced table {snap.tables[con['ref']]['name']} has no row"
                        self.failed[oid] = (sig, err)
                        failures.append({"table": table["name"], "error": err})
                        return False
                    continue
                ref = snap.tables[con["ref"]]
                refcols = [ref["columns"][k]["name"] for k in con["refkey"]]
                row = self.raw.execute(
                    f"SELECT {', '.join(quote_ident(c) for c in refcols)} FROM {quote_ident(ref['name'])} LIMIT 1"
                ).fetchone()
                if row is None:
                    continue
                for col, val in zip(cols, row):
                    values[col["name"]] = ("param", val)
            for column in table["columns"].values():
                if column["name"] in values:
                    continue
                if column["identity"] or column["generated"] or column["hasdef"] or not column["notnull"]:
                    continue
                literal = self.value_for(column)
                if literal is None:
                    err = f"no value for column {column['name']} of type {column['type']}"
                    self.failed[oid] = (sig, err)
                    failures.append({"table": table["name"], "error": err})
                    return False
                values[column["name"]] = ("sql", literal)
            names = list(values)
            params = [v[1] for v in values.values() if v[0] == "param"]
            exprs = ["%s" if v[0] == "param" else v[1].replace("%", "%%") for v in values.values()]
            if names:
                stmt = (f"INSERT INTO {quote_ident(table['name'])} ({', '.join(quote_ident(n) for n in names)}) "
                        f"VALUES ({', '.join(exprs)})")
            else:
                stmt = f"INSERT INTO {quote_ident(table['name'])} DEFAULT VALUES"
            try:
                # Autocommit: Django's deferred foreign keys are checked right here.
                self.raw.execute(stmt, params)
            except Exception as exc:  # noqa: BLE001 - best effort, recorded
                err = str(exc).strip().splitlines()[0]
                self.failed[oid] = (sig, err)
                failures.append({"table": table["name"], "error": err})
                return False
            self.failed.pop(oid, None)
            done.add(oid)
            return True

        for oid in sorted(empty, key=lambda o: snap.tables[o]["name"]):
            ensure(oid, frozenset())
        return failures


class SystemRows:
    """The content types and permissions that post_migrate creates after every deploy.

    On a real database each release's `migrate` ended with post_migrate, so every model of
    the state before a migration has its ContentType and its add/change/delete/view
    Permission rows, which data migrations look up (wagtailcore.0071, helpdesk.0009)."""

    def __init__(self, raw):
        self.raw = raw
        self.done = set()

    def ensure(self, state, snap):
        if "django_content_type" not in snap.by_name:
            return
        pairs = sorted(set(state.models) - self.done)
        if not pairs:
            return
        ct_cols = {c["name"]: c for c in snap.tables[snap.by_name["django_content_type"]]["columns"].values()}
        with_name = "name" in ct_cols
        rows = ", ".join(
            f"({quote_literal(app)}, {quote_literal(model)}" + (f", {quote_literal(model[:100])})" if with_name else ")")
            for app, model in pairs)
        cols = "app_label, model" + (", name" if with_name else "")
        self.raw.execute(
            f"INSERT INTO django_content_type ({cols}) SELECT * FROM (VALUES {rows}) v({cols}) "
            "WHERE NOT EXISTS (SELECT 1 FROM django_content_type ct "
            "WHERE ct.app_label = v.app_label AND ct.model = v.model)")
        if "auth_permission" in snap.by_name:
            perm_cols = {c["name"]: c for c in snap.tables[snap.by_name["auth_permission"]]["columns"].values()}
            width = 50
            match = re.search(r"\((\d+)\)", perm_cols.get("name", {}).get("type", ""))
            if match:
                width = int(match.group(1))
            values = ", ".join(
                f"({quote_literal(app)}, {quote_literal(model)}, {quote_literal(f'{action}_{model}'[:100])}, "
                f"{quote_literal(f'Can {action} {model}'[:width])})"
                for app, model in pairs for action in ("add", "change", "delete", "view"))
            self.raw.execute(
                "INSERT INTO auth_permission (content_type_id, codename, name) "
                f"SELECT ct.id, v.codename, v.name FROM (VALUES {values}) v(app, model, codename, name) "
                "JOIN django_content_type ct ON ct.app_label = v.app AND ct.model = v.model "
                "WHERE NOT EXISTS (SELECT 1 FROM auth_permission p "
                "WHERE p.content_type_id = ct.id AND p.codename = v.codename)")
        self.done.update(pairs)


# ---------------------------------------------------------------------------------------------
# Statement and lock capture
# ---------------------------------------------------------------------------------------------


class Capture:
    """connection.execute_wrapper: records statements, and locks for non-atomic migrations."""

    def __init__(self, raw, before, per_statement):
        self.raw = raw
        self.before = before
        self.per_statement = per_statement
        self.statements = []  # what changes something (reads are only counted)
        self.reads = 0
        self.locks = {}  # table oid -> strongest mode over the migration
        self.plain_locks = {}  # same, without the CONCURRENTLY statements
        self.concurrent_indexes = set()
        self.statement_locks = []  # non-atomic: [(index of statement, {table: mode})]

    def table_of(self, relation):
        if relation in self.before.tables:
            return relation
        return self.before.index_table.get(relation)

    def read_locks(self, concurrent=False):
        held = {}
        for relation, mode in self.raw.execute(LOCKS_SQL).fetchall():
            table = self.table_of(relation)
            if table is not None:
                held[table] = stronger(held.get(table), mode)
        self.merge(held, concurrent)
        return held

    def merge(self, held, concurrent=False):
        for table, mode in held.items():
            self.locks[table] = stronger(self.locks.get(table), mode)
            if not concurrent:
                self.plain_locks[table] = stronger(self.plain_locks.get(table), mode)

    def __call__(self, execute, sql, params, many, context):
        text = sql if isinstance(sql, str) else str(sql)
        read_only = READ_ONLY.match(text) is not None and "FOR UPDATE" not in text.upper()
        if read_only:
            self.reads += 1
        else:
            self.statements.append(text)
        position = len(self.statements) - 1
        conn = context["connection"]
        in_transaction = not conn.get_autocommit()
        if not self.per_statement or read_only:
            return execute(sql, params, many, context)
        if in_transaction:
            # Inside an atomic operation of a non-atomic migration: what is held so far.
            result = execute(sql, params, many, context)
            self.statement_locks.append((position, self.read_locks()))
            return result
        created = CREATE_INDEX_CONC.match(text)
        dropped = DROP_INDEX_CONC.match(text)
        if created or dropped or CONCURRENTLY.search(text):
            held = {}
            if created:
                self.concurrent_indexes.add(created.group(1))
                table = self.before.by_name.get(created.group(2))
                if table is not None:
                    held[table] = "ShareUpdateExclusiveLock"
            elif dropped:
                for oid, t in self.before.tables.items():
                    if any(i["name"] == dropped.group(1) for i in t["indexes"].values()):
                        held[oid] = "ShareUpdateExclusiveLock"
            self.merge(held, concurrent=True)
            self.statement_locks.append((position, held))
            return execute(sql, params, many, context)
        if NO_TRANSACTION.match(text):
            return execute(sql, params, many, context)
        # Autocommit statement: run it in an explicit transaction to read its locks before
        # its commit. Same statement, same locks, same effect.
        self.raw.execute("BEGIN")
        try:
            result = execute(sql, params, many, context)
        except Exception:
            self.raw.execute("ROLLBACK")
            raise
        self.statement_locks.append((position, self.read_locks()))
        self.raw.execute("COMMIT")
        return result


# ---------------------------------------------------------------------------------------------
# Old code: the models of the state right before the migration
# ---------------------------------------------------------------------------------------------


def old_model_tables(state):
    """db_table -> {"models": [...], "columns": set()} of the concrete managed models."""
    tables = {}
    for model in state.apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped:
            continue
        entry = tables.setdefault(meta.db_table, {"models": [], "columns": set(), "returning": set()})
        entry["models"].append(meta.label)
        for field in meta.local_concrete_fields:
            if field.column:
                entry["columns"].add(field.column)
                if getattr(field, "db_returning", False):
                    # AutoField and friends: left out of INSERTs, the database supplies them.
                    entry["returning"].add(field.column)
    return tables


# ---------------------------------------------------------------------------------------------
# Comparing the catalog before and after a migration
# ---------------------------------------------------------------------------------------------


def compare(before, after, capture, old_tables):
    """Evidence per pre-existing table, and the kinds of the migration."""
    tables = {}
    breaks = []

    def entry(oid):
        return tables.setdefault(before.tables[oid]["name"], {"work": [], "changes": []})

    for oid, t in before.tables.items():
        a = after.tables.get(oid)
        name = t["name"]
        if a is None:
            entry(oid)["changes"].append("table dropped")
            continue
        if a["name"] != name:
            entry(oid)["changes"].append(f"table renamed to {a['name']}")
        if a["relfilenode"] != t["relfilenode"]:
            entry(oid)["work"].append({"kind": "rewrite", "what": f"table {name}"})
        old_index_names = {i["name"] for i in t["indexes"].values()}
        # ALTER COLUMN TYPE re-creates the table's indexes and constraints under new oids; when
        # the type change is binary-coercible it keeps the index storage (no build) and does not
        # validate the re-created constraints again.
        dropped_nodes = {i["relfilenode"] for o, i in t["indexes"].items() if o not in a["indexes"]}
        dropped_constraints = {(c["name"], c["type"]) for o, c in t["constraints"].items()
                               if o not in a["constraints"]}
        sql_text = "\n".join(capture.statements)
        for ioid, idx in t["indexes"].items():
            ai = a["indexes"].get(ioid)
            if ai is None:
                entry(oid)["changes"].append(f"index {idx['name']} dropped")
            elif ai["relfilenode"] != idx["relfilenode"]:
                entry(oid)["work"].append({"kind": "rewrite", "what": f"index {idx['name']}"})
            elif ai["name"] != idx["name"]:
                entry(oid)["changes"].append(f"index {idx['name']} renamed to {ai['name']}")
        for ioid, ai in a["indexes"].items():
            if ioid in t["indexes"]:
                continue
            if ai["relfilenode"] in dropped_nodes and a["relfilenode"] == t["relfilenode"]:
                entry(oid)["changes"].append(f"index {ai['name']} re-created over its old storage (no build)")
                continue
            concurrent = ai["name"] in capture.concurrent_indexes
            kind = "index built concurrently" if concurrent else "index built"
            again = " (again)" if ai["name"] in old_index_names else ""
            entry(oid)["work"].append({"kind": kind, "what": f"{ai['name']}{again}: {ai['definition']}",
                                       "concurrent": concurrent})
        for coid, ac in a["constraints"].items():
            bc = t["constraints"].get(coid)
            if ac["type"] not in "cfupx":
                continue
            if (bc is None and (ac["name"], ac["type"]) in dropped_constraints
                    and a["relfilenode"] == t["relfilenode"]
                    and not re.search(r'ADD\s+CONSTRAINT\s+"?' + re.escape(ac["name"]) + r'\b', sql_text)):
                entry(oid)["changes"].append(
                    f"constraint {ac['name']} ({ac['type']}) re-created by PostgreSQL after ALTER COLUMN TYPE")
                continue
            if bc is None and ac["validated"]:
                entry(oid)["work"].append({"kind": "constraint validated",
                                           "what": f"{ac['name']} ({ac['type']}, new)"})
            elif bc is not None and not bc["validated"] and ac["validated"]:
                entry(oid)["work"].append({"kind": "constraint validated",
                                           "what": f"{ac['name']} ({ac['type']}, validated)"})
            elif bc is None:
                entry(oid)["changes"].append(f"constraint {ac['name']} ({ac['type']}) added NOT VALID")
        for coid, bc in t["constraints"].items():
            if coid not in a["constraints"]:
                entry(oid)["changes"].append(f"constraint {bc['name']} ({bc['type']}) dropped")
        for num, col in t["columns"].items():
            ac = a["columns"].get(num)
            if ac is None:
                entry(oid)["changes"].append(f"column {col['name']} dropped")
                continue
            if ac["name"] != col["name"]:
                entry(oid)["changes"].append(f"column {col['name']} renamed to {ac['name']}")
            if ac["notnull"] and not col["notnull"]:
                entry(oid)["work"].append({"kind": "not null set", "what": f"column {ac['name']}"})
            if ac["type"] != col["type"]:
                entry(oid)["changes"].append(f"column {ac['name']} type {col['type']} -> {ac['type']}")
            if ac["hasdef"] != col["hasdef"]:
                entry(oid)["changes"].append(
                    f"column {ac['name']} default {'added' if ac['hasdef'] else 'dropped'}")
            if not ac["notnull"] and col["notnull"]:
                entry(oid)["changes"].append(f"column {ac['name']} NOT NULL dropped")
        for num, ac in a["columns"].items():
            if num not in t["columns"]:
                desc = f"column {ac['name']} {ac['type']} added"
                if ac["notnull"]:
                    desc += " NOT NULL" + (" with default" if ac["hasdef"] else " without default")
                entry(oid)["changes"].append(desc)

        # Old code's view of this table.
        old = old_tables.get(name)
        if old is None:
            continue
        after_cols = {c["name"]: (num, c) for num, c in a["columns"].items()} if a["name"] == name else None
        before_cols = {c["name"]: (num, c) for num, c in t["columns"].items()}
        if a["name"] != name and name not in after.by_name:
            breaks.append(f"{name}: table renamed to {a['name']}, old models {', '.join(old['models'])} query {name}")
            continue
        for column in sorted(old["columns"]):
            if column in before_cols and column not in after_cols:
                breaks.append(f"{name}.{column}: column gone (renamed or dropped), old models "
                              f"{', '.join(old['models'])} read it")
        for cname, (num, ac) in sorted(after_cols.items()):
            if cname in old["columns"] and cname not in old["returning"]:
                continue
            if not ac["notnull"] or ac["hasdef"] or ac["identity"] or ac["generated"]:
                continue
            bc = t["columns"].get(num)
            if bc is not None and bc["notnull"] and not bc["hasdef"] and not bc["identity"]:
                continue  # already so before this migration
            how = "left out of their INSERTs (auto field)" if cname in old["columns"] else "unknown to"
            breaks.append(f"{name}.{cname}: NOT NULL without a default, {how} old models "
                          f"{', '.join(old['models'])}: their INSERTs fail")

    # Tables old code uses that were gone before this migration are not its doing.
    for name, old in old_tables.items():
        oid = before.by_name.get(name)
        if oid is not None and oid not in after.tables:
            breaks.append(f"{name}: table dropped, old models {', '.join(old['models'])} query it")

    blocking = []
    brief = []
    for name, ev in tables.items():
        oid = before.by_name[name]
        lock = capture.locks.get(oid)
        plain = capture.plain_locks.get(oid)
        ev["lock"] = lock
        blocked_work = []
        for work in ev["work"]:
            held = "ShareUpdateExclusiveLock" if work.get("concurrent") else plain
            if held is None and not capture.per_statement:
                held = lock
            if held is not None and LOCK_RANK[held] >= WRITE_BLOCKING:
                blocked_work.append(work)
        if blocked_work:
            blocking.append(name)
        elif lock is not None and LOCK_RANK[lock] >= WRITE_BLOCKING:
            brief.append(name)
    # Locks on pre-existing tables that nothing changed (foreign keys from new tables, DML).
    for oid, mode in capture.locks.items():
        name = before.tables[oid]["name"]
        if name in tables:
            continue
        if LOCK_RANK[mode] >= WRITE_BLOCKING:
            tables[name] = {"work": [], "changes": [], "lock": mode}
            brief.append(name)
        elif LOCK_RANK[mode] >= LOCK_RANK["ShareUpdateExclusiveLock"]:
            tables[name] = {"work": [], "changes": [], "lock": mode}

    kinds = []
    if breaks:
        kinds.append("breaks")
    if blocking:
        kinds.append("blocking")
    elif brief:
        kinds.append("brief")
    else:
        kinds.append("safe")
    evidence = {"tables": tables, "breaks": breaks, "blocking_tables": sorted(blocking),
                "brief_tables": sorted(brief)}
    return kinds, evidence


# ---------------------------------------------------------------------------------------------
# What a migration touches in the model state (for judge.py's grouping)
# ---------------------------------------------------------------------------------------------


def model_label(app_label, ref):
    """'app.Model' (lowercased) from a related model reference."""
    if ref is None:
        return None
    if isinstance(ref, str):
        if ref == "self":
            return None
        if "." not in ref:
            return f"{app_label}.{ref}".lower()
        return ref.lower()
    meta = getattr(ref, "_meta", None)
    return meta.label_lower if meta is not None else None


def field_models(app_label, field):
    found = set()
    remote = getattr(field, "remote_field", None)
    if remote is not None:
        label = model_label(app_label, getattr(remote, "model", None))
        if label:
            found.add(label)
        through = getattr(remote, "through", None)
        label = model_label(app_label, through) if through is not None else None
        if label:
            found.add(label)
    return found


def touched_models(app_label, operations):
    """(models the operations name or relate to, models they create, opaque?)"""
    from django.db.migrations import operations as ops

    touched, created = set(), set()
    opaque = False
    for op in operations:
        cls = type(op)
        if isinstance(op, ops.SeparateDatabaseAndState):
            t, c, o = touched_models(app_label, list(op.state_operations) + list(op.database_operations))
            touched |= t
            created |= c
            opaque |= o
            continue
        if isinstance(op, ops.RunSQL):
            t, c, _ = touched_models(app_label, op.state_operations)
            touched |= t
            created |= c
            opaque = True
            continue
        if isinstance(op, ops.RunPython):
            continue  # changes no model; what it does to rows is not judged per table
        if not cls.__module__.startswith("django.db.migrations.operations") and \
                not cls.__module__.startswith("django.contrib.postgres.operations"):
            opaque = True
        value = getattr(op, "model_name_lower", None)  # field, index and constraint operations
        if isinstance(value, str):
            touched.add(f"{app_label}.{value}")
        if isinstance(op, ops.RenameModel):
            touched.add(f"{app_label}.{op.old_name_lower}")
            touched.add(f"{app_label}.{op.new_name_lower}")
        elif isinstance(op, ops.models.ModelOperation):
            touched.add(f"{app_label}.{op.name_lower}")
        if isinstance(op, ops.CreateModel):
            created.add(f"{app_label}.{op.name_lower}")
            for _, field in op.fields:
                touched |= field_models(app_label, field)
            for base in op.bases:
                if isinstance(base, str) or hasattr(base, "_meta"):
                    label = model_label(app_label, base)
                    if label:
                        touched.add(label)  # multi-table inheritance: a link to the parent
        field = getattr(op, "field", None)
        if field is not None:
            touched |= field_models(app_label, field)
    return touched, created, opaque


# ---------------------------------------------------------------------------------------------
# The walk
# ---------------------------------------------------------------------------------------------


def speed_up_state_rendering():
    """Memoize StateApps.get_swappable_settings_name.

    Django clears this cache on every model (re-)registration, and the migration state of a
    project with ~270 models re-renders thousands of models: a fifth of the walk went into
    recomputing which setting swaps e.g. auth.User. The answer for a model that exists never
    changes (its Meta.swappable), so it is kept once the model is registered. Only used by
    field deconstruction; the SQL Django runs is unchanged."""
    from django.apps.registry import Apps
    from django.db.migrations.state import StateApps

    original = Apps.get_swappable_settings_name.__wrapped__
    memo = {}

    def cached(self, to_string):
        key = to_string.lower()
        if key in memo:
            return memo[key]
        result = original(self, to_string)
        app, _, model = key.partition(".")
        if result is not None or model in self.all_models.get(app, {}):
            memo[key] = result
        return result

    cached.cache_clear = lambda: None
    StateApps.get_swappable_settings_name = cached


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="observed.json to write")
    parser.add_argument("--project", default=os.path.join(HERE, "project"))
    parser.add_argument("--limit", type=int, help="stop after this many migrations (debugging)")
    parser.add_argument("--no-speedups", action="store_true",
                        help="do not memoize StateApps.get_swappable_settings_name")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    sys.path.insert(0, os.path.abspath(args.project))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oracle_project.settings")
    import warnings
    warnings.filterwarnings("ignore")
    import django

    django.setup()
    if not args.no_speedups:
        speed_up_state_rendering()
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.state import ProjectState

    started = time.monotonic()
    connection.ensure_connection()
    raw = connection.connection  # psycopg 3, autocommit (Django's default)
    assert connection.get_autocommit()
    server_version = raw.execute("SHOW server_version").fetchone()[0].split()[0]

    executor = MigrationExecutor(connection)
    if executor.loader.applied_migrations:
        sys.exit("oracle.py: the database is not fresh: some migrations are already applied")
    executor.recorder.ensure_schema()
    targets = executor.loader.graph.leaf_nodes()
    plan = executor.migration_plan(targets)
    if args.limit:
        plan = plan[: args.limit]
    state = executor._create_project_state(with_applied_migrations=True)
    state.apps  # render, as migrate does

    seeder = Seeder(raw)
    system_rows = SystemRows(raw)
    results = []
    applied = []
    snap = Snapshot(raw)
    total = len(plan)
    timings = {"seed": 0.0, "snapshot": 0.0, "apply": 0.0, "compare": 0.0}

    def log(message):
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    for position, (migration, backwards) in enumerate(plan):
        assert not backwards
        key = f"{migration.app_label}.{migration.name}"
        t0 = time.monotonic()
        system_rows.ensure(state, snap)
        seed_failures = seeder.seed(snap)
        t1 = time.monotonic()
        before = snap
        old_tables = old_model_tables(state)
        touched, created, opaque = touched_models(migration.app_label, migration.operations)
        record = {"app": migration.app_label, "name": migration.name, "atomic": bool(migration.atomic),
                  "replaces": [list(r) for r in migration.replaces],
                  "operations": [type(op).__name__ for op in migration.operations],
                  "models_touched": sorted(touched), "models_created": sorted(created), "opaque": opaque}
        t2 = time.monotonic()
        error = None
        for attempt in (1, 2):
            capture = Capture(raw, before, per_statement=not migration.atomic)
            try:
                with connection.execute_wrapper(capture):
                    if migration.atomic:
                        with transaction.atomic():
                            state = executor.apply_migration(state, migration)
                            capture.read_locks()
                    else:
                        state = executor.apply_migration(state, migration)
                break
            except Exception as exc:  # noqa: BLE001
                error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
                if attempt == 2 or not migration.atomic:
                    record["error"] = error
                    results.append(record)
                    log(f"oracle.py: {key} FAILED: {error}")
                    return finish(args, server_version, results, started, timings, failed=key)
                # The seed rows may be what it tripped on: try again on empty tables.
                log(f"oracle.py: {key} failed ({error}); retrying on empty tables")
                names = sorted(before.by_name)
                if names:
                    raw.execute("TRUNCATE " + ", ".join(quote_ident(n) for n in names) + " CASCADE")
                state = ProjectState(real_apps=executor.loader.unmigrated_apps)
                for done in applied:
                    state = done.mutate_state(state, preserve=False)
                state.apps
                before = Snapshot(raw)
                system_rows.done.clear()
                system_rows.ensure(state, before)
                old_tables = old_model_tables(state)
                record["retried_on_empty_tables"] = error
        if "apps" not in state.__dict__:
            state.apps
        applied.append(migration)
        t3 = time.monotonic()
        snap = Snapshot(raw)
        kinds, evidence = compare(before, snap, capture, old_tables)
        evidence["statements"] = capture.statements
        evidence["reads"] = capture.reads
        if capture.per_statement:
            evidence["statement_locks"] = [
                {"statement": pos, "locks": {before.tables[oid]["name"]: mode for oid, mode in held.items()}}
                for pos, held in capture.statement_locks
            ]
        record.update({"kinds": kinds, "evidence": evidence, "seed_failures": seed_failures})
        results.append(record)
        t4 = time.monotonic()
        timings["seed"] += t1 - t0
        timings["apply"] += t3 - t2
        timings["snapshot"] += t4 - t3
        if position % 25 == 0 or position == total - 1:
            log(f"oracle.py: {position + 1}/{total} {key} {'+'.join(kinds)} ({time.monotonic() - started:.0f}s)")
    return finish(args, server_version, results, started, timings)


def finish(args, server_version, results, started, timings, failed=None):
    out = {
        "server_version": server_version,
        "django": __import__("django").get_version(),
        "complete": failed is None,
        "failed": failed,
        "seconds": round(time.monotonic() - started, 1),
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "migrations": results,
    }
    with open(args.out, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    counts = {}
    for r in results:
        for k in r.get("kinds", ["error"]):
            counts[k] = counts.get(k, 0) + 1
    print(f"oracle.py: {len(results)} migrations in {out['seconds']}s on PostgreSQL {server_version}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0 if failed is None else 1


if __name__ == "__main__":
    sys.exit(main())
