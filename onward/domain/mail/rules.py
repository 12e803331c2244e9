"""The classifier's rules: ``data/mail.toml`` parsed, checked and compiled into one fast scanner.

Every pattern starts with a plain word, so all of them are merged into one
regular expression, a trie of those first words, scanned once per field; a rule
file onward cannot use raises :class:`RuleError` naming the file, the rule and
the problem.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from onward.domain.mail.knowledge import (
    SenderBook,
    parse_anchors,
    parse_senders,
    phrase_regex,
)
from onward.domain.mail.message import LABELS


class RuleError(ValueError):
    """A mail rules file onward cannot use."""


RULE_LABELS = (*LABELS, "job", "bulk", "title")
# Words found by the same scan that change what the hits around them mean, and where names are written.
MARKERS = ("_sentence", "_clause", "_negation", "_company", "_role", "_role_word")
FIELDS = ("subject", "body", "signature")
BODY_LIMIT = 20_000  # characters of a body that are read: what decides a message comes first
CONFIDENCE_SLOPE = math.log(5) / 3  # one strong phrase (3) and no rival: 0.9


@dataclass(frozen=True)
class Rule:
    id: str
    label: str  # one of RULE_LABELS
    weight: float
    fields: frozenset[str]
    negatable: bool
    conditional: bool
    needs_job: bool
    senders: tuple[str, ...]
    lang: str
    before: re.Pattern[str] | None = None  # must match right before a hit, in its clause
    after_negation: bool = False  # counts only right after a negation
    cap: float = 0.0  # above its weight: each distinct phrase adds the weight, up to this


def _marker(label: str) -> Rule:
    return Rule(label, label, 0.0, frozenset(FIELDS), False, False, False, (), "")


@dataclass(frozen=True)
class Thresholds:
    label: float
    job: float
    job_words_cap: float
    not_job: float
    reply_subject: float
    bulk_personal: float
    bulk_other_job: float
    titles: float
    titles_weight: float
    strong: float


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    scanner: Scanner
    job_words: dict[str, float]  # the single words that say "job search" ("candidate", "poste"), and their weight
    role_words: frozenset[str]  # the words a role is written before ("position", "role")
    negation_window: int
    after_negation_window: int
    bulk_headers: frozenset[str]
    precedence: frozenset[str]
    thresholds: Thresholds
    senders: SenderBook


class Hit(NamedTuple):
    """Where a rule matched: the field, the span in the field's text, and that text."""

    rule: Rule
    field: str
    start: int
    end: int
    source: str  # the field's text

    @property
    def text(self) -> str:
        """The words that matched, as written in the message, spaces collapsed."""
        return " ".join(self.source[self.start : self.end].split())

    @property
    def evidence(self) -> str:
        return f'{self.field}: "{self.text}"'


# -- Loading the rules -----------------------------------------------------------------------------------------------


def parse_rules(text: str, source: str = "mail.toml") -> Rules:
    """Rules from the text of a mail.toml; a :class:`RuleError` says what is wrong and where."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{source}: not valid TOML ({exc}).") from None
    macros = {str(k): str(v) for k, v in data.get("macros", {}).items()}
    rules: list[Rule] = []
    branches: list[tuple[str, str, int]] = []  # (first word, rest of the pattern, rule index)
    checks: list[tuple[str, str, str]] = []  # (pattern as written, as expanded, where): to name a bad one
    for index, raw in enumerate(data.get("rules", []), start=1):
        where = f"{source} rule {raw.get('id') or index}"
        rule = _rule(raw, where, macros)
        if any(other.id == rule.id for other in rules):
            raise RuleError(f"{where}: another rule has the same id.")
        rules.append(rule)
        patterns = raw.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise RuleError(f"{where}: patterns is missing or empty.")
        for pattern in patterns:
            expanded = _expand_macros(str(pattern), macros, where)
            if _capturing_group(expanded):
                raise RuleError(f"{where}: {pattern!r} has a capturing group; write (?:...) instead.")
            checks.append((str(pattern), expanded, where))
            for first, rest in _split_first_word(expanded, where, str(pattern)):
                branches.append((first, rest, len(rules) - 1))
    if not rules:
        raise RuleError(f"{source}: no [[rules]].")
    negation = data.get("negation", {})
    conditional = data.get("conditional", {})
    anchors = data.get("extract", {})
    try:
        parse_anchors(data, source)
    except ValueError as exc:
        raise RuleError(str(exc)) from None
    for label, table, key in (
        ("_negation", negation, "patterns"),
        ("_clause", conditional, "clause"),
        ("_sentence", conditional, "sentence"),
        ("_company", anchors, "company_after"),
        ("_role", anchors, "role_after"),
        ("_role_word", anchors, "role_words"),
    ):
        rules.append(_marker(label))
        section = {"_negation": "negation", "_clause": "conditional", "_sentence": "conditional"}.get(label, "extract")
        where = f"{source} [{section}] {key}"
        for pattern in table.get(key, []):
            checks.append((str(pattern), str(pattern), where))
            for first, rest in _split_first_word(str(pattern), where, str(pattern)):
                branches.append((first, rest, len(rules) - 1))
    try:
        scanner = _scanner(branches, rules)
    except re.error:
        # Compiling each pattern alone is slow, so it is only done to say which one is wrong.
        for pattern, expanded, where in checks:
            try:
                re.compile(phrase_regex(expanded))
            except re.error as exc:
                raise RuleError(f"{where}: {pattern!r} is not a valid regular expression ({exc}).") from None
        raise
    job_words = {
        first: rules[index].weight for first, rest, index in branches if rules[index].label == "job" and not rest
    }
    bulk = data.get("bulk", {})
    thresholds = _thresholds(data.get("thresholds"), source)
    try:
        senders = parse_senders(data, source)
    except ValueError as exc:
        raise RuleError(str(exc)) from None
    return Rules(
        rules=tuple(rules),
        scanner=scanner,
        job_words=job_words,
        role_words=frozenset(str(w) for w in anchors.get("role_words", ())),
        negation_window=int(negation.get("window", 40)),
        after_negation_window=int(negation.get("after_window", 36)),
        bulk_headers=frozenset(h.lower() for h in bulk.get("headers", [])),
        precedence=frozenset(p.lower() for p in bulk.get("precedence", [])),
        thresholds=thresholds,
        senders=senders,
    )


def _capturing_group(pattern: str) -> bool:
    """Whether ``pattern`` has a "(" that opens a capturing group (not "(?:", not escaped, not in a class)."""
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and (not pattern.startswith("(?", index) or pattern.startswith("(?P<", index)):
            return True
        index += 1
    return False


def _thresholds(raw: Any, source: str) -> Thresholds:
    if not isinstance(raw, dict):
        raise RuleError(f"{source}: [thresholds] is missing.")
    names = list(Thresholds.__dataclass_fields__)
    missing = [name for name in names if name not in raw]
    unknown = [name for name in raw if name not in names]
    if missing or unknown:
        problem = f"{', '.join(missing)} missing" if missing else f"{', '.join(unknown)} not known"
        raise RuleError(f"{source} [thresholds]: {problem} (it takes {', '.join(names)}).")
    try:
        return Thresholds(**{name: float(raw[name]) for name in names})
    except (TypeError, ValueError):
        raise RuleError(f"{source} [thresholds]: every value must be a number.") from None


def _rule(raw: dict[str, Any], where: str, macros: dict[str, str]) -> Rule:
    label = raw.get("label")
    if label not in RULE_LABELS:
        raise RuleError(f"{where}: label must be one of {', '.join(RULE_LABELS)} (got {label!r}).")
    fields = raw.get("in", ["subject", "body"])
    if isinstance(fields, str):
        fields = [fields]
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise RuleError(f"{where}: 'in' can only name {', '.join(FIELDS)} (got {unknown[0]!r}).")
    try:
        weight = float(raw["weight"])
    except KeyError:
        raise RuleError(f"{where}: weight is missing.") from None
    except (TypeError, ValueError):
        raise RuleError(f"{where}: weight must be a number.") from None
    if not 0 < weight <= 10:
        raise RuleError(f"{where}: weight must be above 0 and at most 10.")
    positive = label not in ("rejection", "not_job", "job", "bulk", "title")
    before = None
    if raw.get("before"):
        try:
            before = re.compile(
                r"(?<!\w)(?:" + phrase_regex(_expand_macros(str(raw["before"]), macros, where)) + r")\s*$"
            )
        except re.error as exc:
            raise RuleError(f"{where}: before is not a valid regular expression ({exc}).") from None
    return Rule(
        id=str(raw.get("id") or where),
        label=str(label),
        weight=weight,
        fields=frozenset(fields),
        negatable=bool(raw.get("negatable", positive and before is None and not raw.get("after_negation"))),
        conditional=bool(raw.get("conditional", label == "rejection")),
        needs_job=bool(raw.get("needs_job", False)),
        senders=tuple(str(s).lower() for s in raw.get("senders", ())),
        lang=str(raw.get("lang", "")),
        before=before,
        after_negation=bool(raw.get("after_negation", False)),
        cap=_number(raw, "cap", weight, where),
    )


def _number(raw: dict[str, Any], key: str, default: float, where: str) -> float:
    try:
        return float(raw.get(key, default))
    except (TypeError, ValueError):
        raise RuleError(f"{where}: {key} must be a number.") from None


_MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")


def _expand_macros(pattern: str, macros: dict[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name not in macros:
            raise RuleError(f"{where}: {{{name}}} is not a macro ([macros] has {', '.join(sorted(macros)) or 'none'}).")
        return macros[name]

    return _MACRO.sub(replace, pattern)


_META = set("\\.^$*+?{}[]|() '’")


def _split_first_word(pattern: str, where: str, original: str, depth: int = 0) -> list[tuple[str, str]]:
    """(first word, rest) for each way ``pattern`` can start, its first word spelled out in full.

    A leading or attached group of alternatives, a letter class and an optional letter are
    spelled out: "(?:will|won't) be" gives "will" and "won"; "interviews?" gives "interviews"
    and "interview"; "organi[sz]e" gives "organise" and "organize".
    """
    if depth > 12:
        raise RuleError(f"{where}: {original!r} starts with too many alternatives to spell out.")
    index = 0
    while index < len(pattern) and pattern[index] not in _META:
        index += 1
    first, rest = pattern[:index], pattern[index:]
    variants: list[str] = []
    if rest.startswith("(?:"):
        close = _closing(rest, 0)
        inner, after = rest[3:close], rest[close + 1 :]
        optional = after.startswith("?")
        after = after[1:] if optional else after
        if not after.startswith(("*", "+", "{")):
            variants = [first + alternative + after for alternative in _top_level_split(inner)]
            if optional:
                variants.append(first + (after.lstrip(" ") if not first else after))
    elif first and rest[:1] == "?" and not rest.startswith(("?:", "?=", "?!", "?<")):
        variants = [first + rest[1:], first[:-1] + rest[1:]]  # "interviews?"
    elif rest.startswith("[") and "]" in rest:
        close = rest.index("]")
        letters = rest[1:close]
        if letters.isalpha() and rest[close + 1 : close + 2] not in ("?", "*", "+", "{"):
            variants = [first + letter + rest[close + 1 :] for letter in letters]
    if variants:
        out: list[tuple[str, str]] = []
        for variant in variants:
            out += _split_first_word(variant, where, original, depth + 1)
        return out
    if rest[:1] in ("*", "+", "{"):
        first, rest = first[:-1], first[-1:] + rest  # "\\d+": the last letter belongs to what follows
    whole_word = rest[:1] in ("", " ", "'", "’")  # "i'm", "n'a", "l'équipe"
    if len(first) < 2 and not (first and whole_word):
        raise RuleError(f"{where}: {original!r} must start with a plain word of two letters or more.")
    return [(first, rest)]


def _closing(pattern: str, start: int) -> int:
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise RuleError(f"unbalanced parentheses in {pattern!r}")


def _top_level_split(inner: str) -> list[str]:
    parts, depth, current, index, in_class = [], 0, [], 0, False
    while index < len(inner):
        char = inner[index]
        if char == "\\":
            current.append(inner[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


class _Lazy:
    """A regular expression compiled the first time it is needed: most are never needed (loading stays fast)."""

    __slots__ = ("compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.compiled: re.Pattern[str] | None = None

    def match(self, text: str, position: int) -> re.Match[str] | None:
        if self.compiled is None:
            self.compiled = re.compile(self.pattern)
        return self.compiled.match(text, position)


@dataclass(frozen=True)
class Scanner:
    pattern: re.Pattern[str]  # group 1: the phrase that starts after the white space it matched
    dispatch: dict[str, tuple[_Lazy, tuple[int, ...]]]  # first word -> its rests, a group per rule
    leaves: dict[str, tuple[tuple[_Lazy, int], ...]]  # first word -> each rest and its rule, in order
    lengths: tuple[int, ...]  # of the first words, longest first
    shared_anchors: frozenset[str]  # first words that start a company's and a role's anchor ("interest in")
    shorter: dict[str, tuple[str, ...]]  # first word -> the other first words it starts with, longest first
    known: dict[str, tuple[int, int]]  # phrases already identified -> (rule index, length of its first word)
    phrase_words: dict[str, dict[str, float]]  # phrases already seen -> the job words in them


KNOWN_LIMIT = 50_000


def _scanner(branches: list[tuple[str, str, int]], rules: list[Rule]) -> Scanner:
    """One expression that finds every phrase: a trie of first words, each followed by its rests.

    It has one group, around the phrase: Python's engine copies every group of a pattern into each match
    and at each repetition, so a group per rule made the scan 25 times slower. Which rule a phrase belongs
    to is found from its first word, once per distinct phrase. Where several rules start at one word, the
    heaviest that matches is found, then markers (negations, conditions, where names are written), then
    the plain words that say "job search".
    """
    trie: dict[str, Any] = {}
    by_first: dict[str, list[tuple[str, int]]] = {}
    for first, rest, rule_index in branches:
        node = trie
        for char in first:
            node = node.setdefault(char, {})
        node.setdefault("", []).append((rest, rule_index))
        by_first.setdefault(first, []).append((rest, rule_index))

    def order(leaf: tuple[str, int]) -> tuple[int, float]:
        # The rules of the labels first, heaviest first; then markers; then the words that say "job search".
        rule = rules[leaf[1]]
        group = 1 if rule.label in MARKERS else 2 if rule.label in ("job", "title") else 0
        return (group, MARKERS.index(rule.label) if rule.label in MARKERS else -rule.weight)

    def build(node: dict[str, Any]) -> str:
        alternatives = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            alternatives.append("(?:" + "|".join(bounded(rest) for rest, _ in sorted(node[""], key=order)) + ")")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    dispatch = {}
    each = {}
    for first, leaves in by_first.items():
        ordered = sorted(leaves, key=order)
        dispatch[first] = (
            _Lazy("|".join(f"(?:{bounded(rest)})()" for rest, _ in ordered)),
            tuple(index for _, index in ordered),
        )
        each[first] = tuple((_Lazy(bounded(rest)), index) for rest, index in ordered)
    lengths = tuple(sorted({len(first) for first in by_first}, reverse=True))
    shared = frozenset(
        first
        for first, leaves in by_first.items()
        if {"_company", "_role"} <= {rules[index].label for _, index in leaves}
    )
    shorter = {
        first: tuple(sorted((other for other in by_first if other != first and first.startswith(other)), key=len))[::-1]
        for first in by_first
    }
    return Scanner(re.compile(r"\s(?=(" + build(trie) + "))"), dispatch, each, lengths, shared, shorter, {}, {})


def identify(scanner: Scanner, scan: str, start: int, end: int) -> tuple[int, int]:
    """(rule, length of its first word) of the phrase ``scan[start:end]`` the scanner found, from its first word."""
    phrase = scan[start:end]
    found = (-1, 0)
    for length in scanner.lengths:
        entry = scanner.dispatch.get(phrase[:length]) if length <= len(phrase) else None
        if entry is None:
            continue
        match = entry[0].match(scan, start + length)
        if match is not None and match.lastindex is not None and match.end() == end:
            found = (entry[1][match.lastindex - 1], length)
            break
    if len(scanner.known) >= KNOWN_LIMIT:
        scanner.known.clear()
    scanner.known[phrase] = found
    return found


def bounded(rest: str) -> str:
    """A rest of a pattern, ending at the end of a word (unless it ends with an apostrophe: "n'")."""
    return phrase_regex(rest) + ("" if rest.endswith(("'", "’")) else r"(?!\w)")


@functools.cache
def rules() -> Rules:
    """The shipped rules."""
    text = resources.files("onward.domain").joinpath("data/mail.toml").read_text(encoding="utf-8")
    return parse_rules(text, "onward's mail.toml")


# -- Classifying -----------------------------------------------------------------------------------------------------
