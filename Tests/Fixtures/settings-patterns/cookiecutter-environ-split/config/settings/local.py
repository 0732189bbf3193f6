from .base import *  # noqa: F403
from .base import INSTALLED_APPS
from .base import env

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-only")

INSTALLED_APPS = ["devtools", *INSTALLED_APPS]
