"""The shell in a real browser against a real ``onward serve``."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser


def test_home_opens_through_the_login_link(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert page.url == onward_server.url
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to onward"
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert screenshot(page, "shell-desktop").stat().st_size > 10_000


def test_the_shell_fits_a_phone(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(onward_server.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "shell-phone")


def test_without_the_link_the_browser_is_told_how_to_get_one(browser, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(onward_server.url)
    assert "onward link" in page.content()
    assert "Welcome to onward" not in page.content()
    context.close()


def test_healthz_and_the_server_state_file(onward_server: LiveServer) -> None:
    with urllib.request.urlopen(onward_server.url + "healthz", timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200
        assert json.loads(response.read())["status"] == "ok"
    state = json.loads((onward_server.data_dir / "server.json").read_text())
    assert state["url"] == onward_server.url
