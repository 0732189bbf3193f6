#!/usr/bin/env python3
"""Put a real-apps project's database into a named state with real `manage.py migrate`.

Usage:
  states.py PROJECT --database-url URL --state NAME [--project-name NAME] [--python PY]
  states.py --list                        the states of each project

Each state says which settings module the project is run with (None: manage.py's default)
and which environment variables it needs (besides DATABASE_URL, which every cell sets when
its settings read it), then the steps that reach it from an empty database (SQLite: the
file is deleted; PostgreSQL: the database is created if missing and its `public` schema
dropped and re-created). Steps are real `manage.py migrate` commands, or
  ("record", app, name, ...)  rows written with Django's own MigrationRecorder, as if a
                              release from before a squash had applied those migrations.

The project name is read from PROJECT/.zdt-project (written by generate.py) unless given.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the fixture directory

from generate import real_apps_python  # noqa: E402


def migrate(*args):
    return ("migrate",) + args


# Wagtail's 0001_squashed_0016 replaces wagtailcore 0001..0016 (files still shipped).
WAGTAIL_PRE_SQUASH = [
    "0001_initial", "0002_initial_data", "0003_add_uniqueness_constraint_on_group_page_permission",
    "0004_page_locked", "0005_add_page_lock_permission_to_moderators",
    "0006_add_lock_page_permission", "0007_page_latest_revision_created_at",
    "0008_populate_latest_revision_created_at",
]

COOKIECUTTER_ENV = {"DJANGO_READ_DOT_ENV_FILE": "True"}
COOKIECUTTER_PRODUCTION_ENV = {
    "DJANGO_READ_DOT_ENV_FILE": "True",
    # Read by config/settings/production.py; a fixed test value, not a real key.
    "DJANGO_SECRET_KEY": "zerodowntime-real-apps-test-key-not-secret",
    "DJANGO_ALLOWED_HOSTS": "bookclub.example,localhost",
}

# project -> state -> {"settings": dotted module or None, "env": {...}, "steps": [...]}
STATES = {
    "wagtail-site": {
        "fresh": {"settings": None, "env": {}, "steps": []},
        # State A: only Django's auth and contenttypes.
        "auth_only": {"settings": None, "env": {}, "steps": [migrate("contenttypes"), migrate("auth")]},
        # State B: Wagtail up to just before 0053_locale_model, which home.0002_create_homepage
        # must run before (run_before); home.0001 depends on wagtailcore.0040.
        "wagtail_mid": {"settings": None, "env": {}, "steps": [migrate("wagtailcore", "0052_pagelogentry")]},
        # A release from before wagtailcore's squash applied 0001..0008: Django must use the
        # replaced migrations, not the squash.
        "squash_partial": {"settings": None, "env": {}, "steps": [
            migrate("contenttypes"), migrate("auth"),
            ("record", *[("wagtailcore", n) for n in WAGTAIL_PRE_SQUASH]),
        ]},
        "full": {"settings": None, "env": {}, "steps": [migrate()]},
    },
    "cookiecutter-allauth": {
        "fresh": {"settings": None, "env": COOKIECUTTER_ENV, "steps": []},
        # State A: contenttypes and auth; users.0001_initial (AUTH_USER_MODEL) still pending.
        "auth_only": {"settings": None, "env": COOKIECUTTER_ENV,
                      "steps": [migrate("contenttypes"), migrate("auth")]},
        # State B: allauth, django-oauth-toolkit and social-auth each stopped halfway.
        "apps_mid": {"settings": None, "env": COOKIECUTTER_ENV, "steps": [
            migrate("account", "0004_alter_emailaddress_drop_unique_email"),
            migrate("socialaccount", "0003_extra_data_default_dict"),
            migrate("oauth2_provider", "0010_application_allowed_origins"),
            migrate("social_django", "0012_usersocialauth_extra_data_new"),
        ]},
        "full": {"settings": None, "env": COOKIECUTTER_ENV, "steps": [migrate()]},
        # The production settings (--settings): other apps, and a required DJANGO_SECRET_KEY.
        "production_mid": {"settings": "config.settings.production", "env": COOKIECUTTER_PRODUCTION_ENV,
                           "steps": [migrate("account"), migrate("clubs", "0001_initial")]},
    },
}


def cell_environment(project_name, state, database_url, backend):
    """The variables a cell's project needs (what a user would export)."""
    env = dict(STATES[project_name][state]["env"])
    if project_name == "cookiecutter-allauth" or backend == "postgres":
        env["DATABASE_URL"] = database_url
    return env


def django_env(extra):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("DJANGO_") or k == "DATABASE_URL":
            del env[k]  # only what the cell says
    env.update(extra)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # keep the project tree as generated
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def manage(py, project, args, environment, settings=None):
    cmd = [py, "manage.py", *args]
    if settings:
        cmd += ["--settings", settings]
    return subprocess.run(cmd, cwd=project, env=django_env(environment),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_manage(py, project, args, environment, settings=None):
    proc = manage(py, project, args, environment, settings)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit("states.py: failed: %s (in %s)" % (" ".join(args), project))
    return proc.stdout


sqlite_path = plan_cells.sqlite_path
reset_database = plan_cells.reset_database


RECORD_CODE = (
    "from django.db import connection\n"
    "from django.db.migrations.recorder import MigrationRecorder\n"
    "recorder = MigrationRecorder(connection)\n"
    "recorder.ensure_schema()\n"
)


def set_state(project, project_name, state, database_url, backend, py):
    spec = STATES[project_name][state]
    project = Path(project).resolve()
    environment = cell_environment(project_name, state, database_url, backend)
    reset_database(project, database_url)
    for step in spec["steps"]:
        if step[0] == "migrate":
            run_manage(py, project, ["migrate", *step[1:], "--no-input", "--verbosity", "0"],
                       environment, spec["settings"])
        elif step[0] == "record":
            code = RECORD_CODE + "".join("recorder.record_applied(%r, %r)\n" % r for r in step[1:])
            run_manage(py, project, ["shell", "--no-imports", "-c", code], environment, spec["settings"])
        else:
            raise AssertionError(step)
    return environment


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project", nargs="?")
    ap.add_argument("--database-url")
    ap.add_argument("--state")
    ap.add_argument("--project-name")
    ap.add_argument("--python")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    if args.list:
        for name, states in STATES.items():
            print(name, " ".join(states))
        return 0
    if not (args.project and args.database_url and args.state):
        ap.error("PROJECT, --database-url and --state are required")
    name = args.project_name
    if not name:
        marker = Path(args.project) / ".zdt-project"
        if not marker.exists():
            ap.error("no --project-name and no %s" % marker)
        name = marker.read_text().strip()
    if args.state not in STATES.get(name, {}):
        ap.error("project %s has no state %r" % (name, args.state))
    backend = "sqlite" if args.database_url.startswith("sqlite") else "postgres"
    set_state(args.project, name, args.state, args.database_url, backend, real_apps_python(args.python))
    return 0


if __name__ == "__main__":
    sys.exit(main())
