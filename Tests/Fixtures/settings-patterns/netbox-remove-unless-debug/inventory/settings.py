import sys
from pathlib import Path

from inventory import configuration

BASE_DIR = Path(__file__).resolve().parent.parent

ALLOWED_HOSTS = getattr(configuration, "ALLOWED_HOSTS")
DEBUG = getattr(configuration, "DEBUG", False)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "devtools",
    "blog",
    "shop",
]
if not DEBUG and "collectstatic" not in sys.argv:
    INSTALLED_APPS.remove("devtools")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
