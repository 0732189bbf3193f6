#!/usr/bin/env python3
"""Create a Django project that uses real third-party apps, the way its users create one.

Usage:
  generate.py OUTDIR --project NAME [--python PY] [--backend sqlite|postgres]
  generate.py --list                      print the project names, one a line

Projects:
  wagtail-site          `wagtail start mysite OUTDIR` with the pinned Wagtail (its real
                        scaffolding: settings package mysite/settings/{base,dev,production}.py,
                        manage.py defaulting to mysite.settings.dev, SQLite as shipped, the
                        `home` app with 0002_create_homepage's run_before on wagtailcore).
                        With --backend postgres it adds mysite/settings/local.py, the file
                        Wagtail's dev.py imports last for machine-specific settings, with
                        DATABASES read from DATABASE_URL by django-environ.
  cookiecutter-allauth  written here in the style of cookiecutter-django: config/settings/
                        {base,local,production}.py reading the environment with
                        django-environ, allauth (+ socialaccount and its GitHub provider),
                        django-oauth-toolkit, social-auth-app-django, and local apps with
                        a custom user model AUTH_USER_MODEL = "users.User".

PY is the python of the real-apps virtualenv (default: $ZDT_REAL_APPS_PYTHON, else env.sh
beside this script); only wagtail-site runs it. The rest of this script is stdlib only and
never imports Django.
"""

import argparse
import os
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent


def d(text):
    """Dedent a triple-quoted file body and drop the leading newline."""
    return textwrap.dedent(text).lstrip("\n")


def real_apps_python(explicit=None):
    if explicit:
        return explicit
    if os.environ.get("ZDT_REAL_APPS_PYTHON"):
        return os.environ["ZDT_REAL_APPS_PYTHON"]
    out = subprocess.run([str(HERE / "env.sh")], check=True, stdout=subprocess.PIPE, text=True)
    return out.stdout.strip()


def write(root, rel, text):
    path = Path(root) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- wagtail-site

WAGTAIL_LOCAL_POSTGRES = d('''
    """Settings for this machine (imported last by dev.py and production.py).

    The database comes from DATABASE_URL, e.g. postgres://user:password@host:5432/name.
    """
    import environ

    env = environ.Env()

    DATABASES = {"default": env.db("DATABASE_URL")}
''')


def generate_wagtail_site(outdir, backend, py):
    wagtail = Path(py).parent / "wagtail"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run([str(wagtail), "start", "mysite", str(outdir)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise SystemExit("generate.py: wagtail start failed:\n" + proc.stdout)
    if backend == "postgres":
        write(outdir, "mysite/settings/local.py", WAGTAIL_LOCAL_POSTGRES)


# --------------------------------------------------------------------------- cookiecutter-allauth

SLUG = "bookclub"

CC_MANAGE_PY = d('''
    #!/usr/bin/env python
    import os
    import sys
    from pathlib import Path

    if __name__ == "__main__":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

        try:
            from django.core.management import execute_from_command_line
        except ImportError:
            try:
                import django  # noqa: F401
            except ImportError:
                raise ImportError(
                    "Django is not importable: is the virtualenv active?"
                )
            raise

        # The apps live in bookclub/ next to this file.
        here = Path(__file__).resolve().parent
        sys.path.append(str(here / "bookclub"))

        execute_from_command_line(sys.argv)
''')

CC_BASE = d('''
    """Settings shared by every environment of the bookclub site."""
    from pathlib import Path

    import environ

    ROOT_DIR = Path(__file__).resolve(strict=True).parent.parent.parent
    # bookclub/
    APPS_DIR = ROOT_DIR / "bookclub"
    env = environ.Env()

    # A .env file is read only when asked to; in containers the variables come from outside.
    READ_DOT_ENV_FILE = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)
    if READ_DOT_ENV_FILE:
        env.read_env(str(ROOT_DIR / ".env"))

    # GENERAL
    # ------------------------------------------------------------------------------
    DEBUG = env.bool("DJANGO_DEBUG", False)
    TIME_ZONE = "UTC"
    LANGUAGE_CODE = "en-us"
    SITE_ID = 1
    USE_I18N = True
    USE_TZ = True
    LOCALE_PATHS = [str(ROOT_DIR / "locale")]

    # DATABASES
    # ------------------------------------------------------------------------------
    DATABASES = {
        "default": env.db("DATABASE_URL", default=f"sqlite:///{ROOT_DIR / 'db.sqlite3'}"),
    }
    DATABASES["default"]["ATOMIC_REQUESTS"] = True
    DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

    # URLS
    # ------------------------------------------------------------------------------
    ROOT_URLCONF = "config.urls"
    WSGI_APPLICATION = "config.wsgi.application"

    # APPS
    # ------------------------------------------------------------------------------
    DJANGO_APPS = [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.sites",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "django.contrib.humanize",
        "django.contrib.admin",
        "django.forms",
    ]
    THIRD_PARTY_APPS = [
        "allauth",
        "allauth.account",
        "allauth.socialaccount",
        "allauth.socialaccount.providers.github",
        "oauth2_provider",
        "social_django",
    ]
    LOCAL_APPS = [
        "bookclub.users",
        "bookclub.clubs",
    ]
    INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

    # MIGRATIONS
    # ------------------------------------------------------------------------------
    MIGRATION_MODULES = {"sites": "bookclub.contrib.sites.migrations"}

    # AUTHENTICATION
    # ------------------------------------------------------------------------------
    AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
        "social_core.backends.github.GithubOAuth2",
    ]
    AUTH_USER_MODEL = "users.User"
    LOGIN_REDIRECT_URL = "users:redirect"
    LOGIN_URL = "account_login"

    # PASSWORDS
    # ------------------------------------------------------------------------------
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ]
    AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    ]

    # MIDDLEWARE
    # ------------------------------------------------------------------------------
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "allauth.account.middleware.AccountMiddleware",
        "social_django.middleware.SocialAuthExceptionMiddleware",
    ]

    # STATIC / MEDIA
    # ------------------------------------------------------------------------------
    STATIC_ROOT = str(ROOT_DIR / "staticfiles")
    STATIC_URL = "/static/"
    STATICFILES_DIRS = [str(APPS_DIR / "static")]
    MEDIA_ROOT = str(APPS_DIR / "media")
    MEDIA_URL = "/media/"

    # TEMPLATES
    # ------------------------------------------------------------------------------
    TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(APPS_DIR / "templates")],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.debug",
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                    "social_django.context_processors.backends",
                ],
            },
        }
    ]
    FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

    # ADMIN
    # ------------------------------------------------------------------------------
    ADMIN_URL = "admin/"

    # django-allauth
    # ------------------------------------------------------------------------------
    ACCOUNT_ALLOW_REGISTRATION = env.bool("DJANGO_ACCOUNT_ALLOW_REGISTRATION", True)
    ACCOUNT_LOGIN_METHODS = {"email"}
    ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
    ACCOUNT_USER_MODEL_USERNAME_FIELD = None
    ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    SOCIALACCOUNT_PROVIDERS = {
        "github": {"SCOPE": ["user:email"]},
    }

    # django-oauth-toolkit
    # ------------------------------------------------------------------------------
    OAUTH2_PROVIDER = {
        "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
        "SCOPES": {"read": "Read scope", "write": "Write scope"},
    }
    # Named so that our own models can point at it (clubs.Club.client).
    OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

    # social-auth-app-django
    # ------------------------------------------------------------------------------
    SOCIAL_AUTH_GITHUB_KEY = env("SOCIAL_AUTH_GITHUB_KEY", default="")
    SOCIAL_AUTH_GITHUB_SECRET = env("SOCIAL_AUTH_GITHUB_SECRET", default="")
    SOCIAL_AUTH_USER_MODEL = AUTH_USER_MODEL
''')

CC_LOCAL = d('''
    """Settings for a developer's machine."""
    from .base import *  # noqa: F403
    from .base import INSTALLED_APPS
    from .base import env

    # GENERAL
    # ------------------------------------------------------------------------------
    DEBUG = True
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY",
        default="local-development-key-bookclub-not-used-anywhere-else",
    )
    ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]

    # EMAIL
    # ------------------------------------------------------------------------------
    EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

    # APPS
    # ------------------------------------------------------------------------------
    # An API for the mobile app, tried out locally first (switched on in .env).
    if env.bool("DJANGO_API_TOKENS", default=False):
        INSTALLED_APPS += ["rest_framework", "rest_framework.authtoken"]

    if DEBUG:
        # Two-factor login is being developed behind DEBUG.
        INSTALLED_APPS += ["allauth.mfa"]
''')

CC_PRODUCTION = d('''
    """Settings for the deployed site: everything secret comes from the environment."""
    from .base import *  # noqa: F403
    from .base import DATABASES
    from .base import INSTALLED_APPS
    from .base import env

    # GENERAL
    # ------------------------------------------------------------------------------
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["bookclub.example"])

    # DATABASES
    # ------------------------------------------------------------------------------
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

    # SECURITY
    # ------------------------------------------------------------------------------
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

    # APPS
    # ------------------------------------------------------------------------------
    INSTALLED_APPS += ["allauth.usersessions"]
    if env.bool("DJANGO_MFA", default=False):
        INSTALLED_APPS += ["allauth.mfa"]

    # EMAIL
    # ------------------------------------------------------------------------------
    DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="bookclub <noreply@bookclub.example>")
''')

CC_URLS = d('''
    from django.conf import settings
    from django.contrib import admin
    from django.urls import include, path

    urlpatterns = [
        path(settings.ADMIN_URL, admin.site.urls),
        path("accounts/", include("allauth.urls")),
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
        path("social/", include("social_django.urls", namespace="social")),
        path("users/", include("bookclub.users.urls", namespace="users")),
    ]
''')

CC_WSGI = d('''
    import os
    import sys
    from pathlib import Path

    from django.core.wsgi import get_wsgi_application

    BASE_DIR = Path(__file__).resolve(strict=True).parent.parent
    sys.path.append(str(BASE_DIR / "bookclub"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

    application = get_wsgi_application()
''')

CC_USERS_APPS = d('''
    from django.apps import AppConfig
    from django.utils.translation import gettext_lazy as _


    class UsersConfig(AppConfig):
        name = "bookclub.users"
        verbose_name = _("Users")
''')

CC_USERS_MODELS = d('''
    from django.contrib.auth.models import AbstractUser
    from django.db.models import CharField, EmailField
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from .managers import UserManager


    class User(AbstractUser):
        """A reader: logs in with an e-mail address, has one display name."""

        display_name = CharField(_("Display name"), blank=True, max_length=150)
        first_name = None  # type: ignore[assignment]
        last_name = None  # type: ignore[assignment]
        email = EmailField(_("email address"), unique=True)
        username = None  # type: ignore[assignment]

        USERNAME_FIELD = "email"
        REQUIRED_FIELDS = []

        objects = UserManager()

        def get_absolute_url(self) -> str:
            return reverse("users:detail", kwargs={"pk": self.id})
''')

CC_USERS_MANAGERS = d('''
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import UserManager as DjangoUserManager


    class UserManager(DjangoUserManager):
        """Users are found by e-mail address; there is no username."""

        def _create_user(self, email, password, **extra_fields):
            if not email:
                raise ValueError("An e-mail address is required")
            email = self.normalize_email(email)
            user = self.model(email=email, **extra_fields)
            user.password = make_password(password)
            user.save(using=self._db)
            return user

        def create_user(self, email, password=None, **extra_fields):
            extra_fields.setdefault("is_staff", False)
            extra_fields.setdefault("is_superuser", False)
            return self._create_user(email, password, **extra_fields)

        def create_superuser(self, email, password=None, **extra_fields):
            extra_fields.setdefault("is_staff", True)
            extra_fields.setdefault("is_superuser", True)
            return self._create_user(email, password, **extra_fields)
''')

CC_USERS_URLS = d('''
    from django.urls import path
    from django.views.generic import DetailView, RedirectView

    from .models import User

    app_name = "users"
    urlpatterns = [
        path("~redirect/", RedirectView.as_view(url="/"), name="redirect"),
        path("<int:pk>/", DetailView.as_view(model=User), name="detail"),
    ]
''')

CC_USERS_ADMIN = d('''
    from django.contrib import admin
    from django.contrib.auth import admin as auth_admin

    from .models import User


    @admin.register(User)
    class UserAdmin(auth_admin.UserAdmin):
        list_display = ["email", "display_name", "is_superuser"]
        search_fields = ["display_name", "email"]
        ordering = ["id"]
        fieldsets = (
            (None, {"fields": ("email", "password")}),
            ("Profile", {"fields": ("display_name",)}),
        )
        add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
''')

# As `manage.py makemigrations users` writes it (Django 5.2.19) for CC_USERS_MODELS.
CC_USERS_0001 = d('''
    # Generated by Django 5.2.19 on 2026-01-12 09:30

    import bookclub.users.managers
    import django.utils.timezone
    from django.db import migrations, models


    class Migration(migrations.Migration):

        initial = True

        dependencies = [
            ('auth', '0012_alter_user_first_name_max_length'),
        ]

        operations = [
            migrations.CreateModel(
                name='User',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('password', models.CharField(max_length=128, verbose_name='password')),
                    ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                    ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                    ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                    ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                    ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                    ('display_name', models.CharField(blank=True, max_length=150, verbose_name='Display name')),
                    ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                    ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                    ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                ],
                options={
                    'verbose_name': 'user',
                    'verbose_name_plural': 'users',
                    'abstract': False,
                },
                managers=[
                    ('objects', bookclub.users.managers.UserManager()),
                ],
            ),
        ]
''')

CC_CLUBS_APPS = d('''
    from django.apps import AppConfig


    class ClubsConfig(AppConfig):
        name = "bookclub.clubs"
        verbose_name = "Reading clubs"
''')

CC_CLUBS_MODELS = d('''
    from django.conf import settings
    from django.db import models


    class Club(models.Model):
        name = models.CharField(max_length=200)
        slug = models.SlugField(unique=True)
        organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organised_clubs")
        members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="clubs")
        client = models.OneToOneField("oauth2_provider.Application", null=True, blank=True, on_delete=models.SET_NULL)


    class Membership(models.Model):
        club = models.ForeignKey(Club, on_delete=models.CASCADE)
        user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        joined = models.DateTimeField(auto_now_add=True)

        class Meta:
            constraints = [models.UniqueConstraint(fields=["club", "user"], name="one_membership_per_reader")]


    class Meeting(models.Model):
        club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="meetings")
        starts_at = models.DateTimeField()
        book_title = models.CharField(max_length=300)
''')

# As `makemigrations clubs` writes them for CC_CLUBS_MODELS (0001 before Meeting was added,
# then `makemigrations clubs -n meeting`).
CC_CLUBS_0001 = d('''
    # Generated by Django 5.2.19 on 2026-01-12 09:31

    import django.db.models.deletion
    from django.conf import settings
    from django.db import migrations, models


    class Migration(migrations.Migration):

        initial = True

        dependencies = [
            migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            migrations.swappable_dependency(settings.OAUTH2_PROVIDER_APPLICATION_MODEL),
        ]

        operations = [
            migrations.CreateModel(
                name='Club',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200)),
                    ('slug', models.SlugField(unique=True)),
                    ('client', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.OAUTH2_PROVIDER_APPLICATION_MODEL)),
                    ('organiser', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='organised_clubs', to=settings.AUTH_USER_MODEL)),
                ],
            ),
            migrations.CreateModel(
                name='Membership',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('joined', models.DateTimeField(auto_now_add=True)),
                    ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='clubs.club')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                ],
            ),
            migrations.AddField(
                model_name='club',
                name='members',
                field=models.ManyToManyField(related_name='clubs', through='clubs.Membership', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddConstraint(
                model_name='membership',
                constraint=models.UniqueConstraint(fields=('club', 'user'), name='one_membership_per_reader'),
            ),
        ]
''')

CC_CLUBS_0002 = d('''
    # Generated by Django 5.2.19 on 2026-02-03 16:05

    import django.db.models.deletion
    from django.db import migrations, models


    class Migration(migrations.Migration):

        dependencies = [
            ('clubs', '0001_initial'),
        ]

        operations = [
            migrations.CreateModel(
                name='Meeting',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('starts_at', models.DateTimeField()),
                    ('book_title', models.CharField(max_length=300)),
                    ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='clubs.club')),
                ],
            ),
        ]
''')

# cookiecutter-django keeps django.contrib.sites' migrations in the project (MIGRATION_MODULES)
# to set the site's domain; these are written here in that spirit.
CC_SITES_0001 = d('''
    import django.contrib.sites.models
    from django.contrib.sites.models import _simple_domain_name_validator
    from django.db import migrations, models


    class Migration(migrations.Migration):

        dependencies = []

        operations = [
            migrations.CreateModel(
                name="Site",
                fields=[
                    ("id", models.AutoField(verbose_name="ID", serialize=False, auto_created=True, primary_key=True)),
                    ("domain", models.CharField(max_length=100, verbose_name="domain name", validators=[_simple_domain_name_validator])),
                    ("name", models.CharField(max_length=50, verbose_name="display name")),
                ],
                options={
                    "ordering": ["domain"],
                    "db_table": "django_site",
                    "verbose_name": "site",
                    "verbose_name_plural": "sites",
                },
                bases=(models.Model,),
                managers=[("objects", django.contrib.sites.models.SiteManager())],
            ),
        ]
''')

CC_SITES_0002 = d('''
    from django.contrib.sites.models import _simple_domain_name_validator
    from django.db import migrations, models


    class Migration(migrations.Migration):

        dependencies = [("sites", "0001_initial")]

        operations = [
            migrations.AlterField(
                model_name="site",
                name="domain",
                field=models.CharField(
                    max_length=100,
                    unique=True,
                    validators=[_simple_domain_name_validator],
                    verbose_name="domain name",
                ),
            ),
        ]
''')

CC_SITES_0003 = d('''
    """Point the default Site at the real domain (allauth builds its e-mail links from it)."""
    from django.conf import settings
    from django.db import migrations


    def _set_domain(apps, schema_editor, domain, name):
        Site = apps.get_model("sites", "Site")
        Site.objects.update_or_create(id=settings.SITE_ID, defaults={"domain": domain, "name": name})


    def forwards(apps, schema_editor):
        _set_domain(apps, schema_editor, "bookclub.example", "bookclub")


    def backwards(apps, schema_editor):
        _set_domain(apps, schema_editor, "example.com", "example.com")


    class Migration(migrations.Migration):

        dependencies = [("sites", "0002_alter_domain_unique")]

        operations = [migrations.RunPython(forwards, backwards)]
''')

CC_ENV_FILE = d('''
    # Read by config/settings/base.py when DJANGO_READ_DOT_ENV_FILE is true.
    # (Values already in the environment win.)
    DJANGO_API_TOKENS=on
    DJANGO_ACCOUNT_ALLOW_REGISTRATION=True
''')

CC_REQUIREMENTS = d('''
    django==5.2.19
    django-environ==0.14.0
    django-allauth[socialaccount,mfa]==65.22.1
    django-oauth-toolkit==3.4.1
    social-auth-app-django==8.0.0
    djangorestframework==3.18.3
    psycopg[binary]==3.3.9
''')


def generate_cookiecutter_allauth(outdir, backend, py):
    files = {
        "manage.py": CC_MANAGE_PY,
        ".env": CC_ENV_FILE,
        "requirements.txt": CC_REQUIREMENTS,
        "config/__init__.py": "",
        "config/settings/__init__.py": "",
        "config/settings/base.py": CC_BASE,
        "config/settings/local.py": CC_LOCAL,
        "config/settings/production.py": CC_PRODUCTION,
        "config/urls.py": CC_URLS,
        "config/wsgi.py": CC_WSGI,
        SLUG + "/__init__.py": '__version__ = "0.1.0"\n',
        SLUG + "/static/.gitkeep": "",
        SLUG + "/templates/.gitkeep": "",
        SLUG + "/contrib/__init__.py": "",
        SLUG + "/contrib/sites/__init__.py": "",
        SLUG + "/contrib/sites/migrations/__init__.py": "",
        SLUG + "/contrib/sites/migrations/0001_initial.py": CC_SITES_0001,
        SLUG + "/contrib/sites/migrations/0002_alter_domain_unique.py": CC_SITES_0002,
        SLUG + "/contrib/sites/migrations/0003_set_site_domain_and_name.py": CC_SITES_0003,
        SLUG + "/users/__init__.py": "",
        SLUG + "/users/apps.py": CC_USERS_APPS,
        SLUG + "/users/admin.py": CC_USERS_ADMIN,
        SLUG + "/users/managers.py": CC_USERS_MANAGERS,
        SLUG + "/users/models.py": CC_USERS_MODELS,
        SLUG + "/users/urls.py": CC_USERS_URLS,
        SLUG + "/users/migrations/__init__.py": "",
        SLUG + "/users/migrations/0001_initial.py": CC_USERS_0001,
        SLUG + "/clubs/__init__.py": "",
        SLUG + "/clubs/apps.py": CC_CLUBS_APPS,
        SLUG + "/clubs/models.py": CC_CLUBS_MODELS,
        SLUG + "/clubs/migrations/__init__.py": "",
        SLUG + "/clubs/migrations/0001_initial.py": CC_CLUBS_0001,
        SLUG + "/clubs/migrations/0002_meeting.py": CC_CLUBS_0002,
    }
    for rel, text in files.items():
        write(outdir, rel, text)
    os.chmod(Path(outdir) / "manage.py", 0o755)


# --------------------------------------------------------------------------- main

PROJECTS = {
    "wagtail-site": generate_wagtail_site,
    "cookiecutter-allauth": generate_cookiecutter_allauth,
}


def generate(outdir, project, backend="sqlite", py=None):
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()):
        raise SystemExit("generate.py: %s is not empty" % outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    if project == "wagtail-site":
        py = real_apps_python(py)
    PROJECTS[project](outdir, backend, py)
    (outdir / ".zdt-project").write_text(project + "\n", encoding="utf-8")
    return outdir


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--project", choices=sorted(PROJECTS))
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--python")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    if args.list:
        print("\n".join(PROJECTS))
        return 0
    if not (args.outdir and args.project):
        ap.error("OUTDIR and --project are required")
    generate(args.outdir, args.project, args.backend, args.python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
