"""PostgreSQL for the cross-engine round trip, and the real ``onward`` command in a subprocess.

The suite runs every test on SQLite, then the database tests again on a
throwaway PostgreSQL cluster. The round trip needs a PostgreSQL database in
both runs: on the second it makes fresh databases on the suite's cluster; on
the first it starts a cluster of its own (tests/pgcluster.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.pgcluster import cluster, find_pg_bin

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-03-10"


def on_postgres() -> bool:
    return os.environ.get("ONWARD_DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server to make databases on: the suite's own, or a throwaway cluster."""
    if on_postgres():
        yield os.environ["ONWARD_DATABASE_URL"]
        return
    pg_bin = find_pg_bin()
    if pg_bin is None:
        if os.environ.get("ONWARD_REQUIRE_POSTGRES") == "1":
            pytest.fail("ONWARD_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries (pg_ctl, initdb) were found.")
        pytest.skip("no PostgreSQL server binaries here, so the cross-engine backup round trip can't run")
    with cluster(pg_bin) as url:
        yield url


@pytest.fixture
def postgres_database(postgres_server: str) -> Iterator[Callable[[], str]]:
    """Make fresh, empty PostgreSQL databases (dropped afterwards); returns their URLs."""
    import psycopg

    admin = _with_database(postgres_server, "postgres")
    made: list[str] = []

    def make() -> str:
        name = f"onward_backup_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return _with_database(postgres_server, name)

    yield make
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(frozen=True)
class Place:
    """Where one onward keeps its data: a data folder, and a PostgreSQL URL or None for SQLite in it."""

    data_dir: Path
    database_url: str | None = None

    @property
    def engine(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    def env(self) -> dict[str, str]:
        environ = {**os.environ, "ONWARD_DATA_DIR": str(self.data_dir), "ONWARD_TODAY": TODAY}
        for name in ("ONWARD_DATABASE_URL", "ONWARD_MODE", "ONWARD_USER"):
            environ.pop(name, None)
        if self.database_url:
            environ["ONWARD_DATABASE_URL"] = self.database_url
        return environ

    def onward(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run the installed ``onward`` command here."""
        script = Path(sys.executable).with_name("onward")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "onward"]
        return subprocess.run(
            [*command, *args], env=self.env(), capture_output=True, text=True, timeout=300, check=False, input=stdin
        )

    def ok(self, *args: str) -> str:
        result = self.onward(*args)
        assert result.returncode == 0, f"onward {' '.join(args)} on {self.engine}: {result.stderr}"
        return result.stdout

    def python(self, module: str, **env: str) -> str:
        """Run a module of the tests (``tests.backups.seed``) with this place's environment."""
        result = subprocess.run(
            [sys.executable, "-m", module],
            env={**self.env(), **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout
