"""Every setting onward reads from the environment, declared once.

Each setting has a name, a default and a help line; ``docs/configuration.md``
is generated from :data:`SETTINGS` (``python -m onward.config``) and a test keeps
the two in step. The helpers reject a bad value with a sentence that names the
variable, what was wrong and what would be right::

    >>> env_int({"ONWARD_X": "ten"}, "ONWARD_X", 5)
    Traceback (most recent call last):
    ...
    onward.config.ConfigError: ONWARD_X must be a whole number, not 'ten'.

This module never imports Django: the CLI uses it to fail fast, with one
readable line, before Django is set up.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import platformdirs

MODES = ("local", "server")
SIGNUP_MODES = ("open", "invite", "closed")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class ConfigError(Exception):
    """A setting has a value onward cannot use; the message says how to fix it."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "ONWARD_MODE",
        "local",
        "`local`: one person on their own computer, signed in by a one-time link, "
        "listening on this computer only. `server`: many accounts with passwords, "
        "for a career centre.",
    ),
    Setting(
        "ONWARD_DATA_DIR",
        "the platform's user data folder (for example `~/.local/share/onward`)",
        "Where onward keeps its database, its secret key and your files. Created with owner-only permissions.",
    ),
    Setting(
        "ONWARD_DATABASE_URL",
        "`sqlite:///` + `onward.sqlite3` in the data folder",
        "`sqlite:///relative/or/absolute/path.sqlite3` or "
        "`postgresql://user:password@host:5432/dbname?sslmode=require`. "
        "SQLite runs in WAL mode with a busy timeout.",
    ),
    Setting(
        "ONWARD_SECRET_KEY",
        "local mode: generated once and kept in `secret_key` in the data folder",
        "Signs sessions and links. Required in server mode (50 characters or more); "
        "`ONWARD_SECRET_KEY_FILE` names a file that holds it instead.",
    ),
    Setting(
        "ONWARD_ALLOWED_HOSTS",
        "local mode: `127.0.0.1,localhost,[::1]`; server mode: none",
        "Comma-separated host names this instance answers to. Required in server mode.",
    ),
    Setting(
        "ONWARD_DEBUG",
        "`false`",
        "Django's debug pages, for development only. Server mode refuses to start with it.",
    ),
    Setting(
        "ONWARD_PLAYBOOK",
        "`playbook.toml` in the data folder if it exists, else the shipped playbook",
        "A playbook file of your own (or your career centre's) that replaces the shipped one. "
        "See docs/playbook.md; `onward playbook validate FILE` checks one.",
    ),
    Setting(
        "ONWARD_USER",
        "local mode: the one local person",
        "Server mode only: the username the `onward` command acts for (for example `ONWARD_USER=alex onward list`).",
    ),
    Setting(
        "ONWARD_SIGNUP",
        "`invite`",
        "Server mode: who may make an account. `open`: anyone who reaches the site; `invite`: only people "
        "with an invitation (`onward invite EMAIL` or the admin); `closed`: nobody (operators use "
        "`onward createuser`).",
    ),
    Setting(
        "ONWARD_EMAIL_URL",
        "`console:` (mail is written to the server's log)",
        "How password-reset and invitation mail is sent: `smtp://user:password@host:587?tls=true` "
        "(or `smtps://…` for implicit TLS, `?timeout=10`), `console:`, or `file:` and a folder (`file:outbox` is "
        "a folder in the data folder) to keep each message as a file. "
        "Server mode warns (onward.W002) until it is set.",
    ),
    Setting(
        "ONWARD_EMAIL_FROM",
        "`onward <noreply@` + the first allowed host + `>`",
        "The sender of the mail onward sends.",
    ),
    Setting(
        "ONWARD_HSTS_SECONDS",
        "`0` (off)",
        "Server mode behind HTTPS: how long browsers must use HTTPS only (Strict-Transport-Security). "
        "Start small (`300`), then `31536000` once HTTPS works everywhere.",
    ),
    Setting(
        "ONWARD_PROXY_COUNT",
        "`0`",
        "How many reverse proxies stand in front of onward. With 1 (nginx, Caddy), the visitor's address "
        "is read from the last `X-Forwarded-For` entry, for rate limits; with 0 the header is ignored, "
        "because anyone can write it.",
    ),
    Setting(
        "ONWARD_MAIL_APPLY_CONFIDENCE",
        "`0.85`",
        "Mail import: a rejection, interview invitation, offer or confirmation is filed on its own only when "
        "onward is at least this sure of what it is and which application it belongs to (0 to 1). "
        "Anything less sure waits in the review queue. See docs/mail-import.md.",
    ),
    Setting(
        "ONWARD_MAIL_REVIEW_CONFIDENCE",
        "`0.5`",
        "Mail import: a message that looks unrelated to your search is left alone when onward is at least "
        "this sure of that (0 to 1); below it, the message waits in the review queue in case it matters.",
    ),
    Setting(
        "ONWARD_TODAY",
        "the real date",
        'Pins "today" (`YYYY-MM-DD`) for demos and tests: plans, the Today view '
        "and every command read the date from here.",
    ),
)

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(env: Mapping[str, str], name: str, default: str = "") -> str:
    """The variable's value with surrounding space removed, or ``default``.

    ``NAME_FILE`` names a file to read the value from (for secrets)::

        >>> env_str({"A": " x "}, "A")
        'x'
    """
    file_name = env.get(f"{name}_FILE", "").strip()
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE names {file_name}, which cannot be read ({exc.strerror}).") from exc
    return env.get(name, default).strip()


def env_bool(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    """``true/false``, ``yes/no``, ``on/off`` or ``1/0``::

    >>> env_bool({"A": "Yes"}, "A")
    True
    """
    raw = env.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}.")


def env_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None


def env_choice(env: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    raw = env.get(name, "").strip().lower() or default
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return raw


def env_count(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number of zero or more::

    >>> env_count({"A": "-1"}, "A", 0)
    Traceback (most recent call last):
    ...
    onward.config.ConfigError: A must be zero or more, not '-1'.
    """
    value = env_int(env, name, default)
    if value < 0:
        raise ConfigError(f"{name} must be zero or more, not {env[name].strip()!r}.")
    return value


def env_fraction(env: Mapping[str, str], name: str, default: float) -> float:
    """A number from 0 to 1::

    >>> env_fraction({"A": "0.9"}, "A", 0.5)
    0.9
    """
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number from 0 to 1, such as 0.85, not {raw!r}.") from None
    if not 0 <= value <= 1:
        raise ConfigError(f"{name} must be a number from 0 to 1, such as 0.85, not {raw!r}.")
    return value


def env_date(env: Mapping[str, str], name: str) -> date | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a date written YYYY-MM-DD, not {raw!r}.") from None


def env_list(env: Mapping[str, str], name: str, default: tuple[str, ...] = ()) -> list[str]:
    raw = env.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- database URLs -------------------------------------------------------------------

SQLITE_OPTIONS = {
    # WAL lets the web server, the worker and the CLI read while one writes; the
    # timeout makes a writer wait for the lock instead of failing at once.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def parse_database_url(url: str, data_dir: Path) -> dict[str, object]:
    """Turn ``ONWARD_DATABASE_URL`` into a Django ``DATABASES['default']`` entry.

    >>> parse_database_url("postgresql://me:pw@db:5433/onward", Path("/d"))["PORT"]
    5433
    >>> parse_database_url("sqlite:///x.sqlite3", Path("/d"))["NAME"]
    '/d/x.sqlite3'
    """
    hint = "use sqlite:///path/to/file.sqlite3 or postgresql://user:password@host:5432/dbname"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"ONWARD_DATABASE_URL is not a valid URL ({exc}); {hint}.") from None
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        if not url.lower().startswith("sqlite:///"):
            raise ConfigError(f"ONWARD_DATABASE_URL {url!r} needs three slashes after sqlite:; {hint}.")
        raw_path = unquote(url[len("sqlite:///") :].split("?", 1)[0])
        if not raw_path:
            raise ConfigError(f"ONWARD_DATABASE_URL {url!r} names no file; {hint}.")
        path = Path(raw_path)
        if not path.is_absolute():
            path = data_dir / path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": dict(SQLITE_OPTIONS)}
    if scheme in ("postgres", "postgresql"):
        name = unquote(parts.path.lstrip("/"))
        if not name or "/" in name:
            raise ConfigError(f"ONWARD_DATABASE_URL {_redact(url)!r} must end with one database name; {hint}.")
        options: dict[str, str] = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": port or "",
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    shown = scheme or "no scheme"
    raise ConfigError(f"ONWARD_DATABASE_URL uses {shown!r}, which onward does not know; {hint}.")


def parse_email_url(url: str, data_dir: Path) -> dict[str, object] | None:
    """Turn ``ONWARD_EMAIL_URL`` into Django's EMAIL_* settings (``None``: not set, mail goes to the log).

    >>> parse_email_url("smtp://me:pw@mail.example.org:587?tls=true", Path("/d"))["EMAIL_USE_TLS"]
    True
    >>> parse_email_url("file:outbox", Path("/d"))["EMAIL_FILE_PATH"]
    '/d/outbox'
    """
    if not url:
        return None
    hint = "use smtp://user:password@host:587?tls=true, smtps://…, console: or file: and a folder"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "file":
        folder = unquote(parts.path)
        if not folder:
            raise ConfigError(f"ONWARD_EMAIL_URL {url!r} names no folder; {hint}.")
        path = Path(folder) if Path(folder).is_absolute() else data_dir / folder
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(path)}
    if scheme not in ("smtp", "smtps"):
        raise ConfigError(f"ONWARD_EMAIL_URL uses {scheme or 'no scheme'!r}, which onward does not know; {hint}.")
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(f"ONWARD_EMAIL_URL {_redact(url)!r} has a port that is not a number; {hint}.") from None
    if not parts.hostname:
        raise ConfigError(f"ONWARD_EMAIL_URL {_redact(url)!r} names no host; {hint}.")
    options = dict(parse_qsl(parts.query))
    timeout = options.get("timeout", "10")
    if not timeout.isdigit():
        raise ConfigError(f"ONWARD_EMAIL_URL timeout must be a whole number of seconds, not {timeout!r}.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_USE_TLS": scheme == "smtp" and options.get("tls", "").lower() in TRUE_WORDS,
        "EMAIL_TIMEOUT": int(timeout),
    }


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


# --- the data folder and the secret --------------------------------------------------


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("onward", appauthor=False))


def ensure_data_dir(path: Path) -> Path:
    """Create the folder (owner-only) and prove it can be written to."""
    fix = "set ONWARD_DATA_DIR to a folder you can write to"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        # A probe of its own name: processes starting together must not delete each other's.
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"The data folder {path} cannot be written to ({reason}); {fix}.") from None
    return path


def local_secret_key(data_dir: Path) -> str:
    """The secret kept in the data folder, made on first use, readable by the owner only."""
    path = data_dir / "secret_key"
    try:
        if path.exists():
            return _written_key(path)
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key)
        return key
    except FileExistsError:  # another process made it a moment ago
        return _written_key(path)
    except OSError as exc:
        raise ConfigError(f"The secret key file {path} cannot be used ({exc.strerror}).") from None


def _written_key(path: Path) -> str:
    # A process starting at the same moment may have made the file and not yet written the key in it.
    for _ in range(200):
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
        time.sleep(0.01)
    raise ConfigError(f"The secret key file {path} is empty; delete it and onward will make a new one.")


# --- the resolved configuration ------------------------------------------------------


@dataclass(frozen=True)
class Config:
    mode: str
    data_dir: Path
    database: dict[str, object]
    database_url_given: bool
    secret_key: str
    secret_key_given: bool
    allowed_hosts: list[str]
    debug: bool
    today: date | None
    mail_apply: float = 0.85
    mail_review: float = 0.5
    signup: str = "invite"
    email: dict[str, object] | None = None
    email_from: str = ""
    hsts_seconds: int = 0
    proxy_count: int = 0

    @property
    def is_local(self) -> bool:
        return self.mode == "local"


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read and check every setting; raise :class:`ConfigError` on the first bad one."""
    env = os.environ if env is None else env
    mode = env_choice(env, "ONWARD_MODE", MODES, "local")
    raw_dir = env_str(env, "ONWARD_DATA_DIR")
    data_dir = ensure_data_dir(Path(raw_dir).expanduser().resolve() if raw_dir else default_data_dir())
    url = env_str(env, "ONWARD_DATABASE_URL")
    database = parse_database_url(url or "sqlite:///onward.sqlite3", data_dir)
    secret = env_str(env, "ONWARD_SECRET_KEY")
    if not secret:
        # Server mode without a secret is refused by check onward.E001; until then a
        # per-process random key keeps anything it signs worthless.
        secret = local_secret_key(data_dir) if mode == "local" else secrets.token_urlsafe(50)
    hosts_default = LOCAL_HOSTS if mode == "local" else ()
    return Config(
        mode=mode,
        data_dir=data_dir,
        database=database,
        database_url_given=bool(url),
        secret_key=secret,
        secret_key_given=bool(env_str(env, "ONWARD_SECRET_KEY")),
        allowed_hosts=env_list(env, "ONWARD_ALLOWED_HOSTS", hosts_default),
        debug=env_bool(env, "ONWARD_DEBUG"),
        today=env_date(env, "ONWARD_TODAY"),
        mail_apply=env_fraction(env, "ONWARD_MAIL_APPLY_CONFIDENCE", 0.85),
        mail_review=env_fraction(env, "ONWARD_MAIL_REVIEW_CONFIDENCE", 0.5),
        signup=env_choice(env, "ONWARD_SIGNUP", SIGNUP_MODES, "invite"),
        email=parse_email_url(env_str(env, "ONWARD_EMAIL_URL"), data_dir),
        email_from=env_str(env, "ONWARD_EMAIL_FROM") or _default_from(env_list(env, "ONWARD_ALLOWED_HOSTS")),
        hsts_seconds=env_count(env, "ONWARD_HSTS_SECONDS", 0),
        proxy_count=env_count(env, "ONWARD_PROXY_COUNT", 0),
    )


def _default_from(hosts: list[str]) -> str:
    host = next((h for h in hosts if h and not h.startswith(".") and h != "*"), "localhost")
    return f"onward <noreply@{host}>"


def settings_markdown() -> str:
    """The settings table that ``docs/configuration.md`` carries."""
    lines = ["| variable | default | what it does |", "|---|---|---|"]
    for setting in SETTINGS:
        lines.append(f"| `{setting.name}` | {setting.default} | {setting.help} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a docs helper
    sys.stdout.write(settings_markdown())
