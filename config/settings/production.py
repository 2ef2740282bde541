"""Production: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

# X-Forwarded-Proto is believed only behind the reverse proxy docker-compose.yml defines (deploy/
# Caddyfile): it is the only way in (the web service publishes no port) and it overwrites whatever
# X-Forwarded-Proto a client sends. Compose sets LLAIS_BEHIND_PROXY for the web service alone;
# anywhere else a client could send the header itself and pass for HTTPS, so it is not trusted.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("LLAIS_BEHIND_PROXY", False) else None
)
# Behind that proxy every request comes from the proxy's address; the client's is the one address
# Caddy writes into X-Forwarded-For (it ignores what a client sends there, having no trusted
# proxies), so the public form's per-address limit counts people, not the proxy.
if SECURE_PROXY_SSL_HEADER is not None:
    RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS for a year, subdomains included and ready for the browsers' preload list, as the GOV.UK
# Service Manual asks of a public service's domain. Served from a subdomain it binds only that
# subdomain's own subdomains; an operator whose parent domain cannot yet go HTTPS-only switches
# the two flags off in the environment (and check --deploy then says so).
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
