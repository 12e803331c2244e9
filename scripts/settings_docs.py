"""Rewrite the settings table in docs/configuration.md from onward/config.py: ``make docs``."""

from __future__ import annotations

from pathlib import Path

from onward.config import settings_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
START = "| variable | default | what it does |"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(START)
    end = text.index("\n\n", start)
    DOC.write_text(text[:start] + settings_markdown().rstrip("\n") + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
