from pathlib import Path

from archive.envparse import get_bool_from_env
from archive.envparse import get_list_from_env
from archive.envparse import parse_db_settings

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = get_bool_from_env("ARCHIVE_DEBUG", "NO")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
]

if DEBUG:
    INSTALLED_APPS.append("devtools")

for app in get_list_from_env("ARCHIVE_EXTRA_APPS"):
    if app not in INSTALLED_APPS:
        INSTALLED_APPS.append(app)

if get_bool_from_env("ARCHIVE_METRICS_ENABLED", default="no"):
    INSTALLED_APPS.append("metrics")

DATABASES = parse_db_settings(BASE_DIR)

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
