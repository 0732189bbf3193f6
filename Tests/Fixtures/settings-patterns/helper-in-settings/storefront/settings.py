import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def get_list(text):
    return [item.strip() for item in text.split(",") if item]


def get_bool_from_env(name, default_value):
    """True for "true" (any case) or "1"; anything else set is False."""
    value = os.environ.get(name)
    if value is None:
        return default_value
    return value.lower() in ("true", "1")


# Defaults to True for developers; every deployment sets DEBUG=False.
DEBUG = get_bool_from_env("DEBUG", True)

ALLOWED_HOSTS = get_list(os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1"))

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
]

if DEBUG:
    INSTALLED_APPS += ["devtools"]

ENABLE_SHOP = get_bool_from_env("ENABLE_SHOP", False)
if ENABLE_SHOP:
    INSTALLED_APPS += [
        "shop",
    ]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
