# Settings shared by every environment
import json
import os
from pathlib import Path

PROJECT_PACKAGE = Path(__file__).resolve().parent.parent

# The full path to the repository root.
BASE_DIR = PROJECT_PACKAGE.parent

data_dir_key = "DJANGOPROJECT_DATA_DIR"
DATA_DIR = Path(os.environ[data_dir_key]) if data_dir_key in os.environ else BASE_DIR

try:
    with (DATA_DIR / "conf" / "secrets.json").open() as handle:
        SECRETS = json.load(handle)
except OSError:
    SECRETS = {
        "secret_key": "a",
    }

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / os.getenv("DJANGO_DB_NAME", "djangoproject.sqlite3"),
    },
}

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
    "shop",
]

if os.getenv("DJANGO_SPOOKY_MODE"):
    INSTALLED_APPS.insert(0, "devtools")

SECRET_KEY = str(SECRETS["secret_key"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
