"""Bad input gets a 4xx that names the field, never a 500 and never a half-saved row."""

from __future__ import annotations

from typing import Any

import pytest
from django.test.utils import override_settings

from onward.api import schemas
from onward.domain.drafts import CHANNEL_LABELS, SHARE_KINDS, TONES
from onward.domain.stages import Stage
from onward.drafts.models import KIND_CHOICES as DRAFT_KINDS
from onward.mailimport.models import LABEL_CHOICES
from onward.plans.models import REACHED_CHOICES, VIA_CHOICES
from onward.reflect.models import FEEDBACK_CHANNELS
from onward.tracker.models import CHANNEL_CHOICES, INTERVIEW_KINDS, RELATIONSHIP_CHOICES, SOURCE_CHOICES, Application
from tests.api.conftest import Api, error_of

pytestmark = pytest.mark.django_db
GOOD = {"company": "Acme", "role": "Analyst"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOOD, "role": 42}, "role"),
        ({**GOOD, "role": "x" * 201}, "role"),
        ({**GOOD, "company": "   "}, "company"),
        ({**GOOD, "notes": "x" * 20_001}, "notes"),
        ({**GOOD, "notes": "before\x00after"}, "notes"),
        ({**GOOD, "salary_min": "50000"}, "salary_min"),
        ({**GOOD, "salary_min": 2**31}, "salary_min"),
        ({**GOOD, "salary_max": -1}, "salary_max"),
        ({**GOOD, "salary_max": 1.5}, "salary_max"),
        ({**GOOD, "applied_on": 1700000000}, "applied_on"),
        ({**GOOD, "applied_on": "03/01/2026"}, "applied_on"),
        ({**GOOD, "applied_on": "0001-01-01"}, "applied_on"),
        ({**GOOD, "applied_on": "9999-12-31"}, "applied_on"),
        ({**GOOD, "stage": "Final round"}, "stage"),
        ({**GOOD, "source": "LinkedIn"}, "source"),
        ({**GOOD, "url": "javascript:alert(1)"}, "url"),
        ({**GOOD, "url": "https://" + "a" * 1000 + ".example"}, "url"),
        ({**GOOD, "id": "d4dba5af-80b5-4814-bb84-2bb430207b55"}, "id"),
        ({"company": "Acme"}, "role"),
        ([GOOD], "body"),
        ("Acme", "body"),
    ],
)
def test_a_bad_application_names_its_field(api: Api, body: Any, field: str) -> None:
    error = error_of(api.post("/applications", body), 422)
    assert error["code"] == "invalid_input"
    assert field in error["fields"], error
    assert not Application.objects.exists()


def test_characters_no_database_can_keep_are_refused(api: Api) -> None:
    surrogate = '{"company": "Acme", "role": "Analyst \\ud800"}'
    assert "role" in error_of(api.send("POST", "/applications", raw=surrogate), 422)["fields"]
    assert "q" in error_of(api.get("/applications", q="a\x00b"), 422)["fields"]
    assert "text" in error_of(api.post("/feedback", {"application": "x", "text": "a\x00"}), 422)["fields"]


def test_a_missing_or_empty_body_is_named(api: Api) -> None:
    assert error_of(api.post("/applications"), 422)["fields"] == {"body": "This is needed."}
    assert error_of(api.post("/applications", {}), 422)["fields"].keys() == {"company", "role"}


def test_a_body_too_large_to_read_is_413(api: Api) -> None:
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        assert error_of(api.post("/applications", {**GOOD, "notes": "x" * 2000}), 413)["code"] == "too_large"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"applied_since": "yesterday"}, "applied_since"),
        ({"state": "maybe"}, "state"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_list_parameters_name_themselves(api: Api, params: dict[str, Any], field: str) -> None:
    assert field in error_of(api.get("/applications", **params), 422)["fields"]


def test_an_action_s_refusal_is_a_400_in_the_same_body(api: Api) -> None:
    error = error_of(api.post("/applications", {**GOOD, "applied_on": "2026-04-01"}), 400)
    assert error == {
        "code": "invalid",
        "message": "The applied date 2026-04-01 is in the future; today is 2026-03-14.",
        "fields": {},
    }


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (schemas.StageName, [s.value for s in Stage]),
        (schemas.SourceName, ["", *dict(SOURCE_CHOICES)]),
        (schemas.RelationshipName, list(dict(RELATIONSHIP_CHOICES))),
        (schemas.InterviewKind, list(dict(INTERVIEW_KINDS))),
        (schemas.ChannelName, list(dict(CHANNEL_CHOICES))),
        (schemas.ReachedName, list(dict(REACHED_CHOICES))),
        (schemas.ViaName, ["", *dict(VIA_CHOICES)]),
        (schemas.FeedbackChannel, list(dict(FEEDBACK_CHANNELS))),
        (schemas.DraftKind, list(dict(DRAFT_KINDS))),
        (schemas.MailLabel, list(dict(LABEL_CHOICES))),
        (schemas.ToneName, list(TONES)),
        (schemas.ShareKind, ["", *SHARE_KINDS]),
        (schemas.DraftChannel, ["", *CHANNEL_LABELS]),
    ],
)
def test_the_api_s_choices_are_the_models_choices(literal: Any, choices: list[str]) -> None:
    assert list(literal.__args__) == choices


def test_it_checks_ownership_whatever_the_input(api: Api, outsider_api: Api) -> None:
    """Someone else's id is 404 with good input; bad input is refused the same way for every id."""
    theirs = outsider_api.post("/applications", GOOD).json()["id"]
    assert error_of(api.patch(f"/applications/{theirs}", {"notes": "mine"}), 404)["code"] == "not_found"
    mine = api.post("/applications", GOOD).json()["id"]
    for target in (theirs, mine):
        assert error_of(api.patch(f"/applications/{target}", {"notes": 1}), 422)["fields"] == {
            "notes": "Use text (a JSON string)."
        }
    assert outsider_api.get(f"/applications/{theirs}").json()["notes"] == ""
