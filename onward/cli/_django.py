"""Setting Django up lazily: only the commands that need it pay for it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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


def _pending_migrations() -> bool:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[DEFAULT_DB_ALIAS]
    if _migration_files() <= set(MigrationRecorder(connection).applied_migrations()):
        return False  # every migration on disk is recorded as applied: there is nothing to plan
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _migration_files() -> set[tuple[str, str]]:
    """Every migration on disk as (app label, name), found as Django's loader finds them but not run.

    Loading them all to build the graph costs ~10 ms of every command; listing the files costs
    almost nothing. When one of them is not recorded as applied, the full plan decides.
    """
    import pkgutil
    from importlib import import_module

    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    found: set[tuple[str, str]] = set()
    for app_config in apps.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            continue
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if "migrations" in (exc.name or "").split("."):
                continue  # an app without migrations, which the loader leaves out too
            raise
        for _, name, is_package in pkgutil.iter_modules(getattr(module, "__path__", [])):
            if not is_package and name[0] not in "_~":
                found.add((app_config.label, name))
    return found


def migrate_if_needed() -> None:
    """Apply pending migrations, one process at a time.

    Commands started together on a fresh data folder (a script running several, the server and
    a command) would otherwise all try to create the same tables; the first takes a lock in the
    data folder, the others wait for it and then find nothing left to do.
    """
    from django.conf import settings
    from django.core.management import call_command

    if not _pending_migrations():
        return
    with _data_folder_lock(Path(settings.ONWARD_DATA_DIR) / ".migrate.lock"):
        if _pending_migrations():
            call_command("migrate", interactive=False, verbosity=0)


@contextmanager
def _data_folder_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one process at a time is left to the person
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def acting_user() -> User:
    """The person the command acts for: the local user, or ONWARD_USER in server mode."""
    config = setup_django()
    from django.contrib.auth.models import User

    from onward.accounts.actions import local_user
    from onward.errors import UserError

    if config.is_local:
        # Local mode keeps its own database current: a first command before `onward serve`
        # ever ran, or the first one after an upgrade, applies the migrations it needs.
        migrate_if_needed()
        return local_user()
    username = os.environ.get("ONWARD_USER", "").strip()
    if not username:
        raise UserError("In server mode, say whose data to use: ONWARD_USER=username onward …")
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise UserError(f"There is no account named {username!r}.") from None
