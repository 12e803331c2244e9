"""Fuzz the API from its own OpenAPI document: no 5xx, and every answer matches the document.

schemathesis generates requests for every operation — valid ones and deliberately
broken ones (wrong types, missing fields, values out of range) — and sends them to
the real WSGI application (middleware included), authenticated with a real token.
Half of the valid examples have their ids swapped for ids of a real job search (an
application with people, an interview, a rejection and its plan, feedback, a
draft, a check-in, a message waiting for review), so the fuzzing reaches the
actions, not only the 404s.

Bounded and deterministic: ``EXAMPLES`` per operation, derandomized, no example
database; the whole file takes well under a minute on each engine.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from onward.clock import today
from onward.mailimport.models import ImportedMail
from onward.momentum import actions as momentum
from onward.plans import actions as plans
from onward.reflect import actions as reflect
from onward.tracker import actions as tracker

pytestmark = pytest.mark.django_db
EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]

# The document as clients get it: served by the real application (no database needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's WSGI handler, inside the test's transaction (as Django's own test client runs it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def search(owner: User) -> dict[str, str]:
    """A small real job search, by id: what fuzzed requests point at half the time."""
    day = today()
    app = tracker.add_application(owner, company="Acme", role="Analyst", today=day, stage="interviewing").application
    ana = tracker.add_contact(owner, name="Ana Ruiz", relationship="recruiter", application=app)
    interview = tracker.add_interview(owner, app, on=day, today=day, contacts=[ana], liked="the dashboard story")
    rejection = plans.log_rejection(owner, app, today=day)
    step = rejection.steps.filter(kind="thank_you").first() or rejection.steps.first()
    assert step is not None
    feedback = reflect.add_feedback(owner, app, "Clear answers; we went with an internal candidate.", today=day)
    from onward.drafts import actions as drafts

    draft = drafts.save_draft(
        owner,
        kind="thank_you",
        application=app,
        contact=ana,
        step=step,
        tone="warm",
        channel="email",
        subject="Thank you",
        body="Hi Ana, thank you for your time.",
        options=drafts.Options(),
    )
    checkin, _ = momentum.check_in(owner, 3, today=day)
    message = ImportedMail.objects.create(
        owner=owner, fingerprint="fuzz", subject="Your application", sender="Acme", label="rejection",
        confidence=0.6, company="Acme", role="Analyst", proposal={"application": None}, status="review",
    )  # fmt: skip
    ids = {
        "application": app.uuid,
        "contact": ana.uuid,
        "interview": interview.uuid,
        "rejection": rejection.uuid,
        "step": step.uuid,
        "feedback": feedback.uuid,
        "draft": draft.uuid,
        "checkin": checkin.uuid,
        "message": message.uuid,
    }
    return {name: str(value) for name, value in ids.items()}


def _point_at(case: Any, ids: dict[str, str]) -> None:
    """Swap generated ids for real ones, in the path, the query and the body, where the names say which."""
    for name in list(case.path_parameters or {}):
        key = name.removesuffix("_id")
        if key in ids:
            case.path_parameters[name] = ids[key]
    for part in (case.query, case.body):
        if isinstance(part, dict):
            for key in ("application", "contact", "step", "rejection"):
                if isinstance(part.get(key), str):
                    part[key] = ids[key]
            if isinstance(part.get("contacts"), list):
                part["contacts"] = [ids["contact"]]


@pytest.fixture
def turn() -> Iterator[int]:
    return itertools.count()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_document(
    case: Any, wsgi_app: WSGIHandler, token: str, search: dict[str, str], turn: Iterator[int]
) -> None:
    positive = case.meta is None or case.meta.generation.mode is schemathesis.GenerationMode.POSITIVE
    if positive and next(turn) % 2 == 0:  # a broken request stays broken: only valid ones get real ids
        _point_at(case, search)
    case.call_and_validate(
        base_url="http://localhost", app=wsgi_app, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
    )
