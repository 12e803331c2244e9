"""Regenerate the README's screenshots from the demo: ``make screenshots``.

Starts ``onward serve`` on a fresh demo data folder (today pinned, so the
pictures are stable), signs in through the printed link, and saves each page at
desktop (1280 px) and phone (375 px) widths into docs/screenshots/: among them
the README's Today, a rejection's plan, a thank-you draft and Insights.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import chromium_path
from tests.pgcluster import free_port

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
TODAY = "2026-11-20"
PAGES = {
    "today": "",
    "board": "applications/board/",
    "applications": "applications/",
    "rejection": "rejections/new/",
    "settings": "settings/",
    "lessons": "lessons/",
    "insights": "insights/",
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="onward-shots-") as data_dir:
        env = {**os.environ, "ONWARD_DATA_DIR": data_dir, "ONWARD_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
        env.pop("ONWARD_DATABASE_URL", None)
        subprocess.run([sys.executable, "-m", "onward", "demo"], env=env, check=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "onward", "serve", "--port", str(port), "--no-open"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            link = ""
            assert server.stdout is not None
            for line in server.stdout:
                found = re.search(r"(http://\S+/login/\S+/)", line)
                if found:
                    link = found.group(1)
                    break
            shoot(f"http://127.0.0.1:{port}/", link, env)
            import_mail(Path(data_dir), env)
            shoot_mail(f"http://127.0.0.1:{port}/", env)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


def fresh_link(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "onward", "link", "--no-open"], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def shoot(base: str, link: str, env: dict[str, str]) -> None:
    with sync_playwright() as p:
        executable = chromium_path()
        browser = p.chromium.launch(executable_path=executable) if executable else p.chromium.launch()
        for label, width, height in (("desktop", 1280, 860), ("phone", 375, 740)):
            context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
            page = context.new_page()
            page.goto(link)
            link = fresh_link(env)  # each link works once
            for name, path in PAGES.items():
                page.goto(base + path)
                if name == "insights":  # the charts are drawn by a script: wait for all four
                    page.wait_for_function("window.onwardCharts && Object.keys(window.onwardCharts).length === 4")
                page.screenshot(path=str(OUT / f"{name}-{label}.png"))
            page.goto(base + "applications/?stage=interviewing")
            page.locator(".app-row__main").first.click()
            page.screenshot(path=str(OUT / f"application-{label}.png"), full_page=label == "desktop")
            page.goto(base + "applications/?stage=rejected")
            page.locator(".app-row__main").first.click()
            page.get_by_role("link", name="See the next steps").click()
            page.screenshot(path=str(OUT / f"plan-{label}.png"), full_page=label == "desktop")
            page.goto(base)
            page.get_by_role("link", name="Write the thank-you").first.click()
            page.screenshot(path=str(OUT / f"draft-{label}.png"), full_page=True)
            context.close()
        browser.close()


def import_mail(data_dir: Path, env: dict[str, str]) -> None:
    """A few messages about the demo's search: one filed on its own, two onward asks about."""
    from tests import mailmaker as mk

    box = data_dir / "job-search.mbox"
    box.write_bytes(
        mk.mbox(
            mk.interview("Quarry Labs", "Analytics engineer", "2026-11-19"),
            mk.rejection("Granite Cloud", "Senior data analyst", "2026-11-18"),
            mk.rejection("Hooli", "Data platform analyst", "2026-11-19"),
            mk.job_alert("2026-11-18"),
            mk.personal("2026-11-17"),
        )
    )
    subprocess.run([sys.executable, "-m", "onward", "import", str(box), "--yes"], env=env, check=True)


def shoot_mail(base: str, env: dict[str, str]) -> None:
    with sync_playwright() as p:
        executable = chromium_path()
        browser = p.chromium.launch(executable_path=executable) if executable else p.chromium.launch()
        for label, width, height in (("desktop", 1280, 860), ("phone", 375, 740)):
            context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
            page = context.new_page()
            page.goto(fresh_link(env))
            page.goto(base + "mail/review/")
            page.screenshot(path=str(OUT / f"mail-review-{label}.png"), full_page=label == "desktop")
            page.goto(base + "mail/")
            page.screenshot(path=str(OUT / f"mail-import-{label}.png"))
            context.close()
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
