#!/usr/bin/env python3
"""Print what real Django says is pending for a real-apps project, and facts about its setup.

Usage:
  expected.py PROJECT [--settings MODULE] [--env NAME=VALUE ...] [--python PY] [--out FILE]

Like Tests/Fixtures/django-plan/expected.py (whose API code and `--plan` parser it reuses),
it asks Django twice, `manage.py migrate --plan` and MigrationExecutor.migration_plan in
`manage.py shell`, and requires the two to agree. The same shell process, after
django.setup(), also reports "django_facts":
  {"settings_module", "installed_apps" (as configured), "db_vendor", "db_engine",
   "AUTH_USER_MODEL", "model_settings": {every setting whose name ends in _MODEL},
   "migration_modules" (the MIGRATION_MODULES setting),
   "apps": [{"label", "name", "path", "config_class", "migrations_module",
             "migrations_module_explicit"}, ...]      (MigrationLoader.migrations_module)
   "swappable": {SETTING: {"model": "app.Model" declaring Meta.swappable,
                           "value": the setting's value, or null when not set}}}
The database and settings come from the environment given with --env (as a user would
export them) and --settings.
"""

import argparse
import concurrent.futures
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the fixture directory

from generate import real_apps_python  # noqa: E402
from states import manage  # noqa: E402


def _load_django_plan_expected():
    path = HERE.parent / "django-plan" / "expected.py"
    spec = importlib.util.spec_from_file_location("django_plan_expected", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DJANGO_PLAN = _load_django_plan_expected()
MARK = DJANGO_PLAN.MARK
FACTS_MARK = "@@ZDT-FACTS@@"

FACTS_CODE = r'''
import json
from django.apps import apps as _apps
from django.conf import settings as _settings
from django.db import connections as _connections
from django.db.migrations.loader import MigrationLoader as _Loader

_facts = {
    "settings_module": _settings.SETTINGS_MODULE,
    "installed_apps": list(_settings.INSTALLED_APPS),
    "db_vendor": _connections["default"].vendor,
    "db_engine": _settings.DATABASES["default"]["ENGINE"],
    "AUTH_USER_MODEL": _settings.AUTH_USER_MODEL,
    "model_settings": {n: getattr(_settings, n) for n in dir(_settings)
                       if n.isupper() and n.endswith("_MODEL")},
    "migration_modules": dict(getattr(_settings, "MIGRATION_MODULES", {}) or {}),
    "apps": [],
    "swappable": {},
}
for _config in _apps.get_app_configs():
    _module, _explicit = _Loader.migrations_module(_config.label)
    _facts["apps"].append({
        "label": _config.label,
        "name": _config.name,
        "path": _config.path,
        "config_class": "%s.%s" % (type(_config).__module__, type(_config).__qualname__),
        "migrations_module": _module,
        "migrations_module_explicit": _explicit,
    })
for _model in _apps.get_models(include_swapped=True):
    _name = _model._meta.swappable
    if _name:
        _facts["swappable"][_name] = {
            "model": _model._meta.label,
            "value": getattr(_settings, _name, None),
        }
print("@@ZDT-FACTS@@" + json.dumps(_facts, default=str))
'''


def _marked(proc, mark):
    for line in proc.stdout.splitlines():
        if line.startswith(mark):
            return json.loads(line[len(mark):])
    return None


def expected(project, py, environment, settings=None):
    project = str(Path(project).resolve())
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        text_f = pool.submit(manage, py, project, ["migrate", "--plan"], environment, settings)
        api_f = pool.submit(manage, py, project,
                            ["shell", "--no-imports", "-c", DJANGO_PLAN.API_CODE + FACTS_CODE],
                            environment, settings)
        text, api = text_f.result(), api_f.result()
    result, facts = _marked(api, MARK), _marked(api, FACTS_MARK)
    if result is None or facts is None:
        raise SystemExit("expected.py: the API helper failed in %s (exit %d):\n%s%s"
                         % (project, api.returncode, api.stdout, api.stderr))
    problems = []
    if "error" in result:
        err = result["error"]
        if text.returncode == 0:
            problems.append("the API raised %s but migrate --plan succeeded" % err["class"])
        elif err["message"] not in text.stderr:
            problems.append("migrate --plan's stderr does not contain the API's message")
        err["migrate_plan_exit_code"] = text.returncode
        err["migrate_plan_stderr_last_line"] = (text.stderr.strip().splitlines() or [""])[-1]
    elif text.returncode != 0:
        problems.append("migrate --plan failed:\n" + text.stderr)
    else:
        parsed = DJANGO_PLAN.parse_plan_text(text.stdout)
        if parsed != result["pending"]:
            problems.append("migrate --plan printed %s\nbut the API planned %s" % (parsed, result["pending"]))
    if problems:
        raise SystemExit("expected.py: Django's two answers disagree for %s:\n  %s"
                         % (project, "\n  ".join(problems)))
    ordered = {}
    for k in ("pending", "error", "has_table", "applied_rows", "django", "debug"):
        if k in result:
            ordered[k] = result[k]
    ordered["django_facts"] = facts
    return ordered


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project")
    ap.add_argument("--settings")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--python")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    environment = dict(e.split("=", 1) for e in args.env)
    result = expected(args.project, real_apps_python(args.python), environment, args.settings)
    text = json.dumps(result, indent=1) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
