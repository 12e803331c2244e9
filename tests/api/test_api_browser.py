"""The docs page and Settings → API tokens in a real browser, under the site's Content-Security-Policy.

The server is the end-to-end tests' own fixture (a real ``onward serve``). Chromium is
started here, in a thread of its own: Playwright's sync API refuses to start while
another instance (the end-to-end tests' session browser) runs in the same thread.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import LiveServer, _missing_browser, chromium_path, screenshot

pytestmark = pytest.mark.browser


def in_browser(server: LiveServer, check: Callable[[Any], None]) -> None:
    """Run ``check(page)`` in a fresh headless Chromium, signed in through the one-time link."""

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            executable = chromium_path()
            try:
                browser = p.chromium.launch(executable_path=executable) if executable else p.chromium.launch()
            except Exception as exc:
                _missing_browser(f"Chromium could not start ({str(exc).splitlines()[0]})")
            try:
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                page.goto(server.login_link)
                check(page)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def _watch(page: Any) -> tuple[list[str], list[str]]:
    """Console errors (CSP violations among them) and every host the page asked something of."""
    errors: list[str] = []
    hosts: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname or request.url))
    return errors, hosts


def test_the_docs_page_draws_from_local_files_under_the_policy(onward_server: LiveServer) -> None:
    def check(page: Any) -> None:
        errors, hosts = _watch(page)
        response = page.goto(onward_server.url + "api/v1/docs")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(".opblock-tag-section", timeout=20_000)
        assert page.locator(".opblock").count() > 40
        assert page.get_by_text("/api/v1/applications/{application_id}/stage").first.is_visible()
        screenshot(page, "api-docs")
        assert errors == []
        assert set(hosts) == {"127.0.0.1"}

    in_browser(onward_server, check)


def test_a_token_made_in_settings_is_shown_once_and_works(onward_server: LiveServer) -> None:
    def check(page: Any) -> None:
        errors, hosts = _watch(page)
        page.goto(onward_server.url + "settings/tokens/")
        page.get_by_label("What is it for?").fill("spreadsheet sync")
        page.get_by_role("button", name="Make a token").click()
        token = page.locator("#token-value").inner_text().strip()
        assert token.startswith("onw_")
        assert page.get_by_role("button", name="Copy the token").is_visible()
        screenshot(page, "api-tokens-made")
        me = onward_server.url + "api/v1/me"
        request = urllib.request.Request(me, headers={"Authorization": f"Bearer {token}"})  # noqa: S310 - our server
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - our own loopback server
            assert json.loads(answer.read())["token"] == token[:12]
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(onward_server.url + "settings/tokens/")
        assert token not in page.content()
        screenshot(page, "api-tokens-phone")
        page.get_by_role("link", name="Revoke “spreadsheet sync”").click()
        page.get_by_role("button", name="Yes, revoke it").click()
        assert page.get_by_text("Revoked “spreadsheet sync”").is_visible()
        assert errors == []
        assert set(hosts) == {"127.0.0.1"}

    in_browser(onward_server, check)
