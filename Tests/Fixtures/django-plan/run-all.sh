#!/usr/bin/env bash
# Ground truth for `zerodowntime plan`: every scenario x state x backend, answered by
# real Django (see README.md beside this script).
#
# Usage: Tests/Fixtures/django-plan/run-all.sh [options]
#   --out DIR            where the cells go (default: a new mktemp -d); printed at the end
#   --postgres-url URL   use this server (its user must be allowed to CREATE DATABASE)
#   --no-postgres        SQLite only
#   --keep-postgres      leave the server this script started running (for the tests that
#                        read the cells next); DIR/postgres.env says how to reach and stop it
#   --scenario NAME      only this scenario (repeatable)
#   --jobs N             parallel cells (default: 2 x nproc; each cell waits on subprocesses)
#   --record             rewrite snapshot.json and errors.json beside this script
#
# Without --postgres-url or --no-postgres it starts a throwaway server with
# scripts/postgres-test-server. When PostgreSQL is not installed the PostgreSQL cells are
# skipped with a loud message, unless ZDT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python_cmd="$(cd "$here/../../.." && pwd)/scripts/django-env"
python_var=ZDT_DJANGO_PYTHON
select=--scenario
temp_prefix=zdt-django-plan
source "$here/../run-cells.sh"
