"""Production: everything from the environment; refuses to start with unsafe values."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production settings.")
if (
    SECRET_KEY.startswith(("insecure", "django-insecure"))  # noqa: F405
    or len(SECRET_KEY) < 50  # noqa: F405
    or len(set(SECRET_KEY)) < 5  # noqa: F405
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters in production, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# X_FRAME_OPTIONS stays SAMEORIGIN (base settings): Wagtail's live preview frames our own
# pages; other sites still cannot frame them (CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W019"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
