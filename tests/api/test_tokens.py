"""Personal API tokens: shown once, kept as a keyed hash, revocable, with a readable prefix."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from onward.api import actions
from onward.api.models import ApiToken
from onward.errors import UserError
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"^onw_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$")


def test_a_token_has_a_readable_prefix_and_only_its_keyed_hash_is_kept(owner: User) -> None:
    made = actions.create_token(owner, "  laptop   script ")
    assert TOKEN.match(made.secret)
    row = ApiToken.objects.get()
    assert (row.name, row.prefix, row.owner) == ("laptop script", made.secret[:12], owner)
    assert made.secret not in row.key_hash
    assert made.secret[13:] not in str(vars(row))
    assert len(row.key_hash) == 64
    assert row.key_hash != hashlib.sha256(made.secret.encode()).hexdigest()
    assert actions.authenticate(made.secret) == row


def test_two_tokens_never_share_a_prefix_or_a_secret(owner: User) -> None:
    made = [actions.create_token(owner, f"token {n}").secret for n in range(20)]
    assert len({m[:12] for m in made}) == len({m[13:] for m in made}) == 20


@pytest.mark.parametrize(
    "raw",
    ["", "onw_", "Bearer", "onw_abcdefgh_", "x" * 500, "onw_abcdefgh_" + "A" * 43, "ONW_ABCDEFGH_" + "A" * 43],
)
def test_anything_but_a_live_token_is_refused(owner: User, raw: str) -> None:
    actions.create_token(owner, "real")
    assert actions.authenticate(raw) is None


def test_a_wrong_secret_behind_a_real_prefix_is_refused(owner: User) -> None:
    made = actions.create_token(owner, "real").secret
    assert actions.authenticate(made[:13] + ("A" if made[13] != "A" else "B") + made[14:]) is None


def test_revoking_stops_it_at_once_and_takes_it_out_of_the_list(owner: User) -> None:
    made = actions.create_token(owner, "old script")
    kept = actions.create_token(owner, "new script")
    revoked = actions.revoke_token(owner, made.token.prefix.removeprefix("onw_").upper())
    assert revoked.revoked_at is not None
    assert actions.authenticate(made.secret) is None
    assert actions.authenticate(kept.secret) is not None
    assert [t.name for t in actions.active_tokens(owner)] == ["new script"]
    with pytest.raises(UserError, match="No live token"):
        actions.revoke_token(owner, made.token.prefix)


def test_nobody_revokes_someone_elses_token(owner: User, outsider: User) -> None:
    theirs = actions.create_token(outsider, "theirs")
    with pytest.raises(UserError):
        actions.revoke_token(owner, theirs.token.prefix)
    assert actions.authenticate(theirs.secret) is not None


def test_last_used_is_written_at_most_once_a_minute(owner: User) -> None:
    made = actions.create_token(owner, "busy script")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        actions.authenticate(made.secret)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        actions.authenticate(made.secret)
        assert ApiToken.objects.get().last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        actions.authenticate(made.secret)
        assert ApiToken.objects.get().last_used_at == start + timedelta(seconds=61)


def test_changing_the_secret_key_revokes_tokens_unless_the_old_key_is_a_fallback(owner: User) -> None:
    with override_settings(SECRET_KEY="the-old-secret-" * 4):
        made = actions.create_token(owner, "script").secret
    with override_settings(SECRET_KEY="a-brand-new-secret-" * 4):
        assert actions.authenticate(made) is None
    with override_settings(SECRET_KEY="a-brand-new-secret-" * 4, SECRET_KEY_FALLBACKS=["the-old-secret-" * 4]):
        assert actions.authenticate(made) is not None


def test_a_deactivated_account_s_tokens_stop_working(owner: User) -> None:
    made = actions.create_token(owner, "script").secret
    owner.is_active = False
    owner.save()
    assert actions.authenticate(made) is None


@pytest.mark.parametrize(
    ("name", "says"), [("   ", "Give the token a name"), ("x" * 101, "under 100"), ("a\x00b", "NUL")]
)
def test_a_token_needs_a_sensible_name(owner: User, name: str, says: str) -> None:
    with pytest.raises(UserError, match=says):
        actions.create_token(owner, name)


def test_there_is_a_ceiling_on_live_tokens(owner: User) -> None:
    for n in range(actions.MAX_ACTIVE):
        actions.create_token(owner, f"t{n}")
    with pytest.raises(UserError, match="Revoke one"):
        actions.create_token(owner, "one too many")


# --- the Settings page -----------------------------------------------------------------------


def test_the_page_makes_a_token_and_shows_it_once(owner_client: Client, owner: User) -> None:
    empty = owner_client.get("/settings/tokens/")
    assert empty.status_code == 200
    assert "No tokens yet" in empty.content.decode()
    made = owner_client.post("/settings/tokens/", {"name": "spreadsheet sync"})
    page = made.content.decode()
    secret = re.search(r"onw_[a-z2-9]{8}_[A-Za-z0-9_-]{43}", page)
    assert made.status_code == 200
    assert secret
    assert "only time onward shows it" in page
    assert "no-store" in made["Cache-Control"]
    assert Api(secret.group(0)).get("/me").json() == {"username": owner.username, "token": secret.group(0)[:12]}
    again = owner_client.get("/settings/tokens/").content.decode()
    assert secret.group(0) not in again
    assert "spreadsheet sync" in again
    assert secret.group(0)[:12] in again
    assert "not used yet" not in again


def test_the_form_keeps_what_was_typed_and_says_what_to_fix(owner_client: Client, owner: User) -> None:
    for n in range(actions.MAX_ACTIVE):
        actions.create_token(owner, f"t{n}")
    refused = owner_client.post("/settings/tokens/", {"name": "my fifty-first"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'value="my fifty-first"' in page
    assert "Revoke one you no longer use" in page
    empty = owner_client.post("/settings/tokens/", {"name": ""})
    assert empty.status_code == 400
    assert "This field is required" in empty.content.decode()


def test_revoking_asks_first(owner_client: Client, owner: User) -> None:
    made = actions.create_token(owner, "old laptop")
    url = f"/settings/tokens/{made.token.prefix}/revoke/"
    asked = owner_client.get(url)
    assert asked.status_code == 200
    assert "Revoke “old laptop”?" in asked.content.decode()
    assert actions.authenticate(made.secret) is not None
    done = owner_client.post(url, follow=True)
    assert "Revoked “old laptop”" in done.content.decode()
    assert actions.authenticate(made.secret) is None
    assert owner_client.post(url).status_code == 404


def test_it_checks_ownership(outsider_client: Client, owner: User) -> None:
    made = actions.create_token(owner, "mine")
    assert outsider_client.get(f"/settings/tokens/{made.token.prefix}/revoke/").status_code == 404
    assert outsider_client.post(f"/settings/tokens/{made.token.prefix}/revoke/").status_code == 404
    assert "mine" not in outsider_client.get("/settings/tokens/").content.decode()
    assert actions.authenticate(made.secret) is not None


def test_the_page_needs_a_session_and_its_forms_need_csrf(owner: User) -> None:
    assert Client().get("/settings/tokens/").status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post("/settings/tokens/", {"name": "sneaky"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_admin_shows_tokens_but_never_a_hash(owner: User, client: Client) -> None:
    admin = User.objects.create_superuser("operator", "op@example.org", "an-operator-passphrase")
    made = actions.create_token(owner, "script")
    client.force_login(admin)
    listing = client.get("/admin/api/apitoken/").content.decode()
    detail = client.get(f"/admin/api/apitoken/{made.token.pk}/change/").content.decode()
    assert made.token.prefix in listing
    for page in (listing, detail):
        assert made.token.key_hash not in page
        assert made.secret not in page
    assert client.get("/admin/api/apitoken/add/").status_code == 403
