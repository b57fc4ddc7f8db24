"""Local development: the embedded default (SQLite, local-memory cache, embedded search)."""

from .base import *  # noqa: F403
from .env import env_bool, env_int

DEBUG = env_bool("DEBUG", True)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)  # demo logins work without a phone
