"""Settings for the gunicorn server `make bench` measures: the test settings, plus one trivial
view on the same server to compare the register's pages with (bench/urls.py)."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": True}
