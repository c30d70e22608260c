from django.contrib import admin

from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import Motie, Thema, Voortgangsupdate


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
    autocomplete_fields = ["auteur"]


@admin.register(Motie)
class MotieAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["nummer", "titel", "soort", "indieners", "jaar", "status", "gemeente"]
    list_filter = ["status", "soort", "gemeente", "jaar", "themas"]
    search_fields = ["nummer", "titel", "indieners", "gevraagde_actie"]
    autocomplete_fields = ["gemeente", "kernen", "themas"]
    list_select_related = ["gemeente"]
    inlines = [VoortgangsupdateInline]


@admin.register(Voortgangsupdate)
class VoortgangsupdateAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "motie__gemeente"
    list_display = ["motie", "datum", "status_naar", "auteur"]
    list_filter = ["motie__gemeente", "motie__status"]
    search_fields = ["motie__nummer", "motie__titel", "tekst"]
    autocomplete_fields = ["motie", "auteur"]
    list_select_related = ["motie", "auteur"]
    date_hierarchy = "datum"
