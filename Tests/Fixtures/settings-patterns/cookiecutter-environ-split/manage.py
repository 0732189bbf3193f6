#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

    from django.core.management import execute_from_command_line

    # Apps inside the inner myproj/ directory are importable by their short name.
    current_path = Path(__file__).parent.resolve()
    sys.path.append(str(current_path / "myproj"))

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
