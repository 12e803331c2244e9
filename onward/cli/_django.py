"""Setting Django up lazily: only the commands that need it pay for it."""

from __future__ import annotations

import os

from onward.config import Config, load_config

_CONFIG: Config | None = None


def setup_django() -> Config:
    """Check the configuration (ConfigError on a bad value), then set Django up once."""
    global _CONFIG
    if _CONFIG is None:
        config = load_config()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
        import django

        django.setup()
        _CONFIG = config
    return _CONFIG


def database_error_message(exc: Exception) -> str:
    """One line for a database that cannot be reached."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = db["NAME"] if "sqlite" in str(db["ENGINE"]) else f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return f"Cannot use the database at {where} ({reason}). Check ONWARD_DATABASE_URL."
