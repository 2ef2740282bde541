"""Settings for the gunicorn server `make bench` measures: the test settings, plus one trivial
view on the same server to compare the register's pages with (bench/urls.py).

With BENCH_CACHE_URL (a Redis address), the server's workers share one cache, as in production
(docker-compose.yml points LLAIS_CACHE_URL at Redis), under a key prefix of the server's own
(BENCH_CACHE_PREFIX, new for each server bench/register.py starts), so no answer cached by an
earlier run or another bench is ever read (the CSV measurement, run without a server, uses
"llais-bench"). Without it each worker caches in its own memory."""

import os

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": True}
if os.environ.get("BENCH_CACHE_URL"):
    CACHES = {
        **CACHES,  # noqa: F405
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["BENCH_CACHE_URL"],
            "KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "llais-bench"),
        },
    }
