"""Test settings: fast hashing, plain static storage, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PAGE_CACHE_SECONDS = 0  # tests about the page cache turn it on themselves
ADMIN_2FA_REQUIRED = False  # the two-factor tests turn it on
PORTAL_RATE_LIMITS = PORTAL_RATE_LIMITS | {"api": "100000/m"}  # noqa: F405 - the API test sets its own
