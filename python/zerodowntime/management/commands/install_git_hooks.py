# The original django-zerodowntime's name for insert_git_hooks.
from zerodowntime.management.commands.insert_git_hooks import Command  # noqa: F401
