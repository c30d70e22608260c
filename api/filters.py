"""The filters of the collections, as query parameters (API Design Rules): `?gemeente=` (CBS code, e.g.
GM1904), `?kern=` (number), `?wijk=` (CBS code), `?jaar=` and per collection a status or kind. An unknown
area gives an empty page; a value of the wrong form (a kern that is no number, an unknown status) 400."""

import django_filters as filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from bewonersgroepen.constants import Groepsoort
from bewonersgroepen.models import Groep
from gebieden.models import Buurt, Kern, Wijk
from gebiedsagenda.constants import OpgaveStatus
from gebiedsagenda.models import Nieuwsbericht, Opgave
from meldingen.constants import OPEN
from meldingen.models import Melding
from meldingen.selectors import in_kern as melding_in_kern
from rollen.constants import Fase, Rol
from rollen.models import Project, Toewijzing

GEMEENTE = "CBS-code van de gemeente, bijvoorbeeld GM1904."
KERN = "Nummer van de kern (zie /kernen)."
WIJK = "CBS-code van de wijk, bijvoorbeeld WK190401."


MAX_NUMMER = 2**31 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_NUMMER})
class Nummer(filters.NumberFilter):
    """A whole number within the database's range (a larger one is refused, not sent to the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_NUMMER)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2999})
class Jaar(Nummer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2999, **kwargs)


def _gemeente(veld="gemeente__code"):
    return filters.CharFilter(field_name=veld, help_text=GEMEENTE)


def _kern(veld="kern_id"):
    return Nummer(field_name=veld, help_text=KERN)


def _wijk(veld="wijk__code"):
    return filters.CharFilter(field_name=veld, help_text=WIJK)


class KernFilter(filters.FilterSet):
    gemeente = _gemeente()

    class Meta:
        model = Kern
        fields = ["gemeente"]


class WijkFilter(filters.FilterSet):
    gemeente = _gemeente()
    kern = _kern()

    class Meta:
        model = Wijk
        fields = ["gemeente", "kern"]


class BuurtFilter(filters.FilterSet):
    gemeente = _gemeente("wijk__gemeente__code")
    kern = _kern("wijk__kern_id")
    wijk = _wijk()

    class Meta:
        model = Buurt
        fields = ["gemeente", "kern", "wijk"]


class ContactpersoonFilter(filters.FilterSet):
    gemeente = _gemeente()
    kern = Nummer(method="in_kern", help_text=KERN + " Ook de beheerders van haar wijken.")
    wijk = _wijk()
    rol = filters.ChoiceFilter(choices=Rol.choices, help_text="De rol.")

    class Meta:
        model = Toewijzing
        fields = ["gemeente", "kern", "wijk", "rol"]

    def in_kern(self, qs, name, value):
        return qs.filter(Q(kern_id=value) | Q(wijk__kern_id=value))


class BewonersgroepFilter(filters.FilterSet):
    gemeente = _gemeente()
    kern = Nummer(method="in_kern", help_text=KERN + " Ook groepen in haar wijken.")
    wijk = filters.CharFilter(field_name="wijken__code", distinct=True, help_text=WIJK)
    soort = filters.ChoiceFilter(choices=Groepsoort.choices, help_text="Soort groep.")

    class Meta:
        model = Groep
        fields = ["gemeente", "kern", "wijk", "soort"]

    def in_kern(self, qs, name, value):
        return qs.filter(pk__in=Groep.objects.filter(Q(kernen=value) | Q(wijken__kern=value)).values("pk"))


class OpgaveFilter(filters.FilterSet):
    gemeente = _gemeente("agenda__gemeente__code")
    kern = _kern("agenda__kern_id")
    wijk = _wijk("agenda__wijk__code")
    status = filters.ChoiceFilter(choices=OpgaveStatus.choices, help_text="Status van de opgave.")

    class Meta:
        model = Opgave
        fields = ["gemeente", "kern", "wijk", "status"]


class NieuwsFilter(filters.FilterSet):
    gemeente = _gemeente()
    kern = Nummer(method="in_kern", help_text=KERN + " Ook nieuws voor haar wijken.")
    jaar = Jaar(field_name="gepubliceerd_op__year", help_text="Jaar van publicatie.")

    class Meta:
        model = Nieuwsbericht
        fields = ["gemeente", "kern", "jaar"]

    def in_kern(self, qs, name, value):
        ids = Nieuwsbericht.objects.filter(Q(kernen=value) | Q(wijken__kern=value)).values("pk")
        return qs.filter(pk__in=ids)


class MeldingFilter(filters.FilterSet):
    gemeente = _gemeente()
    kern = Nummer(method="in_kern", help_text=KERN + " Ook meldingen in haar wijken.")
    wijk = _wijk()
    status = filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in OPEN], help_text="Status (alleen open meldingen zijn openbaar)."
    )
    jaar = Jaar(field_name="gemeld_op__year", help_text="Jaar van melden.")

    class Meta:
        model = Melding
        fields = ["gemeente", "kern", "wijk", "status", "jaar"]

    def in_kern(self, qs, name, value):
        return qs.filter(melding_in_kern(value))


class ProjectFilter(filters.FilterSet):
    gemeente = _gemeente()
    kern = Nummer(method="in_kern", help_text=KERN)
    fase = filters.ChoiceFilter(choices=Fase.choices, help_text="Fase van het project.")

    class Meta:
        model = Project
        fields = ["gemeente", "kern", "fase"]

    def in_kern(self, qs, name, value):
        return qs.filter(pk__in=Project.objects.filter(Q(kernen=value) | Q(wijken__kern=value)).values("pk"))
