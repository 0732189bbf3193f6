"""zerodowntime: judge Django migrations for zero-downtime deploys.

The checking is done by the `zerodowntime` binary this package installs; as a Django app
(`"zerodowntime"` in INSTALLED_APPS) it adds `manage.py check_migrations`, `insert_git_hooks`
and `install_git_hooks` in front of it.
"""
