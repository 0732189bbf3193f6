#!/usr/bin/env bash
# Ground truth for `zerodowntime plan` on real Django applications installed from PyPI
# (pretix, pretalx, nautobot, weblate): every project x state x backend, answered by real
# Django in the project's own virtualenv (see README.md beside this script).
#
# Usage: Tests/Fixtures/real-projects/run-all.sh [options]
#   --out DIR            where the cells go (default: a new mktemp -d); printed at the end
#   --postgres-url URL   use this server (its user must be allowed to CREATE DATABASE)
#   --no-postgres        SQLite only (nautobot and weblate have no SQLite cells)
#   --keep-postgres      leave the server this script started running (for the tests that
#                        read the cells next); DIR/postgres.env says how to reach and stop it
#   --project NAME       only this project (repeatable): pretix, pretalx, nautobot, weblate
#   --jobs N             parallel cells (default: nproc, at least 2)
#   --record             rewrite snapshot.json beside this script
#
# The virtualenvs come from env.sh beside this script (created on first use, minutes each).
# Without --postgres-url or --no-postgres it starts a throwaway server with
# scripts/postgres-test-server. When PostgreSQL is not installed the PostgreSQL cells are
# skipped with a loud message, unless ZDT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The driver is stdlib only; each project's Django runs in its own venv (env.sh PROJECT).
driver_python() { command -v "${PYTHON:-python3}"; }
python_cmd=driver_python
python_var=ZDT_REAL_PROJECTS_DRIVER
select=--project
temp_prefix=zdt-real-projects
source "$here/../run-cells.sh"
