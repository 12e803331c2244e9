"""Self-care ideas for the pause card: the person's own first, then a gentle starter list."""

from __future__ import annotations

from importlib import resources


def starter_ideas() -> list[str]:
    text = resources.files("onward.domain").joinpath("data/self_care.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def ideas(own: list[str], *, limit: int = 5) -> list[str]:
    """The person's ideas first, topped up from the starter list, without repeats.

    >>> ideas(["Call Mum"], limit=2)
    ['Call Mum', 'Take a walk outside, without your phone if you can.']
    """
    chosen: list[str] = []
    for idea in [*own, *starter_ideas()]:
        if idea not in chosen:
            chosen.append(idea)
    return chosen[:limit]
