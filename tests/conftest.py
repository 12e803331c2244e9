"""Shared fixtures: an owner, an outsider, and clients signed in as each."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.fixture
def owner(django_user_model: type[User]) -> User:
    return django_user_model.objects.create_user(
        username="alex", email="alex@example.org", password="a-long-passphrase"
    )


@pytest.fixture
def outsider(django_user_model: type[User]) -> User:
    return django_user_model.objects.create_user(username="sam", email="sam@example.org", password="another-passphrase")


@pytest.fixture
def owner_client(owner: User) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(outsider: User) -> Client:
    client = Client()
    client.force_login(outsider)
    return client


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with Django's cache empty: a test database reuses row ids, and keys are made of them."""
    yield
    from django.core.cache import cache

    cache.clear()
