"""Reading the files people hand to commands: one clear line when a file can't be used."""

from __future__ import annotations

import sys
from pathlib import Path

from onward.errors import UserError


def read_text(file: str | Path, *, stdin_dash: bool = False) -> str:
    """A UTF-8 text file (or standard input for ``-`` when ``stdin_dash``), or a UserError naming it."""
    if stdin_dash and str(file) == "-":
        return sys.stdin.read()
    path = Path(file).expanduser()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot read {file} ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise UserError(f"Cannot read {file}: it is not UTF-8 text.") from None
