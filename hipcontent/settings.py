"""Settings for hipcontent, read from the environment (see the README's table)."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from hipcontent.env import envbool, envchoice, envdatabase, envint, envlist

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its templates (the offline ReDoc page) override the packages' own.
    "hipcontent",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_filters",
    "rest_framework_api_key",
    "corsheaders",
    "huey.contrib.djhuey",
    "axes",
    "conditions",
    "faq",
]

MIDDLEWARE = [
    # Outermost: replays the whole stack's last answer to a hot anonymous read (hipcontent/api/http/replay.py)
    "hipcontent.api.http.replay.ReplayMiddleware",
    # Marks API reads, which may go to a read replica when there are any (hipcontent/db_router.py).
    "hipcontent.db_router.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hipcontent.security.ContentSecurityPolicyMiddleware",
    # Before the probes, so that their answers get X-Frame-Options too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # /healthz and /readyz, answered before CommonMiddleware checks the Host against ALLOWED_HOSTS: probes
    # address instances by IP (hipcontent/health.py).
    "hipcontent.health.ProbeMiddleware",
    # Deprecation/Sunset/Link on every response of a deprecated version (hipcontent/api/http/deprecation.py).
    "hipcontent.api.http.deprecation.DeprecationMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which user made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hipcontent.urls"
WSGI_APPLICATION = "hipcontent.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": envdatabase(
        "DATABASE_URL",
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Read replicas, optional: the API's reads of content go to them; writes, the admin and transactions use the
# primary (hipcontent/db_router.py). Tests mirror them onto the primary.
for _number, _url in enumerate(envlist("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica{_number}"] = {
        **envdatabase(
            "DATABASE_REPLICA_URLS",
            _url,
            conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["hipcontent.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Admin sign-in is limited by django-axes: after AXES_FAILURE_LIMIT failed attempts from one client address,
# or for one username, further attempts are refused (429, admin/lockout.html) until AXES_COOLOFF_TIME has
# passed, before any password is hashed: guessing cannot make the process hash PBKDF2 in a loop and starve
# the API.
# An administrator unlocks early by deleting the attempts in the admin (Axes > Access attempts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # either one, each counted on its own
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout do not extend it: otherwise anyone could keep a reviewer locked out for good.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# The client address as the API's rate limiter reads it (REMOTE_ADDR, or X-Forwarded-For with NUM_PROXIES).
AXES_CLIENT_IP_CALLABLE = "hipcontent.security.client_address"
# No start-up banner on every manage.py command (`check --deploy` prints nothing); lockouts are still logged.
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# How long a clinical review holds before the item is due again.
REVIEW_INTERVAL_DAYS = envint("REVIEW_INTERVAL_DAYS", 365)
# Four eyes: whoever made an item's last edit may not approve it. On only for a one-person team; the review
# log marks each such approval.
REVIEW_ALLOW_SELF_APPROVAL = envbool("REVIEW_ALLOW_SELF_APPROVAL", False)

# Review notifications (conditions/notifications.py) by email: printed on the console in development, over
# SMTP otherwise (EMAIL_HOST...). ADMIN_URL is where the links in them point.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hipcontent <noreply@localhost>")
ADMIN_URL = os.environ.get("ADMIN_URL", "http://localhost:8000").rstrip("/")

# Seed content is found by name here (`manage.py load_seed hip-pain-buttock-discomfort`).
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Load balancers probe over plain HTTP inside the network: never redirect the probes to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Redis, when set, holds the rate-limit counters and the webhook queue, shared by every web process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # The API answers without Redis (hipcontent/api/http/outage.py); a Redis that stops answering must
            # not hold a request longer than this (seconds) before it does.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Webhook deliveries run on Huey: on Redis when REDIS_URL is set, else on a SQLite file next to the database
# (start the worker with `manage.py run_huey`). HUEY_IMMEDIATE=1 runs them in-process, as the tests do.
HUEY_IMMEDIATE = envbool("HUEY_IMMEDIATE", False)
if REDIS_URL and not HUEY_IMMEDIATE:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "hipcontent", "url": REDIS_URL, "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "hipcontent",
        "filename": str(BASE_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }

# Apps may call the API from browsers: CORS is open for /api/ only, without credentials.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "x-api-key", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Deprecation",
    "Sunset",
    "Link",
]

# API versions past their successor's release: version -> {"deprecated": date, "sunset": date, "link": URL of
# the migration notes}; their responses carry Deprecation, Sunset and Link (README: deprecation policy).
# v3 shipped on 2026-11-30, so v2 is deprecated 91 days later (the policy's 90 at the least) with a sunset 12
# months after that; its Link is v3's ReDoc page, whose description says what changed from v2 (every
# deployment serves it). v1's deprecation starts when it is announced. v3 is not deprecated by v4: no earlier
# than 90 days after v4 ships (README: deprecation policy), announced to key holders that day.
API_DEPRECATED_VERSIONS = {
    "v2": {"deprecated": "2027-03-01", "sunset": "2028-03-01", "link": "/api/v3/redoc/"},
}

# The namespace of the hc: terms the JSON-LD versions add to schema.org (each term is this + its name).
# Deliberately not an environment variable and not built from the request's host: every deployment must mint
# the same terms, or data merged from two deployments would hold two meanings of hc:urgency. A w3id.org
# permanent identifier, to be redirected to the canonical deployment's vocabulary; never change it in place.
HC_VOCABULARY_IRI = "https://w3id.org/hipcontent/vocab#"

# Conditional GET: how long clients and shared caches may reuse a response before revalidating.
API_CACHE_MAX_AGE = envint("API_CACHE_MAX_AGE", 60)
# The content revision is read from the cache only when every process shares it (Redis), and rendered
# representations are kept this long per revision (hipcontent/api/http/cache.py).
CONTENT_REVISION_CACHE = envbool("CONTENT_REVISION_CACHE", bool(REDIS_URL))
API_REPRESENTATION_CACHE_SECONDS = envint("API_REPRESENTATION_CACHE_SECONDS", 3600)
# A cached read and a 304 of a collection answered before DRF's dispatch (hipcontent/api/http/fast.py).
API_FAST_PATH = envbool("API_FAST_PATH", True)
# Hot anonymous reads replayed from each process's recording of the full answer, before any middleware
# (hipcontent/api/http/replay.py); needs Redis for its invalidations, and API_FAST_PATH.
API_REPLAY = envbool("API_REPLAY", bool(REDIS_URL))
# The snapshot (/api/vN/snapshot/) is served from gzip files built once per content revision, API version and
# origin (hipcontent/api/snapshot.py): the worker builds them, and so does a request when there are at most
# API_SNAPSHOT_BUILD_ON_REQUEST items (so `make run` needs no worker). Web and worker share the directory.
API_SNAPSHOT_DIR = Path(os.environ.get("API_SNAPSHOT_DIR") or BASE_DIR / "var" / "snapshots")
API_SNAPSHOT_BUILD_ON_REQUEST = envint("API_SNAPSHOT_BUILD_ON_REQUEST", 2000)
# Rate limits: anonymous callers per IP address, keyed apps per key (an app's own rate overrides it).
API_ANON_RATE = os.environ.get("API_ANON_RATE", "60/minute")
API_KEY_RATE = os.environ.get("API_KEY_RATE", "600/minute")
API_KEY_CUSTOM_HEADER = "HTTP_X_API_KEY"

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1", "v2", "v3", "v4"],
    "DEFAULT_PAGINATION_CLASS": "hipcontent.api.http.pagination.PageNumberPagination",
    "PAGE_SIZE": envint("API_PAGE_SIZE", 20),
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # An app's key, if it sends one (an invalid key is a 401); the admin uses its own session login.
    "DEFAULT_AUTHENTICATION_CLASSES": ["hipcontent.api.http.keys.AppKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hipcontent.api.http.errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "hipcontent.api.search.SearchFilter",
        "hipcontent.api.http.ordering.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["hipcontent.api.http.throttling.AppRateThrottle"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "hipcontent API",
    "DESCRIPTION": (
        "Structured musculoskeletal health content with a clinical review workflow. Every detail says "
        "whether a clinical reviewer has approved the item (`review_state`; content published without one "
        "is `not_yet_clinically_reviewed`), and every typed claim (a link, an urgency, a category, an order, "
        "a code) says where it comes from: quoted from a cited source, or an editor's structuring. "
        "Every item has a stable `slug`; only published content is served."
    ),
    "VERSION": "1.0.0",
    # Whom to ask and on what terms. The content is not open: it is served to apps under their API key. No
    # public terms page or address exists yet; when one does, add its `url` (and `email`) here.
    "CONTACT": {"name": "hipcontent API team: the publisher that issued your API key"},
    "LICENSE": {"name": "Proprietary: all rights reserved; apps use the content under their API key"},
    "SERVE_INCLUDE_SCHEMA": False,
    # Operation ids and tags carry no version, so generated clients keep their method names across versions.
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    # The default enum hook, then each version's own description (v2's JSON-LD: hipcontent/api/v2/jsonld.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hipcontent.api.v2.jsonld.describe_version",
        "hipcontent.api.v3.jsonld.describe_version",
        "hipcontent.api.v4.jsonld.describe_version",
        "hipcontent.api.search.blank_type_means_all",
        # A deprecated version's schema declares its Deprecation, Sunset and Link headers (v2's, today).
        "hipcontent.api.http.deprecation.document_headers",
        # What linters and client generators need besides (hipcontent/api/http/schema.py).
        "hipcontent.api.http.schema.declare_servers",
    ],
    # Named once for every version: v2's `hc:urgency` is v1's `urgency` (the same choices, the same name).
    "ENUM_NAME_OVERRIDES": {
        "UrgencyEnum": "conditions.models.content.AssessedUrgency",
        "UrgencyWithNotAssessedEnum": "conditions.models.RedFlag.Urgency",
        "BasisEnum": "conditions.models.Basis",
        "CodeKindEnum": "conditions.models.ConditionCode.Kind",
        "CodeMatchEnum": "conditions.models.ConditionCode.Match",
        "ReviewStateEnum": "conditions.models.ReviewState",
        "CategoryEnum": "conditions.models.Treatment.Category",
        "RoleEnum": "conditions.models.TopicCondition.Role",
        "KindEnum": "conditions.models.ChangeEvent.Kind",
        # v2's list pages are `"@type": "ItemList"`. Left to the hook, that enum would be named after its
        # property, "@typeEnum": no valid component name (OpenAPI allows ^[a-zA-Z0-9.\-_]+$), which orval
        # refuses. This is the name the `@type` of v2's other ItemList documents already has (jsonld.py).
        "ItemListType": ["ItemList"],
        # v2's hc:linkField and hc:relation, left to the hook, would be "Hc:linkFieldEnum" and
        # "Hc:relationEnum": no valid component names either. A relation reads the same in v1 and v2.
        "LinkFieldEnum": ["pathophysiology", "associatedAnatomy", "possibleTreatment", "signOrSymptom"],
        "RelationEnum": [
            "is_a_form_of",
            "can_lead_to",
            "can_contribute_to",
            "tell_apart_from",
            "has_form",
            "can_result_from",
            "can_be_contributed_to_by",
        ],
    },
    # validatorUrl None: Swagger UI would otherwise send the schema to an online validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Read here, not in a system check: Django configures logging before it runs any check.
LOG_LEVEL = envchoice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
