"""API fixtures: a personal token for the owner and one for the outsider, and a small JSON client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from onward.api import actions
from tests.e2e.conftest import onward_server  # noqa: F401 - a real `onward serve`, for the browser tests

BASE = "/api/v1"
TODAY = "2026-03-14"


class Api:
    """Speaks JSON to ``/api/v1`` with a token (or with no credentials at all)."""

    def __init__(self, token: str | None = None, client: Client | None = None) -> None:
        self.client = client or Client(enforce_csrf_checks=True)
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        call = getattr(self.client, method.lower())
        return call(BASE + path, data=data, content_type="application/json", headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("POST", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.send("PATCH", path, body)

    def delete(self, path: str, **params: Any) -> Any:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self.client.delete(BASE + path + (f"?{query}" if query else ""), headers=self.headers)


def error_of(response: Any, status: int) -> dict[str, Any]:
    """The error body, after checking the status and its shape."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert isinstance(error["message"], str)
    assert error["message"]
    return dict(error)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY)


@pytest.fixture
def token(owner: User) -> str:
    return actions.create_token(owner, "tests").secret


@pytest.fixture
def api(token: str) -> Api:
    return Api(token)


@pytest.fixture
def outsider_api(outsider: User) -> Api:
    return Api(actions.create_token(outsider, "theirs").secret)


@pytest.fixture
def anonymous() -> Api:
    return Api()
