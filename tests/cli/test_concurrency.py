"""Several processes on one SQLite database at once, and processes killed in the middle of an import.

Real subprocesses on a real SQLite file in a temp data folder (no pytest-django database): the CLI, small
``python -c`` programs calling the apps' actions, ``onward serve`` and ``onward worker``. The database is read
back with the standard library's ``sqlite3``, read-only. Timeouts here are safety limits that fail saying what
was stuck, never assertions about speed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest

from onward.config import ConfigError, ensure_data_dir, local_secret_key
from tests import mailmaker as mk
from tests.cli.helpers import run_onward
from tests.pgcluster import free_port

TODAY = "2026-11-20"
SAFETY = 120  # seconds before a stuck process is killed and the test fails saying which one
LINK = re.compile(r"(http://\S+/login/\S+/)")


# --- processes -----------------------------------------------------------------------


class Proc(subprocess.Popen[bytes]):
    """A process whose output goes to files named after it (no pipe can fill up and stall it)."""

    def __init__(self, name: str, logs: Path, args: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.logs = logs
        with (logs / f"{name}.out").open("wb") as out, (logs / f"{name}.err").open("wb") as err:
            super().__init__(args, env=env, stdout=out, stderr=err)

    def output(self) -> tuple[str, str]:
        """What it has written so far: stdout, stderr."""
        out, err = (self.logs / f"{self.name}.out", self.logs / f"{self.name}.err")
        return out.read_text(encoding="utf-8", errors="replace"), err.read_text(encoding="utf-8", errors="replace")

    def finish(self) -> tuple[int, str, str]:
        """Wait for it (within the safety limit); its exit status, stdout and stderr."""
        try:
            status = self.wait(timeout=SAFETY)
        except subprocess.TimeoutExpired:
            self.kill()
            self.wait(timeout=SAFETY)
            pytest.fail(f"{self.name} still ran after {SAFETY} s (a safety limit) and was killed:\n{self.output()[1]}")
        return (status, *self.output())

    def succeeds(self) -> str:
        """It exits 0 without a traceback or a locked database; its stdout."""
        status, out, err = self.finish()
        assert "database is locked" not in err, f"{self.name}:\n{err[-3000:]}"
        assert status == 0, f"{self.name} exited {status}:\n{err[-3000:]}"
        assert "Traceback" not in err, f"{self.name}:\n{err[-3000:]}"
        return out


Spawn = Callable[..., Proc]


def _env(data: Path) -> dict[str, str]:
    env = {**os.environ, "ONWARD_DATA_DIR": str(data), "ONWARD_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
    for name in ("ONWARD_DATABASE_URL", "ONWARD_MODE", "ONWARD_USER"):
        env.pop(name, None)
    return env


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """``spawn(data, name, *python_args)``; any process still running at the end is killed by its PID."""
    started: list[Proc] = []
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(data: Path, name: str, *args: str) -> Proc:
        proc = Proc(name, logs, [sys.executable, *args], _env(data))
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=SAFETY)


def _wait_for(what: str, ready: Callable[[], bool], *watched: Proc) -> None:
    """Poll until ``ready``; fail if one of ``watched`` ends first, or after the safety limit."""
    deadline = time.monotonic() + SAFETY
    while not ready():
        for proc in watched:
            if proc.poll() is not None:
                out, err = proc.output()
                pytest.fail(
                    f"{proc.name} ended (status {proc.returncode}) before {what}:\n{out[-2000:]}\n{err[-3000:]}"
                )
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not seen within {SAFETY} s (a safety limit)")
        time.sleep(0.01)


def _serve(spawn: Spawn, data: Path, name: str, *options: str) -> tuple[Proc, str, str]:
    """``onward serve`` on a free loopback port; the process, its base URL and its one-time sign-in link."""
    port = free_port()
    server = spawn(data, name, "-m", "onward", "serve", "--port", str(port), "--no-open", *options)
    _wait_for(f"{name} printing its sign-in link", lambda: bool(LINK.search(server.output()[0])), server)
    link = LINK.search(server.output()[0])
    assert link is not None
    return server, f"http://127.0.0.1:{port}/", link.group(1)


def _stop(server: Proc) -> None:
    os.kill(server.pid, signal.SIGTERM)  # `onward serve` stops cleanly on SIGTERM
    status, _, err = server.finish()
    assert status == 0, err[-3000:]
    assert "database is locked" not in err
    assert "Traceback" not in err, err[-3000:]


# --- reading the database back -------------------------------------------------------


def _rows(data: Path, sql: str, *params: object) -> list[Any]:
    con = sqlite3.connect(f"file:{data / 'onward.sqlite3'}?mode=ro", uri=True, timeout=SAFETY)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _count(data: Path, sql: str, *params: object) -> int:
    return int(_rows(data, sql, *params)[0][0])


def _hex(public_id: str) -> str:
    return uuid.UUID(public_id).hex  # Django keeps UUIDs as 32 hex digits in SQLite


def _assert_consistent(data: Path, *, all_from_mail: bool) -> Counter[str]:
    """The file is sound; every filed message has exactly the changes it records (a rejection with its whole
    plan, its note, its stage moves); every other message changed nothing; every application stands where its
    history says. ``all_from_mail``: every rejection and note there came from exactly one filed message.

    Returns how many imported messages there are of each status.
    """
    assert _rows(data, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(data, "PRAGMA foreign_key_check") == []
    rejections = {u: (i, a) for i, u, a in _rows(data, "SELECT id, uuid, application_id FROM plans_rejection")}
    notes = dict(_rows(data, "SELECT uuid, application_id FROM tracker_note"))
    events = dict(_rows(data, "SELECT id, application_id FROM tracker_stageevent"))
    steps: dict[int, set[int]] = {}
    for step, rejection in _rows(data, "SELECT id, rejection_id FROM plans_planstep"):
        steps.setdefault(rejection, set()).add(step)
    claimed_rejections: Counter[str] = Counter()
    claimed_notes: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    mail = _rows(data, "SELECT id, label, status, application_id, changes, decided_at FROM mailimport_importedmail")
    for row, label, status, app, raw, decided_at in mail:
        statuses[status] += 1
        changes = json.loads(raw)
        if status != "applied":  # queued or left alone: it changed nothing
            assert (app, changes) == (None, {}), f"message {row} ({status}) records changes: {changes}"
            continue
        assert app is not None, f"filed message {row} has no application"
        assert decided_at is not None, f"filed message {row} has no decision time"
        assert changes.get("done"), f"filed message {row} does not say what it did: {changes}"
        if label == "rejection" and changes.get("rejection"):
            rejection = rejections.get(_hex(changes["rejection"]))
            assert rejection is not None, f"message {row} records a rejection that is not there"
            assert rejection[1] == app, f"message {row}: its rejection is on another application"
            assert steps.get(rejection[0]) == set(changes["steps"]), f"message {row}: its plan is not whole"
            claimed_rejections[_hex(changes["rejection"])] += 1
        if changes.get("note"):
            assert notes.get(_hex(changes["note"])) == app, f"message {row} records a note that is not there"
            claimed_notes[_hex(changes["note"])] += 1
        for event in changes.get("events", []):
            assert events.get(event) == app, f"message {row} records a stage move that is not there"
    if all_from_mail:
        assert claimed_rejections == Counter(set(rejections)), "a rejection without its message, or filed twice"
        assert claimed_notes == Counter(set(notes)), "a note without its message, or filed twice"
    assert all(steps.get(i) for i, _ in rejections.values()), "a rejection without plan steps"
    latest = dict(
        _rows(
            data,
            "SELECT application_id, stage FROM tracker_stageevent "
            "WHERE id IN (SELECT max(id) FROM tracker_stageevent GROUP BY application_id)",
        )
    )
    rejected = {a for _, a in rejections.values()}
    for app, stage in _rows(data, "SELECT id, stage FROM tracker_application"):
        assert latest.get(app) == stage, f"application {app} is at {stage}, its history says {latest.get(app)}"
        assert (stage == "rejected") == (app in rejected), f"application {app} is at {stage}"
    assert _count(data, "SELECT count(*) - count(DISTINCT fingerprint) FROM mailimport_importedmail") == 0
    return statuses


# --- a big mailbox about tracked applications ----------------------------------------

FIRST = ("Alder", "Birch", "Cedar", "Oak", "Maple", "Rowan", "Willow", "Hazel", "Aspen", "Elm", "Spruce", "Larch")
SECOND = ("Analytics", "Robotics", "Health", "Energy", "Freight", "Foods", "Media", "Capital", "Biotech", "Networks")
ROLES = ("Data Engineer", "Product Designer", "Backend Developer")
APPS = [(f"{a} {b}", ROLES[n % len(ROLES)]) for n, (a, b) in enumerate((a, b) for a in FIRST for b in SECOND)]
NOISE = 2500  # job alerts and personal mail between the messages that get filed
KILL_AFTER = 40  # messages filed before the import is killed


def _rejected(n: int) -> bool:
    return n % 3 != 2


def _invited(n: int) -> bool:
    return n % 2 == 0


FILED = Counter(
    confirmation=len(APPS),
    interview=sum(_invited(n) for n in range(len(APPS))),
    rejection=sum(_rejected(n) for n in range(len(APPS))),
)
STAGES = Counter(  # where the applications stand once all their mail is filed
    rejected=FILED["rejection"],
    interviewing=sum(_invited(n) and not _rejected(n) for n in range(len(APPS))),
    applied=sum(not _invited(n) and not _rejected(n) for n in range(len(APPS))),
)


@dataclass(frozen=True)
class Mailbox:
    sheet: Path  # the applications, as a spreadsheet for `onward import csv`
    box: Path
    messages: int


# Other mail, made once by mailmaker and copied with a number of its own (a new Message-ID each time).
DINNER = mk.message(
    subject="Dinner on Saturday? (NUMBER)",
    body="Hey Sam,\n\nAre you free on Saturday? We could try the new place near the station.\n\nMaya\n",
    sender="Maya Rivera <maya.rivera@example.net>",
    when=mk.at("2026-10-03"),
    message_id="dinner-NUMBER@example.net",
)
ALERT = mk.message(
    subject="NUMBER new jobs matching your search: Data Engineer",
    body="New jobs for you this week\n\nData Engineer - Berlin\nApply now: https://jobs.example.org/view/1\n\n"
    "Unsubscribe from these job alerts at any time.\n",
    sender="JobBoard Alerts <alerts@jobboard.example.org>",
    when=mk.at("2026-10-02"),
    message_id="alert-NUMBER@jobboard.example.org",
    headers={"List-Unsubscribe": "<https://jobboard.example.org/unsubscribe>", "Precedence": "bulk"},
)


def _noise(k: int) -> bytes:
    return (DINNER if k % 2 else ALERT).replace(b"NUMBER", str(k).encode())


@pytest.fixture(scope="module")
def mailbox(tmp_path_factory: pytest.TempPathFactory) -> Mailbox:
    """Each application is confirmed, half are invited to an interview and two in three end in a rejection;
    that news is spread evenly through thousands of other messages."""
    folder = tmp_path_factory.mktemp("mailbox")
    sheet = folder / "applications.csv"
    rows = "".join(f"{company},{role},2026-09-01\n" for company, role in APPS)
    sheet.write_text("company,role,applied on\n" + rows, encoding="utf-8")
    news: list[bytes] = []
    for n, (company, role) in enumerate(APPS):
        news.append(mk.confirmation(company, role, "2026-09-02"))
        if _invited(n):
            news.append(mk.interview(company, role, "2026-10-01"))
        if _rejected(n):
            news.append(mk.rejection(company, role, "2026-11-10"))
    noise = [_noise(k) for k in range(NOISE)]
    per = NOISE // len(news)
    messages: list[bytes] = []
    for n, one in enumerate(news):
        messages += [one, *noise[n * per : (n + 1) * per]]
    messages += noise[len(news) * per :]
    box = folder / "big.mbox"
    box.write_bytes(mk.mbox(*messages))
    return Mailbox(sheet, box, len(messages))


def _track_applications(data: Path, mailbox: Mailbox) -> None:
    added = run_onward(data, "import", "csv", str(mailbox.sheet), "--json", ONWARD_TODAY=TODAY)
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["imported"] == len(APPS)


def _assert_imported_once(data: Path, mailbox: Mailbox) -> None:
    """What one uninterrupted import leaves: every message once, all the news filed once, nothing queued."""
    assert _count(data, "SELECT count(*) FROM mailimport_importedmail") == mailbox.messages
    filed = _rows(data, "SELECT label, count(*) FROM mailimport_importedmail WHERE status = 'applied' GROUP BY label")
    assert Counter(dict(filed)) == FILED
    left = mailbox.messages - FILED.total()
    assert _count(data, "SELECT count(*) FROM mailimport_importedmail WHERE status = 'left'") == left
    # One rejection (with its plan) per application turned down; the others stand where their mail left them.
    names = {company for company, _ in APPS}
    rows = _rows(
        data,
        "SELECT c.name, a.stage, r.id FROM tracker_application a JOIN tracker_company c ON c.id = a.company_id "
        "LEFT JOIN plans_rejection r ON r.application_id = a.id",
    )
    mine = [(stage, rejection) for name, stage, rejection in rows if name in names]
    assert len(mine) == len(APPS)
    assert Counter(stage for stage, _ in mine) == STAGES
    assert sum(rejection is not None for _, rejection in mine) == STAGES["rejected"]
    assert _count(data, "SELECT count(*) FROM tracker_note") == FILED["confirmation"] + FILED["interview"]


def _filed_so_far(data: Path, job: int | None = None) -> int:
    if not (data / "onward.sqlite3").exists():
        return 0
    filed = "SELECT count(*) FROM mailimport_importedmail WHERE status = 'applied'"
    return _count(data, filed) if job is None else _count(data, filed + " AND job_id = ?", job)


def _kill_when(proc: Proc, what: str, ready: Callable[[], bool]) -> None:
    """SIGKILL the process, by its PID, as soon as ``ready``; fail if it ended before."""
    _wait_for(what, ready, proc)
    os.kill(proc.pid, signal.SIGKILL)
    status, _, err = proc.finish()
    assert status == -signal.SIGKILL, f"{proc.name} ended on its own (status {status}) before the kill:\n{err}"


# --- 0. processes starting together ------------------------------------------------


def test_processes_starting_together_share_the_data_folder_and_one_secret(tmp_path: Path) -> None:
    """Every command, the server and the worker check the data folder and read (or make) the secret key as they
    start; started at the same moment, none may fail, or end up with an empty or a different key."""
    for trial in range(30):
        folder = tmp_path / f"fresh-{trial}"
        together = threading.Barrier(8, timeout=SAFETY)
        keys: list[str] = []
        errors: list[str] = []

        def start_up(
            folder: Path = folder,
            together: threading.Barrier = together,
            keys: list[str] = keys,
            errors: list[str] = errors,
        ) -> None:
            try:
                together.wait()
                for _ in range(10):
                    ensure_data_dir(folder)
                together.wait()  # and all at once again for the key
                keys.append(local_secret_key(folder))
            except (ConfigError, threading.BrokenBarrierError) as exc:
                together.abort()  # the others stop waiting for this one
                errors.append(str(exc) or "stopped: another start failed")

        threads = [threading.Thread(target=start_up) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(SAFETY)
        assert errors == []
        assert len(keys) == 8
        assert len(set(keys)) == 1
        assert len(keys[0]) >= 50
        assert [p.name for p in folder.iterdir()] == ["secret_key"]  # no probe left behind


# --- 1. writers, readers, an import and the web server, all at once ------------------

# Each writer adds applications (every other one at a company all writers share), moves each one, logs a
# rejection (which plans its steps) for every other one, and checks in on days every writer checks in on.
WRITER = r"""
import sys, time
from datetime import date, timedelta
from pathlib import Path

from onward.cli._django import acting_user

user = acting_user()
from onward.momentum import actions as momentum
from onward.plans import actions as plans
from onward.tracker import actions as tracker

name, rounds, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
(go.parent / f"ready-{name}").touch()
while not go.exists():
    time.sleep(0.002)
today = date.fromisoformat(sys.argv[4])
for i in range(rounds):
    company = f"{name} Works" if i % 2 else "Common Ltd"
    app = tracker.add_application(
        user, company=company, role=f"Role {i}", today=today, applied_on=today - timedelta(days=40)
    ).application
    tracker.change_stage(user, app, "screening", today=today, on=today - timedelta(days=20))
    if i % 2 == 0:
        plans.log_rejection(user, app, today=today, via="email")
    momentum.check_in(user, 1 + i % 5, today=today - timedelta(days=1 + i), note=name)
"""

# The same kinds of writes through the real command, one command after another.
CLI_WRITER = r"""
import json, subprocess, sys, time
from pathlib import Path

name, rounds, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])

def onward(*args):
    done = subprocess.run([sys.executable, "-m", "onward", *args], capture_output=True, text=True, timeout=120)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"onward {' '.join(args)} exited {done.returncode}")
    return done.stdout

(go.parent / f"ready-{name}").touch()
while not go.exists():
    time.sleep(0.002)
for i in range(rounds):
    app = json.loads(onward("add", "--company", f"{name} Company", "--role", f"Analyst {i}",
                            "--applied-on", "2026-10-01", "--json"))
    onward("stage", app["id"], "interviewing", "--on", "2026-10-20")
    onward("reject", app["id"], "--via", "email", "--json")
    onward("checkin", "--mood", "3", "--note", name)
"""

# Reads through the real command as the writers start.
CLI_READER = r"""
import json, subprocess, sys, time
from pathlib import Path

name, go = sys.argv[1], Path(sys.argv[2])
(go.parent / f"ready-{name}").touch()
while not go.exists():
    time.sleep(0.002)
for args in (["list", "--json"], ["today", "--json"]):
    done = subprocess.run([sys.executable, "-m", "onward", *args], capture_output=True, text=True, timeout=120)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"onward {' '.join(args)} exited {done.returncode}")
    json.loads(done.stdout)
"""

WRITERS = 6
ROUNDS = 12
CLI_WRITERS = 1
CLI_ROUNDS = 1
PAGES = ("", "applications/", "applications/board/", "insights/", "checkins/", "mail/review/")


def _browse(base: str, link: str, go: Path, stop: Path, seen: list[int], errors: list[str]) -> None:
    """Sign in with the link, then fetch pages while the others write (at least two rounds)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    try:
        with opener.open(link, timeout=SAFETY) as response:
            seen.append(response.status)
        while not go.exists():
            time.sleep(0.002)
        rounds = 0
        while rounds < 2 or not stop.exists():
            for page in PAGES:
                with opener.open(base + page, timeout=SAFETY) as response:
                    response.read()
                    # still signed in: the page itself, not the sign-in page it would send a stranger to
                    seen.append(response.status if response.geturl() == base + page else -1)
            rounds += 1
            time.sleep(1)  # a person clicking around, not a load test
    except (OSError, urllib.error.URLError) as exc:
        errors.append(str(exc))


def test_first_commands_started_together_on_a_fresh_folder_all_work(tmp_path: Path, spawn: Spawn) -> None:
    """A fresh data folder has no tables yet: every command would migrate. One does; the others wait for it."""
    data = tmp_path / "fresh"
    ensure_data_dir(data)
    local_secret_key(data)
    commands = [spawn(data, f"list-{n}", "-m", "onward", "list", "--json") for n in range(5)]
    for command in commands:
        assert json.loads(command.succeeds()) == []


def test_many_processes_write_at_once_without_locking_errors(tmp_path: Path, spawn: Spawn, mailbox: Mailbox) -> None:
    data = tmp_path / "data"
    _track_applications(data, mailbox)  # a first command made the database
    go, stop = tmp_path / "go", tmp_path / "stop"
    server, base, link = _serve(spawn, data, "serve", "--no-worker")
    writers = [spawn(data, f"w{n}", "-c", WRITER, f"w{n}", str(ROUNDS), str(go), TODAY) for n in range(WRITERS)]
    writers += [spawn(data, f"c{n}", "-c", CLI_WRITER, f"c{n}", str(CLI_ROUNDS), str(go)) for n in range(CLI_WRITERS)]
    reader = spawn(data, "reader", "-c", CLI_READER, "reader", str(go))
    statuses: list[int] = []
    errors: list[str] = []
    browser = threading.Thread(target=_browse, args=(base, link, go, stop, statuses, errors), daemon=True)
    browser.start()
    ready = [tmp_path / f"ready-{p.name}" for p in [*writers, reader]]
    _wait_for("every process ready", lambda: all(r.exists() for r in ready), *writers, reader)
    go.touch()  # the barrier: they all start writing and reading at once, and a big import starts beside them
    importing = spawn(data, "import", "-m", "onward", "import", str(mailbox.box), "--yes", "--json")

    for proc in [*writers, importing, reader]:
        proc.succeeds()
    stop.touch()
    browser.join(SAFETY)
    assert not browser.is_alive(), "the page fetches did not end"
    assert errors == []
    assert set(statuses) == {200}
    assert len(statuses) >= 1 + 2 * len(PAGES)
    _stop(server)

    # Exactly what was written, each thing once.
    mine, theirs = ROUNDS * WRITERS, CLI_ROUNDS * CLI_WRITERS
    assert _count(data, "SELECT count(*) FROM tracker_application") == len(APPS) + mine + theirs
    assert _count(data, "SELECT count(*) FROM tracker_company WHERE name = 'Common Ltd'") == 1
    assert _count(data, "SELECT count(*) FROM tracker_company") == len(APPS) + 1 + WRITERS + CLI_WRITERS
    turned_down = WRITERS * len(range(0, ROUNDS, 2)) + theirs
    assert _count(data, "SELECT count(*) FROM plans_rejection") == STAGES["rejected"] + turned_down
    # added and moved (and rejected) for each writer's application; added, interviewing, rejected for the CLI's
    events = WRITERS * (2 * ROUNDS + len(range(0, ROUNDS, 2))) + 3 * theirs
    from_mail = len(APPS) + STAGES["rejected"] + sum(_invited(n) for n in range(len(APPS)))
    assert _count(data, "SELECT count(*) FROM tracker_stageevent") == events + from_mail
    # One check-in a day however many processes check in on it: the ROUNDS days writers share, and today.
    assert _count(data, "SELECT count(*) FROM momentum_checkin") == ROUNDS + 1
    assert _count(data, "SELECT count(*) FROM auth_user") == 1
    report = json.loads(importing.succeeds())
    assert report["messages"] == mailbox.messages
    assert len(report["applied"]) == FILED.total()
    assert report["review"] == []
    _assert_imported_once(data, mailbox)
    _assert_consistent(data, all_from_mail=False)


# --- 2. an import killed in the middle, then run again -------------------------------


def test_an_import_killed_midway_leaves_the_database_whole_and_runs_again(
    tmp_path: Path, spawn: Spawn, mailbox: Mailbox
) -> None:
    data = tmp_path / "data"
    _track_applications(data, mailbox)

    importing = spawn(data, "import", "-m", "onward", "import", str(mailbox.box), "--yes", "--json")
    _kill_when(importing, "messages being filed", lambda: _filed_so_far(data) >= KILL_AFTER)

    statuses = _assert_consistent(data, all_from_mail=True)
    recorded = statuses.total()
    assert 0 < recorded < mailbox.messages, "the kill did not land in the middle of the import"
    assert statuses["applied"] < FILED.total()

    again = run_onward(data, "import", str(mailbox.box), "--yes", "--json", ONWARD_TODAY=TODAY)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["messages"] == mailbox.messages
    assert report["skipped_duplicates"] == recorded
    assert len(report["applied"]) == FILED.total() - statuses["applied"]
    assert report["review"] == []
    assert report["skipped_count"] == 0
    _assert_consistent(data, all_from_mail=True)
    _assert_imported_once(data, mailbox)


# --- 3. the background worker killed in the middle of a job --------------------------

QUEUE_JOB = r"""
import sys
from pathlib import Path

from onward.cli._django import acting_user

user = acting_user()
from onward.mailimport.actions import new_job

box = Path(sys.argv[1])
print(new_job(user, files=[(box.name, iter([box.read_bytes()]))]).pk)
"""


def _queue_import(spawn: Spawn, data: Path, mailbox: Mailbox, name: str) -> int:
    """Queue an upload of the mailbox, as the import page does."""
    return int(spawn(data, name, "-c", QUEUE_JOB, str(mailbox.box)).succeeds())


def _job(data: Path, job: int) -> dict[str, Any]:
    names = [row[1] for row in _rows(data, "PRAGMA table_info(mailimport_importjob)")]
    return dict(zip(names, _rows(data, "SELECT * FROM mailimport_importjob WHERE id = ?", job)[0], strict=True))


def test_a_worker_killed_midway_leaves_a_stopped_job_and_the_next_import_finishes(
    tmp_path: Path, spawn: Spawn, mailbox: Mailbox
) -> None:
    data = tmp_path / "data"
    _track_applications(data, mailbox)
    first = _queue_import(spawn, data, mailbox, "queue-first")
    upload = Path(_job(data, first)["folder"])
    assert upload.is_dir()

    worker = spawn(data, "worker", "-m", "onward", "worker", "--interval", "0.1")
    _kill_when(worker, "the worker filing messages", lambda: _filed_so_far(data, first) >= KILL_AFTER)

    statuses = _assert_consistent(data, all_from_mail=True)
    recorded = statuses.total()
    assert 0 < recorded < mailbox.messages, "the kill did not land in the middle of the job"
    killed = _job(data, first)
    assert killed["status"] == "running"
    assert 0 < killed["messages"] < mailbox.messages  # its progress was saved as it went

    # The next start (in local mode `onward serve`, which runs the queue too) marks the job stopped and
    # deletes its upload; importing the same mailbox again then files the rest, and nothing twice.
    server, _, _ = _serve(spawn, data, "serve")
    stopped = _job(data, first)
    assert stopped["status"] == "failed"
    assert "Import the file again" in stopped["error"]
    assert stopped["finished_at"] is not None
    assert not upload.exists()

    second = _queue_import(spawn, data, mailbox, "queue-second")
    _wait_for("the second import finishing", lambda: _job(data, second)["status"] in ("done", "failed"), server)
    done = _job(data, second)
    assert done["status"] == "done", done["error"]
    assert done["messages"] == mailbox.messages
    assert done["skipped_duplicates"] == recorded
    assert done["applied"] == FILED.total() - statuses["applied"]
    assert done["review"] == 0
    assert not Path(done["folder"]).exists()
    _stop(server)
    _assert_consistent(data, all_from_mail=True)
    _assert_imported_once(data, mailbox)
