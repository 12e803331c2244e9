"""Django settings for onward: all of them come from :mod:`onward.config`.

There is no local_settings file and no star-import: the environment variables
declared in ``onward/config.py`` are the only knobs (see docs/configuration.md).
"""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext

from onward.config import load_config

# Lets generic classes such as ModelAdmin[Model] be written at run time.
django_stubs_ext.monkeypatch()

CONFIG = load_config()
BASE_DIR = Path(__file__).resolve().parent

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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "onward.urls"
WSGI_APPLICATION = "onward.wsgi.application"

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
if not CONFIG.is_local:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # onward.E005 says the same, with the setting to change.
    SILENCED_SYSTEM_CHECKS = ["security.W020"]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the package: `onward serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
