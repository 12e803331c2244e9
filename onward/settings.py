"""Django settings for onward: all of them come from :mod:`onward.config`.

There is no local_settings file and no star-import: the environment variables
declared in ``onward/config.py`` are the only knobs (see docs/configuration.md).
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import django_stubs_ext

from onward.config import load_config

# Lets generic classes such as ModelAdmin[Model] be written at run time.
django_stubs_ext.monkeypatch()

CONFIG = load_config()
BASE_DIR = Path(__file__).resolve().parent
# django-ninja's templates and static files serve the API docs page from this machine. They are
# found by path rather than by listing "ninja" as an app, which would import it (and pydantic) in
# every command: ~80 ms of each CLI start. find_spec locates the package without running it.
NINJA_DIR = Path(str(getattr(find_spec("ninja"), "origin", ""))).parent

ONWARD_MODE = CONFIG.mode
ONWARD_DATA_DIR = CONFIG.data_dir
ONWARD_DATABASE_URL_GIVEN = CONFIG.database_url_given
ONWARD_SECRET_KEY_GIVEN = CONFIG.secret_key_given

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "onward.core",
    "onward.accounts",
    "onward.tracker",
    "onward.plans",
    "onward.drafts",
    "onward.reflect",
    "onward.momentum",
    "onward.mailimport",
    "onward.api",
    "onward.backups",
    "django_tasks",
    "django_tasks_db",
]

# Background work (mail imports) is a task on a queue kept in the database:
# `onward worker` runs it, and `onward serve` runs one beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Outlook and Apple Mail users drag messages out as .eml files: allow many in one upload.
DATA_UPLOAD_MAX_NUMBER_FILES = 5000
ONWARD_MAIL_APPLY_CONFIDENCE = CONFIG.mail_apply
ONWARD_MAIL_REVIEW_CONFIDENCE = CONFIG.mail_review

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "onward.core.security.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "onward.accounts.middleware.signed_out_everywhere",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "onward.urls"
WSGI_APPLICATION = "onward.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onward.core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {"default": CONFIG.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = ["onward.accounts.backends.EmailOrUsernameBackend"]

LOGIN_URL = "accounts:signin"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:signin"

# Local mode: the one-time link is the lock, so a signed-in browser stays signed in.
SESSION_COOKIE_AGE = 60 * 60 * 24 * (90 if CONFIG.is_local else 14)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# onward.core.security sends it on every response: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
ONWARD_SIGNUP = CONFIG.signup
ONWARD_PROXY_COUNT = CONFIG.proxy_count
if not CONFIG.is_local:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in CONFIG.allowed_hosts if host and host != "*"]
    # onward.E005 says the same, with the setting to change.
    SILENCED_SYSTEM_CHECKS = ["security.W020"]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]
# Serve straight from the package: `onward serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Password-reset and invitation mail; without ONWARD_EMAIL_URL it goes to the log (onward.W002 says so).
_EMAIL = CONFIG.email or {}
EMAIL_BACKEND = str(_EMAIL.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"))
EMAIL_FILE_PATH = _EMAIL.get("EMAIL_FILE_PATH")
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = bool(_EMAIL.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_EMAIL.get("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = _EMAIL.get("EMAIL_TIMEOUT", 10)
ONWARD_EMAIL_CONFIGURED = CONFIG.email is not None
DEFAULT_FROM_EMAIL = CONFIG.email_from
SERVER_EMAIL = CONFIG.email_from
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
