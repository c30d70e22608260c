import datetime

from django import forms
from django.contrib.auth import get_user_model

from gebieden.models import Gemeente, Kern, Wijk
from invoer.formulier import Filterformulier, zoekveld

from .constants import Fase, Participatieniveau, Rol
from .models import Project
from .selectors import TOEWIJZING_STANDEN

DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y"]


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def datumveld(label, required=True, **kwargs):
    return forms.DateField(
        label=label, required=required, input_formats=DATUM_FORMATEN, widget=DatumInput(), **kwargs
    )


def _medewerkers(gemeente_ids):
    from .selectors import medewerkers_van

    return medewerkers_van(gemeente_ids)


def _scoped(qs, gemeente_ids, veld="gemeente_id__in"):
    return qs if gemeente_ids is None else qs.filter(**{veld: gemeente_ids})


class ProjectFilterForm(Filterformulier):
    fase = forms.ChoiceField(label="Fase", required=False, choices=[("", "Alle fasen"), *Fase.choices])


class ToewijzingFilterForm(Filterformulier):
    """The filters above the assignments; `gemeente` (hidden) keeps the chosen gemeente of a user who may
    choose one, and is left out for everyone else."""

    gemeente = forms.CharField(required=False, widget=forms.HiddenInput)
    rol = forms.ChoiceField(label="Rol", required=False, choices=[("", "Alle rollen"), *Rol.choices])
    stand = forms.ChoiceField(label="Periode", required=False, choices=list(TOEWIJZING_STANDEN.items()))
    q = zoekveld("Zoek op persoon, kern, wijk of project")

    def __init__(self, *args, met_gemeente: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not met_gemeente:
            del self.fields["gemeente"]


class ToewijzingForm(forms.Form):
    rol = forms.ChoiceField(label="Rol", choices=Rol.choices)
    medewerker = forms.ModelChoiceField(
        label="Medewerker",
        queryset=get_user_model().objects.none(),
        required=False,
        help_text="Voor een wijkwethouder zonder account: laat leeg en vul naam en contact in.",
    )
    naam = forms.CharField(label="Naam (alleen wijkwethouder zonder account)", max_length=150, required=False)
    email = forms.EmailField(label="E-mail (werk)", required=False)
    telefoon = forms.CharField(label="Telefoon (werk)", max_length=30, required=False)
    kern = forms.ModelChoiceField(label="Kern", queryset=Kern.objects.none(), required=False)
    wijk = forms.ModelChoiceField(label="Wijk", queryset=Wijk.objects.none(), required=False)
    project = forms.ModelChoiceField(label="Project", queryset=Project.objects.none(), required=False)
    van = datumveld("Van", initial=datetime.date.today)
    tot = datumveld("Tot en met", required=False, help_text="Leeg: tot nader order.")

    def __init__(self, *args, gemeente_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = _medewerkers(gemeente_ids)
        self.fields["kern"].queryset = _scoped(Kern.objects.select_related("gemeente"), gemeente_ids)
        self.fields["wijk"].queryset = _scoped(Wijk.objects.select_related("gemeente"), gemeente_ids)
        self.fields["project"].queryset = _scoped(
            Project.objects.select_related("gemeente").exclude(fase=Fase.AFGEROND), gemeente_ids
        )


class BeeindigenForm(forms.Form):
    tot = datumveld("Laatste dag", initial=datetime.date.today)
    opvolger = forms.ModelChoiceField(
        label="Opvolger",
        queryset=get_user_model().objects.none(),
        required=False,
        help_text="De opvolger krijgt de rol vanaf de dag erna, met het open werk voor dit gebied.",
    )
    reden = forms.CharField(label="Reden", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, toewijzing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opvolger"].queryset = _medewerkers([toewijzing.gemeente_id]).exclude(
            pk=toewijzing.medewerker_id or 0
        )


class ProjectForm(forms.Form):
    gemeente = forms.ModelChoiceField(label="Gemeente", queryset=Gemeente.objects.none())
    naam = forms.CharField(label="Naam", max_length=150)
    beschrijving = forms.CharField(
        label="Beschrijving", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    fase = forms.ChoiceField(label="Fase", choices=Fase.choices)
    kernen = forms.ModelMultipleChoiceField(
        label="Kernen",
        queryset=Kern.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Laat kernen en wijken leeg als het project de hele gemeente raakt.",
    )
    wijken = forms.ModelMultipleChoiceField(
        label="Wijken", queryset=Wijk.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, gemeente_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = _scoped(Gemeente.objects.all(), gemeente_ids, "pk__in")
        self.fields["kernen"].queryset = _scoped(Kern.objects.select_related("gemeente"), gemeente_ids)
        self.fields["wijken"].queryset = _scoped(Wijk.objects.select_related("gemeente"), gemeente_ids)


class ParticipatiestapForm(forms.Form):
    datum = datumveld("Datum", initial=datetime.date.today)
    wat = forms.CharField(label="Wat", max_length=200, help_text="Bijvoorbeeld: informatieavond, enquête.")
    met_wie = forms.CharField(
        label="Met wie", max_length=200, help_text="Groepen of partijen, geen namen van inwoners."
    )
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    niveau = forms.ChoiceField(
        label="Niveau op de participatieladder",
        choices=[("", "Kies …"), *Participatieniveau.choices],
        required=False,
        help_text="Hoe zwaar telt de inbreng in deze stap?",
    )
    uitgevoerd = forms.BooleanField(label="Deze stap is gedaan", required=False, initial=True)
