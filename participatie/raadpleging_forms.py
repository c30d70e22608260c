"""Forms of consultation rounds: the round, a question, a theme, the response (built from the questions)."""

from django import forms

from rollen.forms import datumveld

from .models import Ketenpartner, Opgehaald
from .raadpleging_constants import NIVEAUS_MET_RAADPLEGING, Afweging, Vraagsoort


class RaadplegingForm(forms.Form):
    stap = forms.ModelChoiceField(
        label="Bij welke stap", queryset=None, help_text="Een stap op niveau raadplegen of adviseren."
    )
    titel = forms.CharField(label="Titel", max_length=150)
    inleiding = forms.CharField(
        label="Inleiding",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Waarover vragen we de mening, en wat doen we ermee?",
    )
    open_van = datumveld("Open vanaf")
    open_tot = datumveld("Open tot en met")
    openbaar = forms.BooleanField(
        label="Iedereen mag reageren", required=False, help_text="Inwoners bevestigen hun reactie per e-mail."
    )
    groepen = forms.ModelMultipleChoiceField(
        label="Uitgenodigde bewonersgroepen",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ketenpartners = forms.ModelMultipleChoiceField(
        label="Uitgenodigde ketenpartners",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Elke partner krijgt een eigen link per e-mail.",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        project = plan.project
        self.fields["stap"].queryset = project.stappen.filter(niveau__in=NIVEAUS_MET_RAADPLEGING)
        self.fields["groepen"].queryset = project.gemeente.groepen.order_by("naam")
        self.fields["ketenpartners"].queryset = Ketenpartner.objects.filter(
            gemeente=project.gemeente, actief=True
        ).order_by("naam")


class VraagForm(forms.Form):
    tekst = forms.CharField(label="Vraag", max_length=300)
    soort = forms.ChoiceField(label="Soort vraag", choices=Vraagsoort.choices)
    keuzes = forms.CharField(
        label="Keuzes (bij meerkeuze)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Eén keuze per regel.",
    )
    verplicht = forms.BooleanField(label="Verplicht", required=False)


class StatusForm(forms.Form):
    toelichting = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ThemaForm(forms.Form):
    titel = forms.CharField(label="Thema", max_length=150)
    wat_gehoord = forms.CharField(
        label="Wat we hoorden", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    afweging = forms.ChoiceField(
        label="Wat doen we ermee", choices=[("", "Nog niet gekozen"), *Afweging.choices], required=False
    )
    waarom = forms.CharField(
        label="Waarom",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Verplicht als we iets niet of deels overnemen.",
    )


class PublicerenForm(forms.Form):
    samenvatting = forms.CharField(
        label="Inleiding van de samenvatting",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text="Kort: wie deed mee en wat viel op.",
    )


class ReactieForm(forms.Form):
    """The answers to the round's questions and the two consent boxes; residents also give an address."""

    def __init__(self, *args, raadpleging, inwoner: bool = False, bestaand=None, **kwargs):
        super().__init__(*args, **kwargs)
        if inwoner:
            self.fields["email"] = forms.EmailField(
                label="Uw e-mailadres",
                max_length=254,
                help_text="U krijgt een e-mail met een link. Pas als u die bevestigt, telt uw reactie mee.",
            )
        if inwoner or bestaand is not None and bestaand.soort == "inwoner":
            self.fields["naam"] = forms.CharField(label="Uw naam (mag leeg)", max_length=120, required=False)
        for vraag in raadpleging.vragen.all():
            naam = f"vraag_{vraag.pk}"
            if vraag.soort == Vraagsoort.OPEN:
                veld = forms.CharField(
                    label=vraag.tekst,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=5000,
                    required=vraag.verplicht,
                )
            elif vraag.soort == Vraagsoort.KEUZE:
                veld = forms.ChoiceField(
                    label=vraag.tekst,
                    choices=[(k, k) for k in vraag.keuzelijst],
                    widget=forms.RadioSelect,
                    required=vraag.verplicht,
                )
            else:
                veld = forms.ChoiceField(
                    label=vraag.tekst,
                    choices=[(str(i), str(i)) for i in range(1, 6)],
                    widget=forms.RadioSelect(attrs={"class": "schaal"}),
                    required=vraag.verplicht,
                    help_text="1 = helemaal oneens of slecht, 5 = helemaal eens of goed.",
                )
            self.fields[naam] = veld
        self.fields["publiceren"] = forms.BooleanField(
            label="Mijn antwoord mag op de website staan", required=False
        )
        self.fields["toon_naam"] = forms.BooleanField(
            label="Met mijn naam (of de naam van de groep of organisatie)",
            required=False,
            help_text="Alleen als het antwoord op de website mag. Zonder vinkje: zonder naam.",
        )
        if bestaand is not None and not self.is_bound:
            self.initial.update(
                {
                    f"vraag_{a.vraag_id}": (str(a.score) if a.score is not None else a.tekst)
                    for a in bestaand.antwoorden.all()
                }
            )
            self.initial.update(
                publiceren=bestaand.toestemming_publiceren, toon_naam=bestaand.toestemming_naam
            )
            if "naam" in self.fields:
                self.initial["naam"] = bestaand.naam

    def antwoorden(self) -> dict:
        return {
            int(naam.removeprefix("vraag_")): waarde
            for naam, waarde in self.cleaned_data.items()
            if naam.startswith("vraag_")
        }


class IndelenForm(forms.Form):
    """Not rendered by Django: the page posts `reactie_<pk>` = theme pk per response (checked by the service)."""


__all__ = [
    "IndelenForm",
    "Opgehaald",
    "PublicerenForm",
    "RaadplegingForm",
    "ReactieForm",
    "StatusForm",
    "ThemaForm",
    "VraagForm",
]
