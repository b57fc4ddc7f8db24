"""Production: everything from the environment; refuses to start with unsafe values."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

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

# Page purges (publish, withdraw), the shared menu and site, rate limits and login lockouts live
# in the cache. Per-process memory (no REDIS_URL) is one cache per gunicorn worker: a purge would
# reach one worker only, the others serving stale pages for up to PAGE_CACHE_SECONDS, and every
# limit would be multiplied by the number of workers.
WEB_WORKERS = env_int("WEB_WORKERS", 1)
if WEB_WORKERS > 1 and not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        f"WEB_WORKERS={WEB_WORKERS} needs a cache the workers share: set REDIS_URL "
        "(purges, rate limits and login lockouts would otherwise hold in one worker only)."
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
    # The Elasticsearch client logs every request at INFO (two lines per search): its
    # warnings and errors (a failed or retried request) are what an operator needs.
    "loggers": {"elastic_transport": {"level": "WARNING"}},
}

# Outgoing mail (residents' confirmation and progress mails, staff notifications, 督办
# reminders) through an SMTP relay. EMAIL_USE_TLS is STARTTLS (usually port 587),
# EMAIL_USE_SSL is implicit TLS (465): one or neither. The timeout keeps a hung mail server
# from blocking a task worker; failed mails are retried by the task queue.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
# By default noreply@ the first ALLOWED_HOSTS name (a mail from "webmaster@localhost", Django's
# default, is refused by most receiving servers).
_MAIL_DOMAIN = next((h.lstrip(".") for h in ALLOWED_HOSTS if h != "*"), "localhost")  # noqa: F405
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"noreply@{_MAIL_DOMAIN}")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
