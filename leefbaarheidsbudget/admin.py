import logging

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from bewonersgroepen.constants import Groepsoort
from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import Aanvraag, Bijlage, Budget, Kernplafond, Kostenpost, Regeling, Statuswijziging


class RegelingForm(forms.ModelForm):
    aanvragers = forms.MultipleChoiceField(
        label="Wie mag aanvragen",
        choices=Groepsoort.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Standaard alleen activiteitencommissies: een bewonersgroep krijgt geld via haar "
        "samenwerkingsovereenkomst.",
    )

    class Meta:
        model = Regeling
        fields = [
            "gemeente",
            "jaar",
            "max_per_aanvraag",
            "max_per_groep_per_jaar",
            "minimale_voorbereiding_dagen",
            "beslistermijn_weken",
            "direct_vaststellen_tot",
            "sluitingsdatum",
            "aanvragers",
            "vier_ogen",
        ]

    #: Set by RegelingAdmin.get_form: only a superuser switches the four-eyes principle off.
    mag_vier_ogen_uitzetten = False

    def clean_vier_ogen(self):
        aan = self.cleaned_data["vier_ogen"]
        eerder = self.instance.vier_ogen if self.instance.pk else True  # a new regulation starts with it
        if eerder and not aan and not self.mag_vier_ogen_uitzetten:
            raise ValidationError(
                "Alleen een superbeheerder kan het vier-ogenprincipe uitzetten. Het blijft aan."
            )
        return aan


logger = logging.getLogger("gebiedsportaal.beheer")


@admin.register(Regeling)
class RegelingAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    form = RegelingForm
    list_display = [
        "gemeente",
        "jaar",
        "max_per_aanvraag",
        "max_per_groep_per_jaar",
        "minimale_voorbereiding_dagen",
        "beslistermijn_weken",
        "direct_vaststellen_tot",
        "sluitingsdatum",
        "vier_ogen",
    ]
    list_filter = ["gemeente", "jaar", "vier_ogen"]
    search_fields = ["gemeente__naam"]
    autocomplete_fields = ["gemeente"]
    list_select_related = ["gemeente"]

    # The four-eyes principle (who decided does not register the payment, and so on) is switched off only
    # by a superuser, and never unnoticed: the version in the history names who did it and why, and the
    # log has a line.
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.mag_vier_ogen_uitzetten = request.user.is_superuser
        return form

    def save_model(self, request, obj, form, change):
        uit = not obj.vier_ogen and "vier_ogen" in form.changed_data
        if uit:
            obj._change_reason = "Vier-ogenprincipe uitgezet"
        super().save_model(request, obj, form, change)
        if uit:
            logger.warning("Vier-ogenprincipe uitgezet in %s door gebruiker id %s", obj, request.user.pk)


class KernplafondInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "budget__gemeente"
    model = Kernplafond
    extra = 0
    autocomplete_fields = ["kern"]
    readonly_fields = ["vastgelegd"]


@admin.register(Budget)
class BudgetAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    list_display = ["gemeente", "jaar", "totaal", "vastgelegd"]
    list_filter = ["gemeente", "jaar"]
    search_fields = ["gemeente__naam", "jaar"]
    autocomplete_fields = ["gemeente"]
    readonly_fields = ["vastgelegd"]
    inlines = [KernplafondInline]
    list_select_related = ["gemeente"]


@admin.register(Kernplafond)
class KernplafondAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "budget__gemeente"
    list_display = ["kern", "budget", "plafond", "vastgelegd"]
    list_filter = ["budget__gemeente", "budget__jaar"]
    search_fields = ["kern__naam", "budget__gemeente__naam"]
    autocomplete_fields = ["budget", "kern"]
    readonly_fields = ["vastgelegd"]
    list_select_related = ["kern", "budget__gemeente"]


class KostenpostInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "aanvraag__gemeente"
    model = Kostenpost
    extra = 0
    readonly_fields = ["omschrijving", "bedrag"]
    can_delete = False


class BijlageInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "aanvraag__gemeente"
    model = Bijlage
    extra = 0
    fields = ["naam", "soort", "toegevoegd_door", "toegevoegd_op"]
    readonly_fields = fields
    can_delete = False


class StatuswijzigingInline(GemeenteAdminMixin, admin.TabularInline):
    """Append-only: the history is shown, never edited here."""

    gemeente_pad = "aanvraag__gemeente"
    model = Statuswijziging
    extra = 0
    fields = ["op", "van", "naar", "gebeurtenis", "door", "toelichting"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Aanvraag)
class AanvraagAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    """Read-mostly: status and money change only through the services (the pages), never by hand."""

    gemeente_pad = "gemeente"
    list_display = [
        "kenmerk",
        "titel",
        "groep",
        "kern",
        "status",
        "begrotingsjaar",
        "gevraagd_bedrag",
        "toegekend_bedrag",
        "uiterste_beslisdatum",
    ]
    list_filter = ["status", "begrotingsjaar", "gemeente", "direct_vastgesteld", "kern"]
    search_fields = ["titel", "groep__naam", "pk"]
    autocomplete_fields = ["behandelaar"]
    list_select_related = ["groep", "kern"]
    date_hierarchy = "ingediend_op"
    fields = ["behandelaar", "titel", "omschrijving", "doel", "voorwaarden"]
    inlines = [KostenpostInline, BijlageInline, StatuswijzigingInline]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        # Once decided, what the decision letter says (generated from these fields) stays as decided;
        # only the behandelaar can still move.
        if obj is not None and obj.besluit_op is not None:
            return ["titel", "omschrijving", "doel", "voorwaarden"]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "behandelaar" in form.changed_data:
            Statuswijziging.objects.create(
                aanvraag=obj,
                van=obj.status,
                naar=obj.status,
                gebeurtenis="Behandelaar gewijzigd",
                door=request.user,
                toelichting=f"In het beheer: nu {obj.behandelaar or 'niemand'}.",
            )


@admin.register(Kostenpost)
class KostenpostAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "aanvraag__gemeente"
    list_display = ["omschrijving", "bedrag", "aanvraag"]
    search_fields = ["omschrijving", "aanvraag__titel"]
    list_select_related = ["aanvraag"]
    readonly_fields = ["aanvraag", "omschrijving", "bedrag"]

    def has_add_permission(self, request):
        return False


@admin.register(Bijlage)
class BijlageAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "aanvraag__gemeente"
    list_display = ["naam", "soort", "aanvraag", "toegevoegd_op"]
    list_filter = ["soort"]
    search_fields = ["naam", "aanvraag__titel"]
    list_select_related = ["aanvraag"]
    readonly_fields = ["aanvraag", "soort", "naam", "opgeslagen_als", "toegevoegd_door", "toegevoegd_op"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    @admin.display(description="bestand")
    def opgeslagen_als(self, obj):
        # Private files have no URL (the admin would link to one and fail); they are served only by the
        # application's own download view, which asks the permission policy.
        if not obj.bestand:
            return "-"
        try:
            grootte = f", {obj.bestand.size / 1024:.0f} kB"
        except OSError:
            grootte = " (ontbreekt op schijf)"
        return f"{obj.bestand.name}{grootte}"


@admin.register(Statuswijziging)
class StatuswijzigingAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "aanvraag__gemeente"
    list_display = ["aanvraag", "van", "naar", "gebeurtenis", "door", "op"]
    list_filter = ["naar", "van"]
    search_fields = ["aanvraag__titel", "toelichting", "gebeurtenis"]
    list_select_related = ["aanvraag", "door"]
    readonly_fields = ["aanvraag", "van", "naar", "gebeurtenis", "door", "op", "toelichting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
