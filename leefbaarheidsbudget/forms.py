"""Forms: parse input; the services hold the rules and give field errors that views put back here."""

from django import forms

from bestanden import FOUTEN_BESTANDSVELD
from gebieden.models import Kern, Wijk
from gebieden.selectors import kernen_om_te_kiezen
from invoer import bedrag_invoer
from invoer.formulier import Filterformulier, zoekveld
from invoer.versie import VersieVeld

from .constants import MAX_VERDAGING_WEKEN, Status
from .models import Aanvraag
from .selectors import WERKVOORRAAD_FILTERS
from .services import BEWERKBARE_VELDEN
from .voorwaarden import GELEZEN_LABEL


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NieuweAanvraagForm(forms.Form):
    groep = forms.ModelChoiceField(label="Voor welke groep?", queryset=None, empty_label=None)
    titel = forms.CharField(label="Titel van de activiteit", max_length=200)
    voorwaarden_gelezen = forms.BooleanField(
        label=GELEZEN_LABEL,
        required=False,
        help_text="Nodig om de aanvraag in te dienen. Een concept opslaan kan ook zonder.",
    )

    def __init__(self, *args, groepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = groepen


class NamensForm(forms.Form):
    """The part of the staff's form that the group's own form does not have: for which group, and how."""

    groep = forms.ModelChoiceField(
        label="Voor welke groep?",
        queryset=None,
        empty_label="Kies een groep",
        help_text="Alleen actieve groepen die geld uit het leefbaarheidsbudget kunnen aanvragen.",
    )
    toelichting = forms.CharField(
        label="Hoe kwam de aanvraag binnen? (mag leeg blijven)",
        max_length=500,
        required=False,
        help_text="Bijvoorbeeld: telefoon met de voorzitter, of aan de balie. Komt in de tijdlijn.",
    )

    def __init__(self, *args, groepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = groepen


class AanvraagForm(forms.ModelForm):
    eigen_bijdrage = bedrag_invoer("Eigen bijdrage", required=False, help_text="Wat de groep zelf betaalt.")
    cofinanciering = bedrag_invoer(
        "Cofinanciering", required=False, help_text="Wat anderen (fondsen, sponsors) betalen."
    )
    voorwaarden_gelezen = forms.BooleanField(
        label=GELEZEN_LABEL, required=False, help_text="Nodig om de aanvraag in te dienen."
    )
    versie = VersieVeld()

    class Meta:
        model = Aanvraag
        fields = BEWERKBARE_VELDEN
        widgets = {
            "datum_van": DatumInput(),
            "datum_tot": DatumInput(),
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "doel": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("versie", self.instance.versie)
        gemeente_id = self.instance.gemeente_id
        self.fields["kern"].queryset = Kern.objects.filter(gemeente_id=gemeente_id).order_by("naam")
        self.fields["wijk"].queryset = Wijk.objects.filter(gemeente_id=gemeente_id).order_by("naam")

    def _post_clean(self):
        # The service validates the whole application; the form only parses the input.
        pass


class KostenpostForm(forms.Form):
    omschrijving = forms.CharField(label="Omschrijving", max_length=200, required=False)
    bedrag = bedrag_invoer("Bedrag", required=False)

    def clean(self):
        data = super().clean()
        if "bedrag" in self.errors:
            return data  # an amount that was not understood has its one message already
        if data.get("omschrijving") and data.get("bedrag") in (None, ""):
            self.add_error("bedrag", "Vul het bedrag van deze kostenpost in.")
        if data.get("bedrag") not in (None, "") and not data.get("omschrijving"):
            self.add_error("omschrijving", "Schrijf op waar dit bedrag voor is.")
        if data.get("bedrag") is not None and data.get("bedrag") == 0 and data.get("omschrijving"):
            self.add_error("bedrag", "Vul een bedrag hoger dan € 0,00 in.")
        return data


KostenpostFormSet = forms.formset_factory(
    KostenpostForm, extra=3, can_delete=True, max_num=50, validate_max=True
)


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand",
        help_text="Een PDF, JPG of PNG van hoogstens 10 MB.",
        error_messages=FOUTEN_BESTANDSVELD,
    )


class IntrekkenForm(forms.Form):
    toelichting = forms.CharField(
        label="Waarom trekt u de aanvraag in? (mag leeg blijven)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VervallenForm(forms.Form):
    reden = forms.CharField(
        label="Waarom vervalt de jaarbijdrage?",
        help_text="Bijvoorbeeld: de overeenkomst is eerder beëindigd. De groep leest deze reden in de e-mail.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label="Uw antwoord",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="De behandelaar krijgt uw antwoord per e-mail. Het komt ook in de tijdlijn van de aanvraag.",
    )


class VerantwoordingForm(forms.Form):
    werkelijke_kosten = bedrag_invoer("Wat heeft de activiteit echt gekost?")
    verslag = forms.CharField(
        label="Kort verslag",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Hoe ging het? Hoeveel mensen deden mee?",
    )


class DatumForm(forms.Form):
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DatumInput())


class AanvullingForm(forms.Form):
    vraag = forms.CharField(
        label="Welke informatie hebt u nog nodig?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="De groep krijgt deze tekst per e-mail. De beslistermijn staat stil tot zij de aanvraag aanvullen.",
    )


class VerlengenForm(forms.Form):
    weken = forms.IntegerField(label="Met hoeveel weken?", min_value=1, max_value=MAX_VERDAGING_WEKEN)
    reden = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De groep krijgt deze reden per e-mail.",
    )


class BesluitForm(forms.Form):
    TOEKENNEN = "toekennen"
    AFWIJZEN = "afwijzen"
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=[(TOEKENNEN, "Toekennen (helemaal of gedeeltelijk)"), (AFWIJZEN, "Afwijzen")],
        widget=forms.RadioSelect,
    )
    bedrag = bedrag_invoer("Toegekend bedrag", required=False, help_text="Alleen bij toekennen.")
    motivering = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 5}))
    voorwaarden = forms.CharField(
        label="Voorwaarden (mag leeg blijven)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("besluit") == self.TOEKENNEN
            and data.get("bedrag") is None
            and "bedrag" not in self.errors
        ):
            self.add_error("bedrag", "Vul het bedrag in dat u toekent.")
        return data


class BetalingForm(forms.Form):
    betaald_op = forms.DateField(label="Betaald op", widget=DatumInput())
    betaalkenmerk = forms.CharField(label="Betaalkenmerk (mag leeg blijven)", max_length=100, required=False)


class VaststellenForm(forms.Form):
    bedrag = bedrag_invoer("Vastgesteld bedrag")
    motivering = forms.CharField(
        label="Motivering",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht als u minder vaststelt dan toegekend.",
    )


class WerkvoorraadFilterForm(Filterformulier):
    # The tab the list is on (the tabs above the form choose it); kept when the form is sent.
    filter = forms.ChoiceField(
        label="Toon", choices=list(WERKVOORRAAD_FILTERS.items()), required=False, widget=forms.HiddenInput
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Alle statussen"), *Status.choices], required=False
    )
    kern = forms.ModelChoiceField(
        label="Kern", queryset=Kern.objects.none(), required=False, empty_label="Alle kernen"
    )
    jaar = forms.IntegerField(label="Begrotingsjaar", required=False, min_value=2000, max_value=2100)
    q = zoekveld(help_text="Titel, groep of kenmerk (LB-…)")

    def __init__(self, *args, gemeente_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kern"].queryset = kernen_om_te_kiezen([gemeente_id] if gemeente_id else None)
