from __future__ import annotations

from datetime import date

import pytest
import time_machine

from onward import clock


def test_today_follows_the_real_date() -> None:
    with time_machine.travel(date(2026, 5, 17), tick=False):
        assert clock.today() == date(2026, 5, 17)


def test_onward_today_pins_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-02")
    assert clock.today() == date(2026, 3, 2)
