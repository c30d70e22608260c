import datetime

from django import forms

from gebieden.models import Kern, Wijk
from gebiedsagenda.models import Thema
from rollen.forms import datumveld

from .constants import NIVEAU_UITLEG, Besluitorgaan, Participatieniveau, Partnersoort


class PlanForm(forms.Form):
    vraag = forms.CharField(
        label="De vraag", widget=forms.Textarea(attrs={"rows": 3}), help_text="Waar gaat het traject over?"
    )
    wel_invloed = forms.CharField(
        label="Waar inwoners en partners invloed op hebben", widget=forms.Textarea(attrs={"rows": 4})
    )
    geen_invloed = forms.CharField(
        label="Waar zij geen invloed op hebben",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Bijvoorbeeld: wat al besloten is, of wat de wet vastlegt.",
    )
    besluitorgaan = forms.ChoiceField(label="Wie besluit", choices=Besluitorgaan.choices)
    besluit_verwacht = datumveld("Besluit verwacht in", required=False, help_text="Ongeveer is goed.")
    besluit_genomen_op = datumveld("Besluit genomen op", required=False)
    besluit = forms.CharField(
        label="Het besluit",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Vul in als het besluit er is.",
    )
    themas = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Thema.objects.filter(actief=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Hiermee stellen we passende ketenpartners voor.",
    )


def _niveau_keuzes():
    return [("", "Kies …"), *Participatieniveau.choices]


class StapForm(forms.Form):
    datum = datumveld("Datum", initial=datetime.date.today)
    wat = forms.CharField(label="Wat", max_length=200, help_text="Bijvoorbeeld: informatieavond, enquête.")
    met_wie = forms.CharField(
        label="Met wie", max_length=200, help_text="Groepen of partijen, geen namen van inwoners."
    )
    niveau = forms.ChoiceField(
        label="Niveau op de participatieladder",
        choices=_niveau_keuzes,
        help_text=" ".join(f"{n.label}: {NIVEAU_UITLEG[n]}" for n in Participatieniveau),
    )
    uitgevoerd = forms.BooleanField(label="Deze stap is gedaan", required=False)
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class IntrekkenForm(forms.Form):
    toelichting = forms.CharField(
        label="Waarom is het plan niet meer openbaar?", widget=forms.Textarea(attrs={"rows": 3})
    )


class KetenpartnerForm(forms.Form):
    naam = forms.CharField(label="Naam van de organisatie", max_length=150)
    soort = forms.ChoiceField(label="Soort organisatie", choices=[("", "Kies …"), *Partnersoort.choices])
    omschrijving = forms.CharField(
        label="Wat doet de organisatie", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kernen = forms.ModelMultipleChoiceField(
        label="Kernen",
        queryset=Kern.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Laat kernen en wijken leeg als de organisatie in de hele gemeente werkt.",
    )
    wijken = forms.ModelMultipleChoiceField(
        label="Wijken", queryset=Wijk.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    themas = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Thema.objects.filter(actief=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(
        label="E-mailadres van de organisatie",
        required=False,
        help_text="Een algemeen adres, geen persoonlijk adres.",
    )
    telefoon = forms.CharField(
        label="Telefoonnummer van de organisatie",
        max_length=30,
        required=False,
        help_text="Een algemeen nummer.",
    )
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    actief = forms.BooleanField(
        label="Actief (zichtbaar op de gebiedspagina's)", required=False, initial=True
    )

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kernen"].queryset = Kern.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["wijken"].queryset = Wijk.objects.filter(gemeente=gemeente).order_by("naam")
