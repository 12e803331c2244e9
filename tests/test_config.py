"""The settings layer: typed helpers that reject bad values with a clear sentence."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from onward.config import (
    ConfigError,
    env_bool,
    env_choice,
    env_date,
    env_int,
    env_list,
    env_str,
    load_config,
    local_secret_key,
    parse_database_url,
)


def test_env_bool_accepts_common_words_and_refuses_others() -> None:
    assert env_bool({"X": "on"}, "X") is True
    assert env_bool({"X": "No"}, "X") is False
    assert env_bool({}, "X", default=True) is True
    with pytest.raises(ConfigError, match="X must be true or false, not 'maybe'"):
        env_bool({"X": "maybe"}, "X")


def test_env_int_and_date_and_choice_name_the_variable() -> None:
    assert env_int({"N": " 7 "}, "N", 1) == 7
    with pytest.raises(ConfigError, match="N must be a whole number"):
        env_int({"N": "7.5"}, "N", 1)
    assert env_date({"D": "2026-03-02"}, "D") == date(2026, 3, 2)
    with pytest.raises(ConfigError, match="D must be a date written YYYY-MM-DD, not '02/03/2026'"):
        env_date({"D": "02/03/2026"}, "D")
    with pytest.raises(ConfigError, match="ONWARD_MODE must be one of local, server"):
        env_choice({"ONWARD_MODE": "cloud"}, "ONWARD_MODE", ("local", "server"), "local")


def test_env_list_splits_on_commas() -> None:
    assert env_list({"H": "a.org, b.org,,"}, "H") == ["a.org", "b.org"]
    assert env_list({}, "H", ("x",)) == ["x"]


def test_file_variant_reads_secret_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret-from-file\n")
    assert env_str({"K_FILE": str(secret)}, "K") == "s3cret-from-file"
    with pytest.raises(ConfigError, match="K_FILE names .* which cannot be read"):
        env_str({"K_FILE": str(tmp_path / "missing")}, "K")


def test_sqlite_urls_resolve_relative_paths_into_the_data_folder(tmp_path: Path) -> None:
    db = parse_database_url("sqlite:///onward.sqlite3", tmp_path)
    assert db["NAME"] == str(tmp_path / "onward.sqlite3")
    assert "journal_mode=WAL" in str(db["OPTIONS"])
    assert parse_database_url("sqlite:////srv/o.db", tmp_path)["NAME"] == "/srv/o.db"


def test_postgresql_urls_carry_every_part(tmp_path: Path) -> None:
    db = parse_database_url("postgresql://me:p%40ss@db.example:6543/onward?sslmode=require", tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "me",
        "p@ss",
        "db.example",
        6543,
        "onward",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert parse_database_url("postgres://localhost/x", tmp_path)["NAME"] == "x"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "uses 'mysql', which onward does not know"),
        ("postgresql://u:secret@h:5432/", "must end with one database name"),
        ("postgresql://u@h:notaport/db", "is not a valid URL"),
        ("sqlite://relative.db", "needs three slashes"),
        ("sqlite:///", "names no file"),
        ("just-a-path.db", "uses 'no scheme'"),
    ],
)
def test_malformed_database_urls_are_refused_clearly(tmp_path: Path, url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        parse_database_url(url, tmp_path)
    assert "secret" not in str(caught.value)  # a password never ends up in an error


def test_unwritable_data_folder_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="cannot be written to .* set ONWARD_DATA_DIR"):
        load_config({"ONWARD_DATA_DIR": str(blocker / "data")})


def test_local_secret_is_made_once_and_private(tmp_path: Path) -> None:
    first = local_secret_key(tmp_path)
    assert len(first) >= 50
    assert local_secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_data_folder_is_owner_only(tmp_path: Path) -> None:
    config = load_config({"ONWARD_DATA_DIR": str(tmp_path / "new")})
    assert stat.S_IMODE(config.data_dir.stat().st_mode) == 0o700


def test_server_mode_never_persists_a_generated_secret(tmp_path: Path) -> None:
    config = load_config({"ONWARD_DATA_DIR": str(tmp_path), "ONWARD_MODE": "server"})
    assert not config.secret_key_given
    assert not (tmp_path / "secret_key").exists()
    assert config.allowed_hosts == []


def test_local_mode_defaults(tmp_path: Path) -> None:
    config = load_config({"ONWARD_DATA_DIR": str(tmp_path)})
    assert config.mode == "local"
    assert config.allowed_hosts == ["127.0.0.1", "localhost", "[::1]"]
    assert config.database["NAME"] == str(tmp_path / "onward.sqlite3")
    assert not config.database_url_given
    assert config.today is None


def test_bad_today_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ONWARD_TODAY must be a date"):
        load_config({"ONWARD_DATA_DIR": str(tmp_path), "ONWARD_TODAY": "tomorrow"})
