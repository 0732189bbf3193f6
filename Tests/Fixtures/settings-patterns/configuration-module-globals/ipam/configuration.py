from pathlib import Path

ALLOWED_HOSTS = ["*"]

DATABASE = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": Path(__file__).resolve().parent.parent / "db.sqlite3",
}

PLUGINS = ["shop", "blog"]

FEATURE_REPORTS = True
