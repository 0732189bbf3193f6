#!/usr/bin/env bash
# What django-plan/run-all.sh and real-apps/run-all.sh share: their options, a throwaway
# PostgreSQL server (scripts/postgres-test-server) unless told otherwise, and run_all.py of the
# calling fixture with the virtualenv's python. Sourced by those scripts after they set:
#   here          the fixture's directory (holding run_all.py)
#   python_cmd    the command that prints the virtualenv's python
#   python_var    the environment variable that hands that python to the fixture's scripts
#   select        the option that picks a subset (--scenario, --project)
#   temp_prefix   mktemp's prefix for the default --out
set -euo pipefail

repo=$(cd "$here/../../.." && pwd)

out="" pg_url="" no_pg=0 keep_pg=0
pass=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --postgres-url) pg_url=$2; shift 2 ;;
        --no-postgres) no_pg=1; shift ;;
        --keep-postgres) keep_pg=1; shift ;;
        "$select"|--jobs) pass+=("$1" "$2"); shift 2 ;;
        --record) pass+=("$1"); shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "run-all.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

start=$(date +%s%N)
py=$("$python_cmd")
export "$python_var=$py"
[[ -n $out ]] || out=$(mktemp -d "/tmp/$temp_prefix.XXXXXX")
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
