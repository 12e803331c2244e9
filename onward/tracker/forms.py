from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms

from onward.domain.stages import Stage
from onward.tracker.models import (
    CHANNEL_CHOICES,
    INTERVIEW_KINDS,
    RELATIONSHIP_CHOICES,
    SOURCE_CHOICES,
    STAGE_CHOICES,
    Application,
    Contact,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.forms.boundfield import BoundWidget


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


BLANK: list[tuple[str, str]] = [("", "—")]


class ApplicationForm(forms.Form):
    company = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    role = forms.CharField(max_length=200)
    stage = forms.ChoiceField(choices=STAGE_CHOICES, initial=Stage.APPLIED.value)
    applied_on = forms.DateField(label="Applied on", required=False, widget=DateInput())
    url = forms.URLField(label="Link to the posting", required=False, max_length=1000, assume_scheme="https")
    source = forms.ChoiceField(label="Where you found it", choices=BLANK + SOURCE_CHOICES, required=False)
    location = forms.CharField(max_length=200, required=False)
    salary_min = forms.IntegerField(label="Salary from", required=False, min_value=0)
    salary_max = forms.IntegerField(label="Salary to", required=False, min_value=0)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # On an existing application the stage moves through the stage form,
            # so the history records each move.
            del self.fields["stage"]

    @classmethod
    def initial_for(cls, application: Application) -> dict[str, Any]:
        return {
            "company": application.company.name,
            "role": application.role,
            "applied_on": application.applied_on,
            "url": application.url,
            "source": application.source,
            "location": application.location,
            "salary_min": application.salary_min,
            "salary_max": application.salary_max,
            "notes": application.notes,
        }


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=STAGE_CHOICES)
    on = forms.DateField(label="On", required=False, widget=DateInput())


class NoteForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label="Date", required=False, widget=DateInput())


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = forms.EmailField(required=False)
    company = forms.CharField(max_length=200, required=False)
    relationship = forms.ChoiceField(choices=RELATIONSHIP_CHOICES, initial="other")
    profile_url = forms.URLField(label="Profile link", required=False, max_length=500, assume_scheme="https")
    cadence_days = forms.IntegerField(
        label="Stay in touch every … days",
        required=False,
        min_value=1,
        max_value=3650,
        help_text="90 is a light, friendly rhythm. Leave empty for no reminders.",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        return {
            "name": contact.name,
            "email": contact.email,
            "company": contact.company.name if contact.company else "",
            "relationship": contact.relationship,
            "profile_url": contact.profile_url,
            "cadence_days": contact.cadence_days,
            "notes": contact.notes,
        }


FOLD_PEOPLE_AFTER = 6  # more "other people" than this are folded away on the interview form


@dataclass
class PeopleGroup:
    """Some of the interview form's "People you met" boxes, under a legend of their own (or none)."""

    legend: str | None
    boxes: list[BoundWidget]
    folded: bool = False  # behind a summary to open
    open: bool = False  # folded, but shown open: one of its boxes is ticked
    summary: str = ""


class InterviewForm(forms.Form):
    on = forms.DateField(label="Date", widget=DateInput())
    kind = forms.ChoiceField(choices=INTERVIEW_KINDS, initial="other")
    contacts = forms.ModelMultipleChoiceField(
        label="People you met", queryset=Contact.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_people = forms.CharField(
        label="New people you met",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "One per line: name, email (optional)"}),
        help_text="They are added to your contacts as interviewers.",
    )
    topics = forms.CharField(label="Topics discussed", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    went_well = forms.CharField(label="What went well", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    liked = forms.CharField(label="What they responded to", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, user: User, application: Application | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contacts"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Contact.objects.for_user(user).select_related("company")
        self.application = application

    def people_groups(self) -> list[PeopleGroup]:
        """The contacts to tick: the people at the application's company (or linked to it) first, then the rest.

        Every contact stays a box to tick. A long "other people" group is folded behind a summary, shown
        open when one of them is ticked (a form sent back keeps what was chosen in view). With no
        application, or nobody at its company, it is one group without a legend of its own.
        """
        boxes = list(self["contacts"])
        if not boxes:
            return []
        application = self.application
        near: list[BoundWidget] = []
        others: list[BoundWidget] = []
        linked: set[int] = set()
        if application is not None:
            linked = set(application.contacts.values_list("pk", flat=True))
        for box in boxes:
            contact = box.data["value"].instance
            at_company = application is not None and contact.company_id == application.company_id
            (near if at_company or contact.pk in linked else others).append(box)
        fold = len(others) > FOLD_PEOPLE_AFTER
        ticked = any(box.data["selected"] for box in others)
        if not near:
            summary = f"Choose from your {len(others)} contacts"
            return [PeopleGroup(None, others, folded=fold, open=ticked, summary=summary)]
        assert application is not None
        company = application.company.name
        everyone_there = all(box.data["value"].instance.company_id == application.company_id for box in near)
        groups = [PeopleGroup(f"At {company}" if everyone_there else f"At {company} or on this application", near)]
        if others:
            summary = f"Other people ({len(others)})"
            groups.append(PeopleGroup("Other people", others, folded=fold, open=ticked, summary=summary))
        return groups

    def clean_new_people(self) -> list[tuple[str, str]]:
        people = []
        for number, line in enumerate(str(self.cleaned_data["new_people"]).splitlines(), start=1):
            if not line.strip():
                continue
            name, _, email = (part.strip() for part in line.partition(","))
            if email:
                try:
                    forms.EmailField().clean(email)
                except forms.ValidationError:
                    raise forms.ValidationError(
                        f"Line {number}: {email!r} does not look like an email address."
                    ) from None
            people.append((name, email))
        return people


class InteractionForm(forms.Form):
    on = forms.DateField(label="Date", required=False, widget=DateInput())
    channel = forms.ChoiceField(choices=CHANNEL_CHOICES, initial="email")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class FilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    stage = forms.ChoiceField(choices=[("", "Any stage"), *STAGE_CHOICES], required=False)
    source = forms.ChoiceField(choices=[("", "Any source"), *SOURCE_CHOICES], required=False)
    since = forms.DateField(label="Applied from", required=False, widget=DateInput())
    until = forms.DateField(label="Applied until", required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, date) and isinstance(until, date) and since > until:
            self.add_error("until", "This is before the start date.")
        return data
