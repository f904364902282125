"""Onward's one settings module, driven by ONWARD_* environment variables (conventions §11).

Defaults are safe: DEBUG is off, the embedded database is SQLite in WAL mode, and a production
deploy check (`onward manage check --deploy`) refuses a missing key, DEBUG or demo mode.
"""

import os
from pathlib import Path

from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured

from onward.audit.keys import local_audit_key_file
from onward.core.config import database_from_url, env_bool, env_int, env_list, local_secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ONWARD_DATA_DIR", BASE_DIR.parent / "var")).resolve()

DEBUG = env_bool("ONWARD_DEBUG", default=False)
# Demo mode: staff need no second factor and every page says so; the deploy check refuses it.
DEMO = env_bool("ONWARD_DEMO", default=False)
# Meeting feeds are fetched from public addresses only unless this is on (onward.meetings.feeds.fetch).
MEETING_FEEDS_ALLOW_PRIVATE = env_bool("ONWARD_MEETING_FEEDS_ALLOW_PRIVATE", default=False)
# Unset: a random key kept in the data folder, marked local; the deploy check refuses it.
SECRET_KEY = os.environ.get("ONWARD_SECRET_KEY", "") or local_secret_key(DATA_DIR, demo=DEMO)
# The audit trail's HMAC key lives outside the database (onward.audit.keys). Unset: a random key made once
# in the data folder, for the demo, development and tests; the deploy check refuses that.
AUDIT_KEY_FILE = Path(os.environ.get("ONWARD_AUDIT_KEY_FILE", "") or local_audit_key_file(DATA_DIR))
AUDIT_KEY_FILE_GIVEN = bool(os.environ.get("ONWARD_AUDIT_KEY_FILE", ""))
# The append-only log of signed digests of every chain head (onward.audit.anchors), outside the database.
AUDIT_ANCHOR_DIR = Path(os.environ.get("ONWARD_AUDIT_ANCHOR_DIR", "") or DATA_DIR / "audit-anchors")
ALLOWED_HOSTS = env_list("ONWARD_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ONWARD_CSRF_TRUSTED_ORIGINS", default=[])
TIME_ZONE = os.environ.get("ONWARD_TIME_ZONE", "UTC")
USE_TZ = True
LANGUAGE_CODE = "en-us"
USE_I18N = True

DATABASES = {"default": database_from_url(os.environ.get("ONWARD_DATABASE_URL", ""), data_dir=DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "onward.core",
    "onward.accounts",
    "onward.people",
    "onward.care",
    "onward.alerts",
    "onward.notifications",
    "onward.consent",
    "onward.checkins",
    "onward.meetings",
    "onward.medication",
    "onward.plans",
    "onward.recovery",
    "onward.withdrawal",
    "onward.intake",
    "onward.evaluation",
    "onward.admission",
    "onward.reminders",
    "onward.audit",
    "onward.jobs",
    "onward.api",
    "onward.web",
]

MIDDLEWARE = [
    "onward.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "onward.accounts.middleware.StaffSessionTimeoutMiddleware",
    "onward.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "onward.web.zone.ReaderTimeZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "onward.core.middleware.NoStoreWhenSignedIn",
    "onward.api.idempotency.IdempotencyMiddleware",
    "onward.consent.notice.RedisclosureNoticeMiddleware",
]

# Background work: the django-tasks database backend (the tasks API Django 6 adopts); `onward worker`
# runs the queue and the periodic schedule.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker's lease, renewed every third of it while the worker lives: a task left running by a worker
# silent this long runs again on another (onward.jobs.leases). Longer than any pause a live worker makes.
WORKER_LEASE_SECONDS = env_int("ONWARD_WORKER_LEASE_SECONDS", default=120, minimum=1)

ROOT_URLCONF = "onward.urls"
WSGI_APPLICATION = "onward.wsgi.application"

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
                "onward.web.context.site",
                "onward.notifications.context.unread",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["onward.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Argon2 first: new and re-saved passwords use it; the others only read old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security policy (not clinical numbers): a staff session ends after this many idle minutes;
# this many failed logins within the window lock the e-mail address and the client address.
STAFF_SESSION_IDLE_MINUTES = env_int("ONWARD_STAFF_SESSION_IDLE_MINUTES", default=30, minimum=1)
LOGIN_FAILURE_LIMIT = env_int("ONWARD_LOGIN_FAILURE_LIMIT", default=5, minimum=1)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("ONWARD_LOGIN_FAILURE_WINDOW_MINUTES", default=15, minimum=1)
# Guesses at one e-mail address from many machines wait after the latest failure, at most this long
# (onward/accounts/throttle.py); one machine's guesses at one address lock that machine out.
LOGIN_SLOWDOWN_MAX_SECONDS = env_int("ONWARD_LOGIN_SLOWDOWN_MAX_SECONDS", default=30, minimum=1)
IDEMPOTENCY_KEEP_HOURS = 24
# Invitations (product defaults, not clinical numbers): an e-mailed link to choose a password works for
# this many days; a printed one-time code, handed over in person, for this many hours (it is short, so
# it lives shorter). Each works once.
INVITATION_DAYS = env_int("ONWARD_INVITATION_DAYS", default=7, minimum=1)
PRINTED_CODE_HOURS = env_int("ONWARD_PRINTED_CODE_HOURS", default=72, minimum=1)
# Where the quick-exit button goes: a neutral page that says nothing about recovery.
QUICK_EXIT_URL = os.environ.get("ONWARD_QUICK_EXIT_URL", "https://www.weather.gov/")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("ONWARD_SECURE_COOKIES", default=not DEBUG and not DEMO)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only, in production: `check --deploy` refuses a deployment without the redirect and HSTS
# (onward.E006). Both are off by default because the demo, a laptop and the test client speak plain
# HTTP; a deployment turns them on. One year of HSTS is what browsers' preload lists ask for.
SECURE_SSL_REDIRECT = env_bool("ONWARD_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("ONWARD_HSTS_SECONDS", default=0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ONWARD_HSTS_INCLUDE_SUBDOMAINS", default=False)
# Behind a proxy that ends TLS, the proxy says the request came over HTTPS in this header.
if env_bool("ONWARD_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy: everything from Onward itself, nothing inline (no inline script, no style
# attribute), no plugins, no framing, forms post only to Onward. A page that needs more is a defect.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}

EMAIL_BACKEND = os.environ.get("ONWARD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The demo writes its e-mails here (the file backend) and shows them at /demo/outbox/.
EMAIL_FILE_PATH = os.environ.get("ONWARD_EMAIL_FILE_PATH", "") or str(DATA_DIR / "outbox")
DEFAULT_FROM_EMAIL = os.environ.get("ONWARD_FROM_EMAIL", "Onward <no-reply@localhost>")
# Links in e-mails and text messages start here (the page itself asks for sign-in).
SITE_URL = os.environ.get("ONWARD_SITE_URL", "http://localhost:8000").rstrip("/")

# Text messages: "console" (default, writes to standard output), "http" (POSTs JSON to a gateway), or
# "module:Class". Sending policy, not clinical numbers: seconds to wait for the gateway, and how many
# attempts a message gets before it stays failed.
ONWARD_SMS_ADAPTER = os.environ.get("ONWARD_SMS_ADAPTER", "console").strip() or "console"
ONWARD_SMS_HTTP_URL = os.environ.get("ONWARD_SMS_HTTP_URL", "")
ONWARD_SMS_HTTP_TOKEN = os.environ.get("ONWARD_SMS_HTTP_TOKEN", "")
ONWARD_SMS_HTTP_TIMEOUT_SECONDS = env_int("ONWARD_SMS_HTTP_TIMEOUT_SECONDS", default=10, minimum=1)
NOTIFICATION_MAX_ATTEMPTS = env_int("ONWARD_NOTIFICATION_MAX_ATTEMPTS", default=3, minimum=1)
if ONWARD_SMS_ADAPTER == "http" and not ONWARD_SMS_HTTP_URL:
    raise ImproperlyConfigured("ONWARD_SMS_ADAPTER=http needs ONWARD_SMS_HTTP_URL")

STATIC_URL = "static/"
# Only a deployment that runs collectstatic sets a root; otherwise files come from the apps.
STATIC_ROOT = os.environ.get("ONWARD_STATIC_ROOT") or None
# Static files (vendored htmx, the API docs' assets) come from the apps themselves: no CDN, no
# collectstatic step for the embedded default.
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"calendar_secrets": {"()": "onward.meetings.logsafe.HideCalendarSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["calendar_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("ONWARD_LOG_LEVEL", "WARNING")},
}
