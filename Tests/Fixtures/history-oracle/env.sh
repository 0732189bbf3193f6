#!/usr/bin/env bash
# Create (or reuse) the virtualenv with the reusable Django apps pinned in requirements.txt
# beside this script (wagtail, django-oscar, django-cms, django-allauth,
# django-helpdesk, ... and what they need), and print the path of its python.
#
# Usage: Tests/Fixtures/history-oracle/env.sh     prints REPO/.cache/history-oracle/venv/bin/python
#
# Environment:
#   ZDT_HISTORY_ORACLE_VENV   venv directory (default REPO/.cache/history-oracle/venv)
#   PYTHON                    interpreter used to create the venv (default python3; 3.11 is
#                             what the pins were chosen for)
#
# Idempotent: when the venv exists and its stamp file holds the SHA-256 of requirements.txt
# it returns at once without calling pip. Progress goes to stderr; stdout carries only the
# python path, so callers can write PY=$(Tests/Fixtures/history-oracle/env.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
reqs="$here/requirements.txt"
venv=${ZDT_HISTORY_ORACLE_VENV:-$repo/.cache/history-oracle/venv}
py="$venv/bin/python"
stamp="$venv/.zdt-pins"
want=$(sha256sum "$reqs" | cut -d' ' -f1)

# The observed truth must come from the same Django as scripts/django-env's.
pin_here=$(grep -m1 '^Django==' "$reqs")
pin_there=$(sed -n 's/^DJANGO_PIN="\(.*\)"$/\1/p' "$repo/scripts/django-env")
if [[ $pin_here != "$pin_there" ]]; then
    echo "history-oracle/env.sh: requirements.txt pins $pin_here but scripts/django-env pins $pin_there" >&2
    exit 1
fi
psycopg_here=$(grep -m1 '^psycopg\[binary\]==' "$reqs")
psycopg_there=$(sed -n 's/^PSYCOPG_PIN="\(.*\)"$/\1/p' "$repo/scripts/django-env")
if [[ $psycopg_here != "$psycopg_there" ]]; then
    echo "history-oracle/env.sh: requirements.txt pins $psycopg_here but scripts/django-env pins $psycopg_there" >&2
    exit 1
fi

if [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$py"
    exit 0
fi

mkdir -p "$(dirname "$venv")"
if [[ ! -x $py ]]; then
    echo "history-oracle/env.sh: creating $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
echo "history-oracle/env.sh: installing $reqs" >&2
start=$(date +%s)
# pip byte-compiles what it installs; compileall catches the rest, so that neither
# zerodowntime's reads of the venv nor the oracle's Django start compile site-packages.
"$py" -m pip install --quiet --disable-pip-version-check -r "$reqs" >&2
"$py" -m compileall -q -j 0 "$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null || true
# Fail here, not later, if the install is unusable.
django_pin=$(grep -m1 '^Django==' "$reqs")
"$py" - "${django_pin#Django==}" >&2 <<'PYEOF'
import sys
import importlib.util
import django, psycopg  # noqa: F401
# Some apps read settings at import time: only check that every one is installed.
apps = """allauth wagtail cms oscar simple_history filer taggit django_celery_beat
django_celery_results axes oauth2_provider guardian reversion constance post_office
django_otp silk waffle auditlog helpdesk django_q polymorphic rest_framework""".split()
missing = [a for a in apps if importlib.util.find_spec(a) is None]
assert not missing, missing
assert django.get_version() == sys.argv[1], (django.get_version(), sys.argv[1])
PYEOF
echo "$want" >"$stamp"
echo "history-oracle/env.sh: ready in $(( $(date +%s) - start ))s" >&2
echo "$py"
