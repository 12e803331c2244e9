"""Which playbook is in force: ONWARD_PLAYBOOK, else playbook.toml in the data folder, else the default."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from onward.domain.playbook import Playbook, PlaybookError, default_playbook, parse_playbook
from onward.errors import UserError

_cache: dict[tuple[str, float], Playbook] = {}


def playbook_path() -> Path | None:
    chosen = os.environ.get("ONWARD_PLAYBOOK", "").strip()
    if chosen:
        return Path(chosen).expanduser()
    own = Path(settings.ONWARD_DATA_DIR) / "playbook.toml"
    return own if own.exists() else None


def load_file(path: Path) -> Playbook:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: is not UTF-8 text.") from None
    try:
        return parse_playbook(text, str(path))
    except PlaybookError as exc:
        raise UserError(str(exc)) from None


def playbook_in_force() -> Playbook:
    """The playbook to plan with; a broken file is an error, never silently ignored."""
    path = playbook_path()
    if path is None:
        return default_playbook()
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError as exc:
        raise UserError(f"{path} (ONWARD_PLAYBOOK): cannot be read ({exc.strerror}).") from None
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_file(path)
    return _cache[key]
