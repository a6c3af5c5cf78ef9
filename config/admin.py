"""Read-only Django admin pages, for audit trails and records that only the services may
write: lists and detail pages to read; no add, change or delete (nor the bulk delete)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnly:
    """Mixin for a ModelAdmin or an inline."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass
