"""Who may ask, and how every refusal looks: tokens, sessions with CSRF, and the one error body."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from onward.api import actions
from tests.api.conftest import Api, error_of

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_in_the_error_body_not_the_sign_in_page(anonymous: Api) -> None:
    for response in (anonymous.get("/applications"), anonymous.post("/applications", {"company": "A", "role": "B"})):
        error = error_of(response, 401)
        assert error["code"] == "not_signed_in"
        assert "onward token create" in error["message"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_made_up_token_is_401_even_with_a_session(owner: User, token: str) -> None:
    client = Client()
    client.force_login(owner)
    actions.revoke_token(owner, token[:12])
    for bad in (token, "onw_notreal1_" + "A" * 43, "something"):
        error = error_of(Api(bad, client).get("/me"), 401)
        assert "doesn't recognise this token" in error["message"]


def test_the_token_decides_whose_data_it_is(api: Api, outsider_api: Api, owner: User) -> None:
    me = api.get("/me")
    assert me.json()["username"] == owner.username
    assert "no-store" in me["Cache-Control"]
    api.post("/applications", {"company": "Acme", "role": "Analyst"})
    assert api.get("/applications").json()["count"] == 1
    assert outsider_api.get("/applications").json()["count"] == 0


def test_an_owner_id_in_the_body_is_refused_not_obeyed(outsider_api: Api, owner: User) -> None:
    response = outsider_api.post("/applications", {"company": "Acme", "role": "Analyst", "owner": owner.pk})
    assert error_of(response, 422)["fields"] == {"owner": "onward doesn't know this field; check its spelling."}


def test_token_requests_need_no_csrf_token(api: Api) -> None:
    assert api.client.__class__ is Client
    assert api.client.handler.enforce_csrf_checks
    assert api.post("/applications", {"company": "Acme", "role": "Analyst"}).status_code == 201


def test_session_requests_read_freely_but_write_only_with_csrf(owner: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    session = Api(client=browser)
    assert session.get("/me").json() == {"username": owner.username, "token": None}
    refused = session.post("/applications", {"company": "Acme", "role": "Analyst"})
    assert error_of(refused, 403)["code"] == "csrf_failed"
    assert session.get("/applications").json()["count"] == 0
    page = browser.get("/settings/").content.decode()  # any page sets the CSRF cookie and shows the token
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', page)
    assert csrf
    allowed = browser.post(
        "/api/v1/applications",
        json.dumps({"company": "Acme", "role": "Analyst"}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf.group(1)},
    )
    assert allowed.status_code == 201


def test_the_documents_are_open_and_the_docs_page_loads_nothing_from_the_internet(anonymous: Api) -> None:
    schema = anonymous.get("/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert {"TokenAuth", "SessionAuth"} == set(schema.json()["components"]["securitySchemes"])
    docs = anonymous.get("/docs")
    html = docs.content.decode()
    assert docs.status_code == 200
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) == []  # no inline script
    assert '"validatorUrl": null' in html
    assert anonymous.get("/").json()["docs"].endswith("/api/v1/docs")


def test_unknown_addresses_and_wrong_methods_answer_in_the_error_body(api: Api) -> None:
    assert error_of(api.get("/nowhere"), 404)["code"] == "not_found"
    assert "trailing slash" in error_of(api.get("/applications/"), 404)["message"]
    assert error_of(api.get("/applications/not-a-uuid"), 404)["code"] == "not_found"
    wrong = api.send("PUT", "/applications", {})
    assert error_of(wrong, 405)["code"] == "method_not_allowed"
    assert set(wrong["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert error_of(api.send("POST", "/applications", raw="{not json"), 400)["code"] == "invalid_json"


def test_an_unknown_address_needs_no_csrf_and_no_session_to_answer(anonymous: Api) -> None:
    assert error_of(anonymous.post("/nowhere", {}), 404)["code"] == "not_found"
