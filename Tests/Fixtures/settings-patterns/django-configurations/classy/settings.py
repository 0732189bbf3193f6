from pathlib import Path

from configurations import Configuration, values

BASE_DIR = Path(__file__).resolve().parent.parent


class Base(Configuration):
    SECRET_KEY = "settings-pattern-fixture"
    DEBUG = values.BooleanValue(False)
    DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
    USE_TZ = True

    INSTALLED_APPS = [
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "blog",
    ]

    DATABASES = values.DatabaseURLValue(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")

    ENABLE_METRICS = values.BooleanValue(False)


class Dev(Base):
    DEBUG = True

    @property
    def INSTALLED_APPS(self):
        return Base.INSTALLED_APPS + ["devtools"]


class Prod(Base):
    @property
    def INSTALLED_APPS(self):
        apps = Base.INSTALLED_APPS + ["shop"]
        if self.ENABLE_METRICS:
            apps.append("metrics")
        return apps
