"""The heavy job search the page and load benchmarks run against.

``onward.tracker.heavy.create_heavy`` makes it (5,000 applications, 2,000
contacts, 8,000 interviews and interactions, 600 rejections with their plans, a
year of check-ins). Making it takes a while, so for SQLite the data folder is
kept in ``.bench-cache/`` (ignored by git) and reused while the generator's
source, the scale and the seed are the same; PostgreSQL gets a fresh throwaway
cluster each run (see ``postgres``).

Everything here runs in the benchmark's own process after ``setup`` (Django
is configured once per process, so each engine runs in a child process).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench-cache"
TODAY = "2026-11-20"  # pinned, so the figures of two runs describe the same pages

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def cached_folder(scale: float, seed: int) -> Path:
    """The SQLite data folder for this generator, scale and seed (made on first use)."""
    package = ROOT / "onward" / "tracker" / "heavy"
    source = b"".join(path.read_bytes() for path in sorted(package.glob("*.py"), key=lambda path: path.name))
    key = hashlib.sha256(source + f"{scale}:{seed}".encode()).hexdigest()[:12]
    folder = CACHE / f"heavy-{key}"
    if not folder.exists():
        for old in CACHE.glob("heavy-*"):  # one cached search at a time: they are ~100 MB
            shutil.rmtree(old, ignore_errors=True)
    return folder


def child_env(data_dir: Path, database_url: str | None = None, mode: str = "local") -> dict[str, str]:
    """The environment of a child process that works on this data folder and database."""
    env = {**os.environ, "ONWARD_DATA_DIR": str(data_dir), "ONWARD_TODAY": TODAY, "ONWARD_MODE": mode}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("ONWARD_DATABASE_URL", None)
    if database_url:
        env["ONWARD_DATABASE_URL"] = database_url
    return env


def setup() -> None:
    """Configure Django in this process from the environment and apply migrations."""
    from onward.cli._django import migrate_if_needed, setup_django

    setup_django()
    migrate_if_needed()


def heavy_user(scale: float, seed: int, *, email: str | None = None) -> User:
    """The account holding the heavy search, made now when it holds nothing yet."""
    import time

    from onward.accounts.actions import local_user
    from onward.clock import today
    from onward.tracker.heavy import create_heavy
    from onward.tracker.models import Application

    if email is None:
        user = local_user()
    else:
        from django.contrib.auth.models import User

        user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
    if not Application.objects.for_user(user).exists():
        started = time.perf_counter()
        counts = create_heavy(user, today(), scale=scale, seed=seed)
        took = time.perf_counter() - started
        made = ", ".join(f"{count:,} {kind}" for kind, count in counts.items())
        print(f"  made the heavy search in {took:.1f} s: {made}", file=sys.stderr, flush=True)
    return user


@contextmanager
def postgres() -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster's URL, or None when no server binaries are installed."""
    from tests.pgcluster import cluster, find_pg_bin

    pg_bin = find_pg_bin()
    if pg_bin is None:
        yield None
        return
    import psycopg

    with cluster(pg_bin) as url:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE onward")
        yield url
