import importlib
import os

from django.core.exceptions import ImproperlyConfigured

configuration = importlib.import_module(os.environ.get("IPAM_CONFIGURATION", "ipam.configuration"))

for parameter in ("ALLOWED_HOSTS", "DATABASE"):
    if not hasattr(configuration, parameter):
        raise ImproperlyConfigured(f"Required parameter {parameter} is missing from configuration.")

ALLOWED_HOSTS = getattr(configuration, "ALLOWED_HOSTS")
DATABASE = getattr(configuration, "DATABASE")
DATABASES = getattr(configuration, "DATABASES", {"default": DATABASE})
DEBUG = getattr(configuration, "DEBUG", False)
PLUGINS = getattr(configuration, "PLUGINS", [])

# Copy every FEATURE_* parameter the operator set.
for param in dir(configuration):
    if param.startswith("FEATURE_"):
        globals()[param] = getattr(configuration, param)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
]

if globals().get("FEATURE_REPORTS", False):
    INSTALLED_APPS.append("reports")

for plugin_name in PLUGINS:
    INSTALLED_APPS.extend([plugin_name])

    # Keep the last occurrence of each app.
    sorted_apps = reversed(list(dict.fromkeys(reversed(INSTALLED_APPS))))
    INSTALLED_APPS = list(sorted_apps)

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
