"""Functional admins keep the categories (two levels, term, standard replies) of their own gemeente; the
meldingen themselves are handled on the staff pages (steps only through the service), so the admin shows
them read-only."""

from django.contrib import admin

from gebieden.beheerbereik import GemeenteAdminMixin

from .models import Categorie, Doorzetting, Foto, Melding, Meldingstatuswijziging, Notitie, Standaardantwoord


class StandaardantwoordInline(GemeenteAdminMixin, admin.StackedInline):
    gemeente_pad = "categorie__gemeente"
    model = Standaardantwoord
    fields = ["titel", "status", "tekst"]
    extra = 0


@admin.register(Categorie)
class CategorieAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "gemeente"
    list_display = ["__str__", "gemeente", "afhandeltermijn", "actief", "volgorde"]
    list_filter = ["gemeente", "actief", "hoofdcategorie"]
    list_editable = ["afhandeltermijn", "actief", "volgorde"]
    search_fields = ["naam", "hoofdcategorie__naam"]
    list_select_related = ["gemeente", "hoofdcategorie"]
    prepopulated_fields = {"slug": ["naam"]}
    fields = ["gemeente", "hoofdcategorie", "naam", "slug", "afhandeltermijn", "actief", "volgorde"]
    inlines = [StandaardantwoordInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "hoofdcategorie":
            kwargs["queryset"] = Categorie.objects.filter(hoofdcategorie=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AlleenLezenInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "melding__gemeente"
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatuswijzigingInline(AlleenLezenInline):
    model = Meldingstatuswijziging
    fields = ["op", "van", "naar", "door", "toelichting", "melder_geinformeerd"]
    readonly_fields = fields


class NotitieInline(AlleenLezenInline):
    model = Notitie
    fields = ["op", "soort", "door", "tekst"]
    readonly_fields = fields


class DoorzettingInline(AlleenLezenInline):
    model = Doorzetting
    fields = ["gesteld_op", "aan", "aan_email", "gesteld_door", "vraag", "beantwoord_op", "antwoord"]
    readonly_fields = fields


class FotoInline(AlleenLezenInline):
    model = Foto
    fields = ["toegevoegd_op"]
    readonly_fields = fields


@admin.register(Melding)
class MeldingAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "gemeente"
    list_display = ["referentie", "categorie", "status", "wijk", "behandelaar", "deadline", "gemeld_op"]
    list_filter = ["gemeente", "status"]
    search_fields = ["referentie", "straat", "herkenningspunt"]
    list_select_related = ["categorie", "categorie__hoofdcategorie", "wijk", "behandelaar"]
    readonly_fields = [
        "referentie",
        "gemeente",
        "categorie",
        "tekst",
        "kern",
        "wijk",
        "buurt",
        "straat",
        "herkenningspunt",
        "lat",
        "lon",
        "melder",
        "email",
        "telefoon",
        "status",
        "behandelaar",
        "deadline",
        "gemeld_op",
        "gesloten_op",
        "hoofdmelding",
    ]
    fields = readonly_fields
    inlines = [StatuswijzigingInline, NotitieInline, DoorzettingInline, FotoInline]

    def has_add_permission(self, request):
        return False  # residents report on the public form; the service numbers and routes
