"""Settings shared by every environment. Everything a deployment changes comes from the
environment (see config/env.py); nothing secret lives here."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_database, env_int, env_list, env_redis_url, env_str
from config.log import env_admins, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("LALANH_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
# Rotating the key: the old one here (comma-separated) keeps sign-ins, paired phones and
# participants' cards working until they are renewed (docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Ours first, so our templates (login, error pages) win over the packages'.
    "accounts",
    "places",
    "clubs",
    "sessions.apps.ClubSessionsConfig",
    "attendance",
    "training",
    "cms",
    "demo",
    "reports",
    "support",
    "alerts",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
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
    # Third party
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "config.health.HealthCheckMiddleware",  # /healthz, before host checks and redirects
    # A scanner device's single scan goes from here through only the middleware it needs
    # (attendance/device_lane.py); every other request through the whole list.
    "attendance.device_lane.DeviceCheckinLane",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware, plus the reader's language on /feeds/, /api/, /checkin/.
    "config.i18n.ReaderLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Permissions-Policy and CSP: DOCUMENT_HEADERS_MIDDLEWARE, skipped by the scanner
    # devices' JSON API (config/document_headers.py).
    "config.document_headers.DocumentHeadersMiddleware",
    # Anonymous readers of public pages are answered from the cache (cms/page_cache.py).
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Caps every sign-in and password-reset form per address (accounts/signin_limits.py);
    # any other django-ratelimit cap answers RATELIMIT_VIEW's 429 page, not a 403.
    "accounts.signin_limits.SignInRateLimitMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

DOCUMENT_HEADERS_MIDDLEWARE = [
    "config.permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inline scripts only inside the signed-in Wagtail admin (see cms/csp.py).
    "cms.csp.WagtailAdminCSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "accounts.context_processors.roles",
                "cms.profile.centre_context",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lalanh.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is the embedded, one-machine default: WAL lets readers and the writer overlap.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
elif env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # PostgreSQL: bind parameters on the server, so psycopg prepares a statement once a
    # connection has run it prepare_threshold (5) times: the check-in's locked read is
    # planned once per connection, not once per scan (docs/attendance-performance.md).
    # Set DATABASE_PREPARED_STATEMENTS=false behind a pooler that does not carry prepared
    # statements (PgBouncer in transaction mode without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, whose health check asks the server only when the socket says
    # something came (config/postgresql/base.py): no round trip on a healthy connection.
    DATABASES["default"]["ENGINE"] = "config.postgresql"
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Before a request reuses a kept connection, Django checks it, so a PostgreSQL restart
    # costs no request a 500 (with config.postgresql, a round trip only when the server
    # wrote to the idle connection). DATABASE_HEALTH_CHECKS=false turns the check off.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_HEALTH_CHECKS", True)
    # A server that does not answer fails fast (the health check answers within 5 s).
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lalanh"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Local memory is per process: fine for one runserver, wrong for several gunicorn
    # workers. Production settings refuse to start without REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

SESSION_ENGINE = "config.session_store"  # cached_db, refusing malformed keys
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Repeated failed logins lock the username from that address out for a bounded cool-off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Reverse proxies in front of gunicorn: the lock-out and every rate limit read the
# client's address through accounts.ip.client_ip.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "accounts.ip.client_ip"

# How long a former member's data is kept after their last membership ended, and how
# long after a guardian withdraws consent the data is erased (processing stops at once).
LALANH_RETENTION_MONTHS = env_int("LALANH_RETENTION_MONTHS", 24)
LALANH_WITHDRAWAL_GRACE_DAYS = env_int("LALANH_WITHDRAWAL_GRACE_DAYS", 30)

RATELIMIT_VIEW = "accounts.views.rate_limited"
RATELIMIT_IP_META_KEY = "accounts.ip.client_ip_for_limits"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lá Lành <no-reply@localhost>")

# --- Languages and time -----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [Path(env_str("LALANH_LOCALE_DIR", str(BASE_DIR / "locale")))]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end packages come from the npm registry at set-up time (package-lock.json); only
# the built files each page needs are exposed, never the whole node_modules tree.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/jsqr", NODE_MODULES / "jsqr" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers -------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Wagtail's admin sets inline style attributes; our own pages use none.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "worker-src": [SELF, "blob:"],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# --- Forms ------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Lá Lành"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Checks each uploaded document's content against its extension (HTML/SVG refused).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.SafeDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "txt", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL's typo-tolerant retry (cms/selectors.py): at 0.3 "ma tuyy" also found
        # "mã độc" (one shared word); at 0.5 one mistyped letter still matches.
        "FUZZY_SIMILARITY_THRESHOLD": 0.5,
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin in the editor's language (Vietnamese by default: /admin/ has no prefix), as far
# as Wagtail's own catalogues go; nothing fetched from elsewhere (the CSP blocks it anyway).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Logging and error reports ---------------------------------------------------------
# Time, level, logger and message a line; LOG_FORMAT=json for one JSON object a line.
# Errors go to Sentry when SENTRY_DSN is set (config/sentry.py: no personal data), and are
# mailed to ADMINS ("Name <address>, address, ...") otherwise.
ADMINS = env_admins("ADMINS")
SERVER_EMAIL = env_str("SERVER_EMAIL", "lalanh@localhost")
SENTRY_DSN = env_str("SENTRY_DSN")
LOGGING = logging_config(
    level=env_str("LOG_LEVEL", "INFO"),
    json_lines=env_str("LOG_FORMAT", "text") == "json",
    mail_admins=not SENTRY_DSN,
)
if SENTRY_DSN:
    from config.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE"),
    )

# --- Attendance (check-in) --------------------------------------------------------------
# Defaults for every session; a session may override the window in CheckinSettings.
ATTENDANCE_OPENS_MINUTES_BEFORE = env_int("ATTENDANCE_OPENS_MINUTES_BEFORE", 30)
ATTENDANCE_LATE_AFTER_MINUTES = env_int("ATTENDANCE_LATE_AFTER_MINUTES", 10)
ATTENDANCE_CLOSES_MINUTES_AFTER = env_int("ATTENDANCE_CLOSES_MINUTES_AFTER", 30)
# No session's window reaches further than this from its start or end (a query bound).
ATTENDANCE_MAX_WINDOW_HOURS = 12
# The projected QR and typed code change every ROTATE seconds and are accepted GRACE
# seconds longer, so a pupil who scans just before the change is not refused.
ATTENDANCE_CODE_ROTATE_SECONDS = env_int("ATTENDANCE_CODE_ROTATE_SECONDS", 20)
ATTENDANCE_CODE_GRACE_SECONDS = env_int("ATTENDANCE_CODE_GRACE_SECONDS", 10)
# How old an offline scan may be when it finally syncs.
ATTENDANCE_OFFLINE_MAX_AGE_HOURS = env_int("ATTENDANCE_OFFLINE_MAX_AGE_HOURS", 48)
# How often an open live roster asks whether anything changed (a 304 when not).
ATTENDANCE_LIVE_POLL_SECONDS = env_int("ATTENDANCE_LIVE_POLL_SECONDS", 5)
# Rate limits (django-ratelimit, in the default cache: Redis when REDIS_URL is set).
# A whole school shares one address behind its Wi-Fi, so per-address limits are wide
# and the tight ones are per leader and per pupil phone.
ATTENDANCE_RATE_PER_USER = env_str("ATTENDANCE_RATE_PER_USER", "120/m")
ATTENDANCE_RATE_PER_IP = env_str("ATTENDANCE_RATE_PER_IP", "1200/m")
ATTENDANCE_RATE_PER_PHONE = env_str("ATTENDANCE_RATE_PER_PHONE", "10/m")
# The pupil's paired-phone cookie (HttpOnly, signed, only sent to /checkin/).
ATTENDANCE_DEVICE_COOKIE = "lalanh_checkin_phone"
ATTENDANCE_DEVICE_COOKIE_DAYS = 400

LALANH_DEBUG_TOOLBAR = env_bool("LALANH_DEBUG_TOOLBAR", False)

# Training certificates (docs/training.md): the Ed25519 key that signs their QR codes
# (base64 of 32 bytes; derived from the secret key when unset, which suits development only).
CERTIFICATE_SIGNING_KEY = env_str("CERTIFICATE_SIGNING_KEY")
TRAINING_PRIVACY_NOTICE_VERSION = "2026-01"
TRAINING_VERIFY_RATE = env_str("TRAINING_VERIFY_RATE", "30/m")
# The public training page also lists classes whose applications open within this many days.
TRAINING_OPENING_SOON_DAYS = env_int("TRAINING_OPENING_SOON_DAYS", 14)
# Staff see a class's survey results (means, comments) only from this many answers on.
TRAINING_FEEDBACK_MIN_ANSWERS = env_int("TRAINING_FEEDBACK_MIN_ANSWERS", 5)
# A former participant's data is erased this long after the last class they were in ended
# (docs/training.md, Privacy): two years of validity plus the time to renew by a refresher.
TRAINING_RETENTION_MONTHS = env_int("TRAINING_RETENTION_MONTHS", 36)
