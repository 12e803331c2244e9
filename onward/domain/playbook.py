"""The recovery playbook as data: load it, check it, and say what it is.

The shipped default lives in ``data/playbook.toml``; a person or a career
centre can replace it with a file of their own. :func:`parse_playbook` refuses
a malformed file with the file, the step and the reason::

    >>> parse_playbook('version = 2', "mine.toml")
    Traceback (most recent call last):
    ...
    onward.domain.playbook.PlaybookError: mine.toml: version 2 is not one onward knows (use version = 1).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

KINDS = (
    "pause",
    "thank_you",
    "feedback_request",
    "connect",
    "reflect",
    "feedback_reply",
    "get_back",
    "stay_in_touch",
    "reassess",
)
# The messages a person sends; none of them may come due on the day of the news.
MESSAGE_KINDS = frozenset({"thank_you", "feedback_request", "connect", "feedback_reply", "stay_in_touch"})
# What may come due inside the cool-off (from the day after, for the messages).
COOL_OFF_KINDS = frozenset({"pause", "thank_you", "feedback_request"})
REACHED = ("applied", "screen", "interview", "final")
ANCHORS = ("rejection", "cool_off_end", "feedback")
LINKS = ("checkin", "draft", "reflection", "goal", "review", "none")
MAX_DAYS = 366

STEP_KEYS = {"id", "kind", "title", "why", "from", "anchor", "start", "end", "links_to"}
TOP_KEYS = {"version", "cool_off", "stay_in_touch", "reassess", "connect", "steps"}


class PlaybookError(ValueError):
    """A playbook file onward cannot use; the message names the file, the step and the reason."""


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    title: str
    why: str
    applies_from: str
    anchor: str
    start: int
    end: int
    links_to: str

    def applies_to(self, reached: str) -> bool:
        return REACHED.index(reached) >= REACHED.index(self.applies_from)


@dataclass(frozen=True)
class Playbook:
    source: str
    cool_off: dict[str, int]
    cool_off_max: int
    cadence_days: int
    reassess_rejections: int
    reassess_within_days: int
    reassess_finals_in_a_row: int
    connect_notes_per_month: int
    connect_note_limit: int
    steps: tuple[Step, ...]

    def step(self, kind: str) -> Step | None:
        return next((s for s in self.steps if s.kind == kind), None)


def default_text() -> str:
    return resources.files("onward.domain").joinpath("data/playbook.toml").read_text(encoding="utf-8")


@functools.cache
def default_playbook() -> Playbook:
    return parse_playbook(default_text(), "the default playbook")


def parse_playbook(text: str, source: str) -> Playbook:
    """Read and check a playbook; PlaybookError on the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"{source}: not valid TOML ({exc}).") from None
    _no_unknown(data, TOP_KEYS, source)
    if data.get("version") != 1:
        raise PlaybookError(f"{source}: version {data.get('version')} is not one onward knows (use version = 1).")
    steps = tuple(_step(raw, i, source) for i, raw in enumerate(_list(data, "steps", source)))
    cool_off = _table(data, "cool_off", source)
    cool_off_max = _int(cool_off, "max", source, "[cool_off]", 0, 60, default=14)
    days = {reached: _int(cool_off, reached, source, "[cool_off]", 0, cool_off_max) for reached in REACHED}
    _no_unknown(cool_off, {*REACHED, "max"}, f"{source}: [cool_off]")
    stay = _table(data, "stay_in_touch", source)
    reassess = _table(data, "reassess", source)
    connect = _table(data, "connect", source)
    ids = [s.id for s in steps]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise PlaybookError(f"{source}: two steps have the id {duplicate!r}; ids must be unique.")
    kinds = [s.kind for s in steps]
    twice = next((k for k in kinds if kinds.count(k) > 1), None)
    if twice:
        raise PlaybookError(f"{source}: two steps are of kind {twice!r}; give each kind one step.")
    return Playbook(
        source=source,
        cool_off=days,
        cool_off_max=cool_off_max,
        cadence_days=_int(stay, "cadence_days", source, "[stay_in_touch]", 1, 3650, default=90),
        reassess_rejections=_int(reassess, "rejections", source, "[reassess]", 1, 100, default=5),
        reassess_within_days=_int(reassess, "within_days", source, "[reassess]", 1, 365, default=30),
        reassess_finals_in_a_row=_int(reassess, "final_rounds_in_a_row", source, "[reassess]", 1, 50, default=3),
        connect_notes_per_month=_int(connect, "notes_per_month", source, "[connect]", 0, 1000, default=5),
        connect_note_limit=_int(connect, "note_limit", source, "[connect]", 20, 3000, default=200),
        steps=steps,
    )


def _step(raw: Any, index: int, source: str) -> Step:
    where = f"{source}: step {index + 1}"
    if not isinstance(raw, dict):
        raise PlaybookError(f"{where}: each [[steps]] entry must be a table.")
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not step_id.strip():
        raise PlaybookError(f"{where}: 'id' is missing.")
    where = f"{source}: step {step_id!r}"
    _no_unknown(raw, STEP_KEYS, where)
    kind = _choice(raw, "kind", KINDS, where)
    title, why = _text(raw, "title", where), _text(raw, "why", where)
    start = _int(raw, "start", source, f"step {step_id!r}", 0, MAX_DAYS)
    end = _int(raw, "end", source, f"step {step_id!r}", 0, MAX_DAYS)
    if end < start:
        raise PlaybookError(f"{where}: 'end' ({end}) is before 'start' ({start}).")
    return Step(
        id=step_id,
        kind=kind,
        title=title,
        why=why,
        applies_from=_choice(raw, "from", REACHED, where),
        anchor=_choice(raw, "anchor", ANCHORS, where),
        start=start,
        end=end,
        links_to=_choice(raw, "links_to", LINKS, where, default="none"),
    )


def _no_unknown(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise PlaybookError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(allowed))}).")


def _table(data: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise PlaybookError(f"{source}: [{key}] must be a table.")
    return value


def _list(data: dict[str, Any], key: str, source: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise PlaybookError(f"{source}: there are no [[{key}]].")
    return value


def _int(
    data: dict[str, Any], key: str, source: str, where: str, low: int, high: int, default: int | None = None
) -> int:
    value = data.get(key, default)
    if value is None:
        raise PlaybookError(f"{source}: {where}: {key!r} is missing.")
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PlaybookError(f"{source}: {where}: {key!r} must be a whole number from {low} to {high}, not {value!r}.")
    return value


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PlaybookError(f"{where}: {key!r} is missing or empty.")
    return value.strip()


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise PlaybookError(f"{where}: {key!r} must be one of {', '.join(choices)}, not {value!r}.")
    return str(value)
