"""Isolation by construction: every URL pattern and API route, found by walking the URL resolver (so a
new page or route is covered the day it is added), asked by an outsider with real ids of the owner's
objects. Every answer is a 404 (or 405 for a method the route doesn't take), never the owner's data;
anonymous visitors are sent to sign in (401 from the API); and the owner's data is unchanged after.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from onward.accounts import actions as accounts
from onward.api import actions as tokens
from onward.drafts.models import Draft
from onward.mailimport import actions as mail
from onward.plans.models import PlanStep
from onward.tracker.demo import create_demo

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)
# Marks only the owner's data carries: none may appear in anything the outsider is shown.
SECRETS = ("Quillfeather", "Ottoline Marsh", "velvet-otter")
# Public by design, whoever asks: they show nothing of anyone's data.
PUBLIC = {
    "core:healthz",
    "accounts:signin",
    "accounts:redeem_link",
    "accounts:signup",
    "accounts:signup_invited",
    "accounts:password_reset",
    "accounts:password_reset_sent",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    "api:not-found",
}
# The calendar feed's address is a capability: whoever holds the owner's token sees the feed. The
# outsider is asked with a made-up token instead, which must be a 404.
CAPABILITY = {"plans:calendar"}
METHODS = ("get", "post", "put", "patch", "delete")
# Routes that end the outsider's own session, account or API token (clearing the example search deletes
# everything, tokens too) are asked last, so the walk stays signed in.
ENDS_SESSION = ("signout", "delete", "everywhere", "clear_example")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str  # e.g. "applications/<uuid:public_id>/"
    converters: dict[str, Any]

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def names_something(self) -> bool:
        """The route's address holds an id or a secret: an outsider must get a 404."""
        return self.name in CAPABILITY or any(
            "uuid" in type(c).__name__.lower() or name == "prefix" for name, c in self.converters.items()
        )

    @property
    def methods(self) -> tuple[str, ...]:
        return METHODS if self.is_api else ("get", "post")


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "", converters: Any = None) -> Iterator[Route]:
    converters = converters or {}
    for entry in patterns:
        found = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield Route(name, prefix + str(entry.pattern), found)


def routes() -> list[Route]:
    found = [r for r in _walk(get_resolver().url_patterns) if not r.pattern.startswith("admin/")]
    unique = {(r.name, r.pattern): r for r in found}
    return sorted(unique.values(), key=lambda r: (r.pattern, r.name))


@pytest.fixture
def owned(owner: User) -> dict[str, Any]:
    """A whole search for the owner, with marks in it, and one real id of every kind of object."""
    create_demo(owner, TODAY)
    from onward.tracker import actions as tracker

    added = tracker.add_application(owner, company="Quillfeather Labs", role="Archivist", today=TODAY)
    contact = tracker.add_contact(owner, name="Ottoline Marsh", company="Quillfeather Labs")
    tracker.add_note(owner, added.application, "velvet-otter: my private note", today=TODAY)
    step = PlanStep.objects.filter(owner=owner).order_by("pk").first()
    assert step is not None
    draft = Draft.objects.create(
        owner=owner, kind="thank_you", application=step.rejection.application, step=step, body="velvet-otter"
    )
    mail.import_text(
        owner,
        "From: Quillfeather Careers <jobs@quillfeather.example>\nSubject: Your application\n\n"
        "Thank you for applying to Quillfeather Labs. We have decided not to move forward.",
        today=TODAY,
    )
    job = mail.new_job(owner, text="From: someone@example.org\nSubject: hello\n\nvelvet-otter")
    token = tokens.create_token(owner, "velvet-otter script")
    accounts.new_calendar_token(owner)
    return {"contact": contact, "draft": draft, "job": job, "token": token}


def owner_ids(owner: User) -> list[str]:
    """The first UUID of every kind of object the owner has."""
    ids = []
    for model in apps.get_models():
        if not model.__module__.startswith("onward.") or "uuid" not in {f.name for f in model._meta.fields}:
            continue
        rows = _owned_rows(model, owner)
        if rows is not None:
            first = rows.order_by("pk").values_list("uuid", flat=True).first()
            if first is not None:
                ids.append(str(first))
    assert len(ids) >= 12, ids
    return ids


def _owned_rows(model: type[models.Model], owner: User) -> models.QuerySet[Any] | None:
    names = {f.name for f in model._meta.fields}
    manager = model._default_manager
    if "owner" in names:
        return manager.filter(owner=owner)
    if "application" in names:
        return manager.filter(application__owner=owner)
    if "job" in names:
        return manager.filter(job__owner=owner)
    return None


def snapshot(owner: User) -> dict[str, list[Any]]:
    """Every row the owner has, as plain values (timestamps included)."""
    found = {}
    for model in apps.get_models():
        if model.__module__.startswith("onward."):
            rows = _owned_rows(model, owner)
            if rows is not None:
                found[model._meta.label] = [
                    json.dumps(v, default=str, sort_keys=True) for v in rows.order_by("pk").values()
                ]
    return found


def _fill(route: Route, value_for: dict[str, str]) -> str:
    if "^" in route.pattern:  # a regex catch-all (the API's own 404)
        return "/api/v1/no-such-route"
    path = route.pattern
    for name, converter in route.converters.items():
        value = value_for.get(name) or value_for.get(type(converter).__name__.lower(), "anything")
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
    return "/" + path


def _urls(route: Route, ids: list[str], extra: dict[str, str]) -> list[str]:
    uuid_slots = [n for n, c in route.converters.items() if "uuid" in type(c).__name__.lower()]
    if not uuid_slots:
        return [_fill(route, extra)]
    return [_fill(route, {**extra, **dict.fromkeys(uuid_slots, real)}) for real in ids]


def _with_made_up_ids(route: Route, url: str, ids: list[str]) -> str:
    for real in ids:
        url = url.replace(real, "00000000-0000-4000-8000-000000000000")
    return url


def _ask(client: Client, method: str, url: str, headers: dict[str, str]) -> Any:
    body = {} if method == "get" else {"data": "{}", "content_type": "application/json"}
    return getattr(client, method)(url, headers=headers, **body)


def test_the_walk_finds_every_kind_of_route() -> None:
    found = routes()
    names = {r.name for r in found}
    # If a whole app's pages or the API vanished from the walk, the isolation test would prove nothing.
    for expected in (
        "tracker:detail",
        "plans:step_done",
        "mailimport:undo",
        "momentum:checkin_delete",
        "tokens:revoke",
    ):
        assert expected in names
    assert sum(r.is_api for r in found) >= 30
    assert len(found) >= 100


def test_an_outsider_gets_nothing_of_the_owners(owner: User, outsider: User, owned: dict[str, Any]) -> None:
    ids = owner_ids(owner)
    before = snapshot(owner)
    outsider_token = tokens.create_token(outsider, "outsider").secret
    session = Client()
    session.force_login(outsider)
    extra = {"token": "made-up-token", "prefix": owned["token"].token.prefix, "kind": "thank_you"}
    leaks, wrong = [], []
    for route in sorted(routes(), key=lambda r: any(word in r.name for word in ENDS_SESSION)):
        if route.name in PUBLIC:
            continue
        for url in _urls(route, ids, extra):
            for method in route.methods:
                # The API is asked with the outsider's token; the web with their session.
                headers = {"Authorization": f"Bearer {outsider_token}"} if route.is_api else {}
                response = _ask(session, method, url, headers)
                if "_auth_user_id" not in session.session and User.objects.filter(pk=outsider.pk).exists():
                    session.force_login(outsider)  # the route signed the outsider out: carry on signed in
                text = response.content.decode("utf-8", "replace")
                leaks += [f"{method.upper()} {url}: {s}" for s in SECRETS if s in text]
                if route.names_something and response.status_code not in (404, 405):
                    # A body the API can't read is refused before any lookup (422): allowed only when a
                    # made-up id gets the very same answer, so nothing tells the two apart.
                    made_up = _ask(session, method, _with_made_up_ids(route, url, ids), headers)
                    same = (made_up.status_code, made_up.content) == (response.status_code, response.content)
                    if not (response.status_code == 422 and same):
                        wrong.append(f"{method.upper()} {url} ({route.name}): {response.status_code}")
    assert leaks == []
    assert wrong == []
    assert snapshot(owner) == before
    assert owned["token"].token.__class__.objects.get(pk=owned["token"].token.pk).revoked_at is None


def test_anonymous_visitors_are_sent_to_sign_in(owner: User, owned: dict[str, Any]) -> None:
    ids = owner_ids(owner)[:3]
    client = Client()
    wrong = []
    for route in routes():
        if route.name in PUBLIC or route.name in CAPABILITY:
            continue
        for url in _urls(route, ids, {"token": "x", "prefix": "onw_x", "kind": "thank_you"}):
            for method in ("get", "post"):
                response = _ask(client, method, url, {})
                expected = (401, 405) if route.is_api else (302, 405)
                if response.status_code not in expected:
                    wrong.append(f"{method.upper()} {url}: {response.status_code}")
                elif response.status_code == 302 and "/signin/" not in response["Location"]:
                    wrong.append(f"{method.upper()} {url}: sent to {response['Location']}")
    assert wrong == []


def test_every_session_form_needs_its_csrf_token(owner: User, owned: dict[str, Any]) -> None:
    """The owner's own browser, without the CSRF token: every write is refused (403) and nothing changes."""
    ids = owner_ids(owner)
    before = snapshot(owner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    extra = {"token": "made-up-token", "prefix": owned["token"].token.prefix, "kind": "thank_you"}
    wrong = []
    for route in routes():
        if route.name in {"api:not-found", "api:openapi-json", "api:openapi-view", "api:api-root"}:
            continue
        for url in _urls(route, ids[:4], extra):
            for method in (m for m in route.methods if m != "get"):
                response = _ask(client, method, url, {})
                # 405: the route takes no such method at all, so there was nothing to protect.
                if response.status_code not in (403, 405):
                    wrong.append(f"{method.upper()} {url} ({route.name}): {response.status_code}")
    assert wrong == []
    assert snapshot(owner) == before
    # The same client with its token gets through (so the 403s above were about CSRF, not access).
    client.get("/settings/")
    token = client.cookies["csrftoken"].value
    assert client.post("/checkin/", {"mood": "3"}, headers={"X-CSRFToken": token}).status_code in (200, 302)
