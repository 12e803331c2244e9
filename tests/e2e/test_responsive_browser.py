"""Every page at a phone's width and a desktop's: nothing sticks out, the board turns into a list, print is clean.

The screenshots land in ``test-artifacts/responsive/`` (light and dark, 375 and 1280 px wide): the assertions
catch what sticks out; the pictures are there to be looked at.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.e2e.conftest import ARTIFACTS, LiveServer, import_small_mailbox

pytestmark = pytest.mark.browser

TODAY = "2025-03-12"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = ARTIFACTS / "responsive"
# Links that leave, sign out, download or change something on a GET are not followed.
SKIP = ("/signout", "/admin/", "format=md", ".ics", "/export", "/static/", "mailto:", "/calendar/", "/api/v1/")
MAX_PAGES = 60

# Every visible element whose right edge passes the viewport's, unless an ancestor clips or scrolls it
# while itself fitting on screen (a wide table inside its own scroll box is fine; the page is not).
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== "visible" && a.getBoundingClientRect().right <= width + 1) { return true; }
    }
    return false;
  };
  const name = (el) => {
    const cls = [...el.classList].map((c) => "." + c).join("");
    const text = (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} "${text}"`;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (!el.checkVisibility({visibilityProperty: true}) || style.position === "absolute" && style.clip !== "auto") {
      continue;
    }
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) { continue; }
    if (!clipped(el)) { found.push(`${name(el)} ends at ${Math.round(box.right)}px`); }
  }
  return found.slice(0, 5);
}"""

# Each checkbox and radio button: small, and on the first line of its label, right beside it.
MISALIGNED_CHOICES = """() => {
  const found = [];
  for (const input of document.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    const box = input.getBoundingClientRect();
    if (!input.checkVisibility({visibilityProperty: true})) { continue; }
    const label = input.labels && input.labels[0];
    const who = `${input.type} ${input.name}=${input.value}`;
    if (!label) { found.push(`${who} has no label`); continue; }
    if (box.width > 32) { found.push(`${who} is ${Math.round(box.width)}px wide`); continue; }
    const range = document.createRange();
    range.selectNodeContents(label);
    const lines = [...range.getClientRects()].filter((r) => r.width > 1 && r.left >= box.right - 1);
    if (!lines.length) { found.push(`${who}: its label does not follow it`); continue; }
    const first = lines[0];
    const middle = box.top + box.height / 2;
    const gap = first.left - box.right;
    if (middle < first.top - 4 || middle > first.bottom + 4) {
      found.push(`${who} sits ${Math.round(middle - (first.top + first.height / 2))}px off its label's first line`);
    } else if (gap > 24) {
      found.push(`${who} is ${Math.round(gap)}px away from its label`);
    }
  }
  return found;
}"""


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server and the CLI share one pinned day, so the demo and the screenshots are the same every run."""
    monkeypatch.setenv("ONWARD_TODAY", TODAY)


@pytest.fixture
def open_page(browser, onward_server: LiveServer):  # type: ignore[no-untyped-def]
    """Opens signed-in pages of a given size and theme; the one-time link signs in once, the rest share it."""
    session: list[object] = []
    contexts = []

    def opener(width: dict[str, int], dark: bool = False):  # type: ignore[no-untyped-def]
        scheme = "dark" if dark else "light"
        context = browser.new_context(
            viewport=width, color_scheme=scheme, storage_state=session[0] if session else None
        )
        contexts.append(context)
        page = context.new_page()
        if not session:
            page.goto(onward_server.login_link)
            session.append(context.storage_state())
        return page

    yield opener
    for context in contexts:
        context.close()


def _problems(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        problems.append(f"{label}: the page is {width}px wide")
    problems += [f"{label}: {what}" for what in page.evaluate(STICKING_OUT)]
    problems += [f"{label}: {what}" for what in page.evaluate(MISALIGNED_CHOICES)]
    return problems


def _check(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What is wrong with the page as it comes, and with every fold-out opened; each problem names the page."""
    problems = _problems(page, label)
    if page.evaluate("document.querySelectorAll('details:not([open])').length"):
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        problems += _problems(page, f"{label} (opened)")
    return problems


def _shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _link(page, url: str, pattern: str) -> str:  # type: ignore[no-untyped-def]
    """The first link on ``url`` whose address matches ``pattern``."""
    page.goto(url)
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if re.search(pattern, href):
            return urljoin(url, href)
    raise AssertionError(f"no link matching {pattern} on {url}")


def _named_pages(page, server: LiveServer, tmp_path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The pages a person reaches in a demo search, found by following the links they would follow."""
    url = server.url
    listed = json.loads(server.cli("list", "--json").stdout)
    rejected = next(a for a in listed if a["stage"] == "rejected")
    interviewing = next(a for a in listed if a["stage"] in ("interviewing", "final_round"))
    pages = {
        "today": url,
        "board": url + "applications/board/",
        "board-closed": url + "applications/board/?closed=1",
        "list": url + "applications/",
        "application": f"{url}applications/{interviewing['id']}/",
        "application-rejected": f"{url}applications/{rejected['id']}/",
        "add": url + "applications/new/",
        "edit": f"{url}applications/{interviewing['id']}/edit/",
        "interview-add": f"{url}applications/{interviewing['id']}/interviews/new/",
        "import-csv": url + "applications/import/",
        "contacts": url + "contacts/",
        "contact-add": url + "contacts/new/",
        "reject-quick": url + "rejections/new/",
        "reject-application": f"{url}applications/{interviewing['id']}/reject/",
        "prep": f"{url}applications/{interviewing['id']}/prep/",
        "reflection": f"{url}applications/{rejected['id']}/reflect/",
        "feedback-add": f"{url}applications/{rejected['id']}/feedback/new/",
        "lessons": url + "lessons/",
        "insights": url + "insights/",
        "checkins": url + "checkins/",
        "goals": url + "goals/",
        "review": url + "review/",
        "settings": url + "settings/",
        "tokens": url + "settings/tokens/",
        "data": url + "settings/data/",
        "mail": url + "mail/",
        "mail-review": url + "mail/review/",
        "not-found": url + "no-such-page/",
    }
    assert server.cli("token", "create", "--name", "Weekly backup script").returncode == 0
    pages["token-revoke"] = _link(page, pages["tokens"], r"^/settings/tokens/.+/revoke/")
    pages["checkin"] = url + "checkin/"
    pages["contact"] = _link(page, pages["contacts"], r"^/contacts/[0-9a-f-]{36}/$")
    pages["contact-edit"] = pages["contact"] + "edit/"
    pages["plan"] = _link(page, pages["application-rejected"], r"^/rejections/[0-9a-f-]{36}/$")
    pages["step"] = _link(page, url, r"^/steps/[0-9a-f-]{36}/$")
    pages["draft"] = _link(page, url, r"^/drafts/steps/[0-9a-f-]{36}/")
    pages["feedback"] = _link(page, pages["lessons"], r"^/feedback/[0-9a-f-]{36}/$")
    pages["mail-job"] = import_small_mailbox(page, server, tmp_path, TODAY)
    pages["mail-message"] = _link(page, pages["mail-review"], r"^/mail/messages/[0-9a-f-]{36}/")
    return pages


def _with_errors(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """Send a form empty (or nonsensical), so it comes back with its messages."""
    page.goto(url)
    for field in page.locator("main form.form [required]").all():
        if field.evaluate("el => el.type") not in ("checkbox", "radio", "file", "select-one"):
            field.fill("")
    with page.expect_navigation():  # the form posts back to its own address; wait for the page it sends back
        page.locator("main form.form button[type=submit]").first.click()


ERROR_FORMS = ("add", "edit", "contact-add", "reject-quick", "feedback-add")


def test_every_page_fits_a_phone_and_looks_right_on_a_desktop(open_page, onward_server: LiveServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    phone = open_page(PHONE)
    problems: list[str] = []
    # An empty account first: the welcome and the empty states.
    empty = {
        "welcome": "",
        "board-empty": "applications/board/",
        "list-empty": "applications/",
        "contacts-empty": "contacts/",
        "lessons-empty": "lessons/",
        "insights-empty": "insights/",
    }
    desktop = open_page(DESKTOP)
    for name, path in empty.items():
        for page, size in ((phone, "375"), (desktop, "1280")):
            page.goto(onward_server.url + path)
            _shoot(page, f"{name}-{size}")
            problems += _check(page, f"{name} at {size}")

    made = onward_server.cli("demo")
    assert made.returncode == 0, made.stderr
    pages = _named_pages(desktop, onward_server, tmp_path)
    dark = open_page(PHONE, dark=True)
    for name, url in pages.items():
        for page, size in ((phone, "375"), (desktop, "1280"), (dark, "375-dark")):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            _shoot(page, f"{name}-{size}")
            problems += _check(page, f"{name} at {size}")
    for name in ERROR_FORMS:
        for page, size in ((phone, "375"), (desktop, "1280")):
            _with_errors(page, pages[name])
            if not page.locator(".field__error, .form__errors").count():
                problems.append(f"{name} at {size} showed no error")
            _shoot(page, f"{name}-errors-{size}")
            problems += _check(page, f"{name} with errors at {size}")

    # A flash message, as it looks after saving.
    for page, size in ((phone, "375"), (desktop, "1280"), (dark, "375-dark")):
        page.goto(pages["settings"])
        page.get_by_role("button", name="Save", exact=True).click()
        page.locator(".messages").wait_for()
        _shoot(page, f"settings-saved-{size}")
        problems += _check(page, f"settings, saved, at {size}")

    # And everything else one can click through to, at phone width.
    origin = urlsplit(onward_server.url).netloc
    queue, seen = [onward_server.url], set(pages.values())
    crawled = 0
    while queue and crawled < MAX_PAGES:
        url = queue.pop(0)
        phone.goto(url)
        crawled += 1
        problems += _check(phone, url.removeprefix(onward_server.url.rstrip("/")))
        for href in phone.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urljoin(url, href).split("#", 1)[0]
            if urlsplit(target).netloc == origin and not any(s in target for s in SKIP) and target not in seen:
                seen.add(target)
                queue.append(target)
    assert crawled >= 20, f"only {crawled} further pages were reachable"
    assert problems == [], "\n".join(problems)


def _columns(page) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """() => [...document.querySelectorAll('#board .column')].map((column) => ({
            title: column.querySelector('.column__title').firstChild.textContent.trim(),
            box: column.querySelector('.column__title').getBoundingClientRect().toJSON(),
            cards: [...column.querySelectorAll('.board-card')].map((c) => c.getBoundingClientRect().toJSON()),
        }))"""
    )


def test_the_board_is_a_stage_by_stage_list_on_a_phone(open_page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("demo").returncode == 0
    desktop = open_page(DESKTOP)
    desktop.goto(onward_server.url + "applications/board/")
    wide = _columns(desktop)
    # The desktop board stays a row of columns, side by side.
    assert len({round(c["box"]["top"]) for c in wide}) == 1
    assert [c["box"]["left"] for c in wide] == sorted(c["box"]["left"] for c in wide)

    phone = open_page(PHONE)
    phone.goto(onward_server.url + "applications/board/")
    narrow = _columns(phone)
    assert [c["title"] for c in narrow] == [c["title"] for c in wide]
    assert sum(len(c["cards"]) for c in narrow) >= 10
    bottom = 0.0
    for column in narrow:
        # Each stage under the one before, its cards stacked below its heading, full width.
        assert column["box"]["top"] >= bottom, column["title"]
        bottom = column["box"]["bottom"]
        for card in column["cards"]:
            assert card["top"] >= bottom - 1, column["title"]
            assert card["left"] >= 0
            assert card["right"] <= 375
            assert card["width"] > 280
            bottom = card["bottom"]
    sideways = phone.evaluate(
        """() => [document.querySelector('#board'), ...document.querySelectorAll('#board *')]
            .filter((el) => el.scrollWidth > el.clientWidth + 1
                && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
            .map((el) => el.className)"""
    )
    assert sideways == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # Moving a card still works from the list.
    card = phone.locator(".board-card").first
    company = card.locator(".board-card__title").inner_text()
    card.locator("select").select_option("applied")
    card.get_by_role("button", name="Move").click()
    phone.locator("#col-applied").locator("xpath=..").get_by_role("link", name=company).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("which", ["prep", "draft"])
def test_prep_sheet_and_draft_print_cleanly(open_page, onward_server: LiveServer, which: str) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("demo").returncode == 0
    page = open_page(DESKTOP, dark=True)  # paper is light whatever the screen's theme
    listed = json.loads(onward_server.cli("list", "--json").stdout)
    if which == "prep":
        interviewing = next(a for a in listed if a["stage"] in ("interviewing", "final_round"))
        page.goto(f"{onward_server.url}applications/{interviewing['id']}/prep/")
    else:
        page.goto(_link(page, onward_server.url, r"^/drafts/steps/[0-9a-f-]{36}/"))
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", "main button", "main .button", ".breadcrumbs"):
        visible = [el for el in page.locator(chrome).all() if el.is_visible()]
        assert visible == [], f"{chrome} shows on paper"
    assert page.locator("h1").is_visible()
    ink = page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
    assert ink == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    if which == "draft":
        # What is printed is the message itself, all of it, not a scrolling box.
        body = page.locator("#id_body")
        assert body.is_visible()
        assert page.evaluate("document.querySelector('#id_body').scrollHeight") <= body.bounding_box()["height"] + 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(SHOTS / f"{which}-print.pdf"), format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
