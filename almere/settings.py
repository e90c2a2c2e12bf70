"""Settings for the Almere city website, read from the environment.

Every variable is documented in ``.env.example`` and the README. The defaults are
safe for production (DEBUG off, no secret key made up); ``DEBUG=1`` is the explicit
development mode.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # One clear line instead of a traceback: the site must not start without it.
        raise SystemExit(
            "SECRET_KEY is not set: set SECRET_KEY to a long random string "
            "(or DEBUG=1 for local development)."
        )
    # Development only; `check --deploy` flags the django-insecure prefix.
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS. Production redirects plain HTTP and tells browsers to come back over HTTPS
# only. SECURE_SSL_REDIRECT=0 leaves the redirect to a proxy in front (or turns it
# off for a local run without DEBUG); SECURE_PROXY_SSL_HEADER names the header by
# which that proxy says a request came over HTTPS, e.g. X-Forwarded-Proto=https.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if proxy_header := env.str("SECURE_PROXY_SSL_HEADER", default=""):
    _name, _, _value = proxy_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip(),
    )
# Load balancers probe /healthz over plain HTTP, behind the proxy that does TLS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: it patches the admin.
    "modeltranslation",
    "almere.apps.AlmereAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "almere.apps.AlmereConfig",
    "imagekit",
    "cityprofile",
    "django_countries",
    "reversion",
    "pressroom",
    "partnerships",
    "search",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "almere.middleware.DatabaseUnavailableMiddleware",
    # ETags and 304s on the finished response, then the public caching headers.
    "django.middleware.http.ConditionalGetMiddleware",
    "almere.middleware.PublicCacheHeadersMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware: picks the language from the URL's
    # prefix (/en/, /nl/), else from the browser (the root, the admin), and sends
    # an address without a prefix to the one with it.
    "almere.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous readers' pages from the cache; staff's never (almere/pagecache.py).
    "almere.pagecache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "almere.csp.SiteCSPMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins while an account is locked out, before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "almere.urls"
# A form sent without a valid CSRF token (usually a page left open too long) gets
# the site's 403 page, which says what to do.
CSRF_FAILURE_VIEW = "almere.views.csrf_failure"
WSGI_APPLICATION = "almere.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "almere.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL picks PostgreSQL (postgres://user@host:5432/name), else a
# SQLite file in the project.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection that broke (the server restarted) is noticed at the start of the next
# request and replaced, so the site recovers by itself when the database is back.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that does not answer makes pages fail after this many seconds (libpq
    # waits at least 2), not after the operating system's minutes-long TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=3
    )
# Sessions live in the database, which the site cannot work without anyway, not in
# the cache: a Redis outage must not log editors out. Not in "cached_db" either:
# only staff have sessions, so it would save one query on an editor's page, and a
# logout while Redis cannot be reached would leave the session in the cache, valid
# again once Redis is back.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long browsers and a CDN may keep a public page (Cache-Control max-age).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=60)
# How long the server keeps an anonymous reader's page at most (0: not at all). A
# change to the content, or a scheduled release's time coming, renews every page
# at once, so this only bounds what a lost invalidation could cost.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Saving, deleting or linking a model of these apps renews the cached pages. Not
# search: its entries change with the content, whose own signals renew them, or
# in a rebuild of the index, which renews them itself.
PAGE_CACHE_APPS = {"cityprofile", "pressroom", "partnerships"}

# Cache: REDIS_URL picks Redis, shared by every app server; else local memory.
# The cache only saves work: when Redis is down or slow, reads miss and writes are
# dropped after a short timeout (and logged), and pages come from the database.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="almere"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Login throttling (django-axes): five wrong passwords for one account from one
# address lock that pair out for 15 minutes; a correct login resets the count.
# Locking the pair, not the account, keeps an attacker elsewhere from locking
# editors out. Behind proxies, TRUSTED_PROXY_COUNT says how many add themselves to
# X-Forwarded-For, so that the client's address is read from it; without proxies it
# stays 0 and only the connection's own address counts (a header can be forged).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if AXES_IPWARE_PROXY_COUNT
    else ["REMOTE_ADDR"]
)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public site in English and Dutch, each under its own prefix (/en/, /nl/);
# English is the language of the seed content, and the default.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The house style of dates per language ("12 March 2014", "12 maart 2014"),
# on top of Django's own formats.
FORMAT_MODULE_PATH = ["almere.formats"]
# Content is written per language (django-modeltranslation: each translated field
# has a column per language, such as title_en and title_nl; see almere/i18n.py).
# English is the edition every item has; Dutch text, where an editor wrote it,
# is shown to Dutch readers, and English where it is missing.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Slugs are one per item, whatever the language, made from the English title.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
TIME_ZONE = "Europe/Amsterdam"
# PostgreSQL's text search configuration for content in each language: its stems
# and stop words. Each search entry is in one language (search/models.py).
SEARCH_CONFIGS = {"en": "english", "nl": "dutch"}
USE_I18N = True
USE_TZ = True

# Static files: hashed names, compressed, served by whitenoise with long lifetimes.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Width × height; a larger image is refused before it is decoded (almere/uploads.py).
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
MAX_DOCUMENT_UPLOAD_BYTES = env.int(
    "MAX_DOCUMENT_UPLOAD_BYTES", default=20 * 1024 * 1024
)
# Resized images are made when an image is saved, so pages never wait for them
# or check the storage for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "almere.images.GenerateWhenSaved"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads in an S3-compatible bucket that every app server shares (django-storages),
# when AWS_STORAGE_BUCKET_NAME is set; else in MEDIA_ROOT on this server. Uploads
# are public (images and attachments of public pages), so their addresses carry no
# signature and readers fetch them from the bucket's own address, or from
# AWS_S3_CUSTOM_DOMAIN (a CDN or a domain of the city's in front of the bucket).
# Reading them must be allowed by the bucket's policy, or by AWS_DEFAULT_ACL=
# public-read on a store that still uses ACLs. Credentials left unset are found as
# boto3 finds them (an instance role, ~/.aws).
if MEDIA_BUCKET := env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            # "path" for stores that have no bucket subdomains (MinIO and others).
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
            "querystring_auth": False,
            # A new upload never replaces an earlier file of the same name: earlier
            # versions and recovered items still show theirs (see Backup).
            "file_overwrite": False,
            # So no file ever changes under its name, and browsers may keep it.
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }

# The admin lives under a configurable path; the editor's upload views live below it.
ADMIN_PATH = env.str("ADMIN_PATH", default="admin/").strip("/") + "/"

# Where readers report accessibility problems (the accessibility statement).
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="")

# Rich text: django-ckeditor. The editor widget is configured in almere/richtext.py.
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "almere.uploads.VerifiedImageBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Almere",
        "toolbar_Almere": [
            ["Format"],
            ["Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table"],
            ["RemoveFormat"],
            ["Undo", "Redo"],
        ],
        "format_tags": "p;h2;h3;h4",
        # CKEditor's own filter keeps to what the server-side sanitiser allows, so
        # what an editor sees is what gets stored.
        "allowedContent": (
            "p h2 h3 h4 blockquote ul ol li strong em br hr;"
            "a[!href,title];"
            "img[!src,alt,width,height];"
            "table caption thead tbody tfoot tr;"
            "th td[colspan,rowspan,scope]"
        ),
        "removePlugins": "exportpdf",
        "versionCheck": False,
        "width": "100%",
        "height": 320,
    }
}
SILENCED_SYSTEM_CHECKS = [
    # security.W021: HSTS preloading (SECURE_HSTS_PRELOAD=1) puts the whole domain,
    # almere.nl and every subdomain, on browsers' built-in HTTPS-only list, which is
    # hard to undo. That is the city's domain owners' decision, not this app's.
    "security.W021",
    # security.W019: X_FRAME_OPTIONS is SAMEORIGIN, not DENY, because the editor's
    # image dialog shows its upload's answer in a frame of the admin page. Other
    # sites still cannot frame the site (CSP frame-ancestors 'self' says the same).
    "security.W019",
    # ckeditor.W001: django-ckeditor bundles CKEditor 4.22.1, which is end-of-life.
    # Acknowledged: the editor is staff-only, every stored value passes the nh3
    # allow-list sanitiser (almere/richtext.py), and public pages run under a strict
    # Content-Security-Policy. See "Rich text and security" in the README.
    "ckeditor.W001",
    # models.W040: the press list's index carries updated_at along (INCLUDE) for
    # PostgreSQL's index-only reads; SQLite has no such columns and keeps the index
    # on its key columns alone, which is all it needs. Said on every command there.
    "models.W040",
]

# Content-Security-Policy: strict on the public site; almere.csp loosens it for the
# admin and the editor, which need inline scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Browsers report violations of the policy here when it is set (an absolute URL or
# a path of a collector, such as a Sentry CSP endpoint).
if csp_report_uri := env.str("CSP_REPORT_URI", default=""):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [csp_report_uri]
# The editor's image upload answers inside a frame of the admin page.
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
