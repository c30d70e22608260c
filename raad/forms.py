from django import forms

from gebieden.models import Kern
from invoer.formulier import Filterformulier, zoekveld
from rollen.models import Project

from .constants import MotieSoort, MotieStatus
from .models import Thema
from .werkstromen import MOTIE


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MotieFilterForm(Filterformulier):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Alle")] + MotieStatus.choices)
    q = zoekveld(help_text="Nummer, titel of partij.")


class MotieForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=MotieSoort.choices, initial=MotieSoort.MOTIE)
    nummer = forms.CharField(label="Nummer", max_length=20, help_text="Bijvoorbeeld M-31.")
    titel = forms.CharField(label="Titel", max_length=200)
    indieners = forms.CharField(label="Indieners", max_length=200, help_text="Bijvoorbeeld: PvdA e.a.")
    jaar = forms.IntegerField(label="Jaar aangenomen", min_value=1900, max_value=2999)
    datum_aangenomen = forms.DateField(
        label="Datum aangenomen",
        required=False,
        widget=DatumInput(),
        help_text="Laat leeg als u alleen het jaar weet.",
    )
    gevraagde_actie = forms.CharField(label="Gevraagde actie", widget=forms.Textarea(attrs={"rows": 5}))
    kernen = forms.ModelMultipleChoiceField(
        label="Kernen", queryset=Kern.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    themas = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Thema.objects.order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    projecten = forms.ModelMultipleChoiceField(
        label="Projecten",
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="De projecten waar deze motie over gaat. Raadsleden zien de motie bij het project.",
    )

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kernen"].queryset = Kern.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["projecten"].queryset = Project.objects.filter(gemeente=gemeente).order_by("naam")

    def clean(self):
        data = super().clean()
        datum, jaar = data.get("datum_aangenomen"), data.get("jaar")
        if datum and jaar and datum.year != jaar:
            self.add_error(
                "datum_aangenomen", "De datum valt niet in het jaar waarin de motie is aangenomen."
            )
        return data


class VoortgangForm(forms.Form):
    datum = forms.DateField(label="Datum", widget=DatumInput())
    tekst = forms.CharField(label="Stand van zaken", widget=forms.Textarea(attrs={"rows": 6}))
    nieuwe_status = forms.ChoiceField(label="Status", required=False)

    def __init__(self, *args, motie, gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [("", f"Niet wijzigen (nu: {motie.get_status_display().lower()})")]
        keuzes += [
            (o.naar, f"Wijzigen in: {MotieStatus(o.naar).label.lower()}")
            for o in MOTIE.toegestane_overgangen(gebruiker, motie)
        ]
        self.fields["nieuwe_status"].choices = keuzes
