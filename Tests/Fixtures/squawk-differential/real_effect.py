#!/usr/bin/env python3
"""The real effect of every snippet of snippets.json, measured on a PostgreSQL server.

For each snippet, in a database of its own:
  1. the snippet's setup_sql runs (a previous, applied migration), every table of the
     public schema gets ROWS rows (default 10000, or the snippet's "rows"), VACUUM ANALYZE;
  2. the snippet runs as Django runs a RunSQL string: split into statements with sqlparse
     (connection.ops.prepare_sql_script), executed one by one on a psycopg 3 connection, in
     one transaction for an atomic migration (autocommit off: after a COMMIT in the SQL the
     driver opens a new transaction before the next statement) or autocommitted for
     atomic = False (an explicit BEGIN in the SQL then opens a transaction that lasts to its
     COMMIT; one never committed is rolled back when Django closes the connection). Around
     every statement the locks our backend holds (pg_locks), the sequential scans of each
     table (pg_stat_xact_user_tables) and the relfilenodes of each table and its indexes are
     read, inside the statement's transaction;
  3. every transaction of that run (a "unit") runs again, on a copy of the database as it
     was before the unit, under ../../../../shared/tools/lockprobe.py: the unit holds its
     locks while another session tries SELECT, INSERT and UPDATE on every pre-existing
     table (reads/writes blocked), and relfilenodes before/after say what was rewritten;
     statements that cannot run in a transaction block (CONCURRENTLY, VACUUM, CLUSTER
     without a table, REINDEX SCHEMA) run in lockprobe's autocommit mode, probed while they
     run;
  4. the previous release's queries (SELECT, INSERT and UPDATE naming every column a table
     had before the snippet; foreign keys and triggers off) run after it.

Verdict ("real"):
  unsafe  the migration fails (error, or a transaction never committed); or a pre-existing
          table is rewritten (relfilenode changes: ALTER TYPE, volatile default, VACUUM FULL,
          CLUSTER, TRUNCATE); or table-size work on a pre-existing table (a sequential scan:
          validation of NOT NULL, CHECK, FOREIGN KEY, domain constraints; an index build or
          rebuild) happens while some pre-existing table is locked against writes (SHARE or
          stronger, held from that statement or an earlier one of its transaction); or the
          previous release's queries fail afterwards (dropped or renamed column or table, a
          NOT NULL column it does not write);
  brief   a pre-existing table is locked against writes or reads (SHARE or stronger, or a
          probe was blocked), but for no table-size work;
  safe    otherwise.

Writes real-effect.json: {"snippets_sha256" (of the fields that decide the effect), "real_effect_sha256", "postgres", "rows",
"results": {id: {...}}}.

Each result keeps the SHA-256 of its snippet's effect fields and of this script
("input_sha256"): a run measures only the snippets whose result is missing or stale (all of
them after a change to this script or of server version), unless --all or --only.

Usage: real_effect.py --postgres-url URL [--snippets F] [--out F] [--jobs N] [--all | --only ID ...]
       real_effect.py --check-fresh      exit 0 when real-effect.json matches snippets.json
"""
from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_LOCKPROBE = os.path.abspath(os.path.join(REPO, "..", "shared", "tools", "lockprobe.py"))
DEFAULT_ROWS = 10000

LOCK_ORDER = [
    "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
    "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
]
RANK = {m: i for i, m in enumerate(LOCK_ORDER)}
BLOCKS_WRITES = RANK["ShareLock"]
BLOCKS_READS = RANK["AccessExclusiveLock"]

TX_CONTROL = re.compile(r"^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b", re.I)
TX_BEGIN = re.compile(r"^\s*(BEGIN|START\s+TRANSACTION)\b", re.I)
# Statements PostgreSQL refuses inside a transaction block.
NO_TX = re.compile(
    r"\bCONCURRENTLY\b|^\s*VACUUM\b|^\s*CLUSTER\s*;?\s*$|^\s*REINDEX\s+(\([^)]*\)\s*)?(SCHEMA|DATABASE|SYSTEM)\b"
    r"|^\s*(CREATE|DROP)\s+(DATABASE|TABLESPACE)\b|^\s*ALTER\s+SYSTEM\b",
    re.I,
)


def sha256_file(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


EFFECT_FIELDS = ("id", "sql", "setup_sql", "atomic", "rows")


def snippet_sha256(snip: dict, script_sha: str) -> str:
    """What one result depends on: the snippet's effect fields and this script."""
    canon = {k: snip[k] for k in EFFECT_FIELDS if k in snip}
    return hashlib.sha256((script_sha + json.dumps(canon, sort_keys=True, separators=(",", ":"))).encode()).hexdigest()


def stale_ids(snippets: list, have: dict, script_sha: str) -> list[str]:
    """Snippets whose result in a real-effect.json document is missing or stale."""
    results = have.get("results", {})
    return [s["id"] for s in snippets if results.get(s["id"], {}).get("input_sha256") != snippet_sha256(s, script_sha)]


def snippets_sha256(path: str) -> str:
    """SHA-256 of what decides the real effect: each snippet's id, sql, setup_sql, atomic and
    rows (its squawk_rule, note and other labels can change without a new measurement)."""
    with open(path) as f:
        snippets = json.load(f)
    canon = [{k: s[k] for k in EFFECT_FIELDS if k in s} for s in snippets]
    return hashlib.sha256(json.dumps(canon, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def django_statements(sql: str) -> list[str]:
    """connection.ops.prepare_sql_script(sql), as RunSQL runs a string."""
    import sqlparse

    return [s for s in (sqlparse.format(x, strip_comments=True).strip() for x in sqlparse.split(sql) if x) if s]


def with_db(url: str, db: str) -> str:
    p = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((p.scheme, p.netloc, "/" + db, p.query, p.fragment))


# ---------------------------------------------------------------------------------------------
# Filling tables and the previous release's queries


def value_expr(typ: dict, g: str) -> str | None:
    """An SQL expression of the column's type from the integer expression g (unique per row)."""
    name, cat, mod = typ["base"], typ["category"], typ["typmod"]
    if typ["is_array"]:
        return "'{}'"
    if typ["enum_first"] is not None:
        return "'" + typ["enum_first"].replace("'", "''") + "'"
    if name == "int2":
        return f"(({g}) % 30000)::int2"
    if name in ("int4", "int8", "numeric", "float4", "float8", "oid"):
        return f"({g})"
    if name in ("text", "varchar", "bpchar", "citext", "name"):
        expr = f"('v' || ({g}))"
        if name in ("varchar", "bpchar") and mod > 4:
            expr = f"left({expr}, {mod - 4})"
        return expr
    if name == "bool":
        return f"(({g}) % 2 = 0)"
    if name == "uuid":
        return "gen_random_uuid()"
    if name in ("timestamptz", "timestamp", "date", "time", "timetz"):
        return f"now()::{name}"
    if name in ("json", "jsonb"):
        return "'{}'"
    if name == "interval":
        return "interval '1 day'"
    if cat == "N":
        return f"({g})"
    return None


def tables(conn) -> list[dict]:
    """Every table of the public schema with its columns (partitions included, flagged)."""
    rows = conn.execute(
        """SELECT c.oid::bigint, c.relname, c.relkind, c.relispartition
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.oid"""
    ).fetchall()
    out = []
    for oid, name, kind, is_part in rows:
        cols = conn.execute(
            """SELECT a.attname, a.attnotnull, a.atthasdef, a.attidentity <> '', a.attgenerated <> '',
                      coalesce(bt.typname, t.typname), coalesce(bt.typcategory, t.typcategory),
                      CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
                      coalesce(bt.typcategory, t.typcategory) = 'A',
                      (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = coalesce(bt.oid, t.oid)
                       ORDER BY e.enumsortorder LIMIT 1),
                      coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%%', false)
               FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
               LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
               LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
               WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""",
            (oid,),
        ).fetchall()
        out.append({
            "oid": oid, "name": name, "partitioned": kind == "p", "partition": is_part,
            "columns": [
                {"name": c[0], "notnull": c[1], "hasdef": c[2], "identity": c[3], "generated": c[4],
                 "type": {"base": c[5], "category": c[6], "typmod": c[7], "is_array": c[8], "enum_first": c[9]},
                 "serial": c[10]}
                for c in cols
            ],
        })
    return out


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def fill(conn, table: dict, rows: int) -> None:
    names, exprs = [], []
    for c in table["columns"]:
        if c["hasdef"] or c["identity"] or c["generated"]:
            continue
        e = value_expr(c["type"], "g")
        if e is None:
            if c["notnull"]:
                raise RuntimeError(f"cannot fill {table['name']}.{c['name']} ({c['type']['base']})")
            continue
        names.append(quote(c["name"]))
        exprs.append(e)
    if names:
        conn.execute(f"INSERT INTO {quote(table['name'])} ({', '.join(names)}) "
                     f"SELECT {', '.join(exprs)} FROM generate_series(1, {rows}) g")
    else:
        conn.execute(f"INSERT INTO {quote(table['name'])} SELECT FROM generate_series(1, {rows}) g")


def old_code_queries(table: dict, seq: int) -> dict:
    """What the previous release runs: Django names every column it knows."""
    t = quote(table["name"])
    cols = [c for c in table["columns"]]
    select = f"SELECT {', '.join(quote(c['name']) for c in cols)} FROM {t} LIMIT 1"
    ins_cols = [c for c in cols if not (c["identity"] or c["serial"] or c["generated"])]
    values = []
    for c in ins_cols:
        e = value_expr(c["type"], str(900000000 + seq))
        values.append(e if e is not None else "NULL")
    insert = (f"INSERT INTO {t} ({', '.join(quote(c['name']) for c in ins_cols)}) VALUES ({', '.join(values)})"
              if ins_cols else f"INSERT INTO {t} DEFAULT VALUES")
    upd = [c for c in cols if not c["generated"] and not c["identity"]]
    sets = ", ".join(quote(c["name"]) + " = " + quote(c["name"]) for c in upd)
    update = f"UPDATE {t} SET {sets} WHERE ctid = (SELECT ctid FROM {t} LIMIT 1)" if upd else None
    return {k: v for k, v in (("select", select), ("insert", insert), ("update", update)) if v}


# ---------------------------------------------------------------------------------------------
# Measuring our own backend between statements


def measure(conn, pre: dict[int, str]) -> dict:
    """Locks (strongest per pre-existing table), seq scans and relfilenodes of pre-existing tables."""
    locks: dict[str, str] = {}
    for relid, mode in conn.execute(
        "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted"
    ).fetchall():
        if relid in pre:
            name = pre[relid]
            if name not in locks or RANK.get(mode, -1) > RANK.get(locks[name], -1):
                locks[name] = mode
    scans = {pre[r]: s for r, s in conn.execute(
        "SELECT relid::bigint, seq_scan FROM pg_stat_xact_user_tables WHERE relid = ANY(%s)", (list(pre),)
    ).fetchall()}
    nodes = {}
    for relid, name in pre.items():
        row = conn.execute("SELECT relfilenode::bigint FROM pg_class WHERE oid = %s", (relid,)).fetchone()
        idx = dict(conn.execute(
            "SELECT ic.relname, ic.relfilenode::bigint FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
            "WHERE i.indrelid = %s", (relid,)).fetchall())
        nodes[name] = {"heap": row[0] if row else None, "indexes": idx}
    return {"locks": locks, "scans": scans, "nodes": nodes}


def work_between(before: dict, after: dict, measured_scans: bool) -> list[str]:
    """Table-size work on pre-existing tables between two measurements."""
    work = []
    for name, b in before["nodes"].items():
        a = after["nodes"].get(name, {"heap": None, "indexes": {}})
        if b["heap"] is not None and a["heap"] is not None and a["heap"] != b["heap"]:
            work.append(f"rewrite of {name}")
        # an index whose relfilenode existed before was renamed or attached (USING INDEX), not built
        known = set(b["indexes"].values())
        for idx, node in a["indexes"].items():
            if node in known:
                continue
            work.append(f"index {'build' if idx not in b['indexes'] else 'rebuild'} {idx} on {name}")
        if measured_scans and after["scans"].get(name, 0) > before["scans"].get(name, 0):
            work.append(f"scan of {name}")
    return work


# ---------------------------------------------------------------------------------------------
# One snippet


class Server:
    def __init__(self, url: str):
        self.url = url
        self.lock = threading.Lock()

    def admin(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def create(self, name: str, template: str | None = None) -> str:
        with self.admin() as c:
            c.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {quote(name)}" + (f" TEMPLATE {quote(template)}" if template else ""))
        return with_db(self.url, name)

    def drop(self, name: str) -> None:
        with self.admin() as c:
            c.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")


def run_snippet(server: Server, snip: dict, n: int, lockprobe: str, python: str) -> dict:
    import psycopg

    started = time.monotonic()
    base = f"sqd_{n}_base"
    base_url = server.create(base)
    result: dict = {"id": snip["id"], "atomic": snip.get("atomic", True)}
    dbs = [base]
    try:
        rows_for = snip.get("rows", {})
        with psycopg.connect(base_url, autocommit=True) as c:
            with server.lock:  # CREATE ROLE and friends are cluster-wide
                c.execute(snip["setup_sql"])
            c.execute("SET session_replication_role = replica")
            pre_tables = tables(c)
            for t in pre_tables:
                if not t["partition"]:
                    fill(c, t, rows_for.get(t["name"], DEFAULT_ROWS))
            c.execute("SET session_replication_role = DEFAULT")
            for t in pre_tables:
                c.execute(f"VACUUM ANALYZE {quote(t['name'])}")
            counts = {t["name"]: c.execute(f"SELECT count(*) FROM {quote(t['name'])}").fetchone()[0] for t in pre_tables}
        result["tables"] = counts
        pre = {t["oid"]: t["name"] for t in pre_tables}
        statements = django_statements(snip["sql"])
        result["statements"] = statements

        # --- 2. Django's run, measured statement by statement
        run_db = f"sqd_{n}_run"
        dbs.append(run_db)
        run_url = server.create(run_db, base)
        atomic = snip.get("atomic", True)
        steps: list[dict] = []
        units: list[dict] = []  # {"statements": [...], "mode": "tx"|"autocommit", "before_statements": k}
        notices: list[str] = []
        error = None
        never_committed = False
        conn = psycopg.connect(run_url, autocommit=not atomic)
        conn.add_notice_handler(lambda d: notices.append(f"{d.severity}: {d.message_primary}"))
        IDLE = psycopg.pq.TransactionStatus.IDLE
        current: dict | None = None  # the open unit

        def open_unit(mode: str, index: int) -> dict:
            u = {"statements": [], "mode": mode, "first": index}
            units.append(u)
            return u

        try:
            for i, stmt in enumerate(statements):
                step: dict = {"sql": stmt}
                steps.append(step)
                status = conn.info.transaction_status
                if TX_CONTROL.match(stmt):
                    step["kind"] = "transaction control"
                    conn.execute(stmt)
                    if not TX_BEGIN.match(stmt):
                        current = None  # COMMIT/ROLLBACK/END ends the unit
                    elif not atomic and current is None:
                        current = open_unit("tx", i + 1)
                    continue
                if not atomic and status == IDLE and NO_TX.search(stmt):
                    # autocommitted, and refused in a transaction block: lockprobe probes while it runs
                    step["kind"] = "autocommit (no transaction block)"
                    before = measure(conn, pre)
                    conn.execute(stmt)
                    after = measure(conn, pre)
                    step["work"] = work_between(before, after, measured_scans=False)
                    step["locks"] = {}
                    u = open_unit("autocommit", i)
                    u["statements"].append(stmt)
                    u["steps"] = [len(steps) - 1]
                    current = None
                    continue
                wrapped = not atomic and status == IDLE
                if wrapped:
                    conn.execute("BEGIN")  # one statement autocommitted = one statement in its own transaction
                    step["kind"] = "autocommit"
                    current = open_unit("tx", i)
                else:
                    step["kind"] = "in transaction"
                    if current is None:
                        current = open_unit("tx", i)
                before = measure(conn, pre)
                conn.execute(stmt)
                after = measure(conn, pre)
                step["work"] = work_between(before, after, measured_scans=True)
                step["locks"] = after["locks"]
                current["statements"].append(stmt)
                current.setdefault("steps", []).append(len(steps) - 1)
                if wrapped:
                    conn.execute("COMMIT")
                    current = None
            if atomic:
                if conn.info.transaction_status != IDLE:
                    conn.commit()
            elif conn.info.transaction_status != IDLE:
                never_committed = True
                conn.rollback()
        except psycopg.Error as e:
            error = f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"
            steps[-1]["error"] = error
            try:
                conn.rollback()
            except psycopg.Error:
                pass
        finally:
            conn.close()
        result["steps"] = steps
        result["notices"] = notices
        if error:
            result["error"] = error
        if never_committed:
            result["never_committed"] = True

        # --- 4. the previous release's queries
        broken: list[str] = []
        if not error:
            with psycopg.connect(run_url, autocommit=True) as c:
                c.execute("SET session_replication_role = replica")
                for k, t in enumerate(pre_tables):
                    if t["partition"]:
                        continue
                    for kind, q in old_code_queries(t, k).items():
                        try:
                            c.execute("BEGIN")
                            c.execute(q)
                        except psycopg.Error as e:
                            broken.append(f"{t['name']} {kind}: {type(e).__name__}: {str(e).strip().splitlines()[0]}")
                        finally:
                            c.execute("ROLLBACK")
        result["old_code_errors"] = broken

        # --- 3. lockprobe, unit by unit, on a copy of the database as it was before the unit
        probes = []
        if not error:
            for k, u in enumerate(units):
                if not u["statements"]:
                    continue
                db = f"sqd_{n}_probe{k}"
                dbs.append(db)
                url = server.create(db, base)
                # replay the units before this one (their committed effects)
                with psycopg.connect(url, autocommit=True) as c:
                    for prev in units[:k]:
                        if prev["mode"] == "autocommit":
                            c.execute(prev["statements"][0])
                        else:
                            with c.transaction():
                                for s in prev["statements"]:
                                    c.execute(s)
                    # lockprobe's probes run against what exists now
                    existing = [name for name in pre.values()
                                if c.execute("SELECT to_regclass(%s)", (quote(name),)).fetchone()[0] is not None]
                    for name in existing:
                        c.execute(f"VACUUM ANALYZE {quote(name)}")
                with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
                    f.write(";\n".join(x.rstrip().rstrip(";") for x in u["statements"]) + ";\n")
                    stmt_file = f.name
                try:
                    args = [python, lockprobe, "--url", url, "--statement-file", stmt_file, "--no-vacuum",
                            "--concurrent", "yes" if u["mode"] == "autocommit" else "no", "--label", f"{snip['id']}#{k}"]
                    for name in existing:
                        args += ["--table", name]
                    p = subprocess.run(args, capture_output=True, text=True, timeout=300)
                finally:
                    os.unlink(stmt_file)
                try:
                    out = json.loads(p.stdout.strip().splitlines()[-1])
                except (ValueError, IndexError):
                    out = {"error": f"lockprobe exit {p.returncode}: {p.stderr.strip()[-500:]}"}
                probes.append({
                    "unit": k, "mode": u["mode"], "statements": u["statements"],
                    "locks": {t: m for t, m in out.get("locks", {}).items() if t in pre.values()},
                    "blocked": out.get("blocked", {}),
                    "rewritten": out.get("rewritten", {}),
                    **({"error": out["error"]} if "error" in out else {}),
                    **({"probes_during_statement": out["probes_during_statement"]} if "probes_during_statement" in out else {}),
                })
                server.drop(db)
                dbs.remove(db)
        result["lockprobe"] = probes
        result.update(classify(result, units))
    except Exception as e:  # noqa: BLE001 - a broken snippet must not stop the others
        result["harness_error"] = f"{type(e).__name__}: {e}"
        result["real"] = "unknown"
    finally:
        for db in dbs:
            try:
                server.drop(db)
            except Exception:  # noqa: BLE001
                pass
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def classify(r: dict, units: list[dict]) -> dict:
    reasons: list[str] = []
    if r.get("error"):
        return {"real": "unsafe", "reasons": [f"fails: {r['error']}"]}
    if r.get("never_committed"):
        return {"real": "unsafe", "reasons": ["a transaction opened in the SQL is never committed: "
                                               "Django closes the connection and it is rolled back"]}
    blocked_any: list[str] = []
    # lockprobe: probes blocked while the unit held its locks
    for p in r["lockprobe"]:
        for t, kinds in p["blocked"].items():
            hit = [k for k, v in kinds.items() if v]
            if hit:
                blocked_any.append(f"{t} ({'/'.join(hit)} blocked)")
        for t, mode in p["locks"].items():
            if RANK.get(mode, -1) >= BLOCKS_WRITES:
                blocked_any.append(f"{t} ({mode})")
    unsafe: list[str] = []
    steps = r["steps"]
    for u_index, u in enumerate(units):
        held: dict[str, str] = {}
        probe = next((p for p in r["lockprobe"] if p["unit"] == u_index), None)
        for s_index in u.get("steps", []):
            s = steps[s_index]
            if u["mode"] == "autocommit":
                # locks seen by lockprobe while the statement ran
                for t, mode in (probe or {}).get("locks", {}).items():
                    held[t] = mode
                probe_blocked = any(any(v for v in kinds.values()) for kinds in (probe or {}).get("blocked", {}).values())
            else:
                for t, mode in s.get("locks", {}).items():
                    if RANK.get(mode, -1) > RANK.get(held.get(t, ""), -1):
                        held[t] = mode
                probe_blocked = False
            blocking = sorted(f"{t} {m}" for t, m in held.items() if RANK.get(m, -1) >= BLOCKS_WRITES)
            if probe_blocked and not blocking:
                blocking = ["(a probe was blocked)"]
            work = s.get("work", [])
            rewrites = [w for w in work if w.startswith("rewrite of")]
            if rewrites:
                unsafe.append(f"`{s['sql'][:80]}`: {', '.join(rewrites)}")
            elif work and blocking:
                unsafe.append(f"`{s['sql'][:80]}`: {', '.join(work)} while holding {', '.join(blocking)}")
    if r.get("old_code_errors"):
        unsafe.append("previous release breaks: " + "; ".join(r["old_code_errors"][:3]))
    if unsafe:
        return {"real": "unsafe", "reasons": unsafe}
    held_strong = sorted({f"{t} {m}" for s in steps for t, m in s.get("locks", {}).items() if RANK.get(m, -1) >= BLOCKS_WRITES})
    if blocked_any or held_strong:
        return {"real": "brief", "reasons": sorted(set(blocked_any)) or held_strong}
    return {"real": "safe", "reasons": []}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postgres-url")
    ap.add_argument("--snippets", default=os.path.join(HERE, "snippets.json"))
    ap.add_argument("--out", default=os.path.join(HERE, "real-effect.json"))
    ap.add_argument("--lockprobe", default=os.environ.get("ZDT_LOCKPROBE", DEFAULT_LOCKPROBE))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--check-fresh", action="store_true", help="exit 0 when --out matches --snippets and this script")
    ap.add_argument("--all", action="store_true", help="measure every snippet (default: those whose result is stale)")
    args = ap.parse_args(argv)

    script_sha = sha256_file(os.path.abspath(__file__))
    want = {"snippets_sha256": snippets_sha256(args.snippets), "real_effect_sha256": script_sha}
    with open(args.snippets) as f:
        snippets = json.load(f)
    try:
        with open(args.out) as f:
            have = json.load(f)
    except (OSError, ValueError):
        have = {}
    old_results = have.get("results", {})

    stale = set(stale_ids(snippets, have, script_sha))

    def fresh(s: dict) -> bool:
        return s["id"] not in stale

    if args.check_fresh:
        return 0 if all(have.get(k) == v for k, v in want.items()) and all(fresh(s) for s in snippets) else 1
    if not args.postgres_url:
        ap.error("--postgres-url is required")
    if not os.path.exists(args.lockprobe):
        print(f"real_effect.py: lockprobe not found at {args.lockprobe} (set ZDT_LOCKPROBE)", file=sys.stderr)
        return 2
    server = Server(args.postgres_url)
    with server.admin() as c:
        version = c.execute("SHOW server_version").fetchone()[0]
    if args.only:
        todo = [(n, s) for n, s in enumerate(snippets) if s["id"] in args.only]
    elif args.all or have.get("postgres") != version:
        todo = list(enumerate(snippets))
    else:  # only what changed since the last measurement
        todo = [(n, s) for n, s in enumerate(snippets) if not fresh(s)]
    started = time.monotonic()
    results: dict = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_snippet, server, s, n, args.lockprobe, sys.executable): s["id"] for n, s in todo}
        for done, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            r = fut.result()
            results[r["id"]] = r
            extra = r.get("harness_error") or "; ".join(r.get("reasons", []))[:150]
            print(f"[{done}/{len(todo)}] {r['id']}: {r.get('real')} ({r['seconds']}s) {extra}", file=sys.stderr)
    for n, s in todo:
        if results[s["id"]].get("real") != "unknown":
            results[s["id"]]["input_sha256"] = snippet_sha256(s, script_sha)
    merged = {**old_results, **results}
    ordered = {s["id"]: merged[s["id"]] for s in snippets if s["id"] in merged}
    doc = {**want, "postgres": version, "rows": DEFAULT_ROWS, "results": ordered}
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write("\n")
    unknown = [k for k, v in ordered.items() if v.get("real") == "unknown"]
    print(f"real_effect.py: {len(todo)} snippets in {time.monotonic() - started:.1f}s on PostgreSQL {version}"
          + (f"; {len(unknown)} could not be measured: {', '.join(unknown)}" if unknown else ""), file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
