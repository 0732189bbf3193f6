#!/usr/bin/env python3
"""Driver behind run-all.sh: every scenario x state x backend, in parallel.

Run it with the Django virtualenv's python (scripts/django-env); run-all.sh does.

For each cell it generates the project into OUT/BACKEND/SCENARIO/STATE/project, sets the
database state (states.py), asks Django (expected.py) and writes
OUT/BACKEND/SCENARIO/STATE/expected.json:
  {"scenario", "state", "backend", "project", "database_url",
   "pending": [[app, name], ...] | "error": {...}, "has_table", "applied_rows", ...}
SQLite cells use PROJECT/db.sqlite3 (the projects' default database); PostgreSQL cells use
a database named zdt_<scenario>_<state> on the server of --postgres-url.

Also written: OUT/manifest.json (every cell), OUT/errors.json (the error cells), and
OUT/snapshot.json (per scenario and state: the pending list or the error, which must be
the same on every backend). The snapshot is compared with snapshot.json beside this
script (--record rewrites it, and errors.json beside it).
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Tests/Fixtures/plan_cells.py: what both ground-truth harnesses share.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import plan_cells  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import expected as expected_mod  # noqa: E402
import generate  # noqa: E402
import states  # noqa: E402


def cell_url(backend, project, scenario, state, postgres_url):
    if backend == "sqlite":
        return "sqlite:///" + str(project / "db.sqlite3")  # sqlite:////abs/path
    parts = urlsplit(postgres_url)
    return urlunsplit(parts._replace(path="/zdt_%s_%s" % (scenario, state)))


def run_cell(out, backend, scenario, state, py, postgres_url):
    started = time.monotonic()
    cell_dir = out / backend / scenario / state
    project = cell_dir / "project"
    shutil.rmtree(cell_dir, ignore_errors=True)  # a re-used --out
    generate.generate(project, scenario)
    url = cell_url(backend, project, scenario, state, postgres_url)
    states.set_state(project, url, scenario, state, py)
    result = expected_mod.expected(project, url, py)
    doc = {"scenario": scenario, "state": state, "backend": backend,
           "project": str(project), "database_url": url}
    doc.update(result)
    (cell_dir / "expected.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    doc["seconds"] = round(time.monotonic() - started, 2)
    return doc


def outcome(doc):
    if "error" in doc:
        return {"error": {k: doc["error"][k] for k in ("class", "module", "message", "stage")
                          if k in doc["error"]}}
    return {"pending": doc["pending"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--postgres-url")
    ap.add_argument("--scenario", action="append", help="only these scenarios (repeatable)")
    ap.add_argument("--jobs", type=int, default=2 * (os.cpu_count() or 1))
    ap.add_argument("--record", action="store_true",
                    help="rewrite snapshot.json and errors.json beside this script")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite"] + (["postgres"] if args.postgres_url else [])
    cells = [(b, sc, st) for sc, sts in states.STATES.items()
             if not args.scenario or sc in args.scenario
             for st in sts for b in backends]
    docs, failures = [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_cell, out, b, sc, st, args.python, args.postgres_url): (b, sc, st)
                   for b, sc, st in cells}
        for fut in concurrent.futures.as_completed(futures):
            b, sc, st = futures[fut]
            try:
                docs.append(fut.result())
            except BaseException as exc:  # SystemExit from the helpers carries the reason
                failures.append((b, sc, st, str(exc)))
    order = {c: i for i, c in enumerate(cells)}
    docs.sort(key=lambda d: order[(d["backend"], d["scenario"], d["state"])])

    # Every backend must give the same answer.
    snapshot = {}
    for d in docs:
        snap = snapshot.setdefault(d["scenario"], {})
        o = outcome(d)
        if d["state"] in snap and snap[d["state"]] != o:
            failures.append((d["backend"], d["scenario"], d["state"],
                             "differs between backends: %s vs %s" % (o, snap[d["state"]])))
        snap.setdefault(d["state"], o)

    manifest = [{k: d[k] for k in ("backend", "scenario", "state", "project", "database_url")}
                | {"expected": str(out / d["backend"] / d["scenario"] / d["state"] / "expected.json")}
                for d in docs]
    errors = {}
    for d in docs:
        if "error" in d and d["backend"] == "sqlite":
            e = dict(d["error"])
            errors.setdefault(d["scenario"], {})[d["state"]] = e
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (out / "errors.json").write_text(json.dumps(errors, indent=1) + "\n")
    (out / "snapshot.json").write_text(json.dumps(snapshot, indent=1) + "\n")

    stored = HERE / "snapshot.json"
    if args.record:
        if failures:
            print("run-all: not recording: there were failures", file=sys.stderr)
        else:
            stored.write_text(json.dumps(snapshot, indent=1) + "\n")
            (HERE / "errors.json").write_text(json.dumps(errors, indent=1) + "\n")
    elif stored.exists() and not args.scenario:
        old = json.loads(stored.read_text())
        if old != snapshot:
            failures.append(("*", "*", "*", "Django's answers differ from %s (pinned Django changed? "
                             "compare with %s, then --record)" % (stored, out / "snapshot.json")))

    plan_cells.print_summary(cells, docs, backends, failures, "scenario")
    print("%d cells, %d failed, %.1fs; results in %s"
          % (len(cells), len(failures), time.monotonic() - t0, out))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
