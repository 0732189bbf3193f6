#!/usr/bin/env python3
"""Print what real Django says is pending for a project and database, as JSON.

Usage:
  expected.py PROJECT --database-url URL [--python PY] [--out FILE]

Asks Django twice and requires both answers to agree (exit 1 otherwise):
  1. `manage.py migrate --plan`: stdout is "Planned operations:", then for each
     migration a line "app_label.migration_name" at column 0 followed by one line per
     operation indented by four spaces (or "  No planned migration operations.");
  2. Django's API through `manage.py shell -c`: the same steps as the migrate command —
     MigrationExecutor(connection) (loads disk + applied rows, builds the graph),
     loader.check_consistent_history(), loader.detect_conflicts(), then
     executor.migration_plan(loader.graph.leaf_nodes()).

Output (stdout, and FILE when given):
  {"pending": [["app", "name"], ...],          # the plan, in Django's order
   "has_table": bool, "applied_rows": [...],   # raw django_migrations rows (sorted)
   "django": "5.2.x", "debug": {...}}          # leaf nodes, (un)migrated apps, squashes
or, when Django refuses:
  {"error": {"class": "NodeNotFoundError", "module": "...", "message": "...",
             "stage": "load|history|conflicts", ...}, "has_table": ..., "applied_rows": ...}
For errors the API is also run with a few other PYTHONHASHSEEDs: messages that depend on
set iteration order (a cycle's starting node, which parent is named) are listed in
"message_variants". Every Django process here runs with PYTHONHASHSEED=0.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
MARK = "@@ZDT-JSON@@"

API_CODE = r'''
import json, sys
import django
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

def key(k):
    return [k[0], k[1]]

out = {"django": django.get_version()}
conn = connections["default"]
recorder = MigrationRecorder(conn)
out["has_table"] = recorder.has_table()
out["applied_rows"] = sorted(key(k) for k in recorder.applied_migrations())
stage = "load"
try:
    conn.prepare_database()
    executor = MigrationExecutor(conn)
    loader = executor.loader
    stage = "history"
    loader.check_consistent_history(conn)
    stage = "conflicts"
    conflicts = loader.detect_conflicts()
    if conflicts:
        # The migrate command's wording (django/core/management/commands/migrate.py).
        from django.core.management.base import CommandError
        name_str = "; ".join(
            "%s in %s" % (", ".join(names), app) for app, names in conflicts.items()
        )
        err = CommandError(
            "Conflicting migrations detected; multiple leaf nodes in the "
            "migration graph: (%s).\nTo fix them run "
            "'python manage.py makemigrations --merge'" % name_str
        )
        err.conflicts = conflicts
        raise err
    stage = "plan"
    targets = loader.graph.leaf_nodes()
    plan = executor.migration_plan(targets)
    out["pending"] = [[m.app_label, m.name] for m, backwards in plan if not backwards]
    assert all(not backwards for m, backwards in plan)
    out["debug"] = {
        "targets": [key(k) for k in targets],
        "effective_applied": sorted(key(k) for k in loader.applied_migrations),
        "migrated_apps": sorted(loader.migrated_apps),
        "unmigrated_apps": sorted(loader.unmigrated_apps),
        "squashes": {
            "%s.%s" % k: {
                "replaces": [key(r) for r in m.replaces],
                "used": k in loader.graph.nodes,
            }
            for k, m in sorted(loader.replacements.items())
        },
        "nodes": len(loader.graph.nodes),
    }
except Exception as exc:
    err = {
        "class": type(exc).__name__,
        "module": type(exc).__module__,
        "message": str(exc),
        "stage": stage,
    }
    if getattr(exc, "node", None) is not None:
        err["node"] = key(exc.node)
    if getattr(exc, "origin", None) is not None:
        err["origin"] = str(exc.origin)
    if getattr(exc, "conflicts", None):
        err["conflicts"] = exc.conflicts
    out["error"] = err
print("@@ZDT-JSON@@" + json.dumps(out))
'''


def django_python(explicit=None):
    if explicit:
        return explicit
    if os.environ.get("ZDT_DJANGO_PYTHON"):
        return os.environ["ZDT_DJANGO_PYTHON"]
    out = subprocess.run([str(REPO / "scripts" / "django-env")], check=True,
                         stdout=subprocess.PIPE, text=True)
    return out.stdout.strip()


def run(py, project, database_url, args, seed="0"):
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = seed
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([py, "manage.py", *args], cwd=project, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def parse_plan_text(stdout):
    """Parse `migrate --plan` output into [[app, name], ...]."""
    lines = stdout.splitlines()
    try:
        start = lines.index("Planned operations:")
    except ValueError:
        raise SystemExit("expected.py: no 'Planned operations:' in migrate --plan output:\n" + stdout)
    pending = []
    for line in lines[start + 1:]:
        if not line or line[0].isspace():
            continue  # an operation ("    Create model X") or "  No planned migration operations."
        app, sep, name = line.partition(".")
        if not sep:
            raise SystemExit("expected.py: unexpected line in --plan output: %r" % line)
        pending.append([app, name])
    return pending


def api(py, project, database_url, seed="0"):
    proc = run(py, project, database_url, ["shell", "--no-imports", "-c", API_CODE], seed)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    raise SystemExit("expected.py: the API helper failed (exit %d):\n%s%s"
                     % (proc.returncode, proc.stdout, proc.stderr))


def expected(project, database_url, py):
    project = str(Path(project).resolve())
    text = run(py, project, database_url, ["migrate", "--plan"])
    result = api(py, project, database_url)
    problems = []
    if "error" in result:
        err = result["error"]
        if text.returncode == 0:
            problems.append("the API raised %s but migrate --plan succeeded" % err["class"])
        elif err["message"] not in text.stderr:
            problems.append("migrate --plan's stderr does not contain the API's message")
        elif err["class"] not in text.stderr.strip().splitlines()[-1] and err["class"] != "CommandError":
            problems.append("migrate --plan's last stderr line does not name %s" % err["class"])
        err["migrate_plan_exit_code"] = text.returncode
        err["migrate_plan_stderr_last_line"] = (text.stderr.strip().splitlines() or [""])[-1]
        variants = {err["message"]}
        for seed in ("1", "2", "3"):
            other = api(py, project, database_url, seed)
            if "error" not in other or other["error"]["class"] != err["class"]:
                problems.append("with PYTHONHASHSEED=%s the API gave %r" % (seed, other))
            else:
                variants.add(other["error"]["message"])
        if len(variants) > 1:
            err["message_variants"] = sorted(variants)
    else:
        if text.returncode != 0:
            problems.append("migrate --plan failed:\n" + text.stderr)
        else:
            parsed = parse_plan_text(text.stdout)
            if parsed != result["pending"]:
                problems.append("migrate --plan printed %s\nbut the API planned %s"
                                % (parsed, result["pending"]))
    if problems:
        raise SystemExit("expected.py: Django's two answers disagree for %s:\n  %s"
                         % (project, "\n  ".join(problems)))
    ordered = {}
    for k in ("pending", "error", "has_table", "applied_rows", "django", "debug"):
        if k in result:
            ordered[k] = result[k]
    return ordered


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project")
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--python")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    result = expected(args.project, args.database_url, django_python(args.python))
    text = json.dumps(result, indent=1) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
