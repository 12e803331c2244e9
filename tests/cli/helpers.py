"""Run the real ``onward`` command in a subprocess with its own data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_onward(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "ONWARD_DATA_DIR": str(data_dir)}
    for name in ("ONWARD_DATABASE_URL", "ONWARD_MODE", "ONWARD_TODAY"):
        environ.pop(name, None)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "onward", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    """Assert the command failed with one readable line and no traceback; return it."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]
