from django.contrib import admin

from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import (
    Gebiedsagenda,
    Nieuwsbericht,
    Nieuwsstatuswijziging,
    Opgave,
    OpgaveStatuswijziging,
    Reactie,
    Thema,
    Volger,
    Voortgangsnotitie,
)

# An agenda names its gemeente (at every level); its opgaven, their notes, transitions and reactions
# reach it through the agenda. A follower follows a kern or a wijk.
GEBIED = ("kern__gemeente", "wijk__gemeente")
AGENDA = "agenda__gemeente"
OPGAVE = "opgave__agenda__gemeente"


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
    gemeente_pad = "gemeente"
    list_display = ["__str__", "niveau", "gemeente", "bijgewerkt_op"]
    list_filter = ["gemeente"]
    search_fields = [
        "gemeente__naam",
        "kern__naam",
        "wijk__naam",
        "wijk__code",
        "buurt__naam",
        "toekomstbeeld",
    ]
    autocomplete_fields = ["gemeente", "kern", "wijk", "buurt"]
    list_select_related = ["gemeente", "kern", "wijk", "buurt"]
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
    list_filter = ["status", "thema", "agenda__gemeente"]
    search_fields = [
        "titel",
        "beschrijving",
        "agenda__kern__naam",
        "agenda__wijk__naam",
        "agenda__buurt__naam",
    ]
    autocomplete_fields = [
        "agenda",
        "thema",
        "eigenaar",
        "projecten",
        "ook_kernen",
        "ook_wijken",
        "ook_buurten",
    ]
    readonly_fields = ["status"]
    list_select_related = [
        "agenda__gemeente",
        "agenda__kern",
        "agenda__wijk",
        "agenda__buurt",
        "thema",
        "eigenaar",
    ]
    inlines = [NotitieInline, StatuswijzigingInline]


@admin.register(Reactie)
class ReactieAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    """Reactions of resident groups on opgaven: find, read, correct or remove them. Publishing for the
    public page normally happens on the opgave's page (the service records who published)."""

    gemeente_pad = OPGAVE
    list_display = ["opgave", "groep", "gepubliceerd", "gewijzigd_op", "auteur"]
    list_filter = [
        ("gepubliceerd_op", admin.EmptyFieldListFilter),
        "opgave__agenda__gemeente",
        "opgave__thema",
        "opgave__status",
    ]
    search_fields = ["tekst", "groep__naam", "opgave__titel"]
    autocomplete_fields = ["opgave", "groep", "auteur", "gepubliceerd_door"]
    list_select_related = ["opgave", "groep", "auteur"]
    date_hierarchy = "gewijzigd_op"

    @admin.display(description="gepubliceerd", boolean=True, ordering="gepubliceerd_op")
    def gepubliceerd(self, obj):
        return obj.is_gepubliceerd


class NieuwsStatuswijzigingInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "bericht__gemeente"
    model = Nieuwsstatuswijziging
    fields = ["op", "van", "naar", "door", "toelichting"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # steps go through the service, which checks the table


@admin.register(Nieuwsbericht)
class NieuwsberichtAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["titel", "gemeente", "status", "gepubliceerd_op", "auteur"]
    list_filter = ["status", "gemeente"]
    search_fields = ["titel", "tekst"]
    autocomplete_fields = ["gemeente", "kernen", "wijken", "auteur"]
    date_hierarchy = "aangemaakt_op"
    list_select_related = ["gemeente", "auteur"]
    # Publishing or refusing is a workflow step (werkstromen.NIEUWS) with its history row: on the site.
    readonly_fields = ["status", "gepubliceerd_op", "beoordeeld_door", "reden"]
    inlines = [NieuwsStatuswijzigingInline]


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
