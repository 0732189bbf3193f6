# Site-specific overrides, kept out of version control in real deployments.
from pathlib import Path

ENABLE_SHOP = True

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path(__file__).resolve().parent.parent / "local.sqlite3",
    }
}
