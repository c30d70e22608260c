from django.contrib import admin

from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import (
    Gebiedsagenda,
    Nieuwsbericht,
    Opgave,
    OpgaveStatuswijziging,
    Thema,
    Volger,
    Voortgangsnotitie,
)

# An agenda belongs to a kern or to a wijk; so do its opgaven, their notes and transitions, and followers.
GEBIED = ("kern__gemeente", "wijk__gemeente")
AGENDA = tuple(f"agenda__{pad}" for pad in GEBIED)
OPGAVE = tuple(f"opgave__{pad}" for pad in AGENDA)


@admin.register(Thema)
class ThemaAdmin(GeschiedenisAdmin):
    """Not scoped per gemeente: the themes are one list for the whole deployment (no gemeente field)."""

    list_display = ["naam", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam"]


class OpgaveInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = AGENDA
    model = Opgave
    fields = ["titel", "thema", "status", "eigenaar"]
    readonly_fields = ["status"]
    autocomplete_fields = ["thema", "eigenaar"]
    extra = 0
    show_change_link = True


@admin.register(Gebiedsagenda)
class GebiedsagendaAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = GEBIED
    list_display = ["__str__", "bijgewerkt_op"]
    list_filter = ["kern__gemeente"]
    search_fields = ["kern__naam", "wijk__naam", "wijk__code", "toekomstbeeld"]
    autocomplete_fields = ["kern", "wijk"]
    list_select_related = ["kern", "wijk"]
    inlines = [OpgaveInline]


class StatuswijzigingInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = OPGAVE
    model = OpgaveStatuswijziging
    fields = ["op", "van", "naar", "door", "toelichting"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # transitions go through the service, which checks the table


class NotitieInline(GemeenteAdminMixin, admin.StackedInline):
    gemeente_pad = OPGAVE
    model = Voortgangsnotitie
    fields = ["datum", "tekst", "auteur"]
    autocomplete_fields = ["auteur"]
    extra = 0


@admin.register(Opgave)
class OpgaveAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = AGENDA
    list_display = ["titel", "agenda", "thema", "status", "eigenaar"]
    list_filter = ["status", "thema", "agenda__kern__gemeente"]
    search_fields = ["titel", "beschrijving", "agenda__kern__naam", "agenda__wijk__naam"]
    autocomplete_fields = ["agenda", "thema", "eigenaar", "projecten"]
    readonly_fields = ["status"]
    list_select_related = ["agenda__kern", "agenda__wijk", "thema", "eigenaar"]
    inlines = [NotitieInline, StatuswijzigingInline]


@admin.register(Nieuwsbericht)
class NieuwsberichtAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["titel", "gemeente", "status", "gepubliceerd_op", "auteur"]
    list_filter = ["status", "gemeente"]
    search_fields = ["titel", "tekst"]
    autocomplete_fields = ["gemeente", "kernen", "wijken", "auteur", "beoordeeld_door"]
    date_hierarchy = "aangemaakt_op"
    list_select_related = ["gemeente", "auteur"]


@admin.register(Volger)
class VolgerAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """Counts and deletion only: the addresses are personal data and are not listed."""

    gemeente_pad = GEBIED
    list_display = ["__str__", "aangemaakt_op", "bevestigd_op", "verstuurd_tot"]
    list_filter = [("bevestigd_op", admin.EmptyFieldListFilter), "kern__gemeente"]
    search_fields = ["kern__naam", "wijk__naam", "wijk__code"]
    fields = ["kern", "wijk", "aangemaakt_op", "bevestigd_op", "verstuurd_tot"]
    readonly_fields = fields
    list_select_related = ["kern", "wijk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
