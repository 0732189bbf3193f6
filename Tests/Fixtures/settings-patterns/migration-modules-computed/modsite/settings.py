import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
    "shop",
    "metrics",
]

# blog's history moved out of blog/migrations (which still holds a stale copy).
RELOCATED = ["blog"]
MIGRATION_MODULES = {label: f"modsite.schema.{label}" for label in RELOCATED}

if os.environ.get("MODSITE_SKIP_METRICS_MIGRATIONS", "1") == "1":
    MIGRATION_MODULES["metrics"] = None

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
