#!/usr/bin/env bash
# Create (or reuse) the virtualenv used as ground truth for the settings-pattern
# fixtures, and print the path of its python.
#
# Usage: Tests/Fixtures/settings-patterns/env.sh
#
# Environment:
#   ZDT_SETTINGS_VENV   venv directory (default REPO/.cache/settings-patterns/venv)
#   PYTHON              interpreter used to create the venv (default python3)
#
# Idempotent: when the venv exists and its stamp file records the same pins, it
# returns at once without calling pip. Progress goes to stderr; stdout carries
# only the python path, so callers can write PY=$(.../env.sh).
set -euo pipefail

PINS=(
    "Django==5.2.19"
    "django-environ==0.14.0"
    "python-decouple==3.8"
    "dj-database-url==3.1.2"
    "django-configurations==2.5.1"
    "django-split-settings==1.3.2"
    "psycopg[binary]==3.3.9"
)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
venv=${ZDT_SETTINGS_VENV:-$repo/.cache/settings-patterns/venv}
py="$venv/bin/python"
stamp="$venv/.zdt-pins"
want="${PINS[*]}"

if [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$py"
    exit 0
fi

mkdir -p "$(dirname "$venv")"
if [[ ! -x $py ]]; then
    echo "settings-patterns env: creating $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
echo "settings-patterns env: installing $want" >&2
"$py" -m pip install --quiet --disable-pip-version-check "${PINS[@]}" >&2
# Fail here, not later, if the install is unusable.
"$py" - >&2 <<'PY'
import django, environ, decouple, dj_database_url, configurations, split_settings, psycopg
assert django.get_version() == "5.2.19", django.get_version()
PY
echo "$want" >"$stamp"
echo "$py"
