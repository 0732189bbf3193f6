from .common import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["localhost"]

INSTALLED_APPS.append("devtools")  # noqa: F405
