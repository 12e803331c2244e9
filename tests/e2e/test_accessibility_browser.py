"""Accessibility in a real browser: axe-core on every page in both themes, the keyboard, form errors, charts.

axe-core is vendored in ``tests/e2e/vendor/axe-core`` (test-only; the app never serves it). The app's strict
Content-Security-Policy stays on: axe is put into each page through Playwright's ``evaluate``, which the page's
policy does not govern, and every run first checks that it really arrived.

Every serious or critical violation fails the test, listed with its rule, impact, targets, page and theme.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.e2e.conftest import ARTIFACTS, LiveServer, import_small_mailbox
from tests.pgcluster import free_port

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
TODAY = "2025-03-12"
BLOCKING = ("serious", "critical")
THEMES = ("light", "dark")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return {
    rules: result.passes.length + result.violations.length + result.incomplete.length,
    dark: window.matchMedia("(prefers-color-scheme: dark)").matches,
    violations: result.violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    })),
  };
}"""


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server and the CLI share one pinned day, so the demo search is the same on every run."""
    monkeypatch.setenv("ONWARD_TODAY", TODAY)


class Audit:
    """Runs axe on pages in both themes and keeps what it finds, for one readable failure at the end."""

    def __init__(self, report: str) -> None:
        self.file = ARTIFACTS / f"{report}.json"
        self.blocking: list[str] = []
        self.report: list[dict[str, object]] = []
        self.pages = 0

    def __call__(self, page, name: str) -> None:  # type: ignore[no-untyped-def]
        page.wait_for_load_state("networkidle")
        for theme in THEMES:
            page.emulate_media(color_scheme=theme)
            if not page.evaluate("typeof window.axe === 'object'"):
                page.evaluate(AXE_SOURCE)
            assert page.evaluate("typeof window.axe?.run === 'function'"), f"axe-core did not load on {name}"
            found = page.evaluate(RUN_AXE)
            assert found["rules"] > 20, f"axe ran almost no rules on {name}: {found['rules']}"
            assert found["dark"] == (theme == "dark"), f"{name}: the {theme} theme was not applied"
            for v in found["violations"]:
                self.report.append({"page": name, "url": page.url, "theme": theme, **v})
                if v["impact"] in BLOCKING:
                    targets = ", ".join(v["targets"][:6]) + (" …" if len(v["targets"]) > 6 else "")
                    self.blocking.append(f"{name} [{theme}] {v['rule']} ({v['impact']}): {v['help']} — {targets}")
        page.emulate_media(color_scheme="light")
        self.pages += 1

    def save(self) -> None:
        """Every violation of any impact, for reading: ``test-artifacts/axe-*.json``."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.file.write_text(json.dumps(self.report, indent=1), encoding="utf-8")


def _link(page, url: str, pattern: str) -> str:  # type: ignore[no-untyped-def]
    """The first link on ``url`` whose address matches ``pattern``."""
    page.goto(url)
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if re.search(pattern, href):
            return urljoin(url, href)
    raise AssertionError(f"no link matching {pattern} on {url}")


def _demo_pages(page, server: LiveServer) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The pages of the demo search, by the name a person would give them."""
    made = server.cli("demo")
    assert made.returncode == 0, made.stderr
    url = server.url
    listed = json.loads(server.cli("list", "--json").stdout)
    rejected = next(a for a in listed if a["stage"] == "rejected")
    open_ = next(a for a in listed if a["stage"] in ("interviewing", "final_round"))
    pages = {
        "today": url,
        "board": url + "applications/board/",
        "board with closed": url + "applications/board/?closed=1",
        "list": url + "applications/",
        "list filtered": url + "applications/?q=analyst&stage=applied",
        "application": f"{url}applications/{open_['id']}/",
        "rejected application": f"{url}applications/{rejected['id']}/",
        "add application": url + "applications/new/",
        "edit application": f"{url}applications/{open_['id']}/edit/",
        "add interview": f"{url}applications/{open_['id']}/interviews/new/",
        "import a CSV": url + "applications/import/",
        "contacts": url + "contacts/",
        "add contact": url + "contacts/new/",
        "quick rejection": url + "rejections/new/",
        "reject an application": f"{url}applications/{open_['id']}/reject/",
        "prep sheet": f"{url}applications/{open_['id']}/prep/",
        "reflection": f"{url}applications/{rejected['id']}/reflect/",
        "add feedback": f"{url}applications/{rejected['id']}/feedback/new/",
        "lessons": url + "lessons/",
        "insights": url + "insights/",
        "check-ins": url + "checkins/",
        "check in": url + "checkin/",
        "goals": url + "goals/",
        "career review": url + "review/",
        "settings": url + "settings/",
        "tokens": url + "settings/tokens/",
        "your data": url + "settings/data/",
        "follow-up draft": f"{url}drafts/new/follow_up/?application={open_['id']}",
        "not found": url + "no-such-page/",
    }
    pages["contact"] = _link(page, pages["contacts"], r"^/contacts/[0-9a-f-]{36}/$")
    pages["edit contact"] = pages["contact"] + "edit/"
    pages["plan"] = _link(page, pages["rejected application"], r"^/rejections/[0-9a-f-]{36}/$")
    pages["step"] = _link(page, url, r"^/steps/[0-9a-f-]{36}/$")
    pages["draft"] = _link(page, url, r"^/drafts/steps/[0-9a-f-]{36}/")
    pages["feedback"] = _link(page, pages["lessons"], r"^/feedback/[0-9a-f-]{36}/$")
    pages["settled step"] = _link(page, pages["plan"], r"^/steps/[0-9a-f-]{36}/$")
    return pages


# Makes a form come back with errors: the browser's own checks are turned off, required fields emptied,
# and numbers, addresses and links given values the server refuses.
SPOIL_FORM = """(form) => {
  form.noValidate = true;
  for (const el of form.elements) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") { continue; }
    if (el.type === "number") { el.value = "-5"; }
    else if (el.type === "email") { el.value = "not an address"; }
    else if (el.type === "url") { el.value = "not a link"; }
    else if (el.type === "date") { el.value = ""; }
    else if (el.required && el.type !== "checkbox" && el.type !== "radio" && el.type !== "file") { el.value = ""; }
  }
}"""

# (page, the form on it): each comes back with at least one error when spoiled.
FAILING_FORMS = (
    ("add application", "main form.form"),
    ("edit application", "main form.form"),
    ("add contact", "main form.form"),
    ("edit contact", "main form.form"),
    ("add interview", "main form.form"),
    ("quick rejection", "main form.form"),
    ("reject an application", "main form.form"),
    ("add feedback", "main form.form"),
    ("import a CSV", "main form.form"),
    ("settings", "main form.form:not(.goal-form)"),
    ("goals", "main form.goal-form"),
    ("tokens", "main form.form"),
    ("your data", "main form[action$='/restore/']"),
    ("plan", "main form.form"),
    ("application", "main form.form--inline-note"),
)


def _send_spoiled(page, url: str, form: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    target = page.locator(form).first
    target.evaluate(SPOIL_FORM)
    # The form posts back to its own address: wait for the new page, not just the answer, or the old one is read.
    with page.expect_navigation(), page.expect_response(lambda r: r.request.method == "POST"):
        target.locator("button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def _states(page, server: LiveServer, pages: dict[str, str], tmp_path: Path) -> list[tuple[str, Callable[[], None]]]:  # type: ignore[no-untyped-def]
    """Pages that only exist after doing something: each entry gets the page there, then it is audited."""

    def click(url: str, role: str, name: str) -> Callable[[], None]:
        def go() -> None:
            page.goto(url)
            with page.expect_navigation():  # wait_for_load_state alone can return while the old page shows
                page.get_by_role(role, name=name).first.click()  # type: ignore[arg-type]
            page.wait_for_load_state("networkidle")

        return go

    def checked_in() -> None:
        page.goto(pages["today"])
        page.locator("form.checkin").get_by_role("button", name="Okay").click()
        page.get_by_role("status").filter(has_text="Thank you for checking in").wait_for()

    def step_done() -> None:
        page.goto(pages["today"])
        page.locator(".step-card").first.get_by_role("button", name="Done").click()
        page.locator(".step-card--settled").first.wait_for()

    def snooze_open() -> None:
        page.goto(pages["today"])
        page.locator(".snooze summary").first.click()

    def cool_off() -> None:
        # A fresh no: its plan, then Today during the pause.
        page.goto(pages["reject an application"])
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("log|save|plan", re.I)).first.click()
        page.wait_for_load_state("networkidle")

    def mail_job() -> None:
        import_small_mailbox(page, server, tmp_path, TODAY)

    def mail_review() -> None:
        page.goto(server.url + "mail/review/")

    def mail_message() -> None:
        page.goto(_link(page, server.url + "mail/review/", r"^/mail/messages/[0-9a-f-]{36}/"))

    return [
        ("Today, checked in", checked_in),
        ("Today, a step done", step_done),
        ("Today, snooze open", snooze_open),
        ("settings with a calendar address", click(pages["settings"], "button", "calendar")),
        ("a new token, shown once", lambda: _new_token(page, pages["tokens"])),
        ("lint on a draft", lambda: _draft_with_lint(page, pages["draft"])),
        ("mail job", mail_job),
        ("mail review queue", mail_review),
        ("mail message", mail_message),
        ("mail import, after", lambda: page.goto(server.url + "mail/")),
        ("plan just logged", cool_off),
        ("Today during a cool-off", lambda: page.goto(pages["today"])),
    ]


def _new_token(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator("main form.form input[name=name]").fill("spreadsheet sync")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def _draft_with_lint(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    body = page.locator("main textarea").first
    body.fill("Hi [name], I would still love the job, please reconsider me for the role.")
    page.locator("#lint .lint__item").first.wait_for()


def test_axe_finds_nothing_serious_on_any_page_in_either_theme(
    page, browser, onward_server: LiveServer, tmp_path
) -> None:
    audit = Audit("axe-local")
    # Signed out: the sign-in page, and the one-time link once it is spent.
    stranger = browser.new_context()
    outside = stranger.new_page()
    outside.goto(onward_server.url + "signin/")
    audit(outside, "sign in")
    outside.goto(onward_server.login_link)
    assert "already been used" in outside.content()
    audit(outside, "sign-in link used")
    stranger.close()

    # An empty account: the welcome and the empty states.
    for name, path in (
        ("welcome", ""),
        ("empty board", "applications/board/"),
        ("empty list", "applications/"),
        ("no contacts", "contacts/"),
        ("no lessons", "lessons/"),
        ("empty insights", "insights/"),
        ("mail import", "mail/"),
    ):
        page.goto(onward_server.url + path)
        audit(page, name)

    pages = _demo_pages(page, onward_server)
    for name, url in pages.items():
        page.goto(url)
        if name == "insights":
            page.wait_for_function("window.onwardCharts && Object.keys(window.onwardCharts).length === 4")
        audit(page, name)
    for name, form in FAILING_FORMS:
        _send_spoiled(page, pages[name], form)
        assert page.locator(".field__error, .form__errors").count(), f"{name} came back without an error"
        audit(page, f"{name}, with errors")
    for name, reach in _states(page, onward_server, pages, tmp_path):
        reach()
        audit(page, name)
    assert "Go gently" in page.locator("main").inner_text()  # the last state really was the pause

    audit.save()
    assert audit.pages >= 60, f"only {audit.pages} pages were audited"
    assert audit.blocking == [], "axe found serious or critical problems:\n" + "\n".join(audit.blocking)


# What a focused element looks like, to compare with how it looked before it had focus.
LOOKS = """(el) => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join(" | ");
}"""

REMEMBER_LOOKS = f"""() => {{
  const looks = {LOOKS};
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")) {{
    window.__unfocused.set(el, looks(el));
  }}
}}"""

FOCUSED = f"""() => {{
  const looks = {LOOKS};
  const el = document.activeElement;
  if (!el || el === document.body) {{ return null; }}
  const s = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40);
  return {{
    who: `${{el.tagName.toLowerCase()}}${{el.id ? "#" + el.id : ""}} "${{text}}"`,
    changed: window.__unfocused.has(el) && window.__unfocused.get(el) !== looks(el),
    ring: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none",
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
  }};
}}"""


def _tab_through(page, limit: int = 250) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Tab from the top of the page until focus comes round again; what had focus, in order."""
    page.evaluate(REMEMBER_LOOKS)
    seen: list[dict[str, object]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None or (seen and now["who"] == seen[0]["who"]):
            break
        seen.append(now)
    return seen


def _unseen_focus(stops: list[dict[str, object]]) -> list[str]:
    """Stops without a visible focus. Tab also walks a date field's parts and its calendar button, which
    the browser draws itself (outside the page's reach): only the first stop in each control is judged."""
    entered = [s for n, s in enumerate(stops) if n == 0 or s["who"] != stops[n - 1]["who"]]
    return [f"{s['who']}: {'off screen' if not s['onScreen'] else 'no visible focus'}" for s in entered
            if not (s["changed"] and s["ring"] and s["onScreen"])]  # fmt: skip


def _tab_to(page, accept: str, limit: int = 150) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element matches the CSS selector ``accept``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement.matches(css)", accept):
            return
    raise AssertionError(f"Tab never reached {accept}")


def test_keyboard_reaches_everything_with_a_visible_focus_and_works_it(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("demo").returncode == 0
    page.goto(onward_server.url)
    stops = _tab_through(page)
    assert len(stops) > 30, [s["who"] for s in stops]
    assert "Skip to content" in stops[0]["who"]
    assert _unseen_focus(stops) == []
    # The skip link takes the next Tab into the page's content.
    page.goto(onward_server.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
    # A mood button answers to the space bar.
    _tab_to(page, "form.checkin .mood-button")
    page.keyboard.press("Space")
    page.get_by_role("status").filter(has_text="Thank you for checking in").wait_for()
    # Snooze opens from the keyboard, and its choices come next.
    _tab_to(page, ".snooze summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('details.snooze')?.open === true")
    # Done, with Enter: the step settles and focus stays in the list rather than going back to the top.
    page.goto(onward_server.url)
    _tab_to(page, ".step-card button[type=submit]:not([name])")
    card = page.evaluate("document.activeElement.closest('.step-card').id")
    page.keyboard.press("Enter")
    page.locator(f"#{card}.step-card--settled").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), page.evaluate(FOCUSED)

    # A form, from the keyboard alone: every field shows its focus, and Enter on the button sends it.
    page.goto(onward_server.url + "applications/new/")
    stops = _tab_through(page)
    assert _unseen_focus(stops) == []
    assert any("#id_company" in s["who"] for s in stops)
    page.goto(onward_server.url + "applications/new/")
    _tab_to(page, "#id_company")
    page.keyboard.type("Keyboard Co")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_role"
    page.keyboard.type("Analyst")
    _tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/applications/[0-9a-f-]{36}/$"))
    assert "Keyboard Co" in page.locator("h1").inner_text()


# What is wrong with how a page's form errors reach a screen reader: each message has an id, the field it is
# about names it in aria-describedby and says aria-invalid, and one summary (role=alert) has the focus.
UNTIED_ERRORS = """() => {
  const problems = [];
  const errors = [...document.querySelectorAll(".field__error")];
  for (const error of errors) {
    if (!error.id) { problems.push(`a message without an id: ${error.textContent.trim()}`); continue; }
    const tied = [...document.querySelectorAll("[aria-describedby]")].filter(
      (el) => el.getAttribute("aria-describedby").split(/\\s+/).includes(error.id));
    if (!tied.length) { problems.push(`no field names ${error.id}`); }
    for (const el of tied) {
      const field = el.matches("fieldset") ? el.querySelector("input") : el;
      if (field.getAttribute("aria-invalid") !== "true") { problems.push(`${field.id} is not aria-invalid`); }
    }
  }
  for (const el of document.querySelectorAll("[aria-invalid=true]")) {
    const ids = (el.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
    const named = ids.map((id) => document.getElementById(id));
    if (named.some((n) => !n)) { problems.push(`${el.id} names a missing id (${ids})`); }
    if (!named.some((n) => n && n.matches(".field__error"))) { problems.push(`${el.id} has no message tied to it`); }
  }
  const summary = document.querySelector("main [role=alert]");
  if (!summary || !summary.textContent.trim()) { problems.push("no summary with role=alert"); }
  else if (document.activeElement !== summary) { problems.push("the summary does not have the focus"); }
  if (!errors.length && !document.querySelector(".form__errors")) { problems.push("no error shown at all"); }
  return problems;
}"""


def test_form_errors_are_tied_to_their_fields_and_announced(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    pages = _demo_pages(page, onward_server)
    problems: list[str] = []
    for name, form in FAILING_FORMS:
        _send_spoiled(page, pages[name], form)
        problems += [f"{name}: {p}" for p in page.evaluate(UNTIED_ERRORS)]
    assert problems == []
    # The summary's links take the keyboard to the field.
    _send_spoiled(page, pages["add application"], "main form.form")
    link = page.locator(".form__errors a").first
    target = link.get_attribute("href")
    link.press("Enter")
    assert "#" + page.evaluate("document.activeElement.id") == target


def test_every_chart_on_insights_has_a_text_equivalent(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("demo").returncode == 0
    page.goto(onward_server.url + "insights/")
    page.wait_for_function("window.onwardCharts && Object.keys(window.onwardCharts).length === 4")
    charts = page.evaluate(
        """() => [...document.querySelectorAll("canvas")].map((c) => {
          const ids = (c.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
          const text = ids.map((id) => document.getElementById(id)?.textContent || "").join(" ").trim();
          const items = ids.map((id) => document.getElementById(id)?.querySelectorAll("li, tr").length || 0);
          return {id: c.id, role: c.getAttribute("role"), label: c.getAttribute("aria-label") || "", text,
                  lists: items.reduce((a, b) => a + b, 0)};
        })"""
    )
    assert len(charts) == 4, charts
    drawn = page.evaluate(
        "() => Object.fromEntries(Object.entries(window.onwardCharts).map(([k, c]) => "
        "[k, c.data.datasets[0].data.filter((v) => typeof v === 'number')]))"
    )
    for chart in charts:
        assert chart["role"] == "img", chart
        assert len(chart["label"]) > 20, chart
        assert chart["text"], f"{chart['id']} points at no text"
        assert chart["lists"] or re.search(r"\d", chart["text"]), chart
        # The numbers drawn are written out in the text it points to.
        for value in drawn[chart["id"].removeprefix("chart-")]:
            if chart["id"] != "chart-mood":  # the mood line is described in words, one per check-in
                assert str(value) in chart["text"], (chart["id"], value)


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[str]:
    """``onward serve`` in server mode (accounts, open sign-up) on a free loopback port; yields its address."""
    port = free_port()
    env = {
        **os.environ,
        "ONWARD_MODE": "server",
        "ONWARD_DATA_DIR": str(tmp_path / "hosted"),
        "ONWARD_SECRET_KEY": "a11y-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2,
        "ONWARD_ALLOWED_HOSTS": "127.0.0.1",
        "ONWARD_SIGNUP": "open",
        "ONWARD_EMAIL_URL": "file:outbox",  # a folder in the data folder
        "ONWARD_DATABASE_URL": f"sqlite:///{tmp_path / 'hosted.sqlite3'}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "onward", "serve", "--port", str(port), "--no-open", "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(url + "healthz", timeout=2):  # noqa: S310 (loopback)
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("onward serve in server mode stopped at start")
                time.sleep(0.5)
        else:
            pytest.fail("onward serve in server mode did not answer within 60 s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_axe_on_the_pages_only_a_hosted_onward_has(browser, hosted: str) -> None:  # type: ignore[no-untyped-def]
    audit = Audit("axe-hosted")
    context = browser.new_context()
    page = context.new_page()
    untied: list[str] = []

    def spoiled(path: str, name: str, form: str = "main form.form") -> None:
        _send_spoiled(page, hosted + path, form)
        untied.extend(f"{name}: {p}" for p in page.evaluate(UNTIED_ERRORS))
        audit(page, f"{name}, with errors")

    for name, path in (
        ("sign in (hosted)", "signin/"),
        ("sign up", "signup/"),
        ("password reset", "password/reset/"),
        ("invitation used", "signup/no-such-invitation/"),
        ("reset link used", "password/reset/MQ/set-password/"),
    ):
        page.goto(hosted + path)
        audit(page, name)
    spoiled("signin/", "sign in (hosted)")
    spoiled("signup/", "sign up")
    page.goto(hosted + "signup/")
    page.get_by_label("Email").first.fill("sam@example.org")
    for field in page.locator("main input[type=password]").all():
        field.fill("a calm walk by the river")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(hosted)
    audit(page, "welcome (hosted)")
    for name, path in (("settings (hosted)", "settings/"), ("password change", "settings/password/")):
        page.goto(hosted + path)
        audit(page, name)
    spoiled("settings/password/", "password change")
    spoiled("settings/data/", "delete my account", "main form[action$='/delete-account/']")
    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signin/")
    audit(page, "signed out")
    page.goto(hosted + "password/reset/")
    page.locator("main input[name=email]").fill("sam@example.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    audit(page, "password reset sent")
    context.close()

    audit.save()
    assert audit.pages >= 14, f"only {audit.pages} pages were audited"
    assert untied == []
    assert audit.blocking == [], "axe found serious or critical problems:\n" + "\n".join(audit.blocking)
