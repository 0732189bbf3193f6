import json
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

with open(BASE_DIR / "deploy.json", encoding="utf-8") as fh:
    DEPLOY = json.load(fh)

# Every upper-case key of "settings" becomes a setting.
locals().update({key: value for key, value in DEPLOY.get("settings", {}).items() if key.isupper()})

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
] + [name for name, enabled in DEPLOY["features"].items() if enabled]

INSTALLED_APPS += EXTRA_APPS  # noqa: F821  (defined by locals().update above)

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
