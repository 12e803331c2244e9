"""What a message says about a job search: a label, how sure onward is, and the phrases that decided it.

The labels are ``rejection``, ``interview``, ``offer``, ``confirmation`` (the
application arrived), ``other_job`` (job alerts, recruiters, status updates,
tests) and ``not_job``. The rules are data (``data/mail.toml``): phrases per
label with weights, in English and French, and what cancels them — a negation
("we are unable to offer you an interview") or a condition ("if you are not
selected…"). Only what the sender newly wrote is read: quoted replies never count::

    >>> from onward.domain.mail.message import Mail
    >>> verdict = classify(Mail("x", subject="Your application", body="Thank you for your time. Unfortunately, "
    ...     "we have decided to move forward with other candidates."))
    >>> verdict.label, verdict.confidence >= 0.9
    ('rejection', True)
    >>> verdict.evidence[0]
    'body: "decided to move forward with other candidates"'
    >>> classify(Mail("x", body="We received your application for the Data Analyst position. If you are not "
    ...     "selected, we will let you know.")).label
    'confirmation'

What a confidence means
-----------------------
It says how clearly the message says it, from the phrases found, not a measured
probability:

- **0.9 and above**: an unambiguous phrase ("decided to move forward with other
  candidates", "nous avons bien reçu votre candidature") and nothing pulling the
  other way; or, for ``not_job``, nothing about a job search at all.
- **0.7 to 0.9**: a clear phrase with some noise (a weaker phrase for another
  label, or only the subject to go on).
- **0.5 to 0.7**: weak or conflicting signals (a rejection that also asks for your
  availability; a tracking system's mail with nothing specific in it). These are
  the ones to put in front of a person.

How scores become a label
-------------------------
Each rule that matches adds its weight to its label, once per field (or each
distinct phrase, up to a cap); overlapping hits of one label are one piece of
evidence. Words and senders that say "job search" (a tracking system, a hiring
mailbox, "candidate", "poste") and the hits of job-specific rules make up a
context score: rules marked ``needs_job`` count only when it reaches
``thresholds.job``, and it lowers ``not_job``, which starts at
``thresholds.not_job``. The best job label wins if its score reaches
``thresholds.label`` and not_job's; otherwise a message about a job search is
``other_job`` (confidence 0.5–0.7: "about jobs, nothing more specific") and
anything else ``not_job``. The confidence grows with the winner's margin over
the runner-up and with its own strength: one strong phrase (3) and no rival give
0.9, two give 0.97; a margin of 1 gives about 0.7. The importer's review
threshold is a setting on the Django side.

Speed
-----
Every pattern starts with a plain word, so all of them, the negation and
condition markers and the phrases names follow are merged into one regular
expression, a trie of those first words, scanned once per field; which rule a
phrase belongs to is worked out once per distinct phrase and remembered. Measured
with ``timeit`` on CPython 3.11: about 40 µs for a 2 KB message about nothing
job-related, 250–300 µs for a 2 KB rejection dense with job phrases (about 50
of them, company and role extraction included), 110 µs on average over the
generated mailbox of ``bench/mail_speed.py``.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from onward.domain.mail.extract import (
    Anchors,
    SenderBook,
    extract,
    is_reply_subject,
    parse_anchors,
    parse_senders,
    phrase_regex,
)
from onward.domain.mail.message import LABELS, Label, Mail, Verdict


class RuleError(ValueError):
    """A mail rules file onward cannot use."""


RULE_LABELS = (*LABELS, "job", "bulk", "title")
# Words found by the same scan that change what the hits around them mean, and where names are written.
MARKERS = ("_sentence", "_clause", "_negation", "_company", "_role", "_role_word")
FIELDS = ("subject", "body", "signature")
BODY_LIMIT = 20_000  # characters of a body that are read: what decides a message comes first
_CONFIDENCE_SLOPE = math.log(5) / 3  # one strong phrase (3) and no rival: 0.9


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
    scanner: _Scanner
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
class _Scanner:
    pattern: re.Pattern[str]  # group 1: the phrase that starts after the white space it matched
    dispatch: dict[str, tuple[_Lazy, tuple[int, ...]]]  # first word -> its rests, a group per rule
    leaves: dict[str, tuple[tuple[_Lazy, int], ...]]  # first word -> each rest and its rule, in order
    lengths: tuple[int, ...]  # of the first words, longest first
    shared_anchors: frozenset[str]  # first words that start a company's and a role's anchor ("interest in")
    shorter: dict[str, tuple[str, ...]]  # first word -> the other first words it starts with, longest first
    known: dict[str, tuple[int, int]]  # phrases already identified -> (rule index, length of its first word)
    phrase_words: dict[str, dict[str, float]]  # phrases already seen -> the job words in them


_KNOWN_LIMIT = 50_000


def _scanner(branches: list[tuple[str, str, int]], rules: list[Rule]) -> _Scanner:
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
            alternatives.append("(?:" + "|".join(_bounded(rest) for rest, _ in sorted(node[""], key=order)) + ")")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    dispatch = {}
    each = {}
    for first, leaves in by_first.items():
        ordered = sorted(leaves, key=order)
        dispatch[first] = (
            _Lazy("|".join(f"(?:{_bounded(rest)})()" for rest, _ in ordered)),
            tuple(index for _, index in ordered),
        )
        each[first] = tuple((_Lazy(_bounded(rest)), index) for rest, index in ordered)
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
    return _Scanner(re.compile(r"\s(?=(" + build(trie) + "))"), dispatch, each, lengths, shared, shorter, {}, {})


def _identify(scanner: _Scanner, scan: str, start: int, end: int) -> tuple[int, int]:
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
    if len(scanner.known) >= _KNOWN_LIMIT:
        scanner.known.clear()
    scanner.known[phrase] = found
    return found


def _bounded(rest: str) -> str:
    """A rest of a pattern, ending at the end of a word (unless it ends with an apostrophe: "n'")."""
    return phrase_regex(rest) + ("" if rest.endswith(("'", "’")) else r"(?!\w)")


@functools.cache
def rules() -> Rules:
    """The shipped rules."""
    text = resources.files("onward.domain").joinpath("data/mail.toml").read_text(encoding="utf-8")
    return parse_rules(text, "onward's mail.toml")


# -- Classifying -----------------------------------------------------------------------------------------------------

_JOB_MAILBOX = re.compile(
    r"(?:^|[^a-z])(?:careers?|jobs?|recruit\w*|talent\w*|hiring|hr|rh|recrutement|candidat\w*|staffing|emploi|"
    r"people|workday)(?:[^a-z]|$)"
)
_JOB_LABELS: tuple[Label, ...] = ("rejection", "interview", "offer", "confirmation", "other_job")
_ANCHOR_KINDS = frozenset(("_company", "_role", "_role_word"))


def classify(mail: Mail, ruleset: Rules | None = None) -> Verdict:
    """The label of ``mail``, how sure onward is (0–1), and the evidence."""
    ruleset = ruleset or rules()
    th = ruleset.thresholds
    hits: list[Hit] = []
    ignored: list[str] = []
    terms: dict[str, float] = {}
    anchors: Anchors = ([], [], [])
    domain = mail.sender_domain
    if mail.subject:
        hits += _hits(ruleset, "subject", mail.subject, domain, terms, ignored, ([], [], []))
    if mail.body:
        hits += _hits(ruleset, "body", mail.body[:BODY_LIMIT], domain, terms, ignored, anchors)
    if mail.signature:
        found = _hits(ruleset, "signature", mail.signature, domain, terms, ignored, ([], [], []))
        hits += [hit for hit in found if hit.rule.label == "bulk"]
    reply = is_reply_subject(mail.subject)

    # Scores: each rule adds its weight once per field (a rule with a cap: each distinct phrase, up to the cap);
    # of overlapping hits of one label, the heaviest counts.
    found_by_rule: dict[tuple[str, str], list[Hit]] = {}
    titles: list[Hit] = []
    bulk_hits: list[Hit] = []
    for hit in _merged([hit for hit in hits if hit.rule.label in LABELS]):
        found_by_rule.setdefault((hit.rule.id, hit.field), []).append(hit)
    for hit in hits:
        if hit.rule.label == "title" and hit.field == "body":
            titles.append(hit)
        elif hit.rule.label == "bulk":
            bulk_hits.append(hit)
    scored: list[tuple[float, Rule, list[Hit]]] = []
    for (_, field), found in found_by_rule.items():
        rule = found[0].rule
        weight = rule.weight * (th.reply_subject if reply and field == "subject" else 1.0)
        distinct = list({hit.text.lower(): hit for hit in found}.values())
        score = min(rule.cap, weight * len(distinct)) if rule.cap > rule.weight else weight
        scored.append((score, rule, distinct))  # every phrase shows as evidence; the rule counts as it says

    # Context: is this about a job search at all? Job words, the sender, and what the rules found.
    context_evidence: list[str] = []
    context = min(th.job_words_cap, sum(terms.values()))
    kind = ruleset.senders.kind(mail.sender_address)
    if kind.kind in ("ats", "assessment", "job_board"):
        context += 2.0
        what = {"ats": "applicant tracking system", "assessment": "assessment platform"}.get(kind.kind, "job board")
        context_evidence.append(f"sender: {kind.name} ({what})")
    elif _hiring_mailbox(mail.sender_address, mail.sender_name):
        context += 1.0
        context_evidence.append(f"sender: {mail.sender_address or mail.sender_name} (a hiring mailbox)")
    label_weight = sum(score for score, rule, _ in scored if rule.label in _JOB_LABELS and not rule.needs_job)
    context += min(2.0, 0.5 * label_weight)
    job_list = len(titles) >= th.titles and len({hit.text.lower() for hit in titles}) >= 2
    if job_list:
        context += 1.5  # "Data Engineer … Java Developer … Analyst": a list of jobs is about a job search
    about_jobs = context >= th.job

    scores: dict[str, float] = dict.fromkeys(LABELS, 0.0)
    counted: dict[str, list[tuple[float, Hit]]] = {label: [] for label in LABELS}
    set_aside = 0.0  # what rules that need a job search found in a message that does not read as one
    for score, rule, found in scored:
        if rule.needs_job and not about_jobs:
            if rule.label in _JOB_LABELS:
                set_aside = max(set_aside, score)
            continue
        scores[rule.label] += score
        counted[rule.label] += [(score, hit) for hit in found]
    # other_job gathers what is about jobs without being news of an application. Beside a strong phrase for a
    # specific label ("we have decided to move forward with other candidates") it is the boilerplate around it
    # ("see our latest openings", "join our talent network"): only its strongest rule counts. A list of jobs
    # or a mailing-list footer counts only without such a phrase: job boards append "similar jobs" to the mail
    # that says your application was sent or turned down.
    specific = max(scores["rejection"], scores["interview"], scores["offer"], scores["confirmation"])
    if specific >= th.strong and counted["other_job"]:
        strongest = max(score for score, _ in counted["other_job"])
        scores["other_job"] = strongest
        counted["other_job"] = [item for item in counted["other_job"] if item[0] == strongest][:1]
    if job_list and specific < th.strong:
        scores["other_job"] += th.titles_weight
        shown = ", ".join(dict.fromkeys(hit.text for hit in titles[:3]))
        context_evidence.insert(0, f"body: {len(titles)} job titles ({shown}…): a list of jobs")
    bulk_evidence = _bulk(mail, ruleset, bulk_hits)
    if bulk_evidence:
        for name in ("rejection", "interview", "offer"):
            scores[name] *= th.bulk_personal
        if about_jobs and specific < th.strong:
            scores["other_job"] += th.bulk_other_job
    not_job_phrases = scores["not_job"]
    scores["not_job"] += max(0.0, th.not_job - context)

    best_job = max(_JOB_LABELS, key=scores.__getitem__)
    fallback = False
    label: Label
    if scores[best_job] >= th.label and scores[best_job] >= scores["not_job"]:
        label = best_job
        confidence = _confidence(scores[label], max(score for name, score in scores.items() if name != label))
    elif about_jobs and context >= not_job_phrases:
        label, fallback = "other_job", True  # about a job search, and nothing more specific
        confidence = min(0.7, 0.5 + 0.05 * context)
    elif context == 0 and not set_aside and not any(scores[name] for name in _JOB_LABELS):
        label, confidence = "not_job", 0.97  # nothing about a job search at all
    else:
        label = "not_job"  # a phrase that could be about a job, in a message that otherwise is not: less sure
        confidence = _confidence(scores["not_job"], max(scores[best_job], set_aside))

    evidence = [hit.evidence for _, hit in sorted(counted[label], key=lambda item: -item[0])]
    if label != "not_job":
        evidence += context_evidence + bulk_evidence
        if fallback:
            evidence += [f'words: "{term}"' for term in sorted(terms)[:3]]
    else:
        evidence += bulk_evidence
        if not evidence:
            evidence = ["no job-search words, phrases or senders"]
    if label in ("confirmation", "other_job", "interview", "offer") and ignored:
        evidence.append(ignored[0])
    company = role = None
    if label != "not_job" and not (label == "other_job" and (bulk_evidence or job_list)):
        company, role = extract(mail, anchors)
    return Verdict(
        label=label,
        confidence=round(confidence, 2),
        evidence=tuple(dict.fromkeys(evidence))[:8],
        company=company,
        role=role,
        scores={name: round(score, 2) for name, score in scores.items() if score},
    )


def _merged(hits: list[Hit]) -> list[Hit]:
    """The hits, where several of one label overlap in a field, as one: the heaviest rule over all their words.

    "chosen to pursue other applicants" and "applicants whose experience more closely matches" are one piece of
    evidence, and count once.
    """
    out: list[Hit] = []
    last: dict[tuple[str, str], int] = {}  # (field, label) -> index in ``out`` of the latest hit
    for hit in sorted(hits, key=lambda h: (h.field, h.start)):
        key = (hit.field, hit.rule.label)
        index = last.get(key)
        if index is not None and hit.start < out[index].end:
            previous = out[index]
            rule = hit.rule if hit.rule.weight > previous.rule.weight else previous.rule
            out[index] = Hit(rule, hit.field, previous.start, max(previous.end, hit.end), hit.source)
            continue
        last[key] = len(out)
        out.append(hit)
    return out


@functools.lru_cache(maxsize=4096)
def _hiring_mailbox(address: str, name: str) -> bool:
    """Whether a sender looks like a company's hiring mailbox: careers@, jobs@, "Acme Talent"."""
    return bool(_JOB_MAILBOX.search(address.rpartition("@")[0]) or _JOB_MAILBOX.search(name.lower()))


def _confidence(best: float, rival: float) -> float:
    margin = max(0.0, best - rival)
    strength = min(1.0, best / 3.0)
    return max(0.05, min(0.99, 0.5 + 0.5 * (1.0 - math.exp(-_CONFIDENCE_SLOPE * margin)) * strength))


# Characters that separate words as a space does, mapped to spaces (the text keeps its length, so positions
# still point into the message); curly apostrophes become straight ones.
def _scan_text(lower: str) -> str:
    """``lower`` with what separates words as a space does turned into spaces, and ’ into '; the same length."""
    if lower.isascii():
        return lower.translate(_SCAN_TABLE)  # fast for ASCII; str.translate is slow on other text
    return _SCAN_PUNCTUATION.sub(" ", lower.replace("’", "'").replace("`", "'"))


_SCAN_PUNCTUATION = re.compile('[()\\[\\]{}"“”«»/|<>*\u00a0\u2028\u2029]')
_SCAN_TABLE = str.maketrans(dict.fromkeys('()[]{}"“”«»/|<>*\xa0\u2028\u2029', " ") | {"’": "'", "`": "'"})


def _hits(
    ruleset: Rules, field: str, text: str, domain: str, terms: dict[str, float], ignored: list[str], anchors: Anchors
) -> list[Hit]:
    """The hits of the rules in ``text``, in order: at each word, the heaviest rule that matches and counts.

    Job-search words go to ``terms``; hits a negation or a condition cancels go to ``ignored``; where names
    are written goes to ``anchors``.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lower = text.lower()
    if len(lower) != len(text):
        text = lower  # a few characters change length when lower-cased ("İ"): quote the lower-cased text
    scan = " " + _scan_text(lower)
    out: list[Hit] = []
    marks: dict[str, list[int]] = {"_negation": [], "_clause": [], "_sentence": []}
    scanner = ruleset.scanner
    known = scanner.known
    all_rules = ruleset.rules
    for match in scanner.pattern.finditer(scan):
        start, end = match.span(1)
        identified = known.get(scan[start:end]) or _identify(scanner, scan, start, end)
        index = identified[0]
        if index < 0:
            continue
        label = all_rules[index].label
        if label == "job":  # the most frequent hits, counted here without a call
            terms[scan[start:end]] = all_rules[index].weight
            continue
        if label in marks:
            marks[label].append(start)
            continue
        if label == "title":
            out.append(Hit(all_rules[index], field, start - 1, end - 1, text))
            continue
        if _take(ruleset, identified, field, text, scan, start, end, domain, terms, ignored, anchors, marks, out):
            continue
        # The first rule did not count here (another field, a cancelled hit): the next one that matches may.
        for index, length, end in _alternatives(scanner, scan, start, identified):
            if _take(
                ruleset, (index, length), field, text, scan, start, end, domain, terms, ignored, anchors, marks, out
            ):
                break
    return out


def _take(
    ruleset: Rules,
    identified: tuple[int, int],
    field: str,
    text: str,
    scan: str,
    start: int,
    end: int,
    domain: str,
    terms: dict[str, float],
    ignored: list[str],
    anchors: Anchors,
    marks: dict[str, list[int]],
    out: list[Hit],
) -> bool:
    """Count the hit of a rule ((index, length of its first word)) at ``scan[start:end]``, if it counts there."""
    rule = ruleset.rules[identified[0]]
    label = rule.label
    if label == "job":
        terms[scan[start:end]] = rule.weight
        return True
    if label in marks:
        marks[label].append(start)
        return True
    if label in _ANCHOR_KINDS:
        space = scan.find(" ", start, end)
        first = scan[start : space if space >= 0 else end]
        terms.update(_job_words_in(ruleset, scan[start:end]))  # "position at", "au poste": job words in the anchor
        if label == "_company":
            anchors[0].append(end - 1)
            if first in ruleset.scanner.shared_anchors:  # "interest in the Data Engineer position": a role too
                role_end = _anchor_end(ruleset, "_role", scan, start)
                if role_end >= 0:
                    anchors[1].append(role_end - 1)
        elif label == "_role":
            anchors[1].append(end - 1)
        if label == "_role_word" or first in ruleset.role_words:
            anchors[2].append((start - 1, start + len(first) - 1))
        return True
    if field not in rule.fields:
        return False
    if rule.senders and not any(domain == s or domain.endswith("." + s) for s in rule.senders):
        return False
    if rule.conditional or rule.negatable or rule.before is not None or rule.after_negation:
        reason = _cancelled(ruleset, rule, scan, start, marks)
        if reason:
            if not ignored:  # the first is shown as evidence
                ignored.append(f'ignored: {field}: "{" ".join(text[start - 1 : end - 1].split())}" ({reason})')
            return False
    if rule.label != "not_job":  # "received your application": the phrase also says "job search"
        terms.update(_job_words_in(ruleset, scan[start:end]))
    out.append(Hit(rule, field, start - 1, end - 1, text))  # the scan text has one space first
    return True


def _job_words_in(ruleset: Rules, phrase: str) -> dict[str, float]:
    found = ruleset.scanner.phrase_words.get(phrase)
    if found is None:
        if len(ruleset.scanner.phrase_words) >= _KNOWN_LIMIT:
            ruleset.scanner.phrase_words.clear()
        job_words = ruleset.job_words
        found = ruleset.scanner.phrase_words[phrase] = {w: job_words[w] for w in phrase.split() if w in job_words}
    return found


def _anchor_end(ruleset: Rules, kind: str, scan: str, start: int) -> int:
    """Where the ``kind`` anchor that also starts at ``start`` ends, or -1."""
    scanner = ruleset.scanner
    space = scan.find(" ", start, start + 40)
    first = scan[start : space if space >= 0 else start + 40]
    for word in (first, *scanner.shorter.get(first, ())):
        for regex, index in scanner.leaves.get(word, ()):
            if ruleset.rules[index].label == kind:
                match = regex.match(scan, start + len(word))
                if match is not None:
                    return match.end()
    return -1


def _alternatives(scanner: _Scanner, scan: str, start: int, after: tuple[int, int]) -> list[tuple[int, int, int]]:
    """(rule, length of its first word, end) of the rules that also match at ``start``, in the scanner's order.

    ``after`` is the rule found first and the length of its first word: the ones before it in the order
    did not match (longer first words come first), so only the rest of its word's and shorter words' are tried.
    """
    index, length = after
    first = scan[start : start + length]
    out: list[tuple[int, int, int]] = []
    seen = False
    for regex, other in scanner.leaves.get(first, ()):
        if not seen:
            seen = other == index
            continue
        match = regex.match(scan, start + length)
        if match is not None:
            out.append((other, length, match.end()))
    for word in scanner.shorter.get(first, ()):
        for regex, other in scanner.leaves[word]:
            match = regex.match(scan, start + len(word))
            if match is not None:
                out.append((other, len(word), match.end()))
    return out


def _cancelled(ruleset: Rules, rule: Rule, scan: str, start: int, marks: dict[str, list[int]]) -> str:
    """Why a hit at ``start`` does not count ("conditional", "negated", "no negation before it"), or ""."""
    negations, clauses, sentences = marks["_negation"], marks["_clause"], marks["_sentence"]
    near_negation = _any_between(negations, start - max(ruleset.negation_window, ruleset.after_negation_window), start)
    if rule.after_negation and not near_negation:
        return "no negation before it"
    checks_condition = rule.conditional and (
        _any_between(clauses, start - 120, start) or _any_between(sentences, start - 300, start)
    )
    if not (checks_condition or rule.before is not None or (near_negation and (rule.negatable or rule.after_negation))):
        return ""
    low = max(0, start - 300)
    rfind = scan.rfind
    sentence_start = max(rfind(".", low, start), rfind("!", low, start), rfind("?", low, start)) + 1
    sentence_start = max(sentence_start, low, rfind("\n\n", low, start) + 2)
    clause_start = max(
        sentence_start,
        rfind(",", sentence_start, start) + 1,
        rfind(";", sentence_start, start) + 1,
        rfind(":", sentence_start, start) + 1,
        rfind("–", sentence_start, start) + 1,
        rfind("—", sentence_start, start) + 1,
    )
    if rule.after_negation and not _any_between(
        negations, max(clause_start, start - ruleset.after_negation_window), start
    ):
        return "no negation before it"
    if rule.before is not None and rule.before.search(scan, max(clause_start, start - 60), start) is None:
        return "not after the words it needs"
    if checks_condition and (
        _any_between(clauses, max(clause_start, start - 120), start) or _any_between(sentences, sentence_start, start)
    ):
        return "conditional"
    if rule.negatable and _any_between(negations, max(clause_start, start - ruleset.negation_window), start):
        return "negated"
    return ""


def _any_between(positions: list[int], low: int, high: int) -> bool:
    index = bisect.bisect_left(positions, low)
    return index < len(positions) and positions[index] < high


def _bulk(mail: Mail, ruleset: Rules, footers: list[Hit]) -> list[str]:
    """Why ``mail`` reads as sent to a list (a header, an "unsubscribe" footer), or []."""
    for name, value in mail.headers:
        if name in ruleset.bulk_headers:
            return [f"header: {_header_name(name)} (bulk mail)"]
        if name == "precedence" and value.strip().lower() in ruleset.precedence:
            return [f"header: Precedence: {value.strip()} (bulk mail)"]
    return [f'{footers[0].field}: "{footers[0].text}" (bulk mail)'] if footers else []


def _header_name(name: str) -> str:
    return "-".join(part.upper() if part == "id" else part.capitalize() for part in name.split("-"))
