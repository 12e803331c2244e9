"""API tokens in the admin, read-only: operators see who has tokens and when they were used, never a token.

The hash is not shown (useless to a person, and no business on a screen), and
nothing can be added or edited: tokens are made by their owners only. Deleting
one stays possible, so an operator can cut off a token that has leaked.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onward.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("prefix", "name", "owner", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "name", "owner__username")
    fields = ("prefix", "name", "owner", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
