"""Shared fixtures: an owner, an outsider, and clients signed in as each."""

from __future__ import annotations

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
