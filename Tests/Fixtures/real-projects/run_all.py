#!/usr/bin/env python3
"""Driver behind run-all.sh: every project x state x backend, in parallel. Stdlib only (any
python3); each project's Django runs in its own virtualenv (env.sh PROJECT).

For each cell it generates the project into OUT/BACKEND/PROJECT/STATE/project, sets the
database state (projects.py), asks Django (real-apps/expected.py: `migrate --plan` and
MigrationExecutor.migration_plan, which must agree, plus django_facts) and writes
OUT/BACKEND/PROJECT/STATE/expected.json in the real-apps format:
  {"scenario", "state", "backend", "project", "database_url", "settings", "python",
   "environment", "pending": [[app, name], ...] | "error": {...}, "has_table",
   "applied_rows", "django", "debug", "django_facts"}
SQLite cells use PROJECT/db.sqlite3; PostgreSQL cells a database zdt_rp_<project>_<state>
on the server of --postgres-url (projects that need PostgreSQL have no SQLite cells).

Also written: OUT/manifest.json, OUT/snapshot.json (per project and state: the pending list,
the same on every backend, or its length and ends when long), compared with snapshot.json
beside this script (--record rewrites it), and OUT/timings.json.
"""

import argparse
import concurrent.futures
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import projects  # noqa: E402


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# real-apps/expected.py runs manage.py through real-apps/states.py's `manage`, which keeps
# the caller's environment but DJANGO_* and DATABASE_URL; ours also drops the variables of
# these projects (NAUTOBOT_*, *_CONFIG_FILE) so that only the cell's own are seen.
REAL_APPS_EXPECTED = _load(HERE.parent / "real-apps" / "expected.py", "real_apps_expected")
REAL_APPS_EXPECTED.manage = projects.manage


def cell_url(backend, project_dir, name, state, postgres_url):
    if backend == "sqlite":
        return "sqlite:///" + str(project_dir / "db.sqlite3")
    parts = urlsplit(postgres_url)
    return urlunsplit(parts._replace(path="/zdt_rp_%s_%s" % (name, state)))


def run_cell(out, backend, name, state, py, postgres_url):
    started = time.monotonic()
    cell_dir = out / backend / name / state
    project = cell_dir / "project"
    shutil.rmtree(cell_dir, ignore_errors=True)
    url = cell_url(backend, project, name, state, postgres_url)
    environment = projects.generate(project, name, backend, url, py)
    settings = projects.PROJECTS[name]["settings"]
    projects.set_state(project, name, state, url, py, environment)
    t_state = time.monotonic()
    result = REAL_APPS_EXPECTED.expected(project, py, environment, settings)
    doc = {"scenario": name, "state": state, "backend": backend, "project": str(project),
           "database_url": url, "settings": settings, "python": py, "environment": environment,
           "shell_arguments": projects.shell_arguments(project)}
    doc.update(result)
    (cell_dir / "expected.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    doc["seconds"] = round(time.monotonic() - started, 2)
    doc["state_seconds"] = round(t_state - started, 2)
    return doc


def outcome(doc):
    if "error" in doc:
        return {"error": {k: doc["error"][k] for k in ("class", "module", "message", "stage")
                          if k in doc["error"]}}
    pending = ["%s.%s" % tuple(p) for p in doc["pending"]]
    return {"count": len(pending),
            "sha256": hashlib.sha256("\n".join(pending).encode()).hexdigest()[:16],
            "first": pending[:3], "last": pending[-3:]}


def print_summary(cells, docs, backends, failures):
    """plan_cells.print_summary's table, with `-` where a project has no cell on a backend."""
    by = {(d["scenario"], d["state"], d["backend"]): d for d in docs}
    wanted = set(cells)
    print("%-10s %-11s" % ("project", "state") + "".join("  %-24s" % b for b in backends))
    for name in dict.fromkeys(n for _, n, _ in cells):
        for state in projects.STATES:
            row = "%-10s %-11s" % (name, state)
            for b in backends:
                d = by.get((name, state, b))
                if (b, name, state) not in wanted:
                    value = "-"
                elif d is None:
                    value = "FAILED"
                elif "error" in d:
                    value = "error %s (%.1fs)" % (d["error"]["class"], d["seconds"])
                else:
                    value = "%d pending (%.1fs)" % (len(d["pending"]), d["seconds"])
                row += "  %-24s" % value
            print(row)
    for backend, name, state, why in failures:
        print("FAILED %s %s %s: %s" % (backend, name, state, why), file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--python", help="ignored (each project has its own virtualenv)")
    ap.add_argument("--postgres-url")
    ap.add_argument("--project", action="append", help="only these projects (repeatable)")
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 1))
    ap.add_argument("--record", action="store_true", help="rewrite snapshot.json beside this script")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    names = [n for n in projects.PROJECTS if not args.project or n in args.project]
    timings = {}
    pythons = {}
    for name in names:  # one at a time: a first install is network- and disk-bound
        t = time.monotonic()
        pythons[name] = projects.project_python(name)
        timings.setdefault(name, {})["venv_seconds"] = round(time.monotonic() - t, 2)
    backends = ["sqlite"] + (["postgres"] if args.postgres_url else [])
    cells, skipped = [], []
    for name in names:
        for b in projects.PROJECTS[name]["backends"]:
            for st in projects.STATES:
                (cells if b in backends else skipped).append((b, name, st))
    if skipped:
        print("run_all: ********** no PostgreSQL: skipping %d cells (%s)"
              % (len(skipped), ", ".join(sorted({n for _, n, _ in skipped}))), file=sys.stderr)
    docs, failures = [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_cell, out, b, name, st, pythons[name], args.postgres_url): (b, name, st)
                   for b, name, st in cells}
        for fut in concurrent.futures.as_completed(futures):
            b, name, st = futures[fut]
            try:
                docs.append(fut.result())
            except BaseException as exc:
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
        t = timings.setdefault(d["scenario"], {})
        t["cells"] = t.get("cells", 0) + 1
        t["cell_seconds_sum"] = round(t.get("cell_seconds_sum", 0) + d["seconds"], 2)

    manifest = [{k: d[k] for k in ("backend", "scenario", "state", "project", "database_url",
                                   "settings", "python", "environment")}
                | {"expected": str(out / d["backend"] / d["scenario"] / d["state"] / "expected.json")}
                for d in docs]
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (out / "snapshot.json").write_text(json.dumps(snapshot, indent=1) + "\n")
    (out / "timings.json").write_text(json.dumps(timings, indent=1) + "\n")

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

    print_summary(cells, docs, backends, failures)
    for name, t in timings.items():
        print("%-10s venv %.1fs, %d cells, %.1fs of cell time" % (name, t["venv_seconds"], t.get("cells", 0),
                                                                  t.get("cell_seconds_sum", 0)))
    print("%d cells, %d failed, %.1fs; results in %s"
          % (len(cells), len(failures), time.monotonic() - t0, out))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
