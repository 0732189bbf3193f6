import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_NAME = "builder"
ENVIRONMENT = os.environ.get("BUILDER_ENV", "production")

DJANGO_APPS = (
    "django.contrib.contenttypes",
    "django.contrib.auth",
)
LOCAL_APP_NAMES = ["blog", "shop", "metrics"]
DISABLED_APPS = {"metrics"}

INSTALLED_APPS = list(DJANGO_APPS)
INSTALLED_APPS.extend(f"apps.{name}" for name in LOCAL_APP_NAMES if name not in DISABLED_APPS)
INSTALLED_APPS.insert(0, "apps.reports")
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.sessions"]

DATABASES = {}
DATABASES.setdefault("default", {"ENGINE": "django.db.backends.sqlite3"})
DATABASES["default"].update(NAME=BASE_DIR / f"{PROJECT_NAME}-{ENVIRONMENT}.sqlite3")

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
