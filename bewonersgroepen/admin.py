from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html

from bestanden import PriveBestandInput
from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from . import services
from .models import (
    Betaalgegevensstap,
    Betaalgegevenswijziging,
    Groep,
    Groepstatusovergang,
    Lidmaatschap,
    Overeenkomststatusovergang,
    Samenwerkingsovereenkomst,
    Uitnodiging,
)
from .selectors import actieve_lidmaatschappen, is_laatste_contactpersoon
from .validators import gebieden_in_gemeente

CONTACTPERSOON_BLIJFT = (
    "Een groep houdt altijd ten minste één contactpersoon. Maak eerst iemand anders contactpersoon."
)


def _blijft_contactpersoon(cleaned_data) -> bool:
    """Is this row, as entered, an active contact person today?"""
    vandaag = timezone.localdate()
    tot, van = cleaned_data.get("tot"), cleaned_data.get("van")
    return bool(
        cleaned_data.get("is_contactpersoon")
        and (tot is None or tot > vandaag)
        and (van is None or van <= vandaag)
    )


class LidmaatschapFormSet(BaseInlineFormSet):
    """The same rule as the services (`lidmaatschap_wijzigen`/`_beeindigen`): a group that has a
    contact person keeps one, also when a functional admin edits the members in the admin."""

    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        contactpersonen = actieve_lidmaatschappen().filter(groep=self.instance, is_contactpersoon=True)
        if not contactpersonen.exists():
            return
        in_formulier = {f.instance.pk for f in self.forms if f.instance.pk}
        if contactpersonen.exclude(pk__in=in_formulier).exists():
            return
        for formulier in self.forms:
            if (
                formulier.cleaned_data
                and not self._should_delete_form(formulier)
                and _blijft_contactpersoon(formulier.cleaned_data)
            ):
                return
        raise ValidationError(CONTACTPERSOON_BLIJFT)


class LidmaatschapAdminForm(forms.ModelForm):
    class Meta:
        model = Lidmaatschap
        fields = ["groep", "gebruiker", "functie", "is_contactpersoon", "van", "tot"]

    def clean(self):
        data = super().clean()
        oud = self.instance
        if oud.pk and is_laatste_contactpersoon(oud) and not _blijft_contactpersoon(data):
            raise ValidationError(CONTACTPERSOON_BLIJFT)
        return data


class LidmaatschapInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "groep__gemeente"
    model = Lidmaatschap
    formset = LidmaatschapFormSet
    extra = 0
    autocomplete_fields = ["gebruiker"]


class GroepstatusovergangInline(GemeenteAdminMixin, admin.TabularInline):
    """History is append-only: shown, never edited here (status changes go through the service)."""

    gemeente_pad = "groep__gemeente"
    model = Groepstatusovergang
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request, obj=None):
        return False


class GroepAdminForm(forms.ModelForm):
    def clean(self):
        gegevens = super().clean()
        if gegevens.get("gemeente") is not None:
            try:
                gebieden_in_gemeente(
                    gegevens["gemeente"], gegevens.get("kernen") or [], gegevens.get("wijken") or []
                )
            except ValidationError as fout:
                for veld, berichten in fout.message_dict.items():
                    self.add_error(veld, berichten)
        return gegevens


@admin.register(Groep)
class GroepAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "gemeente"
    form = GroepAdminForm
    list_display = ["naam", "soort", "status", "gemeente", "behandelaar", "aangemaakt_op"]
    list_filter = ["soort", "status", "gemeente", "kernen"]
    search_fields = ["naam", "email", "beschrijving", "kvk_nummer"]
    autocomplete_fields = ["gemeente", "kernen", "wijken", "project", "behandelaar"]
    prepopulated_fields = {"slug": ["naam"]}
    list_select_related = ["gemeente", "behandelaar"]
    # The status moves only through the service, which writes the history (who, when, why): here it
    # is shown, with the way to the group's page where the staff change it.
    exclude = ["status"]
    readonly_fields = ["statusregel"]
    inlines = [LidmaatschapInline, GroepstatusovergangInline]

    @admin.display(description="status")
    def statusregel(self, obj):
        if obj is None or obj.pk is None:
            return "Aangemeld (een nieuwe groep begint altijd zo)"
        return format_html(
            '{} — <a href="{}#status-kop">status wijzigen op de pagina van de groep</a>',
            obj.get_status_display(),
            obj.get_absolute_url(),
        )

    def get_readonly_fields(self, request, obj=None):
        # A new IBAN counts only once a second person confirms it (the group's page): not here.
        velden = super().get_readonly_fields(request, obj)
        return [*velden, "iban", "tenaamstelling"] if obj is not None else velden

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        if not change:
            services.groep_toevoegen_in_beheer(groep=obj, door=request.user)
            return
        super().save_model(request, obj, form, change)


class BetaalgegevensstapInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "wijziging__groep__gemeente"
    model = Betaalgegevensstap
    fields = ["op", "van", "naar", "door", "toelichting"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Betaalgegevenswijziging)
class BetaalgegevenswijzigingAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """History only: a new IBAN is proposed, confirmed and refused on the group's page (four eyes)."""

    gemeente_pad = "groep__gemeente"
    list_display = ["groep", "iban", "status", "voorgesteld_door", "voorgesteld_op", "afgehandeld_door"]
    list_filter = ["status"]
    search_fields = ["groep__naam"]
    list_select_related = ["groep", "voorgesteld_door", "afgehandeld_door"]
    readonly_fields = [
        "groep",
        "iban",
        "tenaamstelling",
        "oude_iban",
        "oude_tenaamstelling",
        "status",
        "voorgesteld_door",
        "voorgesteld_op",
        "afgehandeld_door",
        "afgehandeld_op",
        "reden",
    ]
    inlines = [BetaalgegevensstapInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Groepstatusovergang)
class GroepstatusovergangAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "groep__gemeente"
    list_display = ["groep", "van", "naar", "door", "op"]
    list_filter = ["naar"]
    search_fields = ["groep__naam", "toelichting"]
    list_select_related = ["groep", "door"]
    readonly_fields = ["groep", "van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Betaalgegevensstap)
class BetaalgegevensstapAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    """The four-eyes history of payment details: read only (steps go through the group's page)."""

    gemeente_pad = "wijziging__groep__gemeente"
    list_display = ["wijziging", "van", "naar", "door", "op"]
    list_filter = ["naar"]
    search_fields = ["wijziging__groep__naam", "toelichting"]
    list_select_related = ["wijziging__groep", "door"]
    readonly_fields = ["wijziging", "van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    """End a membership with 'lid tot'; the last contact person of a group can be neither ended nor
    deleted (bulk deletion is off for the same reason)."""

    gemeente_pad = "groep__gemeente"
    form = LidmaatschapAdminForm
    list_display = ["gebruiker", "groep", "functie", "is_contactpersoon", "van", "tot"]
    list_filter = ["functie", "is_contactpersoon", "groep__soort"]
    search_fields = ["gebruiker__naam", "gebruiker__email", "groep__naam"]
    autocomplete_fields = ["groep", "gebruiker"]
    list_select_related = ["groep", "gebruiker"]

    def get_actions(self, request):
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)
        return acties

    def has_delete_permission(self, request, obj=None):
        if obj is not None and is_laatste_contactpersoon(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Uitnodiging)
class UitnodigingAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "groep__gemeente"
    list_display = ["naam", "email", "groep", "aangemaakt_op", "verloopt_op", "geaccepteerd_op"]
    list_filter = ["functie", "is_contactpersoon"]
    search_fields = ["naam", "email", "groep__naam"]
    autocomplete_fields = ["groep", "uitgenodigd_door", "gebruiker"]
    list_select_related = ["groep"]
    readonly_fields = ["token_hash"]


class OvereenkomststatusovergangInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "overeenkomst__groep__gemeente"
    model = Overeenkomststatusovergang
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Samenwerkingsovereenkomst)
class SamenwerkingsovereenkomstAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "groep__gemeente"
    list_display = ["groep", "versie", "status", "startdatum", "einddatum", "jaarbijdrage"]
    list_filter = ["status", "groep__gemeente"]
    search_fields = ["groep__naam", "ondertekenaar_naam", "onderwerpen"]
    autocomplete_fields = ["groep", "vorige"]
    list_select_related = ["groep"]
    readonly_fields = ["status", "beeindigingsreden"]
    inlines = [OvereenkomststatusovergangInline]
    formfield_overrides = {models.FileField: {"widget": PriveBestandInput}}

    def get_readonly_fields(self, request, obj=None):
        # As the service (overeenkomst_bijwerken): an active, expired or ended agreement is what was
        # signed; it is not changed afterwards, here neither.
        if obj is not None and not obj.is_bewerkbaar:
            velden = [f.name for f in self.model._meta.fields if f.name not in ("id", "ondertekend_document")]
            return [*velden, "ondertekend_document_opgeslagen"]
        return super().get_readonly_fields(request, obj)

    def get_exclude(self, request, obj=None):
        if obj is not None and not obj.is_bewerkbaar:
            return ["ondertekend_document"]
        return super().get_exclude(request, obj)

    @admin.display(description="ondertekende overeenkomst (PDF)")
    def ondertekend_document_opgeslagen(self, obj):
        # A private file has no URL to link to; staff download it from the agreement's own page.
        return obj.ondertekend_document.name or "-"


@admin.register(Overeenkomststatusovergang)
class OvereenkomststatusovergangAdmin(GemeenteAdminMixin, admin.ModelAdmin):
    gemeente_pad = "overeenkomst__groep__gemeente"
    list_display = ["overeenkomst", "van", "naar", "door", "op"]
    list_filter = ["naar"]
    search_fields = ["overeenkomst__groep__naam", "toelichting"]
    list_select_related = ["overeenkomst__groep", "door"]
    readonly_fields = ["overeenkomst", "van", "naar", "door", "op", "toelichting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
