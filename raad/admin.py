from django.contrib import admin

from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import Motie, Motiestatuswijziging, Thema, Voortgangsupdate


@admin.register(Thema)
class ThemaAdmin(GeschiedenisAdmin):
    """Not scoped per gemeente: the policy themes are one list for the whole deployment (no gemeente)."""

    list_display = ["naam"]
    search_fields = ["naam"]


class VoortgangsupdateInline(GemeenteAdminMixin, admin.StackedInline):
    gemeente_pad = "motie__gemeente"
    model = Voortgangsupdate
    extra = 0
    fields = ["datum", "tekst", "auteur", "status_van", "status_naar"]
    # A status change is a workflow step (werkstromen.MOTIE) with its history row: made on the site.
    readonly_fields = ["status_van", "status_naar"]
    autocomplete_fields = ["auteur"]


class StatuswijzigingInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "motie__gemeente"
    model = Motiestatuswijziging
    fields = ["op", "van", "naar", "door", "toelichting"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # transitions go through the service, which checks the table


@admin.register(Motie)
class MotieAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["nummer", "titel", "soort", "indieners", "jaar", "status", "gemeente"]
    list_filter = ["status", "soort", "gemeente", "jaar", "themas"]
    search_fields = ["nummer", "titel", "indieners", "gevraagde_actie"]
    autocomplete_fields = ["gemeente", "kernen", "themas"]
    list_select_related = ["gemeente"]
    readonly_fields = ["status"]
    inlines = [VoortgangsupdateInline, StatuswijzigingInline]


@admin.register(Voortgangsupdate)
class VoortgangsupdateAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "motie__gemeente"
    list_display = ["motie", "datum", "status_naar", "auteur"]
    list_filter = ["motie__gemeente", "motie__status"]
    search_fields = ["motie__nummer", "motie__titel", "tekst"]
    autocomplete_fields = ["motie", "auteur"]
    list_select_related = ["motie", "auteur"]
    date_hierarchy = "datum"
