"""Drafts of the messages a person sends after a "no": phrasings, composer and lint. Pure Python."""

from onward.domain.drafts.compose import (
    ALLOWED_CHANNELS,
    CHANNEL_LABELS,
    CHANNELS,
    DEFAULT_CHANNEL,
    SHARE_KINDS,
    Draft,
    DraftError,
    Facts,
    Recipient,
    channel_for,
    compose,
    limit_for,
    lint_context,
)
from onward.domain.drafts.detail import choose_detail
from onward.domain.drafts.lint import CODES, Finding, LintContext, lint
from onward.domain.drafts.phrasebook import KINDS, TONES, PhrasingError, shipped, with_overrides
from onward.domain.drafts.text import platform_length, word_count

__all__ = [
    "ALLOWED_CHANNELS",
    "CHANNELS",
    "CHANNEL_LABELS",
    "CODES",
    "DEFAULT_CHANNEL",
    "KINDS",
    "SHARE_KINDS",
    "TONES",
    "Draft",
    "DraftError",
    "Facts",
    "Finding",
    "LintContext",
    "PhrasingError",
    "Recipient",
    "channel_for",
    "choose_detail",
    "compose",
    "limit_for",
    "lint",
    "lint_context",
    "platform_length",
    "shipped",
    "with_overrides",
    "word_count",
]
