INSTALLED_APPS: tuple[str, ...] = (
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "blog",
)
