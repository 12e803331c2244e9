"""Run the whole suite the way CI does: ``python -m tests.suite [pytest args]``.

1. Every test on SQLite (and the browser tests against a real ``onward serve``).
2. When PostgreSQL server binaries are found, a throwaway cluster is started and
   every database test (``@pytest.mark.django_db``) runs again on it.

``ONWARD_REQUIRE_POSTGRES=1`` turns "no PostgreSQL here" into a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from tests.pgcluster import cluster, find_pg_bin

NO_TESTS = 5  # pytest's exit status when nothing was selected


def _pytest(args: list[str], env: dict[str, str]) -> int:
    return subprocess.call([sys.executable, "-m", "pytest", *args], env=env)


def main(args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="onward-test-data-") as data_dir:
        env = {**os.environ, "ONWARD_DATA_DIR": data_dir}
        env.pop("ONWARD_DATABASE_URL", None)
        env.pop("ONWARD_MODE", None)
        print("== tests on SQLite", flush=True)
        status = _pytest(args, env)
        pg_bin = find_pg_bin()
        if pg_bin is None:
            if os.environ.get("ONWARD_REQUIRE_POSTGRES") == "1":
                print(
                    "FAILED: ONWARD_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries (pg_ctl, initdb) were found."
                )
                return 1
            print("PostgreSQL server binaries not found: database tests ran on SQLite only.")
            return status
        print(f"== database tests on PostgreSQL ({pg_bin})", flush=True)
        with cluster(pg_bin) as url:
            pg_status = _pytest(
                [*args, "-m", "django_db", "-p", "no:cacheprovider"], {**env, "ONWARD_DATABASE_URL": url}
            )
        if pg_status == NO_TESTS:
            pg_status = 0
        return status or pg_status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
