from __future__ import annotations

from typing import Any

from django import forms

from onward.reflect.models import FEEDBACK_CHANNELS
from onward.tracker.models import Contact


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label="What they said",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text="Paste it word for word if you can. It stays private to you.",
    )
    on = forms.DateField(label="When it arrived", widget=forms.DateInput(attrs={"type": "date"}))
    contact = forms.ModelChoiceField(
        label="Who it came from", queryset=Contact.objects.none(), required=False, empty_label="Not sure / nobody named"
    )
    channel = forms.ChoiceField(label="How it came", choices=FEEDBACK_CHANNELS, initial="email")
    disagree = forms.BooleanField(
        label="I don't agree with all of it",
        required=False,
        help_text="That's allowed. The reply onward drafts stays gracious either way.",
    )

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if contacts is not None:
            self.fields["contact"].queryset = contacts  # type: ignore[attr-defined]
