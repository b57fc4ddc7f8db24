"""`make run`: the demo site as residents see it in production — DEBUG off, so unknown URLs
and errors give the Chinese 404/500 pages, not Django's technical pages. Static files are
served by WhiteNoise straight from the app and project folders (no collectstatic), and the
demo images from MEDIA_ROOT. `make run-debug` uses `portal.settings.dev` (DEBUG on)."""

from .dev import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True  # edited CSS/JS show without a restart
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
