from __future__ import annotations

from typing import Any

from django import forms

from onward.plans.models import REACHED_CHOICES, VIA_CHOICES
from onward.tracker.forms import DateInput

REACHED_FIELD_CHOICES = [("", "Work it out from the application's history"), *REACHED_CHOICES]


class RejectionForm(forms.Form):
    on = forms.DateField(label="When did the news arrive?", widget=DateInput())
    stage_reached = forms.ChoiceField(
        label="How far did the process go?", choices=REACHED_FIELD_CHOICES, required=False
    )
    via = forms.ChoiceField(label="How did it come?", choices=[("", "—"), *VIA_CHOICES], required=False)
    reason = forms.CharField(label="Did they give a reason?", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    message = forms.CharField(
        label="Their message", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Paste it if you like; it stays here, with the application.",
    )  # fmt: skip
    cool_off_days = forms.IntegerField(
        label="Days to rest before the next steps",
        required=False,
        min_value=0,
        max_value=14,
        help_text="Leave empty for onward's suggestion: 0 to 3 days, longer the further it went.",
    )


class QuickRejectionForm(RejectionForm):
    company = forms.CharField(max_length=200)
    role = forms.CharField(max_length=200)

    field_order = ["company", "role", "on", "stage_reached", "via", "reason", "message", "cool_off_days"]


class SnoozeForm(forms.Form):
    days = forms.IntegerField(required=False, min_value=1, max_value=90)
    until = forms.DateField(required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("days") and not data.get("until"):
            raise forms.ValidationError("Choose how long to snooze it for.")
        return data


class FeedbackForm(forms.Form):
    text = forms.CharField(label="What they said", widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="When it arrived", required=False, widget=DateInput())
