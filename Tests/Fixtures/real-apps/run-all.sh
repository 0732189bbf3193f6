#!/usr/bin/env bash
# Ground truth for `zerodowntime plan` on real third-party apps from PyPI (Wagtail,
# django-allauth, django-oauth-toolkit, social-auth-app-django, django-environ): every
# project x state x backend, answered by real Django (see README.md beside this script).
#
# Usage: Tests/Fixtures/real-apps/run-all.sh [options]
#   --out DIR            where the cells go (default: a new mktemp -d); printed at the end
#   --postgres-url URL   use this server (its user must be allowed to CREATE DATABASE)
#   --no-postgres        SQLite only
#   --keep-postgres      leave the server this script started running (for the tests that
#                        read the cells next); DIR/postgres.env says how to reach and stop it
#   --project NAME       only this project (repeatable): wagtail-site, cookiecutter-allauth
#   --jobs N             parallel cells (default: nproc, at least 2)
#   --record             rewrite snapshot.json beside this script
#
# The virtualenv comes from env.sh beside this script (created on first use, ~1 minute).
# Without --postgres-url or --no-postgres it starts a throwaway server with
# scripts/postgres-test-server. When PostgreSQL is not installed the PostgreSQL cells are
# skipped with a loud message, unless ZDT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)

out="" pg_url="" no_pg=0 keep_pg=0
pass=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --postgres-url) pg_url=$2; shift 2 ;;
        --no-postgres) no_pg=1; shift ;;
        --keep-postgres) keep_pg=1; shift ;;
        --project|--jobs) pass+=("$1" "$2"); shift 2 ;;
        --record) pass+=("$1"); shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "run-all.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

start=$(date +%s%N)
py=$("$here/env.sh")
export ZDT_REAL_APPS_PYTHON=$py
[[ -n $out ]] || out=$(mktemp -d /tmp/zdt-real-apps.XXXXXX)
mkdir -p "$out"
out=$(cd "$out" && pwd)

pg_dir=""
stop_pg() {
    if [[ -n $pg_dir ]]; then
        "$repo/scripts/postgres-test-server" stop "$pg_dir" || true
        rm -rf "$pg_dir"
    fi
}
if [[ -z $pg_url && $no_pg -eq 0 ]]; then
    pg_dir=$(mktemp -d /tmp/zdt-pg.XXXXXX)
    set +e
    pg_url=$("$repo/scripts/postgres-test-server" start "$pg_dir")
    rc=$?
    set -e
    if [[ $rc -ne 0 ]]; then
        rm -rf "$pg_dir"
        pg_dir="" pg_url=""
        if [[ ${ZDT_REQUIRE_POSTGRES:-0} == 1 ]]; then
            echo "run-all.sh: PostgreSQL is required (ZDT_REQUIRE_POSTGRES=1) but could not be started (exit $rc)" >&2
            exit 1
        fi
        echo "run-all.sh: ************************************************************" >&2
        echo "run-all.sh: PostgreSQL could not be started (exit $rc): SKIPPING the PostgreSQL cells" >&2
        echo "run-all.sh: ************************************************************" >&2
    elif [[ $keep_pg -eq 1 ]]; then
        printf 'ZDT_PG_DIR=%q\nZDT_PG_URL=%q\n# stop with: scripts/postgres-test-server stop "$ZDT_PG_DIR"\n' \
            "$pg_dir" "$pg_url" >"$out/postgres.env"
        echo "run-all.sh: PostgreSQL left running: $repo/scripts/postgres-test-server stop $pg_dir" >&2
    else
        trap stop_pg EXIT
    fi
fi

args=(--out "$out" --python "$py")
[[ -n $pg_url ]] && args+=(--postgres-url "$pg_url")
set +e
"$py" "$here/run_all.py" "${args[@]}" "${pass[@]}"
rc=$?
set -e
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
printf 'run-all.sh: total %d.%03ds\n' $((elapsed / 1000)) $((elapsed % 1000))
exit $rc
