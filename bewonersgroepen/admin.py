from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from bestanden import PriveBestandInput

from .models import (
    Groep,
    Groepstatusovergang,
    Lidmaatschap,
    Overeenkomststatusovergang,
    Samenwerkingsovereenkomst,
    Uitnodiging,
)


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["gebruiker"]


class GroepstatusovergangInline(admin.TabularInline):
    """History is append-only: shown, never edited here (status changes go through the service)."""

    model = Groepstatusovergang
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Groep)
class GroepAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort", "status", "gemeente", "behandelaar", "aangemaakt_op"]
    list_filter = ["soort", "status", "gemeente", "kernen"]
    search_fields = ["naam", "email", "beschrijving", "kvk_nummer"]
    autocomplete_fields = ["gemeente", "kernen", "wijken", "project", "behandelaar"]
    prepopulated_fields = {"slug": ["naam"]}
    list_select_related = ["gemeente", "behandelaar"]
    readonly_fields = ["status"]
    inlines = [LidmaatschapInline, GroepstatusovergangInline]


@admin.register(Groepstatusovergang)
class GroepstatusovergangAdmin(admin.ModelAdmin):
    list_display = ["groep", "van", "naar", "door", "op"]
    list_filter = ["naar"]
    search_fields = ["groep__naam", "toelichting"]
    list_select_related = ["groep", "door"]
    readonly_fields = ["groep", "van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(SimpleHistoryAdmin):
    list_display = ["gebruiker", "groep", "functie", "is_contactpersoon", "van", "tot"]
    list_filter = ["functie", "is_contactpersoon", "groep__soort"]
    search_fields = ["gebruiker__naam", "gebruiker__email", "groep__naam"]
    autocomplete_fields = ["groep", "gebruiker"]
    list_select_related = ["groep", "gebruiker"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    list_display = ["naam", "email", "groep", "aangemaakt_op", "verloopt_op", "geaccepteerd_op"]
    list_filter = ["functie", "is_contactpersoon"]
    search_fields = ["naam", "email", "groep__naam"]
    autocomplete_fields = ["groep", "uitgenodigd_door", "gebruiker"]
    list_select_related = ["groep"]
    readonly_fields = ["token_hash"]


class OvereenkomststatusovergangInline(admin.TabularInline):
    model = Overeenkomststatusovergang
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Samenwerkingsovereenkomst)
class SamenwerkingsovereenkomstAdmin(SimpleHistoryAdmin):
    list_display = ["groep", "versie", "status", "startdatum", "einddatum", "jaarbijdrage"]
    list_filter = ["status", "groep__gemeente"]
    search_fields = ["groep__naam", "ondertekenaar_naam", "onderwerpen"]
    autocomplete_fields = ["groep", "vorige"]
    list_select_related = ["groep"]
    readonly_fields = ["status", "beeindigingsreden"]
    inlines = [OvereenkomststatusovergangInline]
    formfield_overrides = {models.FileField: {"widget": PriveBestandInput}}


@admin.register(Overeenkomststatusovergang)
class OvereenkomststatusovergangAdmin(admin.ModelAdmin):
    list_display = ["overeenkomst", "van", "naar", "door", "op"]
    list_filter = ["naar"]
    search_fields = ["overeenkomst__groep__naam", "toelichting"]
    list_select_related = ["overeenkomst__groep", "door"]
    readonly_fields = ["overeenkomst", "van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
