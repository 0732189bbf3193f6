"""django-split-settings main file: DJANGO_ENV picks the environment."""
from os import environ
from pathlib import Path

from split_settings.tools import include, optional

BASE_DIR = Path(__file__).resolve().parent.parent.parent

environ.setdefault("DJANGO_ENV", "development")
_ENV = environ["DJANGO_ENV"]

_base_settings = (
    "components/*.py",
    f"environments/{_ENV}.py",
    optional("environments/local.py"),
)

include(*_base_settings)
