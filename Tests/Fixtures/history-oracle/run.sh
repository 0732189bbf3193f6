#!/usr/bin/env bash
# The history oracle: walk the migration histories of real third-party Django apps one
# migration at a time on a real PostgreSQL server (oracle.py), then compare what each
# migration really did with what `zerodowntime check-migrations` says about it (judge.py).
# See README.md beside this script.
#
# Usage: Tests/Fixtures/history-oracle/run.sh [options]
#   --postgres-url URL   use this server (its user must be allowed to CREATE DATABASE);
#                        default: a throwaway server from scripts/postgres-test-server
#   --binary BIN         the zerodowntime to judge (default REPO/.build/debug/zerodowntime)
#   --jobs N             checks run at a time (default 2)
#   --out DIR            where observed.json, judged.json and the logs go (default: a new
#                        mktemp -d); printed at the end
#   --observed FILE      skip the walk: judge this observed.json (no server needed)
#   --exact              one check per migration (see judge.py)
#
# The virtualenv comes from env.sh beside this script (created on first use, ~2 minutes).
# When PostgreSQL is not installed the run is skipped with a loud message (exit 0), unless
# ZDT_REQUIRE_POSTGRES=1 (CI), where that is a failure. Exit 1 when judge.py finds a
# disagreement that allowlist.json does not list, or the walk fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)

out="" pg_url="" binary="$repo/.build/debug/zerodowntime" jobs=2 observed="" exact=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --postgres-url) pg_url=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --observed) observed=$2; shift 2 ;;
        --exact) exact=(--exact); shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -x $binary ]] || { echo "run.sh: no zerodowntime binary at $binary (build it, or pass --binary)" >&2; exit 2; }

now() { date +%s%N; }
secs() { local ms=$(( ($2 - $1) / 1000000 )); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }
start=$(now)

t0=$(now)
py=$("$here/env.sh")
t_env=$(secs "$t0" "$(now)")

[[ -n $out ]] || out=$(mktemp -d /tmp/zdt-history-oracle.XXXXXX)
mkdir -p "$out"
out=$(cd "$out" && pwd)

t_walk="(skipped)"
if [[ -z $observed ]]; then
    pg_dir=""
    stop_pg() {
        if [[ -n $pg_dir ]]; then
            "$repo/scripts/postgres-test-server" stop "$pg_dir" || true
            rm -rf "$pg_dir"
        fi
    }
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
                exit 1
            fi
            echo "run.sh: ************************************************************" >&2
            echo "run.sh: PostgreSQL could not be started (exit $rc): SKIPPING the history oracle" >&2
            echo "run.sh: ************************************************************" >&2
            exit 0
        fi
        trap stop_pg EXIT
    fi

    # A fresh database of its own on that server.
    db="zdt_history_oracle_$$_$(date +%s)"
    base=${pg_url%/*}
    "$py" - "$pg_url" "$db" <<'PYEOF'
import sys
import psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
    observed="$out/observed.json"
    t0=$(now)
    set +e
    (cd "$here/project" && DATABASE_URL="$base/$db" PYTHONDONTWRITEBYTECODE=1 \
        DJANGO_SETTINGS_MODULE=oracle_project.settings \
        "$py" "$here/oracle.py" --out "$observed" 2> >(tee "$out/oracle.log" | grep --line-buffered -v -e treebeard -e '^$' >&2))
    rc=$?
    set -e
    t_walk=$(secs "$t0" "$(now)")
    if [[ -n $pg_dir ]]; then
        stop_pg
        pg_dir=""
    else
        "$py" - "$pg_url" "$db" <<'PYEOF' || true
import sys
import psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
PYEOF
    fi
    if [[ $rc -ne 0 ]]; then
        echo "run.sh: oracle.py failed (exit $rc); see $out/oracle.log" >&2
        [[ -f $observed ]] || exit 1
    fi
fi

t0=$(now)
set +e
python3 "$here/judge.py" --observed "$observed" --python "$py" --binary "$binary" --jobs "$jobs" \
    --json "$out/judged.json" --keep-findings "$out/findings.json" "${exact[@]}" | tee "$out/judge.txt"
judge_rc=${PIPESTATUS[0]}
set -e
t_judge=$(secs "$t0" "$(now)")

echo "run.sh: env $t_env, oracle walk $t_walk, judge $t_judge, total $(secs "$start" "$(now)")"
echo "run.sh: results in $out"
if [[ ${rc:-0} -ne 0 ]]; then exit 1; fi
exit "$judge_rc"
