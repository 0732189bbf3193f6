from .common import *  # noqa: F403

if not os.getenv("DJANGO_DB_NAME"):  # noqa: F405  (os comes from the star import)
    raise ValueError("You must set DJANGO_DB_NAME in deployed environments.")

ALLOWED_HOSTS = [
    "www.djangoproject.example",
] + SECRETS.get("allowed_hosts", [])  # noqa: F405

DEBUG = os.getenv("DJANGO_DEBUG", "false").lower() == "true"  # noqa: F405
