"""The Content-Security-Policy in a real browser: walk the app with a demo search, nothing is blocked."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.browser

# Links that leave, sign out, download or change something on a GET are not followed.
SKIP = ("/signout", "/admin/", "format=md", ".ics", "/export", "/static/", "mailto:", "/calendar/")
MAX_PAGES = 70


def test_no_page_breaks_the_content_security_policy(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    made = onward_server.cli("demo")
    assert made.returncode == 0, made.stderr
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    origin = urlsplit(onward_server.url).netloc
    queue, seen = [onward_server.url], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urljoin(url, href).split("#", 1)[0]
            if urlsplit(target).netloc == origin and not any(s in target for s in SKIP) and target not in seen:
                queue.append(target)
    assert len(seen) >= 25, f"only {len(seen)} pages were reachable"
    assert problems == []
