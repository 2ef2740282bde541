"""Settings shared by every environment. Values that differ come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

# Django's generic classes (ModelAdmin, Feed, ...) accept type arguments at runtime too, as
# mypy asks of them: `admin.ModelAdmin[Case]`.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LLAIS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-not-for-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "registers",
    "procurement",
    "waira",
    "rights_requests",
    "accountability",
    "oversight",
    "packs",
    "demo",  # last: it may import every app above, and none imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signing in (see the "Signing in" block below): who verified a second factor, sessions
    # that end when idle, and no page for a person who must verify before they have.
    "django_otp.middleware.OTPMiddleware",
    "core.accounts.middleware.session_timeout",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.accounts.middleware.second_factor_required",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "core.forms.GovUKFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
            ],
        },
    },
]

# The embedded default is SQLite, so `make run` needs no server; DATABASE_URL switches it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'llais.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out sign-in before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"

# History is for reading: a "revert" would rewrite a record with no timeline event (core/admin.py
# also refuses its POST, which simple-history does not check against this setting).
SIMPLE_HISTORY_REVERT_DISABLED = True
LOGOUT_REDIRECT_URL = "core:home"

# --- Signing in: passwords, lock-out, second factor, session length ----------------------------
# Passwords as the NCSC advises (Password administration for system owners): a long minimum so
# passphrases ("three random words") fit, a deny list of common passwords and of ones like the
# person's own name, and NO composition rules (no "a digit and a symbol": they make passwords
# harder to remember, not harder to guess) and NO forced expiry (nothing here ever asks for a
# change on a schedule). Django's all-digits rule is left out for the same reason.
PASSWORD_MIN_LENGTH = 12
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# django-axes throttles guessing: after AXES_FAILURE_LIMIT wrong passwords for one username
# (from any address, so also for that username from one address) the username is locked for
# AXES_COOLOFF_TIME, the right password included, on the sign-in page and the Django admin's
# alike. A username, not an address alone: a council's staff often share one address behind its
# gateway, and one person's typos must not lock out the whole building. Failures are kept in
# the database (axes' database handler), which works the same on PostgreSQL (tests and
# production) and SQLite (`make run`), with no shared cache to run. A failure while locked does
# not lengthen the lock, so the page can say truly when to try again; a successful sign-in
# clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# The username+address pair is listed as axes' own check (W006) asks; with one limit for both,
# the username alone always locks first.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "core.accounts.views.locked_out"

# django-otp: a second factor (an authenticator app's code, or a one-off recovery code) is
# required of administrators, oversight members, nominated contacts, competent agents and
# superusers (core.permissions.must_use_second_factor) and offered to everyone else.
OTP_TOTP_ISSUER = "Llais"

# Sessions end after SESSION_IDLE_TIMEOUT without a request and, however busy, after
# SESSION_COOKIE_AGE. Thirty idle minutes is the common choice for public services holding
# personal data (a desk left unlocked at lunch), long enough that reading a long assessment does
# not sign anyone out mid-page; twelve hours covers a long working day, so nobody signs in twice a
# day but no stolen cookie lasts a fortnight (Django's default age is 14 days).
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
# --- end of signing in -------------------------------------------------------------------------

# django-guardian: no anonymous user row; public pages never rely on object grants.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Cymraeg"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
MEDIA_ROOT = Path(os.environ.get("LLAIS_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "llais@localhost")
SITE_URL = os.environ.get("LLAIS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Open contracting (OCDS): every ocid begins with the publisher's prefix, registered with the
# Open Contracting Partnership. The default is the prefix of the standard's own worked examples,
# so data published with it is visibly not registered; set LLAIS_OCDS_OCID_PREFIX in production
# (docs/adr/0018-contract-clauses-and-open-contracting.md).
OCDS_OCID_PREFIX = os.environ.get("LLAIS_OCDS_OCID_PREFIX", "ocds-213czf")

# Celery: the embedded default is kombu's filesystem transport (no server); CELERY_BROKER_URL
# switches it to Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "control_folder": str(VAR_DIR / "broker" / "control"),
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# --- Cache and rate limits -------------------------------------------------------------------
# The public register's answers (registers/cache.py) and django-ratelimit's counts live in
# Django's cache. LLAIS_CACHE_URL points it at Redis, which every web process shares: production
# sets it to the stack's Redis (docker-compose.yml). django-redis keeps one Redis client per
# process (Django's own RedisCache builds a new one for every call, about 0.4 ms each, which
# halved the register's cached answers). Without it, each process caches in its own memory (make
# run, tests).
CACHE_URL = os.environ.get("LLAIS_CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "llais",
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # In front of Redis, each process keeps the register answers it served (registers/cache.py):
    # with the generation it holds (heard of, not asked for), a repeated answer asks Redis
    # nothing.
    "register-local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "register-local",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
RATELIMIT_USE_CACHE = "default"
# The public request form (no account; rights_requests/views/public.py): submissions per client
# address (REMOTE_ADDR) and confirmation emails per email address, as django-ratelimit rates.
PUBLIC_REQUEST_SUBMISSIONS_PER_ADDRESS = os.environ.get(
    "LLAIS_PUBLIC_REQUEST_SUBMISSIONS_PER_ADDRESS", "10/h"
)
PUBLIC_REQUEST_CONFIRMATIONS_PER_EMAIL = os.environ.get(
    "LLAIS_PUBLIC_REQUEST_CONFIRMATIONS_PER_EMAIL", "3/24h"
)

# Django REST framework serves only the public register's read-only API (registers/api.py), whose
# views open themselves to everyone. Anything else built on DRF is signed-in only by default.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Llais: the public register of AI systems used in decisions about workers",
    "DESCRIPTION": (
        "Read-only, no sign-in. Every entry in English and Welsh, with its change log "
        "(s.16 of the draft AI (Regulation and Employment Rights) Bill)."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "EntryStatusEnum": "registers.models.EntryStatus",
        "PublicStatusEnum": ["in-use", "planned", "ended"],
    },
}

# --- Strict response headers (every environment, so the tests see what production sends) ----
# Content-Security-Policy (django-csp 4): scripts and styles from Llais's own origin only. No page
# has an inline script, event handler or style (tests/cross_app/test_headers.py reads every
# template), so neither 'unsafe-inline' nor a nonce is needed; GOV.UK Frontend starts from
# static/js/. The Django admin's pages pass under the same policy (its scripts are files and its
# data sit in data- attributes; tests/browser/test_csp.py visits it), so it needs no policy of its
# own. PDFs are printed by WeasyPrint from templates/pdf/ and never reach a browser as HTML.
INSTALLED_APPS += ["csp"]  # its system checks refuse a policy written in the old 3.x shape
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],  # no data: images: neither GOV.UK Frontend nor the admin draws any
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS-only settings (HSTS, secure cookies, the redirect, the proxy header) are production's.
# --- end of strict response headers -------------------------------------------------------------

# The GOV.UK Frontend release the templates are written against (see package.json).
GOVUK_FRONTEND_STATIC = "vendor/govuk-frontend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; its warnings still show.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
