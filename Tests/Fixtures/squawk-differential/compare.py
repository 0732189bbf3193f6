#!/usr/bin/env python3
"""squawk and `zerodowntime check-migrations` on the snippets of snippets.json, each judged
against the real effect measured by real_effect.py (real-effect.json).

For each snippet a Django-shaped project is generated (manage.py, settings with
INSTALLED_APPS = ["shop"]): shop/migrations/0001_initial.py creates the snippet's tables with
migrations.RunSQL(setup_sql) and is applied; 0002_snippet.py holds
migrations.RunSQL(<sql>, migrations.RunSQL.noop) with atomic = <atomic> and is pending.
zerodowntime runs as
    zerodowntime check-migrations --project P --applied-from applied.json --target postgresql@16 --format json --no-cache
and flags a snippet when it reports a finding of severity error (warnings such as
lock-timeout-not-set are listed apart). squawk runs on the raw SQL, with
--assume-in-transaction for atomic snippets (Django wraps them in a transaction) and
--pg-version 16, and flags a snippet when it reports a violation of one of the
zero-downtime rules below (it is also run the other way round, for the record).

A tool is right on a snippet when it flags it and the real effect is unsafe, or it does not
flag it and the real effect is brief or safe.

Exit codes: 0 zerodowntime is right on at least as many snippets as squawk and on every
transaction case; 1 otherwise; 2 the comparison could not be made (stale real-effect.json,
a tool failed).

Usage: compare.py [--zerodowntime BIN] [--squawk BIN] [--work DIR] [--json OUT] [--jobs N]
"""
from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
from real_effect import sha256_file, stale_ids  # noqa: E402

# squawk's rules about locking, rewrites, breaking the running release and transactions.
ZERO_DOWNTIME_RULES = {
    "adding-field-with-default", "adding-foreign-key-constraint", "adding-not-nullable-field",
    "adding-serial-primary-key-field", "adding-required-field", "ban-alter-domain-with-add-constraint",
    "ban-concurrent-index-creation-in-transaction", "ban-create-domain-with-constraint", "ban-drop-column",
    "ban-drop-database", "ban-drop-not-null", "ban-drop-table", "ban-truncate-cascade",
    "ban-uncommitted-transaction", "changing-column-type", "constraint-missing-not-valid",
    "disallowed-unique-constraint", "prefer-repack", "renaming-column", "renaming-table",
    "require-concurrent-index-creation", "require-concurrent-index-deletion",
    "require-concurrent-partition-detach", "require-concurrent-reindex", "transaction-nesting",
}
# Rules left out, and why (also in README.md).
SKIPPED_RULES = {
    "prefer-bigint-over-int": "type choice (overflow years later), no deploy effect",
    "prefer-bigint-over-smallint": "type choice, no deploy effect",
    "prefer-identity": "type choice, no deploy effect",
    "prefer-text-field": "type choice; varchar length changes are covered by changing-column-type cases",
    "prefer-timestamp-tz": "type choice, no deploy effect",
    "ban-char-field": "type choice, no deploy effect",
    "prefer-robust-stmts": "re-runnability (IF NOT EXISTS), not locking",
    "require-timeout-settings": "lock_timeout / statement_timeout: a warning in both tools, not a verdict on the statement",
    "require-lock-timeout": "as require-timeout-settings",
    "require-statement-timeout": "as require-timeout-settings",
    "identifier-too-long": "naming",
    "require-table-schema": "naming style",
    "require-enum-value-ordering": "enum value order is style; ADD VALUE itself is catalog-only on PostgreSQL 12+",
    "ban-duplicate-column-assignments": "correctness of an UPDATE, not deploy safety",
    "ban-drop-database": "drops a whole database, outside what one app's migration does; no snippet",
}

MANAGE_PY = '''#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
'''
SETTINGS_PY = '''SECRET_KEY = "squawk-differential"
INSTALLED_APPS = ["shop"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
'''
INITIAL = '''from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.RunSQL({setup}, migrations.RunSQL.noop),
    ]
'''
SNIPPET = '''from django.db import migrations


class Migration(migrations.Migration):
    atomic = {atomic}
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.RunSQL({sql}, migrations.RunSQL.noop),
    ]
'''
APPLIED = {"applied": [["shop", "0001_initial"]], "vendor": "postgresql", "version": "16.4"}


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def generate(work: str, snip: dict) -> str:
    p = os.path.join(work, "projects", snip["id"])
    write(os.path.join(p, "manage.py"), MANAGE_PY)
    write(os.path.join(p, "settings.py"), SETTINGS_PY)
    write(os.path.join(p, "shop", "__init__.py"), "")
    write(os.path.join(p, "shop", "migrations", "__init__.py"), "")
    write(os.path.join(p, "shop", "migrations", "0001_initial.py"), INITIAL.format(setup=repr(snip["setup_sql"])))
    write(os.path.join(p, "shop", "migrations", "0002_snippet.py"),
          SNIPPET.format(atomic=bool(snip.get("atomic", True)), sql=repr(snip["sql"])))
    write(os.path.join(p, "applied.json"), json.dumps(APPLIED))
    return p


def run_zerodowntime(binary: str, project: str) -> dict:
    args = [binary, "check-migrations", "--project", project, "--applied-from", os.path.join(project, "applied.json"),
            "--target", "postgresql@16", "--format", "json", "--no-cache"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PG", "ZERODOWNTIME_"))}
    p = subprocess.run(args, capture_output=True, text=True, cwd=project, env=env, timeout=120)
    if p.returncode not in (0, 1):
        return {"failed": f"exit {p.returncode}: {p.stderr.strip()[-800:]}"}
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        return {"failed": f"not JSON: {p.stdout[:300]}"}
    findings = doc.get("findings", [])
    errors = [f for f in findings if f.get("severity") == "error"]
    warnings = [f for f in findings if f.get("severity") != "error"]
    return {
        "flagged": bool(errors),
        "errors": [{"rule": f["rule"], "message": f["message"]} for f in errors],
        "warnings": sorted({f["rule"] for f in warnings}),
        "warning_messages": [{"rule": f["rule"], "message": f["message"]} for f in warnings
                             if f["rule"] != "lock-timeout-not-set"],
        "exit": p.returncode,
    }


def run_squawk(binary: str, files: dict[str, str], assume_tx: bool) -> dict[str, list]:
    """squawk on many files at once: id -> [violations]."""
    if not files:
        return {}
    args = [binary, "--reporter", "json", "--pg-version", "16", "--no-error-on-unmatched-pattern"]
    if assume_tx:
        args.append("--assume-in-transaction")
    p = subprocess.run(args + list(files.values()), capture_output=True, text=True, timeout=300)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"squawk exited {p.returncode}: {p.stderr[-800:]}")
    by_path = {path: sid for sid, path in files.items()}
    out: dict[str, list] = {sid: [] for sid in files}
    for v in json.loads(p.stdout or "[]"):
        sid = by_path.get(v.get("file"))
        if sid is None:
            sid = by_path.get(os.path.abspath(v.get("file", "")))
        if sid is None:
            raise RuntimeError(f"squawk reported an unknown file {v.get('file')}")
        out[sid].append({"rule": v["rule_name"], "message": v["message"], "line": v.get("line")})
    return out


def squawk_view(violations: list) -> dict:
    zd = [v for v in violations if v["rule"] in ZERO_DOWNTIME_RULES]
    return {"flagged": bool(zd), "rules": sorted({v["rule"] for v in zd}),
            "other_rules": sorted({v["rule"] for v in violations if v["rule"] not in ZERO_DOWNTIME_RULES})}


def real_category(effect: dict) -> str:
    reasons = effect.get("reasons", [])
    text = " ".join(reasons)
    if effect["real"] != "unsafe":
        return effect["real"]
    if text.startswith("fails:"):
        if "cannot run inside a transaction block" in text or "cannot be executed" in text:
            return "fails: statement refused inside a transaction block"
        return "fails: " + re.sub(r"^fails: (\w+):.*", r"\1", reasons[0])
    if "never committed" in text:
        return "transaction never committed"
    if "rewrite of" in text:
        return "rewrite of a pre-existing table"
    if "index build" in text or "index rebuild" in text:
        return "index build while writes are blocked"
    if "scan of" in text:
        return "validation scan while writes are blocked"
    if "previous release breaks" in text:
        return "breaks the previous release"
    return "unsafe"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--snippets", default=os.path.join(HERE, "snippets.json"))
    ap.add_argument("--real-effect", default=os.path.join(HERE, "real-effect.json"))
    ap.add_argument("--zerodowntime", default=os.environ.get("ZDT_BINARY", os.path.join(REPO, ".build", "debug", "zerodowntime")))
    ap.add_argument("--squawk", default=os.environ.get("ZDT_SQUAWK") or shutil.which("squawk")
                    or os.path.join(os.path.dirname(sys.executable), "squawk"))
    ap.add_argument("--work", help="where the generated projects go (default: a temporary directory, removed)")
    ap.add_argument("--json", help="write the full comparison here")
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    ap.add_argument("--allow-stale", action="store_true", help="compare even when real-effect.json is stale")
    args = ap.parse_args(argv)

    with open(args.snippets) as f:
        snippets = json.load(f)
    with open(args.real_effect) as f:
        real = json.load(f)
    stale = stale_ids(snippets, real, sha256_file(os.path.join(HERE, "real_effect.py")))
    if stale and not args.allow_stale:
        print(f"compare.py: real-effect.json is stale for {len(stale)} snippets ({', '.join(stale[:5])}...):"
              " run real_effect.py (run.sh does)", file=sys.stderr)
        return 2
    missing = [s["id"] for s in snippets if real["results"].get(s["id"], {}).get("real") not in ("unsafe", "brief", "safe")]
    if missing:
        print(f"compare.py: no real effect for {', '.join(missing)}", file=sys.stderr)
        return 2
    for tool in (args.zerodowntime, args.squawk):
        if not (tool and os.access(tool, os.X_OK)):
            print(f"compare.py: {tool} is not an executable", file=sys.stderr)
            return 2

    work = args.work or tempfile.mkdtemp(prefix="zdt-squawk-diff.")
    timings = {}
    try:
        t0 = time.monotonic()
        projects = {s["id"]: generate(work, s) for s in snippets}
        files = {}
        for s in snippets:
            path = os.path.join(work, "sql", s["id"] + ".sql")
            write(path, s["sql"])
            files[s["id"]] = path
        timings["generate"] = time.monotonic() - t0

        t0 = time.monotonic()
        atomic_files = {k: v for k, v in files.items() if next(s for s in snippets if s["id"] == k).get("atomic", True)}
        plain_files = {k: v for k, v in files.items() if k not in atomic_files}
        squawk_main = {**run_squawk(args.squawk, atomic_files, True), **run_squawk(args.squawk, plain_files, False)}
        squawk_other = {**run_squawk(args.squawk, atomic_files, False), **run_squawk(args.squawk, plain_files, True)}
        timings["squawk"] = time.monotonic() - t0

        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            zdt = dict(zip(projects, pool.map(lambda p: run_zerodowntime(args.zerodowntime, p), projects.values())))
        timings["zerodowntime"] = time.monotonic() - t0
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    failed = {k: v["failed"] for k, v in zdt.items() if "failed" in v}
    if failed:
        for k, v in failed.items():
            print(f"compare.py: zerodowntime failed on {k}: {v}", file=sys.stderr)
        return 2

    rows = []
    for s in snippets:
        eff = real["results"][s["id"]]
        unsafe = eff["real"] == "unsafe"
        sq = squawk_view(squawk_main[s["id"]])
        sq_other = squawk_view(squawk_other[s["id"]])
        z = zdt[s["id"]]
        rows.append({
            "id": s["id"], "squawk_rule": s["squawk_rule"], "atomic": s.get("atomic", True),
            "transaction_case": s.get("transaction_case", False), "sql": s["sql"],
            "real": eff["real"], "real_reasons": eff.get("reasons", []), "real_category": real_category(eff),
            "squawk": sq, "squawk_right": sq["flagged"] == unsafe,
            "squawk_other_assumption": sq_other,
            "zerodowntime": z, "zerodowntime_right": z["flagged"] == unsafe,
        })

    n = len(rows)
    sq_right = sum(r["squawk_right"] for r in rows)
    z_right = sum(r["zerodowntime_right"] for r in rows)
    real_counts = collections.Counter(r["real"] for r in rows)
    both = collections.Counter((r["squawk_right"], r["zerodowntime_right"]) for r in rows)
    tx_rows = [r for r in rows if r["transaction_case"]]
    tx_wrong = [r for r in tx_rows if not r["zerodowntime_right"]]

    out = sys.stdout
    print(f"Snippets: {n} ({real_counts['unsafe']} unsafe, {real_counts['brief']} brief, {real_counts['safe']} safe by real effect"
          f" on PostgreSQL {real.get('postgres', '?')}); {len(tx_rows)} transaction cases", file=out)
    print("", file=out)
    print(f"{'':24}{'right':>8}{'wrong':>8}{'false alarm':>13}{'missed':>8}", file=out)
    for name, key, flag in (("squawk", "squawk_right", lambda r: r["squawk"]["flagged"]),
                            ("zerodowntime", "zerodowntime_right", lambda r: r["zerodowntime"]["flagged"])):
        right = sum(r[key] for r in rows)
        fa = sum(1 for r in rows if flag(r) and r["real"] != "unsafe")
        missed = sum(1 for r in rows if not flag(r) and r["real"] == "unsafe")
        print(f"{name:24}{right:>8}{n - right:>8}{fa:>13}{missed:>8}", file=out)
    txr = sum(r["zerodowntime_right"] for r in tx_rows)
    txs = sum(r["squawk_right"] for r in tx_rows)
    print(f"{'  transaction cases':24}  squawk {txs}/{len(tx_rows)}, zerodowntime {txr}/{len(tx_rows)}", file=out)
    # transaction-nesting fires on any BEGIN/COMMIT under --assume-in-transaction; without it:
    sq_no_nesting = sum(1 for r in rows if (bool(set(r["squawk"]["rules"]) - {"transaction-nesting"}) == (r["real"] == "unsafe")))
    print(f"{'  squawk, not counting transaction-nesting':44} {sq_no_nesting}/{n}", file=out)
    print("", file=out)
    print("Agreement with the real effect (rows: squawk, columns: zerodowntime):", file=out)
    print(f"{'':18}{'zdt right':>11}{'zdt wrong':>11}", file=out)
    print(f"{'squawk right':18}{both[(True, True)]:>11}{both[(True, False)]:>11}", file=out)
    print(f"{'squawk wrong':18}{both[(False, True)]:>11}{both[(False, False)]:>11}", file=out)
    print(f"Both tools flag alike on {sum(1 for r in rows if r['squawk']['flagged'] == r['zerodowntime']['flagged'])}/{n} snippets.", file=out)

    def show(r, tool):
        z = r["zerodowntime"]
        print(f"  - {r['id']} (atomic={r['atomic']}{', transaction case' if r['transaction_case'] else ''})", file=out)
        print(textwrap.indent(r["sql"].rstrip(), "      | "), file=out)
        print(f"      real: {r['real']}: {'; '.join(r['real_reasons'])[:400]}", file=out)
        if tool == "zerodowntime":
            if z["errors"]:
                for e in z["errors"]:
                    print(f"      zerodowntime error {e['rule']}: {e['message'][:400]}", file=out)
            else:
                print(f"      zerodowntime: no error (warnings: {', '.join(z['warnings']) or 'none'})", file=out)
                for w in z["warning_messages"]:
                    print(f"        warning {w['rule']}: {w['message'][:300]}", file=out)
        else:
            print(f"      squawk: {', '.join(r['squawk']['rules']) or 'nothing'}"
                  f" (other assumption: {', '.join(r['squawk_other_assumption']['rules']) or 'nothing'})", file=out)

    def grouped(tool, key):
        groups = collections.defaultdict(list)
        for r in rows:
            if r[key]:
                continue
            flagged = r[tool]["flagged"]
            cause = (f"missed ({r['real_category']})" if not flagged
                     else f"false alarm on a {r['real']} snippet"
                     + (f" ({', '.join(sorted({e['rule'] for e in r['zerodowntime']['errors']}))})" if tool == "zerodowntime"
                        else f" ({', '.join(r['squawk']['rules'])})"))
            groups[cause].append(r)
        return groups

    print("", file=out)
    zg = grouped("zerodowntime", "zerodowntime_right")
    print(f"zerodowntime wrong on {n - z_right} snippets:", file=out)
    for cause, rs in sorted(zg.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"\n* {cause}: {len(rs)}", file=out)
        for r in rs:
            show(r, "zerodowntime")
    print("", file=out)
    sg = grouped("squawk", "squawk_right")
    print(f"squawk wrong on {n - sq_right} snippets:", file=out)
    for cause, rs in sorted(sg.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  * {cause}: {len(rs)}: {', '.join(r['id'] for r in rs)}", file=out)
    print("", file=out)
    print("Timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()), file=out)
    # Transaction cases zerodowntime gets wrong must each be in known-wrong.json with the reason
    # (what a static reader cannot know); any other one fails the comparison.
    known_path = os.path.join(HERE, "known-wrong.json")
    known = {entry["id"]: entry["reason"] for entry in json.load(open(known_path))} if os.path.exists(known_path) else {}
    unexplained = [r for r in tx_wrong if r["id"] not in known]
    for r in tx_wrong:
        if r["id"] in known:
            print(f"  known: {r['id']}: {known[r['id']]}", file=out)
    stale = sorted(set(known) - {r["id"] for r in rows if not r["zerodowntime_right"]})
    if stale:
        print(f"  known-wrong.json lists snippets zerodowntime now gets right (remove them): {', '.join(stale)}", file=out)
    verdict_ok = z_right >= sq_right and not unexplained and not stale
    print(f"\nRESULT: squawk {sq_right}/{n}, zerodowntime {z_right}/{n}, transaction cases zerodowntime got wrong: {len(tx_wrong)}"
          f" ({len(unexplained)} not in known-wrong.json)"
          f" -> {'PASS' if verdict_ok else 'FAIL'}", file=out)

    if args.json:
        doc = {"snippets": n, "postgres": real.get("postgres"), "squawk_right": sq_right, "zerodowntime_right": z_right,
               "squawk_right_without_transaction_nesting": sq_no_nesting,
               "transaction_cases": len(tx_rows), "transaction_cases_zerodowntime_wrong": [r["id"] for r in tx_wrong],
               "agreement": {f"squawk_{'right' if a else 'wrong'}_zerodowntime_{'right' if b else 'wrong'}": c for (a, b), c in both.items()},
               "skipped_rules": SKIPPED_RULES, "timings": timings, "rows": rows}
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
    return 0 if verdict_ok else 1


if __name__ == "__main__":
    sys.exit(main())
