"""Production settings: everything comes from the environment."""
import environ

from .settings_global import *  # noqa: F403

env = environ.Env(
    # set casting, default value
    DJANGO_DEBUG=(bool, False)
)

DEBUG = env("DJANGO_DEBUG")

if os.environ.get("DATABASE_URI"):  # noqa: F405  (os comes from the star import)
    DATABASES = {"default": env.db_url("DATABASE_URI")}
else:
    DATABASES = {
        "default": {
            "ENGINE": env.str("DJANGO_DB_ENGINE", "django.db.backends.sqlite3"),
            "NAME": env.str("DJANGO_DB_DATABASE", str(BASE_DIR / "db.sqlite3")),  # noqa: F405
        }
    }

if DEBUG:
    INSTALLED_APPS += ["devtools"]  # noqa: F405

EXTRA_PLUGINS = env.list("EXTRA_PLUGINS", default=[])
if EXTRA_PLUGINS:
    INSTALLED_APPS += [f"plugins.{p}" for p in EXTRA_PLUGINS]  # noqa: F405

if env.bool("ENABLE_REPORTS", False) and not TESTING:  # noqa: F405
    INSTALLED_APPS.append("reports")  # noqa: F405
