import os
import socket
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# The developer's machine gets DEBUG.
DEBUG = socket.gethostname() == "devbox"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
]

if DEBUG:
    INSTALLED_APPS.append("devtools")

# Hosts that carry a marker file also collect metrics.
for path in [os.getenv("LAB_MARKER_FILE"), "/etc/zdt-settings-fixture/enable-metrics"]:
    if path and Path(path).exists():
        INSTALLED_APPS.append("metrics")
        break

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

SECRET_KEY = "settings-pattern-fixture"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
