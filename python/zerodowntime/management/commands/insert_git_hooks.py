import sys

from django.core.management.base import BaseCommand, CommandError

from zerodowntime import executable
from zerodowntime.django_project import project_directory


class Command(BaseCommand):
    help = (
        "Add the migration check to the repository's commit-msg hook (or remove it with "
        "--uninstall): a commit whose staged migrations are unsafe is refused unless its message "
        "says [allow-unsafe-migrations]. Runs `zerodowntime insert-git-hooks` for this project."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--uninstall", action="store_true", help="Remove zerodowntime's block from the hook.")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be written, change nothing.")

    def handle(self, *args, **options):
        # The hook runs outside this process: record the interpreter, so the project's
        # virtualenv is found wherever it lives.
        arguments = ["insert-git-hooks", "--project", project_directory(), "--python", sys.executable]
        if options["uninstall"]:
            arguments.append("--uninstall")
        if options["dry_run"]:
            arguments.append("--dry-run")
        try:
            code = executable.run(arguments, stdout=self.stdout, stderr=self.stderr)
        except executable.ExecutableNotFound as error:
            raise CommandError(str(error), returncode=2) from None
        if code:
            raise SystemExit(code)
