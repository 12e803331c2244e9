"""A throwaway PostgreSQL cluster in a temp folder, on a free loopback port.

initdb and pg_ctl refuse to run as root, so as root they run as the
``postgres`` user in a folder that user owns. Durability is switched off: the
cluster lives for one test run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's newest."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).parent] if on_path else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "pg_ctl").exists() and (folder / "initdb").exists():
            return folder
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def cluster(pg_bin: Path) -> Iterator[str]:
    """Start a cluster; yield its URL (user postgres, trust auth on loopback)."""
    root = Path(tempfile.mkdtemp(prefix="onward-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, log, port = root / "data", root / "server.log", free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
    try:
        subprocess.run(
            _as_owner(
                [str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
            ),
            check=True,
            cwd=root,
            **quiet,
        )
        durability_off = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 {durability_off}"
        subprocess.run(
            _as_owner([str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
            check=True,
            cwd=root,
            **quiet,
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/onward"
    finally:
        if data.exists():
            subprocess.run(
                _as_owner([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), cwd=root, **quiet
            )
        shutil.rmtree(root, ignore_errors=True)
