import os
import uuid

import dj_database_url

from .base import *  # noqa: F403

# Tests run on PostgreSQL, never SQLite.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llais"),
    )
}
# Each run gets a test database of its own, so two runs against one server never collide.
# pytest-xdist's workers import these settings with the run's id in the environment (set by the
# first process to load them, inherited by the workers) and pytest-django adds `_gw<N>` to it.
os.environ.setdefault("LLAIS_TEST_RUN_ID", uuid.uuid4().hex[:8])
DATABASES["default"]["TEST"] = {"NAME": f"test_llais_{os.environ['LLAIS_TEST_RUN_ID']}"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# tests/cross_app/test_deadline_celery.py starts a real Celery worker with these settings and
# opts in to what it needs: emails written to files it reads, and tasks sent through Redis on a
# queue of its own (also those the worker queues itself) instead of run eagerly.
EMAIL_BACKEND = os.environ.get(
    "LLAIS_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("LLAIS_TEST_EMAIL_FILE_PATH")
CELERY_BROKER_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_TRANSPORT_OPTIONS = {}  # Redis needs none
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("LLAIS_TEST_CELERY_QUEUE", "celery")
CELERY_TASK_ALWAYS_EAGER = "LLAIS_TEST_CELERY_QUEUE" not in os.environ
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# django-axes narrates every failed sign-in at INFO and WARNING; the tests make hundreds.
AXES_VERBOSE = False
LOGGING = {**LOGGING, "loggers": {**LOGGING["loggers"], "axes": {"level": "ERROR"}}}  # type: ignore[dict-item]  # noqa: F405
