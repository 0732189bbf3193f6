DEBUG = False

INSTALLED_APPS += ("shop",)  # noqa: F821
