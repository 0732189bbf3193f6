#!/usr/bin/env bash
# The differential test against squawk (README.md beside this script): the virtualenv
# (env.sh), the real effect of every snippet when real-effect.json is stale (real_effect.py on
# a throwaway PostgreSQL server), then squawk and zerodowntime on every snippet (compare.py).
#
# Usage: Tests/Fixtures/squawk-differential/run.sh [options]
#   --recompute          measure the real effect again even when real-effect.json is fresh
#   --postgres-url URL   measure on this server (its user must be allowed to CREATE DATABASE)
#   --json OUT           compare.py's full comparison as JSON
#   --work DIR           keep the generated projects in DIR
#   --jobs N             parallel snippets (real effect: 2 by default; compare: nproc)
#
# Environment: ZDT_BINARY (default REPO/.build/debug/zerodowntime), ZDT_LOCKPROBE (default
# REPO/../shared/tools/lockprobe.py), ZDT_REQUIRE_POSTGRES=1 (CI: PostgreSQL missing when the
# real effect must be measured is a failure; it is one anyway, since nothing can be compared).
#
# Exit codes: compare.py's (0 zerodowntime right on at least as many snippets as squawk and on
# every transaction case, 1 not, 2 could not compare).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)

recompute=0 pg_url="" jobs=""
compare_args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --recompute) recompute=1; shift ;;
        --postgres-url) pg_url=$2; shift 2 ;;
        --json|--work) compare_args+=("$1" "$2"); shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

now() { date +%s%N; }
secs() { local ms=$(( ($(now) - $1) / 1000000 )); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }
start=$(now)

t=$(now)
py=$("$here/env.sh")
echo "run.sh: env $(secs "$t")" >&2

if [[ $recompute -eq 1 ]] || ! "$py" "$here/real_effect.py" --check-fresh; then
    t=$(now)
    [[ $recompute -eq 1 ]] || echo "run.sh: real-effect.json is stale: measuring the real effect again" >&2
    pg_dir=""
    stop_pg() {
        if [[ -n $pg_dir ]]; then
            "$repo/scripts/postgres-test-server" stop "$pg_dir" || true
            rm -rf "$pg_dir"
        fi
    }
    trap stop_pg EXIT
    if [[ -z $pg_url ]]; then
        pg_dir=$(mktemp -d /tmp/zdt-pg.XXXXXX)
        set +e
        pg_url=$("$repo/scripts/postgres-test-server" start "$pg_dir")
        rc=$?
        set -e
        if [[ $rc -ne 0 ]]; then
            rm -rf "$pg_dir"
            pg_dir=""
            if [[ ${ZDT_REQUIRE_POSTGRES:-0} == 1 ]]; then
                echo "run.sh: PostgreSQL is required (ZDT_REQUIRE_POSTGRES=1) but could not be started (exit $rc)" >&2
            else
                echo "run.sh: PostgreSQL could not be started (exit $rc) and real-effect.json is stale: nothing to compare against" >&2
            fi
            exit 2
        fi
    fi
    "$py" "$here/real_effect.py" --postgres-url "$pg_url" ${jobs:+--jobs "$jobs"}
    stop_pg
    pg_dir=""
    echo "run.sh: real effect $(secs "$t")" >&2
else
    echo "run.sh: real-effect.json is fresh" >&2
fi

t=$(now)
set +e
"$py" "$here/compare.py" --squawk "$(dirname "$py")/squawk" ${jobs:+--jobs "$jobs"} "${compare_args[@]}"
rc=$?
set -e
echo "run.sh: compare $(secs "$t")" >&2
echo "run.sh: total $(secs "$start")" >&2
exit $rc
