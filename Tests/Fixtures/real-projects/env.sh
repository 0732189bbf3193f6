#!/usr/bin/env bash
# Create (or reuse) the virtualenv of one real Django application from PyPI, installed the way
# its users install it (`pip install pretix`, `pip install nautobot`, ...), from the pins in
# requirements-PROJECT.txt beside this script, and print the path of its python.
#
# Usage: Tests/Fixtures/real-projects/env.sh PROJECT
#        prints REPO/.cache/real-projects/PROJECT/venv/bin/python
#   PROJECT: pretix, nautobot, weblate, pretalx (one venv each: their pins do not coexist)
#
# Environment:
#   ZDT_REAL_PROJECTS_CACHE  where the venvs live (default REPO/.cache/real-projects)
#   PYTHON                   interpreter used to create a venv (default python3; the pins
#                            were chosen for CPython 3.11 on Linux x86_64)
#
# Idempotent: when the venv exists and its stamp file holds the SHA-256 of the requirements
# file it returns at once without calling pip. Wheels are preferred (--prefer-binary); the few
# pins that PyPI has only as sdists are pure Python and build without a compiler, except
# weblate's borgbackup, pycairo and PyGObject: for weblate this script installs their build
# dependencies (and Pango's introspection data) with apt-get when missing, as Weblate's
# installation guide asks. Progress and the install time go to stderr; stdout carries only
# the python path, so callers can write PY=$(Tests/Fixtures/real-projects/env.sh pretix).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
project=${1:?usage: env.sh PROJECT}
reqs="$here/requirements-$project.txt"
[[ -f $reqs ]] || { echo "real-projects/env.sh: no $reqs" >&2; exit 2; }
cache=${ZDT_REAL_PROJECTS_CACHE:-$repo/.cache/real-projects}
venv="$cache/$project/venv"
py="$venv/bin/python"
stamp="$venv/.zdt-pins"
want=$(sha256sum "$reqs" | cut -d' ' -f1)

# Weblate's pip install needs Debian packages: headers to build borgbackup, pycairo and PyGObject
# (sdists) and, at run time, the GObject introspection data of Pango and librsvg (imported when
# Weblate's apps load: weblate.utils.render, weblate.trans.widgets). Checked on every call (dpkg-query, cheap); installed when missing.
debian_packages() {
    [[ $project == weblate ]] || return 0
    local missing=() pkg
    for pkg in liblz4-dev libzstd-dev libxxhash-dev libacl1-dev libcairo2-dev libgirepository1.0-dev \
               pkg-config gir1.2-pango-1.0 gir1.2-rsvg-2.0; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "real-projects/env.sh: apt-get install ${missing[*]} (Weblate's installation guide asks for them)" >&2
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
}
debian_packages

if [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$py"
    exit 0
fi

# Only one install per venv at a time (run-all.sh may ask for several projects at once).
mkdir -p "$cache/$project"
exec 9>"$cache/$project/.lock"
flock 9
if [[ -x $py && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$py"
    exit 0
fi

start=$(date +%s)
if [[ ! -x $py ]]; then
    echo "real-projects/env.sh: creating $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
echo "real-projects/env.sh: installing $reqs" >&2
"$py" -m pip install --quiet --disable-pip-version-check --prefer-binary -r "$reqs" >&2
# pip byte-compiles what it installs, but the harness runs Django with PYTHONDONTWRITEBYTECODE
# (to keep the generated projects as written): compile the rest once, here.
"$py" -m compileall -q -j 0 "$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null || true
# Fail here, not later, if the install is unusable.
django_pin=$(grep -m1 '^Django==' "$reqs")
module=$project
"$py" - "${django_pin#Django==}" "$module" >&2 <<'EOF'
import importlib, sys
import django
importlib.import_module(sys.argv[2])
assert django.get_version() == sys.argv[1], (django.get_version(), sys.argv[1])
EOF
echo "$want" >"$stamp"
echo "real-projects/env.sh: $project ready in $(( $(date +%s) - start ))s" >&2
echo "$py"
