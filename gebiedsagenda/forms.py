from django import forms

from accounts.emailadres import EmailadresField
from gebieden.models import Kern, Wijk
from invoer.formulier import Filterformulier

from .constants import REACTIE_MAX_LENGTE
from .models import Thema


class NieuwsForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=150)
    tekst = forms.CharField(label="Bericht", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    kernen = forms.ModelMultipleChoiceField(
        label="Kernen",
        queryset=Kern.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Een bericht voor een kern staat ook op de pagina's van haar wijken.",
    )
    wijken = forms.ModelMultipleChoiceField(
        label="Wijken", queryset=Wijk.objects.none(), required=False, widget=forms.SelectMultiple
    )
    hele_gemeente = forms.BooleanField(
        label="Voor de hele gemeente",
        required=False,
        help_text="Dan staat het bericht op de pagina van de gemeente en op die van elke kern en wijk.",
    )

    groep = forms.ModelChoiceField(
        label="Namens groep",
        queryset=None,
        required=False,
        help_text="Een medewerker van de gemeente leest uw voorstel voordat het gepubliceerd wordt.",
    )

    def __init__(self, *args, kernen, wijken, groepen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kernen"].queryset = kernen
        self.fields["wijken"].queryset = wijken
        if groepen is None:  # staff publish on behalf of the gemeente
            del self.fields["groep"]
        else:
            self.fields["groep"].queryset = groepen
            self.fields["groep"].required = True

    def clean(self):
        data = super().clean()
        gebieden = data.get("kernen") or data.get("wijken")
        if not self.errors and not gebieden and not data.get("hele_gemeente"):
            self.add_error("kernen", "Kies ten minste één kern of wijk, of de hele gemeente.")
        if not self.errors and gebieden and data.get("hele_gemeente"):
            self.add_error("hele_gemeente", "Kies de hele gemeente, of kernen en wijken; niet allebei.")
        return data


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=[("publiceren", "Publiceren"), ("afwijzen", "Niet publiceren")],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label="Reden (als u het bericht niet publiceert)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("besluit") == "afwijzen" and not (data.get("reden") or "").strip():
            self.add_error("reden", "Schrijf waarom het bericht niet gepubliceerd wordt.")
        return data


class VolgForm(forms.Form):
    email = EmailadresField(
        label="Uw e-mailadres",
        max_length=254,
        help_text="U krijgt eerst een e-mail met een link om te bevestigen. We tonen uw adres nooit.",
    )


class ReactieForm(forms.Form):
    groep = forms.ModelChoiceField(label="Namens groep", queryset=None)
    tekst = forms.CharField(
        label="Reactie",
        max_length=REACTIE_MAX_LENGTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Hoogstens {REACTIE_MAX_LENGTE} tekens. Eén reactie per groep; een nieuwe vervangt de oude. "
        "De gemeente leest haar en kan haar op deze pagina tonen.",
    )

    def __init__(self, *args, groepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = groepen


class AgendaForm(forms.Form):
    toekomstbeeld = forms.CharField(
        label="Toekomstbeeld",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Kort en in gewone taal: hoe ziet dit gebied er over tien jaar uit, en waar werken we aan?",
    )


class OpgaveForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=150)
    thema = forms.ModelChoiceField(label="Thema", queryset=Thema.objects.filter(actief=True))
    beschrijving = forms.CharField(
        label="Beschrijving", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    eigenaar = forms.ModelChoiceField(
        label="Eigenaar",
        queryset=None,
        required=False,
        empty_label="De Adviseur Leefomgeving van het gebied",
        help_text="Leeg laten: de Adviseur Leefomgeving van het gebied wordt eigenaar.",
    )
    projecten = forms.ModelMultipleChoiceField(
        label="Gekoppelde projecten", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    groepen = forms.ModelMultipleChoiceField(
        label="Gekoppelde bewonersgroepen", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    ook_kernen = forms.ModelMultipleChoiceField(
        label="Speelt ook in deze kernen",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Een opgave die meer gebieden raakt, staat ook op de pagina's van die gebieden.",
    )
    ook_wijken = forms.ModelMultipleChoiceField(
        label="Speelt ook in deze wijken", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    ook_buurten = forms.ModelMultipleChoiceField(
        label="Speelt ook in deze buurten", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, medewerkers, projecten, groepen, gebieden, **kwargs):
        super().__init__(*args, **kwargs)
        for veld, queryset in gebieden.items():
            self.fields[veld].queryset = queryset
        self.fields["groepen"].queryset = groepen
        self.fields["eigenaar"].queryset = medewerkers
        self.fields["eigenaar"].label_from_instance = lambda user: user.naam or user.email
        self.fields["projecten"].queryset = projecten


class StatusForm(forms.Form):
    naar = forms.ChoiceField(label="Nieuwe status", widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht als de opgave een stap terug gaat.",
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(waarde, label) for waarde, label, _ in keuzes]


class NotitieForm(forms.Form):
    datum = forms.DateField(
        label="Datum", input_formats=["%d-%m-%Y", "%Y-%m-%d"], help_text="Bijvoorbeeld 15-03-2026."
    )
    tekst = forms.CharField(label="Voortgang", max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))


class AgendaFilterForm(Filterformulier):
    niveau = forms.ChoiceField(
        label="Niveau",
        required=False,
        choices=[
            ("", "Alle niveaus"),
            ("gemeente", "Hele gemeente"),
            ("kern", "Kern"),
            ("wijk", "Wijk"),
            ("buurt", "Buurt"),
        ],
    )
