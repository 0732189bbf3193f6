#!/usr/bin/env python3
"""Real Django applications from PyPI, set up the way their documentation says, and the
database states their cells are put in. Stdlib only: Django runs in each project's own
virtualenv (env.sh PROJECT), never in this process.

Usage:
  projects.py generate OUTDIR --project NAME --database-url URL [--python PY]
  projects.py state OUTDIR --project NAME --database-url URL --state NAME [--python PY]
  projects.py --list                      each project, its backends and its states

Projects (the settings module is the one the application ships, in site-packages):
  pretix    `pip install pretix`; a pretix.cfg ([pretix] datadir, [database]) named by
            PRETIX_CONFIG_FILE, settings pretix.settings (what `python -m pretix` sets);
            SQLite and PostgreSQL.
  pretalx   `pip install pretalx[postgres]`; the same with pretalx.cfg / PRETALX_CONFIG_FILE,
            settings pretalx.settings (`python -m pretalx`); SQLite and PostgreSQL.
  nautobot  `pip install nautobot`; `nautobot-server init` writes nautobot_config.py (untouched:
            `from nautobot.core.settings import *`, DATABASES from NAUTOBOT_DB_*);
            NAUTOBOT_ROOT is the project directory; PostgreSQL only (as Nautobot requires).
  weblate   `pip install weblate[postgres]`; weblate/settings_example.py copied as the
            installation guide says and edited where it says (DATABASES, SITE_DOMAIN,
            ENABLE_HTTPS, DATA_DIR; a local cache instead of Redis), as weblate_settings.py
            beside manage.py (the guide puts it in site-packages as weblate/settings.py; one
            copy per cell here, since each cell has its own database); PostgreSQL only
            (Weblate supports nothing else).

None of these applications has a manage.py: each is run through its own entry point
(`python -m pretix`, `nautobot-server`, `weblate`). generate writes a manage.py that does
what that entry point does (sets DJANGO_SETTINGS_MODULE the same way and calls the same
function), so that `manage.py` commands and `zerodowntime --project DIR` find the settings.

States (every project): `fresh` (an empty database); `half` (the first half of Django's
plan for a fresh database applied, rows written with Django's MigrationRecorder exactly as
MigrationExecutor.record_migration writes them: a squash records the migrations it replaces);
`one_behind` (everything applied but the last migration of one app, a leaf nothing depends
on — a database restored from the backup taken before the last upgrade's final migration).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True


def d(text):
    return textwrap.dedent(text).lstrip("\n")


def write(root, rel, text):
    path = Path(root) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def project_python(name, explicit=None):
    """The project's virtualenv python (env.sh creates it on first use)."""
    if explicit:
        return explicit
    var = "ZDT_REAL_PROJECTS_PYTHON_" + name.upper()
    if os.environ.get(var):
        return os.environ[var]
    out = subprocess.run([str(HERE / "env.sh"), name], check=True, stdout=subprocess.PIPE, text=True)
    return out.stdout.strip()


def db_parts(url):
    p = urlsplit(url)
    return {"name": unquote(p.path.lstrip("/")), "user": unquote(p.username or ""),
            "password": unquote(p.password or ""), "host": p.hostname or "", "port": str(p.port or "")}


def sqlite_file(url):
    return urlsplit(url).path  # sqlite:////abs/path -> /abs/path


# --------------------------------------------------------------------------- manage.py files

# What `python -m pretix` / `python -m pretalx` run (pretix/__main__.py, pretalx/__main__.py).
MODULE_MANAGE_PY = d('''
    #!/usr/bin/env python
    """What `python -m {app}` does ({app}/__main__.py), as a manage.py."""
    import os
    import sys

    if __name__ == "__main__":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{app}.settings")

        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
''')

# `nautobot-server` is nautobot.core.cli:main, which loads NAUTOBOT_ROOT/nautobot_config.py as
# the module `nautobot_config` and sets DJANGO_SETTINGS_MODULE to that name.
NAUTOBOT_MANAGE_PY = d('''
    #!/usr/bin/env python
    """`nautobot-server` (nautobot.core.cli:main) as a manage.py: the settings are
    nautobot_config.py beside this file (NAUTOBOT_ROOT)."""
    import os
    import sys
    from pathlib import Path

    if __name__ == "__main__":
        os.environ.setdefault("NAUTOBOT_ROOT", str(Path(__file__).resolve().parent))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nautobot_config")

        from nautobot.core.cli import main

        sys.exit(main())
''')

# `weblate` is weblate.runner:main: DJANGO_SETTINGS_MODULE defaults to weblate.settings; the
# guide's copy lives beside this file here (weblate_settings.py), so each cell has its own.
WEBLATE_MANAGE_PY = d('''
    #!/usr/bin/env python
    """`weblate` (weblate.runner:main) as a manage.py, with the settings the installation guide
    has the user copy from weblate/settings_example.py (here weblate_settings.py)."""
    import os
    import sys

    if __name__ == "__main__":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weblate_settings")

        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
''')


# --------------------------------------------------------------------------- generators

def config_file(app, outdir, backend, url):
    """pretix.cfg / pretalx.cfg as their administrator guides show them."""
    if app == "pretix":
        lines = ["[pretix]", "instance_name=zerodowntime test", "url=http://localhost",
                 "currency=EUR", "datadir=%s" % (Path(outdir) / "data"), ""]
    else:
        lines = ["[filesystem]", "data = %s" % (Path(outdir) / "data"), "",
                 "[site]", "url = http://localhost", ""]
    if backend == "sqlite":
        lines += ["[database]", "backend = sqlite3", "name = %s" % sqlite_file(url), ""]
    else:
        p = db_parts(url)
        lines += ["[database]", "backend = postgresql", "name = %s" % p["name"], "user = %s" % p["user"],
                  "password = %s" % p["password"], "host = %s" % p["host"], "port = %s" % p["port"], ""]
    return "\n".join(lines)


def generate_pretix_like(app):
    def generate(outdir, backend, url, py):
        write(outdir, "%s.cfg" % app, config_file(app, outdir, backend, url))
        write(outdir, "manage.py", MODULE_MANAGE_PY.replace("{app}", app))
        (Path(outdir) / "data").mkdir(exist_ok=True)
        return {"%s_CONFIG_FILE" % app.upper(): str(Path(outdir) / ("%s.cfg" % app))}
    return generate


def generate_nautobot(outdir, backend, url, py):
    server = Path(py).parent / "nautobot-server"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([str(server), "init", "--disable-installation-metrics",
                           str(Path(outdir) / "nautobot_config.py")],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise SystemExit("projects.py: nautobot-server init failed:\n" + proc.stdout)
    write(outdir, "manage.py", NAUTOBOT_MANAGE_PY)
    p = db_parts(url)
    return {
        "NAUTOBOT_ROOT": str(outdir),
        "NAUTOBOT_DB_NAME": p["name"], "NAUTOBOT_DB_USER": p["user"],
        "NAUTOBOT_DB_PASSWORD": p["password"], "NAUTOBOT_DB_HOST": p["host"],
        "NAUTOBOT_DB_PORT": p["port"],
        # Nautobot's cache is Redis (django-redis); no Redis here, and nothing in a migration
        # plan needs it. A documented variable of nautobot.core.settings. (LocMemCache is
        # refused by django-constance, which Nautobot's system checks read.)
        "NAUTOBOT_CACHES_BACKEND": "django.core.cache.backends.dummy.DummyCache",
    }


def generate_weblate(outdir, backend, url, py):
    purelib = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    text = (Path(purelib) / "weblate" / "settings_example.py").read_text(encoding="utf-8")
    p = db_parts(url)
    edits = [
        # "Database setup" in the guide: the credentials of the user's PostgreSQL.
        (r'("NAME": )"weblate"', r'\1%r' % p["name"]),
        (r'("USER": )"weblate"', r'\1%r' % p["user"]),
        (r'("PASSWORD": )""', r'\1%r' % p["password"]),
        (r'("HOST": )"127\.0\.0\.1"', r'\1%r' % p["host"]),
        (r'("PORT": )""', r'\1%r' % p["port"]),
        # "Production setup": the site's domain (otp_webauthn's system checks fail without it)
        # and HTTPS.
        (r'^SITE_DOMAIN = ""$', 'SITE_DOMAIN = "weblate.example.com"'),
        (r'^ENABLE_HTTPS = False$', 'ENABLE_HTTPS = True'),
        # "Data directory": where Weblate may write.
        (r'^DATA_DIR = .*$', 'DATA_DIR = %r' % str(Path(outdir) / "data")),
    ]
    for pattern, repl in edits:
        text, n = re.subn(pattern, lambda m, r=repl: m.expand(r), text, count=1, flags=re.M)
        if n != 1:
            raise SystemExit("projects.py: weblate settings_example.py has no %r" % pattern)
    # No Redis here: the guide's CACHES use it (django-redis); a local cache instead.
    text += d('''

        # zerodowntime test site: no Redis on this machine.
        CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "avatar": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
        CELERY_TASK_ALWAYS_EAGER = True
        CELERY_BROKER_URL = "memory://"
    ''')
    write(outdir, "weblate_settings.py", text)
    write(outdir, "manage.py", WEBLATE_MANAGE_PY)
    (Path(outdir) / "data").mkdir(exist_ok=True)
    return {}


# name -> backends, settings (None: manage.py's default), generator, the app whose last
# migration is left out in `one_behind`
PROJECTS = {
    "pretix": {"backends": ["sqlite", "postgres"], "settings": None,
               "generate": generate_pretix_like("pretix"), "behind": "pretixbase"},
    "pretalx": {"backends": ["sqlite", "postgres"], "settings": None,
                "generate": generate_pretix_like("pretalx"), "behind": "submission",
                # pretalx's own `shell` (django-scopes) refuses to run without an event or this.
                "shell_arguments": ["--unsafe-disable-scopes"]},
    "nautobot": {"backends": ["postgres"], "settings": None,
                 "generate": generate_nautobot, "behind": "dcim"},
    "weblate": {"backends": ["postgres"], "settings": None,
                "generate": generate_weblate, "behind": "trans"},
}
STATES = ["fresh", "half", "one_behind"]


def generate(outdir, name, backend, url, py):
    outdir = Path(outdir).resolve()
    if outdir.exists() and any(outdir.iterdir()):
        raise SystemExit("projects.py: %s is not empty" % outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    environment = PROJECTS[name]["generate"](outdir, backend, url, py)
    os.chmod(outdir / "manage.py", 0o755)
    (outdir / ".zdt-project").write_text(name + "\n", encoding="utf-8")
    return environment


# --------------------------------------------------------------------------- states

def django_env(extra):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("DJANGO_") or k == "DATABASE_URL" or k.startswith("NAUTOBOT_")
                   or k.endswith("_CONFIG_FILE") or k == "VIRTUAL_ENV")}
    env.update(extra)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def shell_arguments(project):
    """What the project's `manage.py shell` needs besides Django's options."""
    marker = Path(project) / ".zdt-project"
    name = marker.read_text().strip() if marker.exists() else None
    return list(PROJECTS.get(name, {}).get("shell_arguments", []))


def manage(py, project, args, environment, settings=None):
    args = list(args)
    if args and args[0] == "shell":
        args[1:1] = shell_arguments(project)
    cmd = [py, "manage.py", *args]
    if settings:
        cmd += ["--settings", settings]
    return subprocess.run(cmd, cwd=project, env=django_env(environment), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


RESET_CODE = r'''
import sys
from urllib.parse import unquote, urlsplit, urlunsplit
url = sys.argv[1]
try:
    import psycopg
    connect = lambda u: psycopg.connect(u, autocommit=True, connect_timeout=10)
    Error = psycopg.OperationalError
    run = lambda c, sql: c.execute(sql)
except ImportError:
    import psycopg2
    def connect(u):
        c = psycopg2.connect(u, connect_timeout=10)
        c.autocommit = True
        return c
    Error = psycopg2.OperationalError
    def run(c, sql):
        with c.cursor() as cur:
            cur.execute(sql)
parts = urlsplit(url)
try:
    conn = connect(url)
except Error as exc:
    if "does not exist" not in str(exc):
        raise
    admin = connect(urlunsplit(parts._replace(path="/postgres")))
    run(admin, 'CREATE DATABASE "%s"' % unquote(parts.path.lstrip("/")).replace('"', '""'))
    admin.close()
    conn = connect(url)
run(conn, "DROP SCHEMA IF EXISTS public CASCADE")
run(conn, "CREATE SCHEMA public")
conn.close()
'''


def reset_database(py, url):
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        return
    proc = subprocess.run([py, "-c", RESET_CODE, url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise SystemExit("projects.py: could not empty %s:\n%s" % (url, proc.stdout))


# Runs in `manage.py shell`: Django's plan for a fresh database (MigrationExecutor), then rows
# recorded for a part of it as record_migration would write them.
RECORD_CODE = r'''
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
STATE, BEHIND = %r, %r
loader = MigrationLoader(connection, ignore_no_migrations=True)
executor = MigrationExecutor(connection)
plan = [m for m, backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())]
if STATE == "half":
    chosen = plan[: len(plan) // 2]
else:
    graph = executor.loader.graph
    leaves = [n for n in graph.leaf_nodes() if n[0] == BEHIND and not graph.node_map[n].children]
    assert len(leaves) == 1, leaves
    chosen = [m for m in plan if (m.app_label, m.name) != leaves[0]]
    assert len(chosen) == len(plan) - 1
recorder = MigrationRecorder(connection)
recorder.ensure_schema()
for m in chosen:
    for app, name in (m.replaces or [(m.app_label, m.name)]):
        recorder.record_applied(app, name)
print("@@ZDT-RECORDED@@ %%d of %%d" %% (len(chosen), len(plan)))
'''


def set_state(project, name, state, url, py, environment):
    reset_database(py, url)
    if state == "fresh":
        return
    code = RECORD_CODE % (state, PROJECTS[name]["behind"])
    proc = manage(py, project, ["shell", "-c", code], environment, PROJECTS[name]["settings"])
    if proc.returncode != 0 or "@@ZDT-RECORDED@@" not in proc.stdout:
        raise SystemExit("projects.py: state %s failed in %s:\n%s%s" % (state, project, proc.stdout[-3000:], proc.stderr[-3000:]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", nargs="?", choices=["generate", "state"])
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--project", choices=sorted(PROJECTS))
    ap.add_argument("--database-url")
    ap.add_argument("--state", choices=STATES)
    ap.add_argument("--python")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    if args.list:
        for name, spec in PROJECTS.items():
            print(name, ",".join(spec["backends"]), " ".join(STATES))
        return 0
    if not (args.action and args.outdir and args.project and args.database_url):
        ap.error("ACTION, OUTDIR, --project and --database-url are required")
    py = project_python(args.project, args.python)
    if args.action == "generate":
        print(json.dumps(generate(args.outdir, args.project, "sqlite" if args.database_url.startswith("sqlite") else "postgres",
                                  args.database_url, py)))
    else:
        env = json.loads(os.environ.get("ZDT_CELL_ENVIRONMENT", "{}"))
        set_state(args.outdir, args.project, args.state or "fresh", args.database_url, py, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
