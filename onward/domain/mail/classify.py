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
import unicodedata
from dataclasses import dataclass

from onward.domain.mail.extract import Anchors, extract
from onward.domain.mail.message import LABELS, Label, Mail, Verdict
from onward.domain.mail.rules import (
    BODY_LIMIT,
    CONFIDENCE_SLOPE,
    FIELDS,
    KNOWN_LIMIT,
    MARKERS,
    RULE_LABELS,
    Hit,
    Rule,
    RuleError,
    Rules,
    Scanner,
    Thresholds,
    identify,
    parse_rules,
    rules,
)
from onward.domain.mail.text import is_reply_subject

__all__ = [
    "BODY_LIMIT",
    "FIELDS",
    "MARKERS",
    "RULE_LABELS",
    "Rule",
    "RuleError",
    "Rules",
    "Thresholds",
    "classify",
    "parse_rules",
    "rules",
]


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
    scored = _scored(hits, th, is_reply_subject(mail.subject))
    titles = [hit for hit in hits if hit.rule.label == "title" and hit.field == "body"]
    context = _context(mail, ruleset, terms, scored, titles)
    scores, counted, set_aside = _scores(scored, th, context.about_jobs)
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
    if context.job_list and specific < th.strong:
        scores["other_job"] += th.titles_weight
        shown = ", ".join(dict.fromkeys(hit.text for hit in titles[:3]))
        context.evidence.insert(0, f"body: {len(titles)} job titles ({shown}…): a list of jobs")
    bulk_evidence = _bulk(mail, ruleset, [hit for hit in hits if hit.rule.label == "bulk"])
    if bulk_evidence:
        for name in ("rejection", "interview", "offer"):
            scores[name] *= th.bulk_personal
        if context.about_jobs and specific < th.strong:
            scores["other_job"] += th.bulk_other_job
    not_job_phrases = scores["not_job"]
    scores["not_job"] += max(0.0, th.not_job - context.score)
    label, confidence, fallback = _decide(scores, th, context, not_job_phrases, set_aside)

    evidence = [hit.evidence for _, hit in sorted(counted[label], key=lambda item: -item[0])]
    if label != "not_job":
        evidence += context.evidence + bulk_evidence
        if fallback:
            evidence += [f'words: "{term}"' for term in sorted(terms)[:3]]
    else:
        evidence += bulk_evidence
        if not evidence:
            evidence = ["no job-search words, phrases or senders"]
    if label in ("confirmation", "other_job", "interview", "offer") and ignored:
        evidence.append(ignored[0])
    company = role = None
    if label != "not_job" and not (label == "other_job" and (bulk_evidence or context.job_list)):
        company, role = extract(mail, anchors)
    return Verdict(
        label=label,
        confidence=round(confidence, 2),
        evidence=tuple(dict.fromkeys(evidence))[:8],
        company=company,
        role=role,
        scores={name: round(score, 2) for name, score in scores.items() if score},
    )


def _scored(hits: list[Hit], th: Thresholds, reply: bool) -> list[tuple[float, Rule, list[Hit]]]:
    """Each rule adds its weight once per field (a rule with a cap: each distinct phrase, up to the cap);
    of overlapping hits of one label, the heaviest counts."""
    found_by_rule: dict[tuple[str, str], list[Hit]] = {}
    for hit in _merged([hit for hit in hits if hit.rule.label in LABELS]):
        found_by_rule.setdefault((hit.rule.id, hit.field), []).append(hit)
    scored: list[tuple[float, Rule, list[Hit]]] = []
    for (_, field), found in found_by_rule.items():
        rule = found[0].rule
        weight = rule.weight * (th.reply_subject if reply and field == "subject" else 1.0)
        distinct = list({hit.text.lower(): hit for hit in found}.values())
        score = min(rule.cap, weight * len(distinct)) if rule.cap > rule.weight else weight
        scored.append((score, rule, distinct))  # every phrase shows as evidence; the rule counts as it says
    return scored


@dataclass
class _Context:
    """Whether a message is about a job search at all, and what says so."""

    score: float
    evidence: list[str]
    job_list: bool
    about_jobs: bool


def _context(
    mail: Mail, ruleset: Rules, terms: dict[str, float], scored: list[tuple[float, Rule, list[Hit]]], titles: list[Hit]
) -> _Context:
    th = ruleset.thresholds
    evidence: list[str] = []
    context = min(th.job_words_cap, sum(terms.values()))
    kind = ruleset.senders.kind(mail.sender_address)
    if kind.kind in ("ats", "assessment", "job_board"):
        context += 2.0
        what = {"ats": "applicant tracking system", "assessment": "assessment platform"}.get(kind.kind, "job board")
        evidence.append(f"sender: {kind.name} ({what})")
    elif _hiring_mailbox(mail.sender_address, mail.sender_name):
        context += 1.0
        evidence.append(f"sender: {mail.sender_address or mail.sender_name} (a hiring mailbox)")
    label_weight = sum(score for score, rule, _ in scored if rule.label in _JOB_LABELS and not rule.needs_job)
    context += min(2.0, 0.5 * label_weight)
    job_list = len(titles) >= th.titles and len({hit.text.lower() for hit in titles}) >= 2
    if job_list:
        context += 1.5  # "Data Engineer … Java Developer … Analyst": a list of jobs is about a job search
    return _Context(context, evidence, job_list, context >= th.job)


def _scores(
    scored: list[tuple[float, Rule, list[Hit]]], th: Thresholds, about_jobs: bool
) -> tuple[dict[str, float], dict[str, list[tuple[float, Hit]]], float]:
    """Per-label scores, the hits that made them, and what rules needing a job search found outside one."""
    scores: dict[str, float] = dict.fromkeys(LABELS, 0.0)
    counted: dict[str, list[tuple[float, Hit]]] = {label: [] for label in LABELS}
    set_aside = 0.0
    for score, rule, found in scored:
        if rule.needs_job and not about_jobs:
            if rule.label in _JOB_LABELS:
                set_aside = max(set_aside, score)
            continue
        scores[rule.label] += score
        counted[rule.label] += [(score, hit) for hit in found]
    return scores, counted, set_aside


def _decide(
    scores: dict[str, float], th: Thresholds, context: _Context, not_job_phrases: float, set_aside: float
) -> tuple[Label, float, bool]:
    """The label, its confidence, and whether it is other_job only for want of anything more specific."""
    best_job = max(_JOB_LABELS, key=scores.__getitem__)
    if scores[best_job] >= th.label and scores[best_job] >= scores["not_job"]:
        rival = max(score for name, score in scores.items() if name != best_job)
        return best_job, _confidence(scores[best_job], rival), False
    if context.about_jobs and context.score >= not_job_phrases:
        return "other_job", min(0.7, 0.5 + 0.05 * context.score), True  # about a job search, nothing more specific
    if context.score == 0 and not set_aside and not any(scores[name] for name in _JOB_LABELS):
        return "not_job", 0.97, False  # nothing about a job search at all
    # A phrase that could be about a job, in a message that otherwise is not: less sure.
    return "not_job", _confidence(scores["not_job"], max(scores[best_job], set_aside)), False


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
    return max(0.05, min(0.99, 0.5 + 0.5 * (1.0 - math.exp(-CONFIDENCE_SLOPE * margin)) * strength))


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
        identified = known.get(scan[start:end]) or identify(scanner, scan, start, end)
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
        if len(ruleset.scanner.phrase_words) >= KNOWN_LIMIT:
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


def _alternatives(scanner: Scanner, scan: str, start: int, after: tuple[int, int]) -> list[tuple[int, int, int]]:
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
