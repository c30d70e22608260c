"""What the API shows of each object: only what the open pages show. Field names in camelCase, as the
API Design Rules' JSON examples do; an area is named by its identifier in the API (a gemeente, wijk or
buurt by its CBS code, a kern by its number)."""

from rest_framework import serializers

from bewonersgroepen.models import Groep
from gebieden.models import Buurt, Gemeente, Kern, Wijk
from gebiedsagenda.models import Nieuwsbericht, Opgave
from meldingen.models import Melding
from meldingen.selectors import afgerond_punt
from rollen.models import Project, Toewijzing


class GemeenteSerializer(serializers.ModelSerializer):
    telefoonAlgemeen = serializers.CharField(source="telefoon_algemeen")
    emailAlgemeen = serializers.CharField(source="email_algemeen")

    class Meta:
        model = Gemeente
        fields = ["code", "naam", "slug", "inwoners", "telefoonAlgemeen", "emailAlgemeen"]


class KernSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code", help_text="CBS-code van de gemeente.")

    class Meta:
        model = Kern
        fields = ["id", "naam", "slug", "gemeente", "inwoners"]


class WijkSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code", help_text="CBS-code van de gemeente.")
    kern = serializers.IntegerField(source="kern_id", allow_null=True, help_text="Nummer van de kern.")

    class Meta:
        model = Wijk
        fields = ["code", "naam", "slug", "gemeente", "kern", "inwoners"]


class BuurtSerializer(serializers.ModelSerializer):
    wijk = serializers.CharField(source="wijk.code", help_text="CBS-code van de wijk.")
    gemeente = serializers.CharField(source="wijk.gemeente.code", help_text="CBS-code van de gemeente.")

    class Meta:
        model = Buurt
        fields = ["code", "naam", "slug", "wijk", "gemeente", "inwoners"]


class ContactpersoonSerializer(serializers.ModelSerializer):
    rolNaam = serializers.CharField(source="get_rol_display")
    naam = serializers.CharField(source="persoon_naam")
    email = serializers.CharField(source="persoon_email", help_text="Werkadres.")
    telefoon = serializers.CharField(source="persoon_telefoon", help_text="Werknummer.")
    gemeente = serializers.CharField(source="gemeente.code")
    kern = serializers.IntegerField(source="kern_id", allow_null=True)
    wijk = serializers.CharField(source="wijk.code", allow_null=True, default=None)
    project = serializers.IntegerField(source="project_id", allow_null=True)

    class Meta:
        model = Toewijzing
        fields = ["rol", "rolNaam", "naam", "email", "telefoon", "gemeente", "kern", "wijk", "project"]


class BewonersgroepSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code")
    kernen = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    wijken = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    email = serializers.CharField(help_text="Het openbare adres van de groep (ook op de gebiedspagina).")

    class Meta:
        model = Groep
        fields = ["id", "naam", "soort", "thema", "email", "gemeente", "kernen", "wijken"]


class OpgaveSerializer(serializers.ModelSerializer):
    thema = serializers.CharField(source="thema.naam")
    gemeente = serializers.CharField(source="agenda.gemeente.code")
    niveau = serializers.CharField(source="agenda.niveau", help_text="gemeente, kern, wijk of buurt.")
    kern = serializers.IntegerField(source="agenda.kern_id", allow_null=True)
    wijk = serializers.CharField(source="agenda.wijk.code", allow_null=True, default=None)
    buurt = serializers.CharField(source="agenda.buurt.code", allow_null=True, default=None)
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op")

    class Meta:
        model = Opgave
        fields = [
            "id",
            "titel",
            "thema",
            "status",
            "beschrijving",
            "gemeente",
            "niveau",
            "kern",
            "wijk",
            "buurt",
            "aangemaaktOp",
            "gewijzigdOp",
        ]


class NieuwsSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code")
    kernen = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    wijken = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    gepubliceerdOp = serializers.DateTimeField(source="gepubliceerd_op")

    class Meta:
        model = Nieuwsbericht
        fields = ["id", "titel", "tekst", "gemeente", "kernen", "wijken", "gepubliceerdOp"]


class BudgetcijfersSerializer(serializers.Serializer):
    """One row of the open figures: the money of one kern in one year (aggregates only)."""

    kern = serializers.IntegerField(source="kern.pk")
    kernNaam = serializers.CharField(source="kern.naam")
    gemeente = serializers.CharField(source="kern.gemeente.code")
    jaar = serializers.IntegerField()
    plafond = serializers.DecimalField(
        source="totaal", max_digits=12, decimal_places=2, allow_null=True, help_text="Budget van de kern."
    )
    toegekend = serializers.DecimalField(max_digits=12, decimal_places=2)
    gereserveerd = serializers.DecimalField(max_digits=12, decimal_places=2)
    uitbetaald = serializers.DecimalField(max_digits=12, decimal_places=2)
    vastgesteld = serializers.DecimalField(max_digits=12, decimal_places=2)
    terugTeVorderen = serializers.DecimalField(source="terug_te_vorderen", max_digits=12, decimal_places=2)
    vrij = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class LocatieSerializer(serializers.Serializer):
    lat = serializers.DecimalField(max_digits=7, decimal_places=4, coerce_to_string=False)
    lon = serializers.DecimalField(max_digits=7, decimal_places=4, coerce_to_string=False)


class MeldingSerializer(serializers.ModelSerializer):
    """Category, status, area, date and a rounded point: never the text, the street or the reporter."""

    categorie = serializers.CharField(source="categorie.naam")
    hoofdcategorie = serializers.CharField(
        source="categorie.hoofdcategorie.naam", allow_null=True, default=None
    )
    gemeente = serializers.CharField(source="gemeente.code")
    kern = serializers.IntegerField(source="kern_id", allow_null=True)
    wijk = serializers.CharField(source="wijk.code", allow_null=True, default=None)
    gemeldOp = serializers.DateTimeField(source="gemeld_op")
    locatie = serializers.SerializerMethodField(
        help_text="Het midden van het vak van ongeveer 50 bij 50 meter waarin de melding ligt (nooit de precieze plek)."
    )

    class Meta:
        model = Melding
        fields = [
            "referentie",
            "categorie",
            "hoofdcategorie",
            "status",
            "gemeente",
            "kern",
            "wijk",
            "gemeldOp",
            "locatie",
        ]

    def get_locatie(self, melding) -> LocatieSerializer(allow_null=True):  # type: ignore[valid-type]
        # The same rounding as the public map per wijk (one rule, on the server).
        punt = afgerond_punt(melding.lat, melding.lon)
        return None if punt is None else {"lat": punt[0], "lon": punt[1]}


class ProjectSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code")
    kernen = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    wijken = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    omgevingsmanager = serializers.SerializerMethodField(
        help_text="Naam van de omgevingsmanager (medewerker)."
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "naam",
            "slug",
            "gemeente",
            "fase",
            "beschrijving",
            "kernen",
            "wijken",
            "omgevingsmanager",
        ]

    def get_omgevingsmanager(self, project) -> str | None:
        toewijzing = project.omgevingsmanager_toewijzing()
        return toewijzing.persoon_naam if toewijzing else None
