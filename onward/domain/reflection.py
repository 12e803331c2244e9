"""The guided reflection's areas, as data (``data/reflection.toml``), and what a reflection says.

A reflection is answers per area: a 1–5 self-rating and free text, any of them
left empty. A low rating (1 or 2) counts towards the area's feedback theme, so
what a person notices about themselves joins what interviewers said.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

LOW = 2  # a self-rating this low or lower counts towards the area's theme


class ReflectionError(ValueError):
    pass


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    prompt: str
    hint: str
    theme: str = ""
    strength: bool = False


def parse_areas(text: str, source: str = "reflection.toml") -> tuple[Area, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReflectionError(f"{source}: not valid TOML ({exc}).") from None
    areas = []
    for index, raw in enumerate(data.get("areas", []), start=1):
        try:
            areas.append(
                Area(
                    id=str(raw["id"]),
                    title=str(raw["title"]),
                    prompt=str(raw["prompt"]),
                    hint=str(raw.get("hint", "")),
                    theme=str(raw.get("theme", "")),
                    strength=bool(raw.get("strength", False)),
                )
            )
        except KeyError as exc:
            raise ReflectionError(f"{source} area {index}: {exc.args[0]} is missing.") from None
    return tuple(areas)


@functools.cache
def areas() -> tuple[Area, ...]:
    text = resources.files("onward.domain").joinpath("data/reflection.toml").read_text(encoding="utf-8")
    return parse_areas(text, "onward's reflection.toml")


def clean_answers(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Answers keyed by area id, each ``{"rating": 1-5 or None, "text": str}``; unknown areas and empty ones dropped.

    >>> clean_answers({"examples": {"rating": "2", "text": " Too many school projects "}, "nope": {"rating": 5}})
    {'examples': {'rating': 2, 'text': 'Too many school projects'}}
    """
    known = {a.id for a in areas()}
    cleaned: dict[str, dict[str, Any]] = {}
    for area_id, answer in raw.items():
        if area_id not in known or not isinstance(answer, dict):
            continue
        rating = answer.get("rating")
        try:
            rating = int(rating) if rating not in (None, "") else None
        except (TypeError, ValueError):
            raise ReflectionError(f"{area_id}: a rating is a number from 1 to 5, not {rating!r}.") from None
        if rating is not None and not 1 <= rating <= 5:
            raise ReflectionError(f"{area_id}: a rating is a number from 1 to 5, not {rating}.")
        text = str(answer.get("text") or "").strip()[:5000]
        if rating is not None or text:
            cleaned[area_id] = {"rating": rating, "text": text}
    return cleaned


def low_areas(answers: dict[str, dict[str, Any]]) -> list[Area]:
    """The areas rated low, which count towards their themes."""
    low = []
    for area in areas():
        rating = (answers.get(area.id) or {}).get("rating")
        if area.theme and rating is not None and int(rating) <= LOW:
            low.append(area)
    return low


def strengths(answers: dict[str, dict[str, Any]]) -> list[str]:
    """What the person noted the interviewer responded well to."""
    return [answers[a.id]["text"] for a in areas() if a.strength and (answers.get(a.id) or {}).get("text")]
