"""The playbook file: the default is valid, and a malformed one is refused with file, step and reason."""

from __future__ import annotations

import pytest

from onward.domain.playbook import KINDS, PlaybookError, default_playbook, default_text, parse_playbook


def test_the_default_playbook_covers_every_kind() -> None:
    playbook = default_playbook()
    assert sorted(s.kind for s in playbook.steps) == sorted(KINDS)
    assert playbook.cool_off == {"applied": 0, "screen": 1, "interview": 2, "final": 3}
    assert playbook.cool_off_max == 14
    assert (playbook.connect_notes_per_month, playbook.connect_note_limit) == (5, 200)


def replace(old: str, new: str) -> str:
    text = default_text()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version = 1\n[[steps]\n", "mine.toml: not valid TOML"),
        (
            replace('id = "thank"\nkind = "thank_you"', 'id = "thank"\nkind = "hug"'),
            "step 'thank': 'kind' must be one of",
        ),
        (replace("start = 2\nend = 5", "start = 5\nend = 2"), "step 'connect': 'end' (2) is before 'start' (5)"),
        (replace('from = "screen"', 'from = "phone"'), "step 'thank': 'from' must be one of applied, screen"),
        (replace('id = "reflect"', 'id = "thank"'), "two steps have the id 'thank'"),
        (replace("interview = 2", "interview = 20"), "[cool_off]: 'interview' must be a whole number from 0 to 14"),
        (replace('links_to = "goal"', 'links_to = "goal"\ncolour = "red"'), "step 'get-back': unknown key 'colour'"),
        (replace('anchor = "feedback"', 'anchor = "tuesday"'), "'anchor' must be one of rejection, cool_off_end"),
        (replace("start = 1\nend = 2", 'start = "one"\nend = 2'), "'start' must be a whole number from 0 to 366"),
        ("version = 1\n", "there are no [[steps]]"),
    ],
)
def test_malformed_playbooks_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "mine.toml")
    assert str(caught.value).startswith("mine.toml")
    assert message in str(caught.value)
