from __future__ import annotations

from django import forms

from onward.domain.drafts import TONES

TONE_CHOICES = [(t, t.capitalize()) for t in TONES]
SHARE_CHOICES = [
    ("", "Just saying hello"),
    ("update", "An update from me"),
    ("congrats", "A congratulation"),
    ("article", "An article or link"),
]
CHANNEL_CHOICES = [("email", "Email"), ("message", "A message (LinkedIn, chat)")]


class DraftForm(forms.Form):
    """The message as the person edits it, and what shapes a fresh draft."""

    tone = forms.ChoiceField(choices=TONE_CHOICES, initial="warm", widget=forms.RadioSelect)
    channel = forms.ChoiceField(choices=CHANNEL_CHOICES, required=False, label="Send it as")
    subject = forms.CharField(max_length=300, required=False)
    body = forms.CharField(
        label="Message", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"})
    )
    takeaway = forms.CharField(
        label="What you'll take from it",
        required=False,
        max_length=300,
        help_text="A few words, like “giving shorter, more concrete examples”.",
    )
    disagree = forms.BooleanField(
        label="I don't agree with all of it", required=False, help_text="The reply stays gracious either way."
    )
    share_kind = forms.ChoiceField(label="What to share", choices=SHARE_CHOICES, required=False)
    share = forms.CharField(
        label="The news, the congratulation or the link",
        required=False,
        max_length=500,
        help_text="E.g. “I've started a course on data engineering”, “the launch of the new app”, or a link.",
    )
    ask_feedback = forms.BooleanField(label="Ask for feedback in the same email", required=False)
