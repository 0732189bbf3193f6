#!/usr/bin/env python3
"""Driver behind run-all.sh: every project x state x backend, in parallel.

Run it with the real-apps virtualenv's python (env.sh); run-all.sh does.

For each cell it generates the project into OUT/BACKEND/PROJECT/STATE/project, sets the
database state (states.py), asks Django (expected.py) and writes
OUT/BACKEND/PROJECT/STATE/expected.json:
  {"scenario", "state", "backend", "project", "database_url", "settings", "python",
   "environment", "pending": [[app, name], ...] | "error": {...}, "has_table",
   "applied_rows", "django", "debug", "django_facts"}
("scenario" is the project's name, as in Tests/Fixtures/django-plan.) SQLite cells use
PROJECT/db.sqlite3; PostgreSQL cells a database zdt_real_<project>_<state> on the server
of --postgres-url.

Also written: OUT/manifest.json (every cell) and OUT/snapshot.json (per project and state:
the pending list, which must be the same on every backend), compared with snapshot.json
beside this script (--record rewrites it).
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
sys.dont_write_bytecode = True  # no __pycache__ in the fixture directory

import expected as expected_mod  # noqa: E402
import generate  # noqa: E402
import states  # noqa: E402

# Rough cost of reaching a state, so that the slow cells start first.
SLOW_FIRST = {"full": 0, "wagtail_mid": 1, "apps_mid": 2, "production_mid": 3}


def cell_url(backend, project_dir, name, state, postgres_url):
    if backend == "sqlite":
        return "sqlite:///" + str(project_dir / "db.sqlite3")  # sqlite:////abs/path
    parts = urlsplit(postgres_url)
    db = "zdt_real_%s_%s" % (name.replace("-", "_"), state)
    return urlunsplit(parts._replace(path="/" + db))


def run_cell(out, backend, name, state, py, postgres_url):
    started = time.monotonic()
    cell_dir = out / backend / name / state
    project = cell_dir / "project"
    shutil.rmtree(cell_dir, ignore_errors=True)  # a re-used --out
    generate.generate(project, name, backend, py)
    url = cell_url(backend, project, name, state, postgres_url)
    environment = states.set_state(project, name, state, url, backend, py)
    settings = states.STATES[name][state]["settings"]
    result = expected_mod.expected(project, py, environment, settings)
    doc = {"scenario": name, "state": state, "backend": backend, "project": str(project),
           "database_url": url, "settings": settings, "python": py, "environment": environment}
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
    ap.add_argument("--project", action="append", help="only these projects (repeatable)")
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 1))
    ap.add_argument("--record", action="store_true", help="rewrite snapshot.json beside this script")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite"] + (["postgres"] if args.postgres_url else [])
    cells = [(b, name, st) for name, sts in states.STATES.items()
             if not args.project or name in args.project
             for st in sts for b in backends]
    queue = sorted(cells, key=lambda c: (SLOW_FIRST.get(c[2], 9), c))
    docs, failures = [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_cell, out, b, name, st, args.python, args.postgres_url): (b, name, st)
                   for b, name, st in queue}
        for fut in concurrent.futures.as_completed(futures):
            b, name, st = futures[fut]
            try:
                docs.append(fut.result())
            except BaseException as exc:  # SystemExit from the helpers carries the reason
                failures.append((b, name, st, str(exc)))
    order = {c: i for i, c in enumerate(cells)}
    docs.sort(key=lambda d: order[(d["backend"], d["scenario"], d["state"])])

    snapshot = {}
    for d in docs:
        snap = snapshot.setdefault(d["scenario"], {})
        o = outcome(d)
        if d["state"] in snap and snap[d["state"]] != o:
            failures.append((d["backend"], d["scenario"], d["state"],
                             "differs between backends: %s vs %s" % (o, snap[d["state"]])))
        snap.setdefault(d["state"], o)

    manifest = [{k: d[k] for k in ("backend", "scenario", "state", "project", "database_url",
                                   "settings", "python", "environment")}
                | {"expected": str(out / d["backend"] / d["scenario"] / d["state"] / "expected.json")}
                for d in docs]
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (out / "snapshot.json").write_text(json.dumps(snapshot, indent=1) + "\n")

    stored = HERE / "snapshot.json"
    if args.record:
        if failures:
            print("run-all: not recording: there were failures", file=sys.stderr)
        else:
            stored.write_text(json.dumps(snapshot, indent=1) + "\n")
    elif stored.exists() and not args.project:
        if json.loads(stored.read_text()) != snapshot:
            failures.append(("*", "*", "*", "Django's answers differ from %s (pins changed? "
                             "compare with %s, then --record)" % (stored, out / "snapshot.json")))

    plan_cells.print_summary(cells, docs, backends, failures, "project", width=24)
    print("%d cells, %d failed, %.1fs; results in %s"
          % (len(cells), len(failures), time.monotonic() - t0, out))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
