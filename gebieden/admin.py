from django.contrib import admin

from .beheerbereik import GemeenteAdminMixin
from .models import Buurt, Gebiedsgrens, Gebiedsprofiel, Gemeente, Kern, Postcodegebied, Wijk


class GrensInline(GemeenteAdminMixin, admin.StackedInline):
    """An area's boundary, on the area's own page (it is kept in a table of its own, see Gebiedsgrens)."""

    gemeente_pad = ("gemeente", "kern__gemeente", "wijk__gemeente", "buurt__wijk__gemeente")
    model = Gebiedsgrens
    fields = ["geometrie"]
    extra = 0
    max_num = 1


@admin.register(Gemeente)
class GemeenteAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """A functional admin sees and edits their own gemeente; a gemeente joins or leaves the deployment
    through a superuser (a new one would at once be out of the functional admin's sight)."""

    inlines = [GrensInline]
    gemeente_pad = "pk"
    list_display = [
        "naam",
        "code",
        "inwoners",
        "cbs_jaar",
        "telefoon_algemeen",
        "email_algemeen",
        "bezwaar_email",
    ]
    list_filter = ["cbs_jaar"]
    search_fields = ["naam", "code"]
    prepopulated_fields = {"slug": ["naam"]}

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Kern)
class KernAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    inlines = [GrensInline]
    gemeente_pad = "gemeente"
    list_display = ["naam", "gemeente", "inwoners"]
    list_filter = ["gemeente"]
    search_fields = ["naam", "gemeente__naam"]
    autocomplete_fields = ["gemeente"]
    prepopulated_fields = {"slug": ["naam"]}
    list_select_related = ["gemeente"]


@admin.register(Wijk)
class WijkAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """CBS does not say which kern a wijk belongs to: after an import without a kernen file, filter on
    'kern: leeg' and choose the kernen right in the list."""

    inlines = [GrensInline]
    gemeente_pad = "gemeente"
    list_display = ["naam", "code", "kern", "gemeente", "inwoners", "cbs_jaar"]
    list_editable = ["kern"]
    list_filter = ["gemeente", ("kern", admin.EmptyFieldListFilter), "cbs_jaar"]
    search_fields = ["naam", "code", "kern__naam"]
    autocomplete_fields = ["gemeente", "kern"]
    list_select_related = ["gemeente", "kern"]


@admin.register(Buurt)
class BuurtAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    inlines = [GrensInline]
    gemeente_pad = "wijk__gemeente"
    list_display = ["naam", "code", "wijk", "inwoners", "cbs_jaar"]
    list_filter = ["wijk__gemeente", "cbs_jaar"]
    search_fields = ["naam", "code", "wijk__naam"]
    autocomplete_fields = ["wijk"]
    list_select_related = ["wijk"]


@admin.register(Gebiedsprofiel)
class GebiedsprofielAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = ("gemeente", "wijk__gemeente", "buurt__wijk__gemeente")
    list_display = ["__str__", "jaar", "inwoners", "huishoudens", "woningvoorraad", "gemiddelde_woz"]
    list_filter = ["jaar", "gemeente"]
    search_fields = ["gemeente__naam", "wijk__naam", "wijk__code", "buurt__naam", "buurt__code"]
    autocomplete_fields = ["gemeente", "wijk", "buurt"]
    list_select_related = ["gemeente", "wijk", "buurt"]


@admin.register(Postcodegebied)
class PostcodegebiedAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """Filled by `postcodes_importeren`; correct a single row here (a new import of the same kind
    replaces the gemeente's rows)."""

    gemeente_pad = "gemeente"
    list_display = [
        "postcode",
        "huisnummer_van",
        "huisnummer_tot",
        "straat",
        "gebied",
        "bij_benadering",
        "bron",
    ]
    list_filter = ["gemeente", "bron", "bij_benadering"]
    search_fields = ["postcode", "straat"]
    autocomplete_fields = ["gemeente", "kern", "wijk", "buurt"]
    list_select_related = ["kern", "wijk", "buurt"]
