"""Throughput under load: gunicorn with 2 workers on PostgreSQL, 16 connections on loopback.

    python -m bench.load                          # heavy seeker + 200 others, 10 s a target
    python -m bench.load --users 0 --seconds 5    # a quick look

A throwaway PostgreSQL cluster gets the heavy search of ``bench/heavy.py`` for
one seeker and, as on a career centre's server, ``--users`` other seekers with
300 applications each. ``gunicorn onward.wsgi`` then serves it in server mode
with 2 sync workers on a loopback port, and ``wrk`` (or ``hey``; both are
Debian packages) keeps 16 connections busy on each target in turn:

- the floor: ``/healthz`` (one ``SELECT 1``; the same app, middleware and worker);
- Today for the heavy seeker (signed in with a session cookie);
- the API's application list for the heavy seeker (a bearer token).

The floor is measured before and after the others and averaged, so a slow
moment on the shared machine counts against both. The target (issue 10):
Today ≥ 0.25× the floor's requests per second. The load tool runs on the same
2 cores as the server, which costs every target alike.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.heavy import child_env, postgres
from tests.pgcluster import free_port

TARGET_RATIO = 0.25
SEEKER = "seeker@example.org"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="how long each target is loaded")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--users", type=int, default=200, help="other seekers with 300 applications each")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the heavy search (1.0: 5,000 applications)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        print(json.dumps(prepare(args.scale, args.seed, args.users)))
        return 0
    tool = shutil.which("wrk") or shutil.which("hey")
    if tool is None:
        print("bench.load needs wrk or hey on the PATH (Debian: apt-get install wrk).")
        return 2
    with postgres() as url, tempfile.TemporaryDirectory(prefix="onward-bench-") as folder:
        if url is None:
            print("bench.load needs PostgreSQL's server binaries (pg_ctl, initdb): apt-get install postgresql.")
            return 2
        env = child_env(Path(folder), url, mode="server")
        env.update(
            ONWARD_SECRET_KEY=secrets.token_urlsafe(50),
            ONWARD_ALLOWED_HOSTS="127.0.0.1",
            ONWARD_EMAIL_URL="console:",
        )
        command = [sys.executable, "-m", "bench.load", "--prepare", "--scale", str(args.scale)]
        command += ["--seed", str(args.seed), "--users", str(args.users)]
        made = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
        credentials = json.loads(made.stdout.strip().splitlines()[-1])
        return serve_and_load(env, credentials, tool, args)


def prepare(scale: float, seed: int, users: int) -> dict[str, str]:
    """In a child process: migrate, make the searches, and sign the heavy seeker in."""
    from bench.heavy import heavy_user, setup

    setup()
    from django.conf import settings
    from django.test import Client

    from onward.api.actions import create_token
    from onward.clock import today
    from onward.tracker.heavy import create_heavy_users

    user = heavy_user(scale, seed, email=SEEKER)
    if users:
        started = time.perf_counter()
        create_heavy_users(users, 300, today=today(), seed=seed + 1)
        took = time.perf_counter() - started
        print(f"  made {users} other seekers with 300 applications each in {took:.1f} s", file=sys.stderr)
    client = Client()
    client.force_login(user)
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
        "token": create_token(user, "bench.load").secret,
    }


def serve_and_load(env: dict[str, str], credentials: dict[str, str], tool: str, args: argparse.Namespace) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "onward.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(f"{base}/healthz", server)
        first_visit = {"Cookie": credentials["cookie"]}
        browser = {"Cookie": f"{credentials['cookie']}; {_csrf_cookie(f'{base}/', first_visit)}"}
        bearer = {"Authorization": f"Bearer {credentials['token']}"}
        targets = [
            ("floor: /healthz", f"{base}/healthz", {}),
            ("Today (signed in)", f"{base}/", browser),
            ("Today, built every time", f"{base}/", first_visit),
            ("API applications list", f"{base}/api/v1/applications", bearer),
            ("floor: /healthz, again", f"{base}/healthz", {}),
        ]
        results = {name: load(tool, url, headers, args) for name, url, headers in targets}
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = (results["floor: /healthz"]["rps"] + results["floor: /healthz, again"]["rps"]) / 2
    print(f"\ngunicorn, 2 workers, PostgreSQL; {os.path.basename(tool)} with {args.connections} connections, ", end="")
    print(f"{args.seconds} s each; heavy seeker at scale {args.scale} + {args.users} other seekers")
    print(f"{'target':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'× floor':>8}  target")
    status = 0
    for name, figures in results.items():
        ratio = figures["rps"] / floor
        verdict = "—"
        if name == "Today (signed in)":
            verdict = "met (≥ 0.25×)" if ratio >= TARGET_RATIO else "MISSED (≥ 0.25×)"
            status = 0 if ratio >= TARGET_RATIO else 1
        row = f"{name:<26} {figures['rps']:>8.0f} {figures['p50']:>8.1f} {figures['p99']:>8.1f} {ratio:>7.2f}×"
        print(f"{row}  {verdict}")
    return status


def _csrf_cookie(url: str, headers: dict[str, str]) -> str:
    """The CSRF cookie a browser gets on its first visit (``name=value``), as it then sends with every request.

    Today is kept between visits per browser (see onward.core.pagecache): a browser that has been
    here before sends this cookie. Without it (the "built every time" row) every request builds the page.
    """
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a loopback URL we made
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        for value in answer.headers.get_all("Set-Cookie") or []:
            if value.startswith("csrftoken="):
                return value.split(";", 1)[0]
    raise SystemExit(f"{url} set no CSRF cookie on a first visit")


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit {server.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - a loopback URL we made
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def load(tool: str, url: str, headers: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    """Keep the connections busy on one URL; requests per second and latency percentiles."""
    if os.path.basename(tool) == "wrk":
        command = [tool, "-t", "2", "-c", str(args.connections), "-d", f"{args.seconds}s", "--latency"]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
        if "Non-2xx or 3xx responses" in out:
            raise SystemExit(f"{url} answered with errors under load:\n{out}")
        return {"rps": _number(r"Requests/sec:\s+([\d.]+)", out), "p50": _ms(out, "50%"), "p99": _ms(out, "99%")}
    command = [tool, "-z", f"{args.seconds}s", "-c", str(args.connections)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if not re.search(r"\[200\]\s+\d+ responses", out) or re.search(r"\[[345]\d\d\]", out):
        raise SystemExit(f"{url} answered with errors under load:\n{out}")
    return {
        "rps": _number(r"Requests/sec:\s+([\d.]+)", out),
        "p50": _number(r"50%+ in ([\d.]+) secs", out) * 1000,
        "p99": _number(r"99%+ in ([\d.]+) secs", out) * 1000,
    }


def _number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    if not found:
        raise SystemExit(f"could not read {pattern!r} from the load tool's output:\n{text}")
    return float(found.group(1))


def _ms(out: str, percentile: str) -> float:
    """wrk's latency distribution line, e.g. '99%   12.34ms' (also us and s)."""
    found = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\b", out)
    if not found:
        raise SystemExit(f"could not read the {percentile} latency from wrk's output:\n{out}")
    value, unit = float(found.group(1)), found.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
