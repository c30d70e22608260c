from django import forms
from django.contrib.auth.forms import SetPasswordForm

from accounts.emailadres import EmailadresField
from bestanden import FOUTEN_BESTANDSVELD, PriveBestandInput
from gebieden.models import Gemeente, Kern, Wijk
from gebieden.selectors import kernen_om_te_kiezen
from invoer import FOUT_BEDRAG, BedragField, BedragInput
from invoer.formulier import Filterformulier, zoekveld
from invoer.versie import VersieVeld
from rollen.models import Project

from .constants import Functie, Groepsoort, Groepstatus, Overeenkomststatus
from .models import Groep, Lidmaatschap, Samenwerkingsovereenkomst


class GebiedenMixin:
    """Kernen and wijken limited to one gemeente, shown as checkboxes (works without JavaScript)."""

    def beperk_gebieden(self, gemeente):
        self.fields["kernen"].queryset = Kern.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["wijken"].queryset = Wijk.objects.filter(gemeente=gemeente).order_by("naam")
        if "project" in self.fields:
            self.fields["project"].queryset = Project.objects.filter(gemeente=gemeente).order_by("naam")


class AanmeldForm(GebiedenMixin, forms.ModelForm):
    aanmelder_naam = forms.CharField(label="Uw naam", max_length=150)
    aanmelder_email = EmailadresField(
        label="Uw e-mailadres",
        help_text="Hier sturen wij de uitkomst en, na acceptatie, de link om in te loggen.",
    )

    class Meta:
        model = Groep
        fields = [
            "soort",
            "naam",
            "kernen",
            "wijken",
            "beschrijving",
            "email",
            "achterban_grootte",
            "project",
            "thema",
            "standpunt",
            "kvk_nummer",
            "iban",
        ]
        widgets = {
            "kernen": forms.CheckboxSelectMultiple,
            "wijken": forms.CheckboxSelectMultiple,
            "soort": forms.RadioSelect,
            "standpunt": forms.RadioSelect,
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"email": "E-mailadres van de groep (openbaar)"}

    def __init__(self, *args, gemeente: Gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.beperk_gebieden(gemeente)
        # Radio buttons: no "---------" choice (the model field's blank one); nothing checked means no answer.
        self.fields["soort"].choices = [c for c in self.fields["soort"].choices if c[0]]
        self.fields["standpunt"].choices = [c for c in self.fields["standpunt"].choices if c[0]]
        self.fields["standpunt"].required = False


class GroepForm(GebiedenMixin, forms.ModelForm):
    versie = VersieVeld()

    class Meta:
        model = Groep
        fields = [
            "naam",
            "kernen",
            "wijken",
            "beschrijving",
            "email",
            "kvk_nummer",
            "adres",
            "postcode",
            "plaats",
        ]
        widgets = {
            "kernen": forms.CheckboxSelectMultiple,
            "wijken": forms.CheckboxSelectMultiple,
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groep = self.instance
        self.initial.setdefault("versie", groep.versie)
        self.beperk_gebieden(groep.gemeente)
        if groep.soort == Groepsoort.BEWONERSGROEP:
            self.fields["achterban_grootte"] = Groep._meta.get_field("achterban_grootte").formfield(
                required=True
            )
            self.initial["achterban_grootte"] = groep.achterban_grootte
        if groep.soort == Groepsoort.THEMACOMMISSIE:
            self.fields["thema"] = Groep._meta.get_field("thema").formfield(required=True)
            self.fields["standpunt"] = forms.ChoiceField(
                label="Standpunt",
                choices=Groep._meta.get_field("standpunt").choices[1:],
                widget=forms.RadioSelect,
            )
            self.initial.update(thema=groep.thema, standpunt=groep.standpunt)


class BetaalgegevensForm(forms.Form):
    iban = forms.CharField(
        label="IBAN",
        max_length=42,
        required=False,
        help_text="Bijvoorbeeld NL91ABNA0417164300. Spaties mogen.",
    )
    tenaamstelling = forms.CharField(
        label="Rekening op naam van",
        max_length=150,
        required=False,
        help_text="De naam waarop de rekening staat, zoals de bank die kent.",
    )


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label="Waarom gaat de wijziging niet door?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Schrijf op waarom de wijziging niet doorgaat."},
    )


class StatusForm(forms.Form):
    # No choice is made for the user: the list starts empty, so Enter by mistake changes nothing.
    naar = forms.ChoiceField(
        label="Nieuwe status",
        choices=Groepstatus.choices,
        error_messages={"required": "Kies de nieuwe status van de groep."},
    )
    toelichting = forms.CharField(
        label="Toelichting of reden",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij afwijzen, inactief maken en opheffen. De groep krijgt dit te zien.",
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [("", "Kies een status"), *keuzes]


class UitnodigForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=150)
    email = EmailadresField(label="E-mailadres")
    functie = forms.ChoiceField(label="Functie", choices=Functie.choices, initial=Functie.LID)
    is_contactpersoon = forms.BooleanField(label="Contactpersoon van de groep", required=False)


class LidmaatschapForm(forms.ModelForm):
    class Meta:
        model = Lidmaatschap
        fields = ["functie", "is_contactpersoon"]


class WachtwoordKiezenForm(SetPasswordForm):
    """Set the password of a new member; labels in plain Dutch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Kies een wachtwoord"
        self.fields["new_password2"].label = "Herhaal het wachtwoord"


class OvereenkomstForm(forms.ModelForm):
    class Meta:
        model = Samenwerkingsovereenkomst
        fields = [
            "startdatum",
            "einddatum",
            "jaarbijdrage",
            "overlegfrequentie",
            "onderwerpen",
            "verplichtingen_groep",
            "verplichtingen_gemeente",
            "ondertekenaar_naam",
            "ondertekenaar_functie",
            "ondertekend_document",
        ]
        # 2.500,00 as Dutch users type it (Django's localized DecimalField refused the thousands dot).
        field_classes = {"jaarbijdrage": BedragField}
        error_messages = {
            "jaarbijdrage": {"invalid": FOUT_BEDRAG},
            "ondertekend_document": FOUTEN_BESTANDSVELD,
        }
        widgets = {
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "onderwerpen": forms.Textarea(attrs={"rows": 3}),
            "verplichtingen_groep": forms.Textarea(attrs={"rows": 3}),
            "verplichtingen_gemeente": forms.Textarea(attrs={"rows": 3}),
            "ondertekend_document": PriveBestandInput(attrs={"accept": "application/pdf"}),
            "jaarbijdrage": BedragInput(),
        }


class OvereenkomstStatusForm(forms.Form):
    # As the group's status form: nothing is chosen for the user.
    naar = forms.ChoiceField(
        label="Nieuwe status",
        choices=Overeenkomststatus.choices,
        error_messages={"required": "Kies de nieuwe status van de overeenkomst."},
    )
    toelichting = forms.CharField(
        label="Toelichting of reden",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij beëindigen.",
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [("", "Kies een status"), *keuzes]


class FilterForm(Filterformulier):
    zoek = zoekveld()
    soort = forms.ChoiceField(
        label="Soort", required=False, choices=[("", "Alle soorten"), *Groepsoort.choices]
    )
    kern = forms.ModelChoiceField(
        label="Kern", required=False, queryset=Kern.objects.none(), empty_label="Alle kernen"
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alle statussen"), *Groepstatus.choices]
    )
    verloopt = forms.BooleanField(label="Overeenkomst loopt binnen 90 dagen af", required=False)

    def __init__(self, *args, gemeente_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kern"].queryset = kernen_om_te_kiezen(gemeente_ids)
