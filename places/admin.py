"""Centre staff correct units here (a renamed ward, a code the shipped list lacked).
Deleting a unit that a school or an older unit still names is refused (PROTECT), and the
admin says which records hold it."""

from django.contrib import admin

from places.models import Commune, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "valid_from", "valid_until", "successor")
    list_filter = ("kind", ("valid_until", admin.EmptyFieldListFilter))
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("successor",)
    list_select_related = ("successor",)


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "province", "valid_from", "valid_until",
                    "successor")
    list_filter = ("kind", "province", ("valid_until", admin.EmptyFieldListFilter))
    search_fields = ("name", "code")
    autocomplete_fields = ("province", "successor")
    list_select_related = ("province", "successor")
