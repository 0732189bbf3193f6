#!/usr/bin/env bash
# Create (or reuse) the virtualenv with the real third-party apps pinned in requirements.txt
# beside this script (wagtail, django-allauth, django-oauth-toolkit, social-auth-app-django,
# django-environ and what they need), and print the path of its python.
#
# Usage: Tests/Fixtures/real-apps/env.sh     prints REPO/.cache/real-apps/venv/bin/python
#
# Environment:
#   ZDT_REAL_APPS_VENV   venv directory (default REPO/.cache/real-apps/venv)
#   PYTHON               interpreter used to create the venv (default python3; 3.11 is what
#                        the pins were chosen for)
#
# Idempotent: when the venv exists and its stamp file holds the SHA-256 of requirements.txt
# it returns at once without calling pip. Progress goes to stderr; stdout carries only the
# python path, so callers can write PY=$(Tests/Fixtures/real-apps/env.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
reqs="$here/requirements.txt"
venv=${ZDT_REAL_APPS_VENV:-$repo/.cache/real-apps/venv}
py="$venv/bin/python"
stamp="$venv/.zdt-pins"
want=$(sha256sum "$reqs" | cut -d' ' -f1)

# The ground truth must come from the same Django as scripts/django-env's.
pin_here=$(grep -m1 '^Django==' "$reqs")
pin_there=$(sed -n 's/^DJANGO_PIN="\(.*\)"$/\1/p' "$repo/scripts/django-env")
if [[ $pin_here != "$pin_there" ]]; then
    echo "real-apps/env.sh: requirements.txt pins $pin_here but scripts/django-env pins $pin_there" >&2
    exit 1
fi

if [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$py"
    exit 0
fi

mkdir -p "$(dirname "$venv")"
if [[ ! -x $py ]]; then
    echo "real-apps/env.sh: creating $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
echo "real-apps/env.sh: installing $reqs" >&2
start=$(date +%s)
# pip byte-compiles what it installs: the harness runs Django with PYTHONDONTWRITEBYTECODE
# (to keep the generated projects as written), and without .pyc files every start of a
# Wagtail project would compile the whole of site-packages again (seconds each time).
"$py" -m pip install --quiet --disable-pip-version-check -r "$reqs" >&2
"$py" -m compileall -q -j 0 "$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null
# Fail here, not later, if the install is unusable.
django_pin=$(grep -m1 '^Django==' "$reqs")
"$py" - "${django_pin#Django==}" >&2 <<'EOF'
import sys
import django, psycopg, wagtail, allauth, oauth2_provider, social_django, environ  # noqa: F401
assert django.get_version() == sys.argv[1], (django.get_version(), sys.argv[1])
EOF
echo "$want" >"$stamp"
echo "real-apps/env.sh: ready in $(( $(date +%s) - start ))s" >&2
echo "$py"
