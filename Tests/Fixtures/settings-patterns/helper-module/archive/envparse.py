"""Small parsers for settings read from the environment."""
import os


def str_to_bool(value):
    lowered = value.strip().lower()
    if lowered in ("true", "1", "t", "y", "yes"):
        return True
    elif lowered in ("false", "0", "f", "n", "no"):
        return False
    raise ValueError(f"Cannot convert {value!r} to a boolean.")


def get_bool_from_env(key, default="NO"):
    return str_to_bool(os.getenv(key, default))


def get_list_from_env(key, separator=",", default=None, *, strip_whitespace=True, remove_empty=True):
    env_value = os.environ.get(key)
    if env_value:
        items = env_value.split(separator)
        if strip_whitespace:
            items = [item.strip() for item in items]
        if remove_empty:
            items = [item for item in items if item]
        return items
    elif default is not None:
        return default
    else:
        return []


def get_choice_from_env(key, choices, default=None):
    value = os.environ.get(key, default)
    if value is not None and value not in choices:
        raise ValueError(f"{key} must be one of {sorted(choices)}, not {value!r}")
    return value


def parse_db_settings(data_dir):
    engine = get_choice_from_env("ARCHIVE_DBENGINE", {"sqlite", "postgresql"})
    if engine is None:
        engine = "postgresql" if "ARCHIVE_DBHOST" in os.environ else "sqlite"
    match engine:
        case "sqlite":
            return {
                "default": {
                    "ENGINE": "django.db.backends.sqlite3",
                    "NAME": str((data_dir / "db.sqlite3").resolve()),
                }
            }
        case _:
            return {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "HOST": os.environ["ARCHIVE_DBHOST"],
                    "NAME": os.getenv("ARCHIVE_DBNAME", "archive"),
                }
            }
