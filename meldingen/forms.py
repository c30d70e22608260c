"""The public report form (phone first, B1) and the staff forms of a melding."""

from django import forms

from accounts.models import User
from gebieden.models import Kern, Wijk
from gebieden.selectors import kernen_om_te_kiezen, wijken_om_te_kiezen
from invoer.formulier import Filterformulier

from .constants import MAX_FOTOS, OPEN, MeldingStatus
from .models import Categorie
from .selectors import OUDER_DAN_MAX_DAGEN, WACHTRIJEN, categorie_keuzes
from .werkstromen import MELDING


class MeerdereFotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FotosVeld(forms.FileField):
    """Up to MAX_FOTOS photos in one file input (the checks of `bestanden` run in the service)."""

    widget = MeerdereFotosInput

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(d, initial) for d in data if d]
        return [enkel(data, initial)] if data else []


class MeldenForm(forms.Form):
    categorie = forms.TypedChoiceField(label="Waar gaat het over?", coerce=int, empty_value=None)
    tekst = forms.CharField(
        label="Wat is er aan de hand?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bijvoorbeeld: de lamp bij het bankje doet het niet.",
    )
    waar = forms.ChoiceField(
        label="In welke kern of wijk?", required=False, help_text="Weet u het niet? Vul dan de straat in."
    )
    straat = forms.CharField(label="Straat en huisnummer", max_length=120, required=False)
    herkenningspunt = forms.CharField(
        label="Herkenningspunt",
        max_length=200,
        required=False,
        help_text="Bijvoorbeeld: naast de bushalte, achter de school.",
    )
    lat = forms.DecimalField(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput)
    lon = forms.DecimalField(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput)
    fotos = FotosVeld(
        label=f"Foto's (hoogstens {MAX_FOTOS})",
        required=False,
        help_text="JPG of PNG, hoogstens 10 MB per foto. Wij halen de plaats en camera uit de foto.",
    )
    email = forms.EmailField(
        label="Uw e-mailadres",
        required=False,
        help_text="Niet verplicht. Dan krijgt u bericht als wij iets doen.",
    )
    telefoon = forms.CharField(
        label="Uw telefoonnummer",
        max_length=20,
        required=False,
        help_text="Niet verplicht. Voor vragen over uw melding.",
    )
    # A field people do not see (hidden by CSS, skipped by the keyboard); a bot that fills it is refused.
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        self.fields["categorie"].choices = [("", "Kies een onderwerp"), *categorie_keuzes(gemeente)]
        kernen = list(Kern.objects.filter(gemeente=gemeente).order_by("naam"))
        wijken = list(Wijk.objects.filter(gemeente=gemeente).order_by("naam"))
        keuzes = [("", "Kies een kern of wijk")]
        for kern in kernen:
            eigen = [(f"w{w.pk}", w.naam) for w in wijken if w.kern_id == kern.pk]
            keuzes.append((kern.naam, [(f"k{kern.pk}", f"{kern.naam} (weet niet welke wijk)"), *eigen]))
        self._kernen = {k.pk: k for k in kernen}
        self._wijken = {w.pk: w for w in wijken}
        self.fields["waar"].choices = keuzes
        self.fields["tekst"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["telefoon"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["fotos"].widget.attrs["accept"] = "image/jpeg,image/png"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_categorie(self):
        pk = self.cleaned_data["categorie"]
        categorie = (
            Categorie.objects.filter(gemeente=self.gemeente, actief=True, pk=pk)
            .select_related("hoofdcategorie")
            .first()
        )
        if categorie is None:
            raise forms.ValidationError("Kies een onderwerp uit de lijst.")
        return categorie

    def clean_fotos(self):
        fotos = self.cleaned_data["fotos"]
        if len(fotos) > MAX_FOTOS:
            raise forms.ValidationError(f"U kunt hoogstens {MAX_FOTOS} foto's meesturen.")
        return fotos

    def clean(self):
        data = super().clean()
        waar = data.pop("waar", "") or ""
        data["kern"] = data["wijk"] = None
        if waar.startswith("w") and waar[1:].isdigit():
            data["wijk"] = self._wijken.get(int(waar[1:]))
        elif waar.startswith("k") and waar[1:].isdigit():
            data["kern"] = self._kernen.get(int(waar[1:]))
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class OvergangForm(forms.Form):
    naar = forms.ChoiceField(label="Nieuwe status")
    toelichting = forms.CharField(
        label="Toelichting", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    standaardantwoord = forms.ChoiceField(label="Standaardantwoord invoegen", required=False)
    melder_informeren = forms.BooleanField(label="Stuur deze tekst naar de melder", required=False)

    def __init__(self, *args, melding, door, standaardantwoorden=(), volgers=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [
            (o.naar, MELDING.label(o.naar)) for o in MELDING.toegestane_overgangen(door, melding)
        ]
        self.fields["standaardantwoord"].choices = [("", "Geen")] + [
            (str(a.pk), a.titel) for a in standaardantwoorden
        ]
        if volgers:  # reporters of duplicates follow this melding and get the closing text too
            self.fields["melder_informeren"].label = "Stuur deze tekst naar de melder(s)"
        elif not melding.email:
            del self.fields["melder_informeren"]


class NotitieForm(forms.Form):
    tekst = forms.CharField(label="Notitie", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    aan_melder = forms.BooleanField(label="Stuur dit als bericht naar de melder", required=False)

    def __init__(self, *args, melding, **kwargs):
        super().__init__(*args, **kwargs)
        if not melding.email:
            del self.fields["aan_melder"]


class ToewijzenForm(forms.Form):
    behandelaar = forms.ModelChoiceField(
        label="Behandelaar", queryset=User.objects.none(), required=False, empty_label="Niemand (wachtrij)"
    )

    def __init__(self, *args, melding, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.constants import Gebruikerssoort

        self.fields["behandelaar"].queryset = (
            User.objects.filter(
                gemeente_id=melding.gemeente_id,
                groups__name__in=[Gebruikerssoort.MEDEWERKER, Gebruikerssoort.FUNCTIONEEL_BEHEERDER],
                is_active=True,
            )
            .distinct()
            .order_by("naam")
        )


class FeedbackForm(forms.Form):
    tevredenheid = forms.TypedChoiceField(
        label="Hoe tevreden bent u over de afhandeling?",
        coerce=int,
        choices=[(5, "5 – heel tevreden"), (4, "4"), (3, "3"), (2, "2"), (1, "1 – helemaal niet tevreden")],
        widget=forms.RadioSelect,
    )
    opmerking = forms.CharField(
        label="Wilt u nog iets zeggen?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    heropenen = forms.BooleanField(
        label="Het probleem is niet opgelost. Open de melding opnieuw.", required=False
    )


class AfwijzenForm(forms.Form):
    tekst = forms.CharField(
        label="Waarom blijft de melding gesloten?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De melder krijgt deze tekst per e-mail.",
    )


class DubbelForm(forms.Form):
    hoofdmelding = forms.CharField(
        label="Nummer van de hoofdmelding",
        max_length=20,
        help_text="Bijvoorbeeld M-2026-000123. De melder volgt voortaan die melding.",
    )
    reden = forms.CharField(
        label="Waarom is dit dezelfde melding?", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_hoofdmelding(self):
        return self.cleaned_data["hoofdmelding"].strip().upper()


class DoorzettenForm(forms.Form):
    """Forward to a ketenpartner from the gemeente's register (meldingen.registry; those working in the
    melding's wijk first), or type a vakafdeling. The chosen partner's name and e-mail are copied."""

    ketenpartner = forms.ChoiceField(
        label="Ketenpartner",
        required=False,
        help_text="Kiest u een ketenpartner, dan vullen wij de naam en het e-mailadres in. "
        "Voor een afdeling van de gemeente: laat dit leeg en vul hieronder de afdeling in.",
    )
    aan = forms.CharField(
        label="Of: aan welke afdeling of organisatie?",
        max_length=120,
        required=False,
        help_text="Bijvoorbeeld Team Riolering of Stedin.",
    )
    aan_email = forms.EmailField(
        label="E-mailadres (niet verplicht)",
        required=False,
        help_text="Vult u dit in, dan krijgt dit adres de vraag per e-mail. Zonder gegevens van de melder.",
    )
    vraag = forms.CharField(label="Vraag", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, adressen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.adressen = {a.naam: a for a in adressen}
        if not self.adressen:
            del self.fields["ketenpartner"]
            self.fields["aan"].label = "Aan welke afdeling of organisatie?"
            self.fields["aan"].required = True
            return
        hier = [(a.naam, self._label(a)) for a in adressen if a.in_gebied]
        elders = [(a.naam, self._label(a)) for a in adressen if not a.in_gebied]
        keuzes = [("", "Geen: ik vul zelf een afdeling in")]
        if hier:
            keuzes.append(("Werkt in deze wijk of de hele gemeente", hier))
        if elders:
            keuzes.append(("Andere ketenpartners" if hier else "Ketenpartners", elders))
        self.fields["ketenpartner"].choices = keuzes
        # The partner or the typed addressee; put the choice after the typed name in the order of fields.
        self.order_fields(["ketenpartner", "aan", "aan_email", "vraag"])

    @staticmethod
    def _label(adres) -> str:
        return f"{adres.naam} ({adres.soort})" if adres.soort else adres.naam

    def clean(self):
        data = super().clean()
        naam = data.get("ketenpartner")
        if naam:
            adres = self.adressen[naam]
            getypt = (data.get("aan") or "").strip()
            if getypt and getypt != adres.naam:
                self.add_error("aan", "Kies een ketenpartner of vul een afdeling in, niet allebei.")
                return data
            data["aan"] = adres.naam
            if not data.get("aan_email"):
                data["aan_email"] = adres.email
        elif "aan" in self.fields and not (data.get("aan") or "").strip() and "aan" not in self.errors:
            self.add_error("aan", "Kies een ketenpartner of vul in aan welke afdeling u de vraag stelt.")
        data.pop("ketenpartner", None)
        return data


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(label="Antwoord", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class HonorerenForm(forms.Form):
    bericht = forms.CharField(
        label="Wat gaat u doen?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De melder krijgt deze tekst per e-mail, als hij een e-mailadres gaf.",
    )


class OpenbareToelichtingForm(forms.Form):
    openbare_toelichting = forms.CharField(
        label="Openbare toelichting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Iedereen ziet deze tekst op de statuspagina en de kaart. Geen namen of adressen van "
        "mensen. Leeg: niets tonen.",
    )


class WachtrijFilterForm(Filterformulier):
    """The filters above the staff's queues of meldingen; `lijst` is the queue (its tabs choose it)."""

    lijst = forms.ChoiceField(choices=list(WACHTRIJEN.items()), required=False, widget=forms.HiddenInput)
    categorie = forms.ModelChoiceField(
        label="Categorie", queryset=Categorie.objects.none(), required=False, empty_label="Alle"
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle open"), *((s.value, s.label) for s in MeldingStatus if s in OPEN)],
    )
    kern = forms.ModelChoiceField(
        label="Kern", queryset=Kern.objects.none(), required=False, empty_label="Alle"
    )
    wijk = forms.ModelChoiceField(
        label="Wijk", queryset=Wijk.objects.none(), required=False, empty_label="Alle"
    )
    ouder_dan = forms.IntegerField(
        label="Ouder dan (dagen)", required=False, min_value=1, max_value=OUDER_DAN_MAX_DAGEN
    )

    def __init__(self, *args, gemeente_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        categorieen = (
            Categorie.objects.filter(hoofdcategorie=None)
            .only("pk", "naam", "hoofdcategorie")
            .order_by("volgorde", "naam")
        )
        if gemeente_ids is not None:
            categorieen = categorieen.filter(gemeente_id__in=gemeente_ids)
        self.fields["categorie"].queryset = categorieen
        self.fields["kern"].queryset = kernen_om_te_kiezen(gemeente_ids)
        self.fields["wijk"].queryset = wijken_om_te_kiezen(gemeente_ids)
