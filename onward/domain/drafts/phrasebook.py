"""The phrasings drafts are written from: shipped as TOML files, overridable per section.

Each file holds one kind of message (``thank_you.toml`` …). Its tables are the
tones (``[warm]``, ``[formal]``, ``[brief]``) and each key a *section* of the
message with a list of phrasings. A person's own file in the data folder's
``drafts/`` folder replaces the sections it names and keeps the rest::

    >>> book = parse_phrasings('version = 1\\n[warm]\\nask = ["Keep me in mind, {first_name}."]', "thank_you")
    >>> book["warm"]["ask"]
    ('Keep me in mind, {first_name}.',)
    >>> parse_phrasings('[warm]\\nask = ["Hi {firstname}"]', "thank_you", "mine.toml")
    Traceback (most recent call last):
    ...
    onward.domain.drafts.phrasebook.PhrasingError: mine.toml [warm] ask: unknown blank {firstname}; use one of: ...
"""

from __future__ import annotations

import functools
import string
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

KINDS = ("thank_you", "feedback_request", "connect_note", "feedback_reply", "stay_in_touch", "follow_up")
TONES = ("warm", "formal", "brief")
SLOTS = frozenset(
    {"first_name", "name", "role", "company", "detail", "meeting", "focus", "sender", "takeaway", "share", "applied_on"}
)
# The sections each kind is built from; the composer decides their order.
SECTIONS: dict[str, tuple[str, ...]] = {
    "thank_you": ("subject", "greeting", "opening", "detail", "interest", "ask", "signoff"),
    "feedback_request": ("subject", "greeting", "opening", "ask", "ask_combined", "question", "grace", "signoff"),
    "connect_note": ("greeting", "intro", "detail", "hope"),
    "feedback_reply": ("subject", "greeting", "thanks", "takeaway", "door", "signoff"),
    "stay_in_touch": ("subject", "greeting", "opening", "share", "close", "signoff"),
    "follow_up": ("subject", "greeting", "opening", "interest", "ask", "grace", "signoff"),
}
# Suffixes a section may carry: who it is for, a disagreement, what is shared, the fallback.
FLAVOURS = (
    "recruiter",
    "hiring_manager",
    "interviewer",
    "referral",
    "other",
    "disagree",
    "update",
    "congrats",
    "article",
    "fallback",
)

Tone = dict[str, tuple[str, ...]]
Book = dict[str, Tone]  # tone -> section -> phrasings


class PhrasingError(ValueError):
    """A phrasing file onward cannot use; the message names the file, the place and the reason."""


def parse_phrasings(text: str, kind: str, source: str = "") -> Book:
    """Read and check one kind's phrasings."""
    source = source or f"{kind}.toml"
    if kind not in KINDS:
        raise PhrasingError(f"{source}: onward has no message kind {kind!r}; the files are: {_files()}.")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PhrasingError(f"{source}: not valid TOML ({exc}).") from None
    version = data.pop("version", 1)
    if version != 1:
        raise PhrasingError(f"{source}: version {version!r} is not one onward knows (use version = 1).")
    book: Book = {}
    for tone, table in data.items():
        if tone not in TONES:
            raise PhrasingError(f"{source}: [{tone}] is not a tone; use {', '.join(f'[{t}]' for t in TONES)}.")
        if not isinstance(table, dict):
            raise PhrasingError(f"{source}: {tone} must be a table, [{tone}].")
        book[tone] = {name: _phrasings(source, tone, kind, name, value) for name, value in table.items()}
    return book


def _phrasings(source: str, tone: str, kind: str, name: str, value: Any) -> tuple[str, ...]:
    where = f"{source} [{tone}] {name}"
    if name not in SECTIONS[kind]:
        base, flavour = _split_flavour(name)
        if base not in SECTIONS[kind] or flavour not in FLAVOURS:
            known = ", ".join(SECTIONS[kind])
            raise PhrasingError(
                f"{where}: not a section of a {kind} message; use one of: {known} "
                f"(optionally with _fallback, _recruiter, _disagree…)."
            )
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise PhrasingError(f'{where}: give a list of phrasings, like {name} = ["…", "…"].')
    for phrasing in value:
        for blank in blanks(phrasing, where):
            if blank not in SLOTS:
                known = " ".join(f"{{{s}}}" for s in sorted(SLOTS))
                raise PhrasingError(f"{where}: unknown blank {{{blank}}}; use one of: {known}.")
    return tuple(v.strip() for v in value)


def _split_flavour(name: str) -> tuple[str, str]:
    for flavour in sorted(FLAVOURS, key=len, reverse=True):
        if name.endswith("_" + flavour):
            return name[: -len(flavour) - 1], flavour
    return name, ""


def blanks(phrasing: str, where: str = "") -> list[str]:
    """The blanks a phrasing uses.

    >>> blanks("Thanks, {first_name}! {{not a blank}}")
    ['first_name']
    """
    try:
        parsed = list(string.Formatter().parse(phrasing))
    except ValueError:
        raise PhrasingError(
            f"{where}: a {{ or }} is unbalanced in {phrasing!r}; write {{{{ or }}}} for a brace."
        ) from None
    found = []
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if spec or conversion or not field.isidentifier():
            raise PhrasingError(f"{where}: {{{field}}} is not a plain blank; write blanks like {{first_name}}.")
        found.append(field)
    return found


def merge(base: Book, override: Book) -> Book:
    """The shipped phrasings with a person's sections laid over them."""
    merged = {tone: dict(sections) for tone, sections in base.items()}
    for tone, sections in override.items():
        merged.setdefault(tone, {}).update(sections)
    return merged


def _files() -> str:
    return ", ".join(f"{kind}.toml" for kind in KINDS)


@functools.cache
def shipped(kind: str) -> Book:
    """The phrasings onward ships for a kind (package data, read once)."""
    path = resources.files("onward.domain").joinpath(f"data/drafts/{kind}.toml")
    return parse_phrasings(path.read_text(encoding="utf-8"), kind, f"onward's {kind}.toml")


def with_overrides(kind: str, folder: Path | None) -> Book:
    """The phrasings in force: shipped, with ``folder/<kind>.toml`` laid over them when it exists."""
    book = shipped(kind)
    if folder is None:
        return book
    path = folder / f"{kind}.toml"
    if not path.exists():
        return book
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PhrasingError(f"{path}: cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise PhrasingError(f"{path}: is not UTF-8 text.") from None
    return merge(book, parse_phrasings(text, kind, str(path)))
