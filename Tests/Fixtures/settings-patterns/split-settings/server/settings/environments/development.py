DEBUG = True

INSTALLED_APPS += ("devtools",)  # noqa: F821
