#!/usr/bin/env bash
# Create (or reuse) the virtualenv with squawk-cli and psycopg pinned in requirements.txt beside
# this script, and print the path of its python (squawk is installed beside it, in its bin/).
#
# Usage: Tests/Fixtures/squawk-differential/env.sh   prints REPO/.cache/squawk-differential/venv/bin/python
#
# Environment:
#   ZDT_SQUAWK_VENV   venv directory (default REPO/.cache/squawk-differential/venv)
#   PYTHON            interpreter used to create the venv (default python3)
#
# Idempotent: when the venv exists and its stamp file holds the SHA-256 of requirements.txt
# it returns at once without calling pip. Progress goes to stderr; stdout carries only the
# python path, so callers can write PY=$(Tests/Fixtures/squawk-differential/env.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
reqs="$here/requirements.txt"
venv=${ZDT_SQUAWK_VENV:-$repo/.cache/squawk-differential/venv}
py="$venv/bin/python"
stamp="$venv/.zdt-pins"
want=$(sha256sum "$reqs" | cut -d' ' -f1)

if [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$py"
    exit 0
fi

mkdir -p "$(dirname "$venv")"
if [[ ! -x $py ]]; then
    echo "squawk-differential/env.sh: creating $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
echo "squawk-differential/env.sh: installing $reqs" >&2
start=$(date +%s)
"$py" -m pip install --quiet --disable-pip-version-check -r "$reqs" >&2
# Fail here, not later, if the install is unusable.
squawk_pin=$(sed -n 's/^squawk-cli==//p' "$reqs")
"$py" - >&2 <<'PY'
import psycopg, sqlparse  # noqa: F401
PY
version=$("$venv/bin/squawk" --version)
if [[ $version != *"$squawk_pin"* ]]; then
    echo "squawk-differential/env.sh: $venv/bin/squawk says '$version', requirements.txt pins $squawk_pin" >&2
    exit 1
fi
echo "$want" >"$stamp"
echo "squawk-differential/env.sh: ready in $(( $(date +%s) - start ))s" >&2
echo "$py"
