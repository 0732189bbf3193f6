#!/usr/bin/env bash
# Ground truth for `zerodowntime check-migrations --policy original`: the real
# django-zerodowntime 0.3.0 (from PyPI) run on generated projects (see README.md beside this script).
#
# Usage: Tests/Fixtures/original-tool/run.sh [--out DIR] [--scenario NAME]...
#   --out DIR        where the results go (default: a new mktemp -d); printed at the end
#   --scenario NAME  only this scenario (repeatable; default: all, see generate.py --list)
#
# For each scenario it writes DIR/SCENARIO/project/ (a Django project whose SQLite database,
# db.sqlite3, has `manage.py migrate shop 0001` applied and the rest pending),
# DIR/SCENARIO/stdout.txt and stderr.txt (what `manage.py check_migrations` printed) and
# DIR/SCENARIO/status.txt (its exit code: the original exits with the number of unsafe
# migrations). DIR/python.txt holds the venv's python.
#
# Environment:
#   ZDT_ORIGINAL_VENV  venv directory (default REPO/.cache/original-tool-venv), created once
#                      and reused while its stamp matches the pins.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)

out="" scenarios=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --scenario) scenarios+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

# The same Django as scripts/django-env pins, read from it so the two never drift apart.
django_pin=$(sed -n 's/^DJANGO_PIN="\(Django==[^"]*\)"$/\1/p' "$repo/scripts/django-env")
[[ -n $django_pin ]] || { echo "run.sh: no DJANGO_PIN in scripts/django-env" >&2; exit 2; }
original_pin="django-zerodowntime==0.3.0"

venv=${ZDT_ORIGINAL_VENV:-$repo/.cache/original-tool-venv}
py="$venv/bin/python"
stamp="$venv/.zdt-pins"
want="$django_pin $original_pin"
if ! [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    mkdir -p "$(dirname "$venv")"
    if [[ ! -x $py ]]; then
        echo "run.sh: creating $venv" >&2
        "${PYTHON:-python3}" -m venv "$venv" >&2
    fi
    echo "run.sh: installing $want" >&2
    # Its declared dependencies too (invoke==0.13.0, used only by install_git_hooks), as a
    # user's `pip install django-zerodowntime` would.
    "$py" -m pip install --quiet --disable-pip-version-check "$django_pin" "$original_pin" >&2
    "$py" -c 'import django, zerodowntime.management.commands.check_migrations; assert django.get_version() == "'"${django_pin#Django==}"'", django.get_version()' >&2
    echo "$want" >"$stamp"
fi

[[ -n $out ]] || out=$(mktemp -d /tmp/zdt-original-tool.XXXXXX)
mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "$py" >"$out/python.txt"

if [[ ${#scenarios[@]} -eq 0 ]]; then
    mapfile -t scenarios < <("$py" "$here/generate.py" --list)
fi

for scenario in "${scenarios[@]}"; do
    cell="$out/$scenario"
    rm -rf "$cell"
    mkdir -p "$cell"
    "$py" "$here/generate.py" "$cell/project" --scenario "$scenario"
    # Settings come from manage.py's default; nothing from the caller's environment.
    env -u DJANGO_SETTINGS_MODULE -u DATABASE_URL "$py" "$cell/project/manage.py" migrate shop 0001 --noinput \
        >"$cell/migrate.txt" 2>&1 || { cat "$cell/migrate.txt" >&2; echo "run.sh: migrate failed in $scenario" >&2; exit 1; }
    set +e
    (cd "$cell/project" && env -u DJANGO_SETTINGS_MODULE -u DATABASE_URL "$py" manage.py check_migrations) \
        >"$cell/stdout.txt" 2>"$cell/stderr.txt"
    echo $? >"$cell/status.txt"
    set -e
    # A traceback is not an answer: the original must have run to its report.
    if grep -q "Traceback" "$cell/stderr.txt"; then
        cat "$cell/stderr.txt" >&2
        echo "run.sh: check_migrations crashed in $scenario" >&2
        exit 1
    fi
    echo "run.sh: $scenario: check_migrations exited $(cat "$cell/status.txt")" >&2
done
echo "$out"
