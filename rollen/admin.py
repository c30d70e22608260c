from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import Overdracht, Participatiestap, Project, Rolbeschrijving, Routeringsregel, Toewijzing
from .registry import soorten_werk


@admin.register(Rolbeschrijving)
class RolbeschrijvingAdmin(GeschiedenisAdmin):
    """The set of roles is fixed in code: a functional admin edits descriptions, never adds roles.

    Not scoped per gemeente: the descriptions are one list for the whole deployment (no gemeente)."""

    list_display = ["rol", "beschrijving"]
    search_fields = ["beschrijving"]
    readonly_fields = ["rol"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipatiestapInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "project__gemeente"
    model = Participatiestap
    extra = 1


class ToewijzingInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "gemeente"
    model = Toewijzing
    fk_name = "project"
    fields = ["rol", "medewerker", "van", "tot"]
    autocomplete_fields = ["medewerker"]
    extra = 0
    verbose_name = "omgevingsmanager"
    verbose_name_plural = "omgevingsmanagers"


@admin.register(Project)
class ProjectAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["naam", "gemeente", "fase"]
    list_filter = ["fase", "gemeente"]
    search_fields = ["naam", "beschrijving", "kernen__naam", "wijken__naam"]
    autocomplete_fields = ["gemeente", "kernen", "wijken"]
    prepopulated_fields = {"slug": ["naam"]}
    list_select_related = ["gemeente"]
    inlines = [ToewijzingInline, ParticipatiestapInline]


@admin.register(Participatiestap)
class ParticipatiestapAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "project__gemeente"
    list_display = ["datum", "wat", "project", "niveau", "uitgevoerd"]
    list_filter = ["niveau", "uitgevoerd", "project__gemeente", "project__fase"]
    search_fields = ["wat", "met_wie", "uitkomst", "project__naam"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]
    date_hierarchy = "datum"


class ActiefFilter(admin.SimpleListFilter):
    title = "actief"
    parameter_name = "actief"

    def lookups(self, request, model_admin):
        return [("ja", "Vandaag actief"), ("nee", "Niet actief")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.actief_op()
        if self.value() == "nee":
            return queryset.exclude(pk__in=Toewijzing.objects.actief_op().values("pk"))
        return queryset


@admin.register(Toewijzing)
class ToewijzingAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["rol", "persoon_naam", "gebied_naam", "gemeente", "van", "tot"]
    list_filter = [ActiefFilter, "rol", "gemeente"]
    search_fields = [
        "medewerker__naam",
        "medewerker__email",
        "naam",
        "kern__naam",
        "wijk__naam",
        "project__naam",
    ]
    autocomplete_fields = ["medewerker", "kern", "wijk", "project"]
    list_select_related = ["medewerker", "kern", "wijk", "project", "gemeente"]
    date_hierarchy = "van"
    fieldsets = (
        (None, {"fields": ("rol", "van", "tot", "overdragen")}),
        ("Wie", {"fields": ("medewerker", "naam", "email", "telefoon")}),
        ("Waar", {"fields": ("kern", "wijk", "project")}),
    )
    readonly_fields = ["overdragen"]

    @admin.display(description="overdragen")
    def overdragen(self, obj):
        """Changing 'tot' here only ends the assignment; the hand-over page also moves the open work."""
        if obj is None or obj.pk is None:
            return "Na het opslaan kunt u de toewijzing hier beëindigen en overdragen."
        return format_html(
            '<a href="{}">Beëindigen en overdragen aan een opvolger</a> (met het open werk voor dit gebied; '
            "alleen de einddatum wijzigen verplaatst geen werk)",
            reverse("rollen:toewijzing_beeindigen", args=[obj.pk]),
        )

    @admin.display(description="persoon")
    def persoon_naam(self, obj):
        return obj.persoon_naam

    @admin.display(description="gebied")
    def gebied_naam(self, obj):
        return obj.gebied_naam


@admin.register(Overdracht)
class OverdrachtAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """Append-only: read, never change."""

    gemeente_pad = "toewijzing__gemeente"
    list_display = ["toewijzing", "van", "naar", "datum", "vastgelegd_op", "door"]
    list_filter = ["datum"]
    search_fields = ["van__naam", "naar__naam", "reden"]
    list_select_related = [
        "toewijzing__medewerker",
        "toewijzing__kern",
        "toewijzing__wijk",
        "toewijzing__project",
        "van",
        "naar",
        "door",
    ]
    readonly_fields = [f.name for f in Overdracht._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("rollen.view_overdracht") or request.user.is_superuser


class SoortWerkFilter(admin.SimpleListFilter):
    title = "soort werk"
    parameter_name = "soort_werk"

    def lookups(self, request, model_admin):
        return soorten_werk()

    def queryset(self, request, queryset):
        return queryset.filter(soort_werk=self.value()) if self.value() else queryset


@admin.register(Routeringsregel)
class RouteringsregelAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    """Who gets new work per kind and area; a functional admin edits these. The most specific rule wins
    (wijk, kern, gemeente); without one, or when nobody holds the role, the kern's adviseur."""

    gemeente_pad = "gemeente"
    list_display = ["soort_werk_label", "gemeente", "kern", "wijk", "rol", "medewerker", "toelichting"]
    list_filter = [SoortWerkFilter, "gemeente", "rol"]
    search_fields = ["soort_werk", "kern__naam", "wijk__naam", "medewerker__naam", "toelichting"]
    autocomplete_fields = ["gemeente", "kern", "wijk", "medewerker"]
    list_select_related = ["gemeente", "kern", "wijk", "medewerker"]
    fields = ["soort_werk", "gemeente", "kern", "wijk", "rol", "medewerker", "toelichting"]

    @admin.display(description="soort werk", ordering="soort_werk")
    def soort_werk_label(self, obj):
        return obj.soort_werk_label

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "soort_werk":
            # The kinds the apps route (rollen.registry), as a list instead of a key to type.
            return forms.ChoiceField(
                label="Soort werk",
                choices=lambda: [("", "---------"), *soorten_werk()],
                help_text="Welk nieuw werk deze regel naar een persoon stuurt.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
