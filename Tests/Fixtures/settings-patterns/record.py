#!/usr/bin/env python3
"""Record what real Django plans for every settings-pattern fixture.

Usage: record.py OUTDIR [--python PY] [--pattern NAME ...] [--jobs N] [--zerodowntime BIN]

For every PATTERN/ beside this script (a directory with a case.json): copy the project to
OUTDIR/PATTERN/ (no database file), then, with the venv's python (env.sh prints it), in a
hermetic environment (PATH, HOME, LANG and the case's "environment", where "{project}" is
replaced by the copy's absolute path; DJANGO_SETTINGS_MODULE = the case's "settings" when
set, DJANGO_CONFIGURATION = its "configuration" when set):
  1. the project's manage.py as `manage.py migrate --plan` (run in-process with that sys.argv)
     on the fresh SQLite database; its lines "app.name" at column 0 are the plan;
  2. then, in the same process, Django's API: the installed app labels, and
     MigrationExecutor(connection).migration_plan(loader.graph.leaf_nodes()).
Both plans must agree (exit 1 otherwise). Writes OUTDIR/PATTERN/expected.json:
  {"pattern", "project", "settings", "configuration", "environment", "python",
   "pending": [[app, name], ...] in Django's order, "django_installed_apps": [label, ...]}
and OUTDIR/manifest.json listing the patterns. Every Django process runs with
PYTHONHASHSEED=0 and PYTHONDONTWRITEBYTECODE=1.

With --zerodowntime BIN it then runs `BIN plan --project OUTDIR/PATTERN --python PY --format json`
(plus `--settings S` when the case names one) in the same environment, and prints per pattern
"match", "mismatch" (both plans shown) or "exit N: <last stderr line>"; this comparison only
reports, it never changes the exit status.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = "@@ZDT-JSON@@"
KEPT_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")

# Host facts the unknown-host-condition fixture relies on being false.
HOST_FACTS = {
    "hostname is not 'devbox'": lambda: socket.gethostname() != "devbox",
    "/etc/zdt-settings-fixture/enable-metrics does not exist":
        lambda: not Path("/etc/zdt-settings-fixture/enable-metrics").exists(),
}

# One process per pattern: run the project's manage.py as `python manage.py migrate --plan`
# would (same sys.argv, sys.path[0] and __main__), capture what it prints, then ask Django's
# API in the same process.
DRIVER = r'''
import contextlib, io, json, os, runpy, sys
manage = os.path.abspath("manage.py")
sys.argv = ["manage.py", "migrate", "--plan"]
sys.path[0] = os.path.dirname(manage)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    try:
        runpy.run_path(manage, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            sys.stdout = sys.__stdout__
            sys.stderr.write(buf.getvalue())
            raise
from django.apps import apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
out = {"plan_text": buf.getvalue(),
       "django_installed_apps": [c.label for c in apps.get_app_configs()]}
executor = MigrationExecutor(connections["default"])
executor.loader.check_consistent_history(connections["default"])
plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
out["pending"] = [[m.app_label, m.name] for m, backwards in plan]
print("@@ZDT-JSON@@" + json.dumps(out))
'''


def venv_python(explicit):
    if explicit:
        return explicit
    if os.environ.get("ZDT_SETTINGS_PYTHON"):
        return os.environ["ZDT_SETTINGS_PYTHON"]
    out = subprocess.run([str(HERE / "env.sh")], check=True, stdout=subprocess.PIPE, text=True)
    return out.stdout.strip()


def patterns():
    return sorted(p.parent.name for p in HERE.glob("*/case.json"))


def case_environment(case, project):
    env = {k: v.replace("{project}", str(project)) for k, v in case["environment"].items()}
    if case.get("settings"):
        env["DJANGO_SETTINGS_MODULE"] = case["settings"]
    if case.get("configuration"):
        env["DJANGO_CONFIGURATION"] = case["configuration"]
    return env


def run(py, project, env):
    full = {k: os.environ[k] for k in KEPT_VARS if k in os.environ}
    full.update(env)
    full["PYTHONHASHSEED"] = "0"
    full["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([py, "-c", DRIVER], cwd=project, env=full,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)


def parse_plan_text(stdout):
    lines = stdout.splitlines()
    if "Planned operations:" not in lines:
        raise ValueError("no 'Planned operations:' in migrate --plan output:\n" + stdout)
    pending = []
    for line in lines[lines.index("Planned operations:") + 1:]:
        if not line or line[0].isspace():
            continue  # an operation, or "  No planned migration operations."
        app, sep, name = line.partition(".")
        if not sep:
            raise ValueError("unexpected line in --plan output: %r" % line)
        pending.append([app, name])
    return pending


def record(name, outdir, py):
    case = json.loads((HERE / name / "case.json").read_text(encoding="utf-8"))
    project = (outdir / name).resolve()
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(HERE / name, project,
                    ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3", "expected.json"))
    env = case_environment(case, project)

    proc = run(py, project, env)
    answer = next((json.loads(l[len(MARK):]) for l in proc.stdout.splitlines() if l.startswith(MARK)), None)
    if proc.returncode != 0 or answer is None:
        raise RuntimeError("%s: manage.py migrate --plan failed (exit %d):\n%s%s"
                           % (name, proc.returncode, proc.stdout, proc.stderr))
    pending = parse_plan_text(answer["plan_text"])
    if answer["pending"] != pending:
        raise RuntimeError("%s: migrate --plan printed %s\nbut the API planned %s" % (name, pending, answer["pending"]))

    result = {
        "pattern": name,
        "project": str(project),
        "settings": case.get("settings"),
        "configuration": case.get("configuration"),
        "environment": env,
        "python": py,
        "pending": pending,
        "django_installed_apps": answer["django_installed_apps"],
    }
    (project / "expected.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


def compare(binary, expected):
    args = [binary, "plan", "--project", expected["project"], "--python", expected["python"], "--format", "json"]
    if expected["settings"]:
        args += ["--settings", expected["settings"]]
    full = {k: os.environ[k] for k in KEPT_VARS if k in os.environ}
    full.update(expected["environment"])
    proc = subprocess.run(args, cwd=expected["project"], env=full, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=120)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        return "exit %d: %s" % (proc.returncode, last)
    try:
        pending = json.loads(proc.stdout)["pending"]
    except (ValueError, KeyError) as exc:
        return "unreadable output (%s): %s" % (exc, proc.stdout[:200])
    if pending == expected["pending"]:
        return "match"
    missing = [p for p in expected["pending"] if p not in pending]
    extra = [p for p in pending if p not in expected["pending"]]
    if not missing and not extra:
        return "mismatch (order only)"
    return "mismatch: missing %s, extra %s" % (
        [".".join(p) for p in missing], [".".join(p) for p in extra])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--python")
    ap.add_argument("--pattern", action="append", default=[])
    ap.add_argument("--jobs", type=int, default=2 * (os.cpu_count() or 1))
    ap.add_argument("--zerodowntime", metavar="BIN")
    args = ap.parse_args(argv)

    failed_facts = [what for what, holds in HOST_FACTS.items() if not holds()]
    if failed_facts:
        raise SystemExit("record.py: this machine cannot give the ground truth: not " + "; not ".join(failed_facts))

    start = time.monotonic()
    py = venv_python(args.python)
    names = args.pattern or patterns()
    unknown = sorted(set(names) - set(patterns()))
    if unknown:
        raise SystemExit("record.py: no such pattern: " + ", ".join(unknown))
    outdir = Path(args.outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)

    errors, results = [], {}
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {n: pool.submit(record, n, outdir, py) for n in names}
        for n, fut in futures.items():
            try:
                results[n] = fut.result()
            except Exception as exc:  # report every failure, not only the first
                errors.append(str(exc))
    for n in names:
        if n in results:
            r = results[n]
            print("%-30s %2d pending  apps: %s" % (n, len(r["pending"]), " ".join(r["django_installed_apps"])))
    manifest = {"python": py, "patterns": sorted(results)}
    (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print("record.py: %d patterns in %.1fs -> %s" % (len(results), time.monotonic() - start, outdir))
    if args.zerodowntime:
        for n in names:
            if n in results:
                print("%-30s %s" % (n, compare(args.zerodowntime, results[n])))
    if errors:
        sys.stderr.write("\n\n".join(errors) + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
