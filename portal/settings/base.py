"""Settings shared by every environment. Site-specific and secret values come from the
environment (see README.md, "Configuration")."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str
from .tiles import tile_crs, tile_sources, tile_subdomains

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "news",
    "delegates",
    "search",
    "voices",
    "appointments",
    "motions",
    "consultations",
    "api",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    # For its `spectacular` command. Not "rest_framework": its message catalog would
    # replace Django's Chinese form messages; the API words its own (api/http.py).
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before everything an anonymous cache hit does not need: a hit is answered with the
    # headers the page was stored with, CSP's included (the CSP middleware sits inside it, so
    # a miss is stored with its header). Only requests without a session cookie are served
    # from it; everything behind it (sessions, auth, 2FA, axes) runs for all others.
    "home.cache.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.malformed.RejectControlCharactersMiddleware",
    "home.sites.SiteLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.visitor_preferences",
            ],
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL names another (PostgreSQL in production).
# Connections persist on both: opening SQLite and reading its schema costs a request ~2.5 ms CPU.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", False
):
    # Query text and parameters go to the server apart (server-side binding) and a connection
    # prepares a query once it has run it 5 times: a persistent connection then skips parsing
    # the queries every request repeats (about a tenth of PostgreSQL's CPU per uncached page at
    # 10x demo data). Always a custom plan: a generic plan cannot use the page tree's index for
    # `path LIKE $1`, and the home page's lists took 25-40 ms instead of 4. Django leaves both
    # off for PgBouncer in transaction mode (before 1.21).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.update(server_side_binding=True, prepare_threshold=5)
    custom_plans = "-c plan_cache_mode=force_custom_plan"
    options["options"] = f"{options.get('options', '')} {custom_plans}".strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin security: where the admin lives, login lockout (django-axes) and two-factor sign-in
# for staff (django-otp TOTP; see portal/two_factor.py).
WAGTAIL_ADMIN_PATH = env_str("ADMIN_PATH", "admin").strip("/")
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Lockouts key on the visitor's address from the trusted proxy header (RATELIMIT_IP_META_KEY),
# the same source as the rate limits: behind nginx, REMOTE_ADDR is the proxy for everyone, and
# five failures from anyone would lock every administrator out.
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("SITE_NAME", "某某区人大常委会")

# Security headers. A strict Content-Security-Policy for the public site (no inline scripts or
# styles); the Wagtail admin needs inline code and is excluded. Map tile hosts are added by
# the delegates settings below when a tile server is configured.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # the admin's live preview frames our own pages
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{WAGTAIL_ADMIN_PATH}/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Rate limits per client IP on the expensive public views (portal/ratelimit.py, applied to the
# views with @rate_limited(group)): group -> "requests/period" (s, m, h); empty = no limit.
# Behind a proxy set RATELIMIT_IP_META_KEY (also the login lockout's client address).
PORTAL_RATE_LIMITS = {
    "search": env_str("RATE_LIMIT_SEARCH", "60/m"),  # /search/ and /search/suggest/
    "locator": env_str("RATE_LIMIT_LOCATOR", "60/m"),  # the station locator
    # the delegate directory's name search and filters; by default the search limit
    "directory": env_str("RATE_LIMIT_DIRECTORY") or env_str("RATE_LIMIT_SEARCH", "60/m"),
    # 网上联络站: opinions posted per client address, and per sender contact (mobile/e-mail).
    "voices": env_str("RATE_LIMIT_VOICES", "10/h"),
    "voices_contact": env_str("RATE_LIMIT_VOICES_CONTACT", "5/d"),
    # Over "voices" the form asks a question (portal/challenge.py); right answers pass up to this.
    "voices_challenged": env_str("RATE_LIMIT_VOICES_CHALLENGED", "20/h"),
    # The public read-only API (/api/v1/): every request counts.
    "api": env_str("RATE_LIMIT_API", "120/m"),
}
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None

# Locale: the portal speaks Simplified Chinese and keeps Beijing time.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
# Editors work in Beijing time: no time zone choice (a list of 600 English zone names) in the
# admin account settings.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
# Leaflet and leaflet.markercluster are installed by npm (package.json) and served from our own
# static files under vendor/<package>/. Without them (npm not run) the maps are simply left
# out; the lists and forms work the same.
MAP_PACKAGES = {
    name: BASE_DIR / "node_modules" / name / "dist" for name in ("leaflet", "leaflet.markercluster")
}
LEAFLET_AVAILABLE = all(path.is_dir() for path in MAP_PACKAGES.values())
if LEAFLET_AVAILABLE:
    STATICFILES_DIRS += [(f"vendor/{name}", path) for name, path in MAP_PACKAGES.items()]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Let Django serve uploaded media itself (single-box deployments without a web server in front).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.static_storage.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
    }
}
# Cache: Redis when REDIS_URL is set (shared by every worker and app server), else local memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES["default"] = {
        # Django's RedisCache, degrading to "no cache" while Redis is down.
        "BACKEND": "portal.cache_backends.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
        "TIMEOUT": env_int("CACHE_TIMEOUT", 300),
        # An unreachable Redis must cost a request a second at most, not hang a worker.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }

# Wagtail's image renditions: the default cache, read and written with what a request shares.
CACHES["renditions"] = {"BACKEND": "home.cache.RequestScopedCache"}

# Anonymous page cache (home/cache.py): seconds a page stays in the server cache, and the
# max-age sent to browsers and CDNs. Publishing purges what it changed at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
# What every page shares (the main menu, the site a host name serves): kept this long at most,
# and dropped at once by any site-wide purge (a column, the home page or the settings change).
# Independent of the page cache: uncached pages (PAGE_CACHE_SECONDS=0) still share it.
CHROME_CACHE_SECONDS = env_int("CHROME_CACHE_SECONDS", 300)

# Background work: Wagtail's tasks (search index updates, reference index) go to the
# database-backed queue so that nothing is lost when a worker or Elasticsearch is down.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "某某区人大常委会")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_WORKFLOW_ENABLED = True
# No avatars from gravatar.com: the admin must not send editors' e-mail hashes (and their IP
# addresses) to an outside host; users without an uploaded picture get Wagtail's default one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for a newer version (administrators' browsers
# would call out on every visit); upgrades follow the project's own schedule.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_IMAGE_MODEL = "home.PortalImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.PortalImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
PORTAL_IMAGE_MIN_SIDE = 64
PORTAL_IMAGE_MAX_SIDE = 8000
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "txt",
    "csv",
    "zip",
    "mp4",
    "ofd",
    "wps",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 50) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.PortalDocumentForm"
# Documents are served only by Wagtail's view, which enforces collection view restrictions
# ("direct" or "redirect" would hand out the storage URL); /media/ never serves documents/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Behind nginx the view only checks access, and nginx sends the file (X-Accel-Redirect to its
# internal /media/documents/ location); without it the file streams through the worker.
if env_bool("DOCUMENT_X_ACCEL_REDIRECT", False):
    SENDFILE_BACKEND = "portal.media"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's own index (admin search): the database backend, fed jieba-segmented text so that a
# word of a Chinese title finds the page (see search/backends/wagtail_db.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.wagtail_db"},
}

# Public full-text search (search/): Elasticsearch when ELASTICSEARCH_URL is set, otherwise the
# embedded database backend (SQLite FTS5, or PostgreSQL full-text on PostgreSQL).
PORTAL_SEARCH = {
    "ELASTICSEARCH_URL": env_str("ELASTICSEARCH_URL"),
    "ELASTICSEARCH_API_KEY": env_str("ELASTICSEARCH_API_KEY"),
    "ELASTICSEARCH_USERNAME": env_str("ELASTICSEARCH_USERNAME"),
    "ELASTICSEARCH_PASSWORD": env_str("ELASTICSEARCH_PASSWORD"),
    "ELASTICSEARCH_CA_CERTS": env_str("ELASTICSEARCH_CA_CERTS"),
    "ELASTICSEARCH_TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 10),
    # Names of physical indices and of the alias start with this (several sites, one cluster).
    "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "portal"),
    # Force a backend ("elasticsearch" or "embedded"); empty = decided by ELASTICSEARCH_URL.
    "BACKEND": env_str("SEARCH_BACKEND"),
    # Indexing queue: attempts and exponential backoff (seconds) when the backend is down;
    # with the defaults an update keeps retrying for about a day (then `search_check --fix`).
    "MAX_ATTEMPTS": env_int("SEARCH_INDEX_MAX_ATTEMPTS", 150),
    "RETRY_BACKOFF": float(env_str("SEARCH_INDEX_RETRY_BACKOFF", "5")),
    "RETRY_BACKOFF_MAX": float(env_str("SEARCH_INDEX_RETRY_BACKOFF_MAX", "600")),
}

# Portal behaviour
PORTAL_PAGE_SIZE = env_int("PORTAL_PAGE_SIZE", 15)
PORTAL_FEED_ITEMS = 30
ELDER_MODE_COOKIE = "elder_mode"

# Delegates and liaison stations
# A reception must be announced at least this many days before it starts.
PORTAL_RECEPTION_NOTICE_DAYS = env_int("PORTAL_RECEPTION_NOTICE_DAYS", 7)
# A station's rules must have been reviewed within this many days.
PORTAL_RULES_REVIEW_DAYS = env_int("PORTAL_RULES_REVIEW_DAYS", 365)
# Every member delegate must have a duty report (述职报告) published within this many days.
PORTAL_DUTY_REPORT_DAYS = env_int("PORTAL_DUTY_REPORT_DAYS", 365)
# The performance disclosure is stale when the newest record is older than this.
PORTAL_PERFORMANCE_DAYS = env_int("PORTAL_PERFORMANCE_DAYS", 90)
# How many stations the locator lists.
PORTAL_LOCATOR_RESULTS = env_int("PORTAL_LOCATOR_RESULTS", 5)
# Roster import (delegates/importer.py): a file may hold at most this many rows (all sheets
# together); an XLSX may expand to at most this many MB, at most this many times its packed
# size; a report lists at most this many errors (and counts the rest).
ROSTER_IMPORT_MAX_ROWS = env_int("ROSTER_IMPORT_MAX_ROWS", 20_000)
ROSTER_IMPORT_MAX_UNCOMPRESSED_MB = env_int("ROSTER_IMPORT_MAX_UNCOMPRESSED_MB", 50)
ROSTER_IMPORT_MAX_RATIO = env_int("ROSTER_IMPORT_MAX_RATIO", 100)
ROSTER_IMPORT_MAX_ERRORS = env_int("ROSTER_IMPORT_MAX_ERRORS", 200)
# Suggestion import (motions/importer.py): at most this many rows a file; the other limits are
# the roster's (ROSTER_IMPORT_MAX_UNCOMPRESSED_MB, _RATIO, _ERRORS).
SUGGESTION_IMPORT_MAX_ROWS = env_int("SUGGESTION_IMPORT_MAX_ROWS", 3000)
# Map tiles (delegates/maps.py, static/js/station-map.js; README "Maps"): a Leaflet URL template
# and, for Tianditu, its labels (注记) layer drawn over it. MAP_TILE_CRS is "gcj02" for AMap or
# Tencent tiles (marker coordinates are then shifted server-side), "wgs84" for Tianditu
# (CGCS2000) or OpenStreetMap. Empty (the default: nothing is fetched from outside until an
# operator chooses a provider), the maps show the stations' positions on a plain background
# and say so. The CSP allows exactly the configured tile hosts.
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_LABEL_URL = env_str("MAP_TILE_LABEL_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION")
MAP_TILE_CRS = tile_crs(env_str("MAP_TILE_CRS", "wgs84"))
MAP_TILE_SUBDOMAINS = tile_subdomains(env_str("MAP_TILE_SUBDOMAINS", "abc"))
MAP_TILE_MAX_ZOOM = env_int("MAP_TILE_MAX_ZOOM", 18)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += tile_sources(
    [MAP_TILE_URL, MAP_TILE_LABEL_URL], MAP_TILE_SUBDOMAINS
)

# 网上联络站 (voices/): working days to handle an assigned opinion; the shortest time (seconds)
# a resident takes to fill in the form (faster posts are robots); how long links stay valid.
VOICES_DUE_WORKING_DAYS = env_int("VOICES_DUE_WORKING_DAYS", 15)
VOICES_MIN_FILL_SECONDS = env_int("VOICES_MIN_FILL_SECONDS", 5)
VOICES_CONFIRM_DAYS = env_int("VOICES_CONFIRM_DAYS", 7)
VOICES_MAIL_MAX_ATTEMPTS = env_int("VOICES_MAIL_MAX_ATTEMPTS", 8)
VOICES_MAIL_RETRY_BACKOFF = env_int("VOICES_MAIL_RETRY_BACKOFF", 60)
# Days after 办结 until `manage.py voices_anonymise` deletes a sender's personal data (the
# privacy notice on the form says one year).
VOICES_RETENTION_DAYS = env_int("VOICES_RETENTION_DAYS", 365)
# 督办 (`manage.py voices_remind`, daily): remind the handling body and the liaisons this many
# working days before an assignment's due date (the inbox's "due soon" uses it too), then when
# it is overdue and weekly after; answers nobody rates are closed (办结) after this many
# working days (0: never).
VOICES_REMIND_BEFORE_DAYS = env_int("VOICES_REMIND_BEFORE_DAYS", 3)
VOICES_AUTO_CLOSE_WORKING_DAYS = env_int("VOICES_AUTO_CLOSE_WORKING_DAYS", 10)

# 约访 (appointments/): booking places at reception sessions. Rate limits per client address
# and per contact, like the voices form's; days after a session until
# `manage.py appointments_purge` deletes the bookings' personal data.
PORTAL_RATE_LIMITS |= {
    "appointments": env_str("RATE_LIMIT_APPOINTMENTS", "10/h"),
    "appointments_contact": env_str("RATE_LIMIT_APPOINTMENTS_CONTACT", "5/d"),
    "appointments_challenged": env_str("RATE_LIMIT_APPOINTMENTS_CHALLENGED", "20/h"),
}
APPOINTMENTS_RETENTION_DAYS = env_int("APPOINTMENTS_RETENTION_DAYS", 30)

# 立法意见征集 (consultations/): comments posted per client address and per contact, like the
# voices form's; days after a consultation closes until `manage.py consultations_purge`
# deletes the commenters' contacts (the comments stay, for the legislative record).
PORTAL_RATE_LIMITS |= {
    "consultations": env_str("RATE_LIMIT_CONSULTATIONS", "10/h"),
    "consultations_contact": env_str("RATE_LIMIT_CONSULTATIONS_CONTACT", "10/d"),
    "consultations_challenged": env_str("RATE_LIMIT_CONSULTATIONS_CHALLENGED", "20/h"),
}
CONSULTATIONS_RETENTION_DAYS = env_int("CONSULTATIONS_RETENTION_DAYS", 180)

# The public read-only API (api/, /api/v1/): JSON only, anonymous, read-only; rate limit
# "api" above; schema by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.http.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.http.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{WAGTAIL_SITE_NAME} 开放接口",
    "DESCRIPTION": "只读、分页的公开数据；说明见 /api/v1/。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.public_endpoints"],
}
