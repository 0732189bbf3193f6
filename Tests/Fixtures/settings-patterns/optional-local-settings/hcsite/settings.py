from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

INSTALLED_APPS = (
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
)

ENABLE_SHOP = False

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True

# Read additional configuration from hcsite/local_settings.py if it exists
if (BASE_DIR / "hcsite/local_settings.py").exists():
    from .local_settings import *  # noqa: F403

try:
    from .local_overrides import *  # noqa: F403
except ImportError:
    pass

if ENABLE_SHOP:
    INSTALLED_APPS += ("shop",)

if globals().get("ENABLE_DEVTOOLS"):
    INSTALLED_APPS += ("devtools",)
