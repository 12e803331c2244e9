"""Guard rails: a new model or field can't slip past the backup without a decision written down."""

from __future__ import annotations

import doctest

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from onward.backups import export, fields, schema


def _onward_models() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("onward.")
        for model in config.get_models()  # without the tables Django makes for many-to-many fields
    ]


def test_every_model_of_onward_is_backed_up_or_says_why_not() -> None:
    backed_up = {section.label for section in schema.SECTIONS}
    unsorted = [m._meta.label for m in _onward_models() if m._meta.label not in backed_up | set(schema.NOT_BACKED_UP)]
    assert unsorted == [], "add a section to onward/backups/schema.py, or a line to NOT_BACKED_UP saying why not"


def test_every_model_that_points_to_a_person_is_sorted_for_delete_all_my_data() -> None:
    """A person's rows are backed up (and deleted with the data), deleted with the data, or kept on purpose."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    kept_on_purpose = {"accounts.Invitation", "accounts.SignInState"}  # the server's records, not the search
    sorted_out = {s.label for s in schema.SECTIONS} | set(schema.DELETED_WITH_DATA) | kept_on_purpose
    pointing = [
        m._meta.label
        for m in _onward_models()
        if any(f.is_relation and f.related_model is user_model for f in m._meta.concrete_fields)
    ]
    assert [label for label in pointing if label not in sorted_out] == []


@pytest.mark.parametrize("section", schema.SECTIONS, ids=lambda s: s.key)
def test_every_field_is_exported_or_listed_as_not_exported(section: schema.Section) -> None:
    meta = section.model._meta
    names = {f.name for f in meta.concrete_fields} | {f.name for f in meta.many_to_many}
    skipped = set(schema.NOT_EXPORTED.get(section.label, {}))
    skipped |= {name for name in schema.NOT_EXPORTED_ANYWHERE if name in names}
    assert names - set(section.fields) - skipped == set(), "export the new field, or say in NOT_EXPORTED why not"
    assert set(section.fields) - names == set(), "the section lists a field the model doesn't have"
    assert set(section.fields).isdisjoint(skipped)


def test_sections_only_point_backwards() -> None:
    """The restore writes sections in order, so every relation must point to an earlier section."""
    for index, section in enumerate(schema.SECTIONS):
        for name in section.fields:
            found = section.model._meta.get_field(name)
            if found.is_relation:
                target = schema.target_section(found)
                assert schema.SECTIONS.index(target) < index, f"{section.key}.{name}"
                assert target.has_uuid


def test_every_section_is_reached_through_its_owner() -> None:
    for section in schema.SECTIONS:
        meta = section.model._meta
        if section.reach in ("owner", "one"):
            assert meta.get_field("owner").related_model is apps.get_model(settings.AUTH_USER_MODEL)
        else:
            assert meta.get_field("application").related_model is apps.get_model("tracker.Application")


@pytest.mark.parametrize("module", [schema, fields, export])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
