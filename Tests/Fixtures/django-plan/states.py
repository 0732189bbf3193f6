#!/usr/bin/env python3
"""Put a generated project's database into a named state with real `manage.py migrate`.

Usage:
  states.py PROJECT --database-url URL --state NAME [--scenario NAME] [--python PY]
  states.py --list [--scenario NAME]       the states of each scenario

The database is emptied first (SQLite: the file is deleted; PostgreSQL: the database is
created if missing, then its `public` schema is dropped and re-created), then the state's
steps run in order. Steps are real `manage.py migrate` commands (some with --fake or
--settings of an earlier release); two kinds of step stand for what happens between
deploys:
  - hide/unhide: the squashed migration is renamed with a "~" prefix (which Django's
    loader skips) while the steps before `unhide` run, as if the database had been
    migrated by a release that did not have the squash yet;
  - record: a row is written with Django's own MigrationRecorder, as if the migration
    had been applied by a release whose file no longer exists;
  - delete: files are removed, as by a later release (the squash_*_replaced_deleted
    states delete the squash's replaced migrations). Only these states leave the project
    different from what generate.py wrote.

The scenario is read from PROJECT/.zdt-scenario (written by generate.py) unless given.
PY is the Python with Django (default: $ZDT_DJANGO_PYTHON, else scripts/django-env);
run this script with that same Python when the database is PostgreSQL (psycopg).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path


# Tests/Fixtures/plan_cells.py: what both ground-truth harnesses share.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import plan_cells  # noqa: E402

from expected import django_python  # the same virtualenv as the expected plans


SQUASH = "inventory/migrations/0001_squashed_0003_stock_location.py"
REPLACED = [
    "inventory/migrations/0001_initial.py",
    "inventory/migrations/0002_stock_level.py",
    "inventory/migrations/0003_stock_location.py",
]


def migrate(*args):
    return ("migrate",) + args


# state name -> list of steps. Every scenario has "fresh".
STATES = {
    "shop": {
        "fresh": [],
        "full": [migrate()],
        "target_one_app": [migrate("orders", "0001_initial")],
        # Everything that depends on store_catalog (incl. sessions via run_before) rolled back.
        "rollback_one_app": [migrate(), migrate("store_catalog", "zero")],
        "fake_partial": [
            migrate("auth"),
            migrate("store_catalog", "--fake"),
            migrate("blog", "0002_post_slug", "--fake"),
        ],
        # Only some of the squash's replaced migrations applied: the squash must not be used.
        "squash_partial": [("hide", SQUASH), migrate("inventory", "0002_stock_level"), ("unhide",)],
        # All replaced migrations applied but no row for the squash itself yet.
        "squash_all_replaced_applied": [
            ("hide", SQUASH),
            migrate("inventory", "0003_stock_location"),
            ("unhide",),
        ],
        # Both branches applied, the merge migration and what follows pending.
        "merge_pending": [migrate(), migrate("blog", "0002_post_slug")],
        # One branch applied: the other branch, the merge and what follows pending.
        "merge_one_branch": [migrate("blog", "0002_post_category")],
        # A later release deleted the squash's replaced files (0004 still names 0003) and
        # the database has none of them: the squash is used.
        "squash_replaced_deleted": [
            migrate("orders", "0001_initial"),
            ("delete", *REPLACED),
        ],
        # ... but this database had applied only some of them: Django refuses
        # (NodeNotFoundError naming the squash it could not use).
        "squash_partial_replaced_deleted": [
            ("hide", SQUASH),
            migrate("inventory", "0002_stock_level"),
            ("unhide",),
            ("delete", *REPLACED),
        ],
        # Rows for migrations that are not on disk (deleted files, a removed app, an app
        # whose MIGRATION_MODULES is None, a stale package) are ignored by Django.
        "stale_rows": [
            migrate(),
            migrate("accounts", "0001_initial"),
            ("record", "blog", "0099_removed_long_ago"),
            ("record", "ghostapp", "0001_initial"),
            ("record", "legacy", "0001_initial"),
            ("record", "notes", "0001_initial"),
        ],
    },
    "minimal": {
        "fresh": [],
        "full": [migrate()],
        "target_one_app": [migrate("polls", "0001_initial")],
        "fake_partial": [migrate("contenttypes"), migrate("auth", "0005_alter_user_last_login_null", "--fake")],
    },
    "err_missing_dependency": {"fresh": []},
    "err_missing_run_before": {"fresh": []},
    "err_unknown_app": {"fresh": []},
    "err_app_without_migration_files": {"fresh": []},
    "err_cycle": {"fresh": []},
    "err_conflict": {"fresh": []},
    "err_inconsistent_history": {
        "fresh": [],
        # Release 1 (default user model) fully migrated, then release 2's code is deployed.
        "custom_user_switch": [migrate("--settings", "mysite.settings_v1")],
    },
}


def django_env(database_url):
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # keep the project tree as generated
    env.setdefault("PYTHONHASHSEED", "0")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def run_manage(py, project, database_url, args):
    cmd = [py, "manage.py", *args]
    proc = subprocess.run(cmd, cwd=project, env=django_env(database_url),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit("states.py: failed: %s (in %s)" % (" ".join(args), project))
    return proc.stdout


reset_database = plan_cells.reset_database


RECORD_CODE = (
    "from django.db import connection\n"
    "from django.db.migrations.recorder import MigrationRecorder\n"
    "recorder = MigrationRecorder(connection)\n"
)


def set_state(project, database_url, scenario, state, py):
    steps = STATES[scenario][state]
    project = Path(project).resolve()
    reset_database(project, database_url)
    hidden = []
    pending_records = []
    try:
        for i, step in enumerate(steps):
            kind = step[0]
            if kind == "migrate":
                run_manage(py, project, database_url,
                           ["migrate", *step[1:], "--no-input", "--verbosity", "0"])
            elif kind == "hide":
                src = project / step[1]
                dst = src.with_name("~" + src.name)
                src.rename(dst)
                hidden.append((dst, src))
            elif kind == "unhide":
                while hidden:
                    dst, src = hidden.pop()
                    dst.rename(src)
            elif kind == "delete":
                for rel in step[1:]:
                    (project / rel).unlink()
            elif kind == "record":
                pending_records.append(step[1:])
                if i + 1 < len(steps) and steps[i + 1][0] == "record":
                    continue  # one Django process for a run of records
                code = RECORD_CODE + "".join(
                    "recorder.record_applied(%r, %r)\n" % r for r in pending_records)
                pending_records.clear()
                run_manage(py, project, database_url, ["shell", "--no-imports", "-c", code])
            else:
                raise AssertionError(step)
    finally:
        while hidden:
            dst, src = hidden.pop()
            dst.rename(src)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project", nargs="?")
    ap.add_argument("--database-url")
    ap.add_argument("--state")
    ap.add_argument("--scenario")
    ap.add_argument("--python")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    if args.list:
        for scenario, states in STATES.items():
            if args.scenario in (None, scenario):
                print(scenario, " ".join(states))
        return 0
    if not (args.project and args.database_url and args.state):
        ap.error("PROJECT, --database-url and --state are required")
    scenario = args.scenario
    if not scenario:
        marker = Path(args.project) / ".zdt-scenario"
        if not marker.exists():
            ap.error("no --scenario and no %s" % marker)
        scenario = marker.read_text().strip()
    if scenario not in STATES:
        ap.error("unknown scenario %r" % scenario)
    if args.state not in STATES[scenario]:
        ap.error("scenario %s has no state %r (it has: %s)"
                 % (scenario, args.state, ", ".join(STATES[scenario])))
    set_state(args.project, args.database_url, scenario, args.state, django_python(args.python))
    return 0


if __name__ == "__main__":
    sys.exit(main())
