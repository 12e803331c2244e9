"""Setting Django up lazily: only the commands that need it pay for it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from onward.config import Config, load_config

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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


def _migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def acting_user() -> User:
    """The person the command acts for: the local user, or ONWARD_USER in server mode."""
    config = setup_django()
    from django.contrib.auth.models import User

    from onward.accounts.actions import local_user
    from onward.errors import UserError

    if config.is_local:
        # Local mode keeps its own database current: a first command before `onward serve`
        # ever ran, or the first one after an upgrade, applies the migrations it needs.
        _migrate_if_needed()
        return local_user()
    username = os.environ.get("ONWARD_USER", "").strip()
    if not username:
        raise UserError("In server mode, say whose data to use: ONWARD_USER=username onward …")
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise UserError(f"There is no account named {username!r}.") from None
