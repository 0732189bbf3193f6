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
python_cmd="$here/env.sh"
python_var=ZDT_REAL_APPS_PYTHON
select=--project
temp_prefix=zdt-real-apps
source "$here/../run-cells.sh"
