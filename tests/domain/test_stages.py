from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.domain.stages import ENDED, OPEN, Stage, UnknownStage, guess_stage, parse_stage


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("applied", Stage.APPLIED),
        ("Final round", Stage.FINAL_ROUND),
        ("final-round", Stage.FINAL_ROUND),
        ("NO_RESPONSE", Stage.NO_RESPONSE),
        ("phone screen", Stage.SCREENING),
        ("Closed — next steps", Stage.REJECTED),
    ],
)
def test_parse_stage_accepts_values_labels_and_synonyms(text: str, stage: Stage) -> None:
    assert parse_stage(text) is stage


def test_parse_stage_refuses_the_unknown_and_lists_the_stages() -> None:
    with pytest.raises(UnknownStage, match="unknown stage 'pondering'; use one of: wishlist, applied"):
        parse_stage("pondering")


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Rejected after onsite", Stage.REJECTED),
        ("Interview scheduled for Monday", Stage.INTERVIEWING),
        ("They made an offer!", Stage.OFFER),
        ("Rejectd", Stage.REJECTED),
    ],
)
def test_guess_stage_interprets_spreadsheet_words(text: str, stage: Stage) -> None:
    guess = guess_stage(text)
    assert guess is not None
    assert guess.stage is stage
    assert guess.exact is False


def test_known_synonyms_are_exact() -> None:
    assert guess_stage("Ghosted") == (Stage.NO_RESPONSE, True)


def test_guess_stage_gives_up_on_nonsense() -> None:
    assert guess_stage("qwerty zxcv") is None
    assert guess_stage("") is None


def test_every_stage_is_open_or_ended_once() -> None:
    assert set(OPEN) | set(ENDED) == set(Stage)
    assert not set(OPEN) & set(ENDED)


@given(st.sampled_from(list(Stage)))
def test_every_stage_round_trips_through_its_value_and_label(stage: Stage) -> None:
    assert parse_stage(stage.value) is stage
    assert parse_stage(stage.label) is stage
