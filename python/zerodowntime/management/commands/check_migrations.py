import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.connection import ConnectionDoesNotExist

from zerodowntime import executable
from zerodowntime.django_project import (
    applied_migrations_document,
    default_database_alias,
    project_directory,
    server_version,
    settings_module,
    table_sizes,
)


class Command(BaseCommand):
    help = (
        "Judge every pending migration operation for a deploy without downtime. The applied "
        "migrations, the database vendor and its server version come from Django's own connection "
        "(--database); the zerodowntime binary reads the migration files and judges them. "
        "Exit codes: 0 safe, 1 unsafe operations found, 2 the check could not be completed."
    )
    # The check reads migration files and one table; a project whose system checks fail still
    # deserves to know whether its migrations are safe.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            help="The connection whose applied migrations count (default: CHECK_MIGRATIONS when "
            "DATABASES defines it, as in the original django-zerodowntime, else 'default').",
        )
        parser.add_argument("--format", help="text (default), json, sarif or github.")
        parser.add_argument("--policy", help="recommended (default) or original (django-zerodowntime 0.3.0's verdicts).")
        parser.add_argument("--target", help="Judge for this database instead of the connected one: postgresql@16, mysql@8, sqlite.")
        parser.add_argument("--fail-on", dest="fail_on", help="The lowest severity that fails the check: error (default) or warning.")
        parser.add_argument("--config", help="A TOML file with a [tool.zerodowntime] table (default: the nearest pyproject.toml).")
        parser.add_argument("--quiet", "-q", action="store_true", help="Print only the findings' first lines and the summary.")
        parser.add_argument("--verbose", action="store_true", help="Also print ignored findings and how the plan was decided.")
        parser.add_argument(
            "--write-stats", dest="write_stats", metavar="FILE",
            help="Write the size of every table of the connection (PostgreSQL) to FILE, for "
            "`zerodowntime check-migrations --stats-file FILE` where production cannot be reached; check nothing.",
        )
        sources = parser.add_mutually_exclusive_group()
        sources.add_argument("--since", metavar="REF", help="Check the migrations added or changed since this git ref (no database).")
        sources.add_argument("--staged", action="store_true", help="Check the migrations staged for commit (no database).")
        sources.add_argument("--all", action="store_true", help="Check every migration, as for a fresh database (no database).")
        parser.add_argument(
            "args", nargs="*", metavar="OPTION",
            help="Further options for `zerodowntime check-migrations`, after --.",
        )

    def handle(self, *args, **options):
        if options["write_stats"]:
            return self.write_stats(options["database"], options["write_stats"])
        arguments = ["check-migrations", "--project", project_directory(), "--python", sys.executable]
        module = settings_module()
        if module:
            arguments += ["--settings", module]
        for name in ("format", "policy", "target", "fail_on", "config", "since"):
            if options[name] is not None:
                arguments += ["--" + name.replace("_", "-"), options[name]]
        for name in ("quiet", "verbose", "staged", "all"):
            if options[name]:
                arguments.append("--" + name)
        arguments += args

        input_text = None
        if options["since"] is not None or options["staged"] or options["all"]:
            if options["database"]:
                raise CommandError("--database reads a database; --since, --staged and --all do not", returncode=2)
        else:
            document = self.applied_migrations(options["database"])
            if options["verbosity"] > 0:
                self.stderr.write(f"check_migrations: applied migrations from {document['description']}")
            arguments += ["--applied-from", "-"]
            input_text = json.dumps(document)

        try:
            code = executable.run(
                arguments, input_text=input_text, stdout=self.stdout, stderr=self.stderr,
                extra_environment={"NO_COLOR": "1"} if options["no_color"] else None,
            )
        except executable.ExecutableNotFound as error:
            raise CommandError(str(error), returncode=2) from None
        if code:
            # BaseCommand would exit 0 after handle() returns: the binary's code is the answer.
            raise SystemExit(code)

    def write_stats(self, alias, path):
        from django.db import connections

        connection = connections[self.checked_alias(alias)]
        if connection.vendor != "postgresql":
            raise CommandError(f"--write-stats reads PostgreSQL's catalog; this connection is {connection.vendor}", returncode=2)
        try:
            document = {"tables": table_sizes(connection), "vendor": connection.vendor, "version": server_version(connection)}
        except DatabaseError as error:
            raise CommandError(f"cannot read the table sizes: {error}", returncode=2) from None
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=True)
            handle.write("\n")
        self.stderr.write(f"check_migrations: wrote the sizes of {len(document['tables'])} tables to {path}")

    def checked_alias(self, alias):
        if alias is None:
            alias = default_database_alias()
        if alias not in settings.DATABASES:
            raise CommandError(
                f"DATABASES has no '{alias}' alias (it has {', '.join(sorted(settings.DATABASES))})", returncode=2
            )
        return alias

    def applied_migrations(self, alias):
        alias = self.checked_alias(alias)
        try:
            return applied_migrations_document(alias)
        except (DatabaseError, ConnectionDoesNotExist) as error:
            raise CommandError(
                f"cannot read the applied migrations from Django connection '{alias}': {error}", returncode=2
            ) from None
