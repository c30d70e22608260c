"""The collections and single objects of the open data API. Each reads through the public selector of
its app (the same one behind the open page), so the API never shows more than the site does."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from bewonersgroepen.selectors import actieve_groepen
from gebieden.models import Buurt, Gemeente, Kern, Wijk
from gebiedsagenda.selectors import gepubliceerd_nieuws, openbare_opgaven
from leefbaarheidsbudget.selectors import budgetcijfers_van_kernen, kernplafond
from meldingen.selectors import openbare_meldingen
from rollen.selectors import openbare_contacten, projecten_lijst

from . import filters, serializers
from .schema import document, voor_mensen

ID = r"[0-9]{1,9}"  # a number the database can hold; a longer one is simply not found
CODE = r"[A-Za-z0-9-]{1,20}"
GEMEENTECODE = r"^GM[0-9]{4}$"


class Leesbaar(viewsets.ReadOnlyModelViewSet):
    """A read-only collection (GET only)."""

    http_method_names = ["get", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="Gemeenten", description="Alle gemeenten in het portaal."),
    retrieve=extend_schema(summary="Eén gemeente", description="Een gemeente, op haar CBS-code."),
)
class GemeenteViewSet(Leesbaar):
    serializer_class = serializers.GemeenteSerializer
    lookup_field = "code"
    lookup_value_regex = CODE

    def get_queryset(self):
        return Gemeente.objects.order_by("naam", "pk")


@extend_schema_view(
    list=extend_schema(summary="Kernen", description="Kernen (dorpen en steden) van de gemeenten."),
    retrieve=extend_schema(summary="Eén kern", description="Een kern, op haar nummer."),
)
class KernViewSet(Leesbaar):
    serializer_class = serializers.KernSerializer
    filterset_class = filters.KernFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return Kern.objects.select_related("gemeente").order_by("gemeente__naam", "naam", "pk")


@extend_schema_view(
    list=extend_schema(summary="Wijken", description="Wijken (CBS-indeling) van de gemeenten."),
    retrieve=extend_schema(summary="Eén wijk", description="Een wijk, op haar CBS-code."),
)
class WijkViewSet(Leesbaar):
    serializer_class = serializers.WijkSerializer
    filterset_class = filters.WijkFilter
    lookup_field = "code"
    lookup_value_regex = CODE

    def get_queryset(self):
        return Wijk.objects.select_related("gemeente").order_by("code", "pk")


@extend_schema_view(
    list=extend_schema(summary="Buurten", description="Buurten (CBS-indeling) van de wijken."),
    retrieve=extend_schema(summary="Eén buurt", description="Een buurt, op haar CBS-code."),
)
class BuurtViewSet(Leesbaar):
    serializer_class = serializers.BuurtSerializer
    filterset_class = filters.BuurtFilter
    lookup_field = "code"
    lookup_value_regex = CODE

    def get_queryset(self):
        return Buurt.objects.select_related("wijk__gemeente").order_by("code", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Contactpersonen",
        description=(
            "Wie is vandaag de contactpersoon: beheerder, adviseur en wijkwethouder per kern of wijk en de "
            "omgevingsmanager van lopende projecten. Alleen werkgegevens, zoals op /contactpersonen/."
        ),
    )
)
class ContactpersoonViewSet(viewsets.GenericViewSet, viewsets.mixins.ListModelMixin):
    serializer_class = serializers.ContactpersoonSerializer
    filterset_class = filters.ContactpersoonFilter
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return openbare_contacten()


@extend_schema_view(
    list=extend_schema(summary="Bewonersgroepen", description="Actieve bewonersgroepen en commissies."),
    retrieve=extend_schema(summary="Eén bewonersgroep", description="Een actieve groep, op haar nummer."),
)
class BewonersgroepViewSet(Leesbaar):
    serializer_class = serializers.BewonersgroepSerializer
    filterset_class = filters.BewonersgroepFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return (
            actieve_groepen()
            .select_related("gemeente")
            .prefetch_related(
                Prefetch("kernen", queryset=Kern.objects.only("pk")),
                Prefetch("wijken", queryset=Wijk.objects.only("pk", "code")),
            )
            .order_by("naam", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Opgaven", description="De opgaven van de gebiedsagenda's."),
    retrieve=extend_schema(summary="Eén opgave", description="Een opgave, op haar nummer."),
)
class OpgaveViewSet(Leesbaar):
    serializer_class = serializers.OpgaveSerializer
    filterset_class = filters.OpgaveFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return openbare_opgaven()


@extend_schema_view(
    list=extend_schema(summary="Nieuws", description="Gepubliceerd gebiedsnieuws, nieuwste eerst."),
    retrieve=extend_schema(
        summary="Eén nieuwsbericht", description="Een gepubliceerd bericht, op zijn nummer."
    ),
)
class NieuwsViewSet(Leesbaar):
    serializer_class = serializers.NieuwsSerializer
    filterset_class = filters.NieuwsFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return gepubliceerd_nieuws().select_related("gemeente").order_by("-gepubliceerd_op", "-pk")


@extend_schema_view(
    list=extend_schema(
        summary="Meldingen openbare ruimte",
        description=(
            "Open meldingen, zoals op de gebiedspagina's: referentie, categorie, status, gebied, datum en "
            "een afgeronde plek (ongeveer 50 meter). Nooit de tekst, het adres of gegevens van de melder."
        ),
    ),
    retrieve=extend_schema(summary="Eén melding", description="Een open melding, op haar referentie."),
)
class MeldingViewSet(Leesbaar):
    serializer_class = serializers.MeldingSerializer
    filterset_class = filters.MeldingFilter
    lookup_field = "referentie"
    lookup_value_regex = CODE

    def get_queryset(self):
        return (
            openbare_meldingen()
            .select_related("categorie__hoofdcategorie", "gemeente", "wijk")
            .only(
                "referentie",
                "status",
                "gemeld_op",
                "lat",
                "lon",
                "kern_id",
                "categorie__naam",
                "categorie__hoofdcategorie__naam",
                "gemeente__code",
                "wijk__code",
            )
            .order_by("-gemeld_op", "-pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Projecten", description="Grote projecten met hun fase en omgevingsmanager."),
    retrieve=extend_schema(summary="Eén project", description="Een project, op zijn nummer."),
)
class ProjectViewSet(Leesbaar):
    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return projecten_lijst()


class BudgetcijfersParameters(drf_serializers.Serializer):
    gemeente = drf_serializers.RegexField(GEMEENTECODE, required=False, help_text=filters.GEMEENTE)
    kern = drf_serializers.IntegerField(required=False, min_value=1, max_value=filters.MAX_NUMMER)
    jaar = drf_serializers.IntegerField(required=False, min_value=1900, max_value=2999)


@extend_schema_view(
    list=extend_schema(
        summary="Budgetcijfers",
        description=(
            "Het leefbaarheidsbudget per kern en jaar: plafond, toegekend, gereserveerd, uitbetaald, "
            "vastgesteld, terug te vorderen en vrij (bedragen in euro, als tekst met twee decimalen). "
            "Alleen totalen, zoals op /open-cijfers/."
        ),
        parameters=[
            OpenApiParameter(
                "gemeente", {"type": "string", "pattern": GEMEENTECODE}, description=filters.GEMEENTE
            ),
            OpenApiParameter(
                "kern",
                {"type": "integer", "minimum": 1, "maximum": filters.MAX_NUMMER},
                description=filters.KERN,
            ),
            OpenApiParameter(
                "jaar",
                {"type": "integer", "minimum": 1900, "maximum": 2999},
                description="Begrotingsjaar (standaard: dit jaar).",
            ),
        ],
    )
)
class BudgetcijfersViewSet(viewsets.GenericViewSet):
    """The open figures of the leefbaarheidsbudget per kern, as /open-cijfers/: aggregates only."""

    serializer_class = serializers.BudgetcijfersSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return Kern.objects.select_related("gemeente").order_by("gemeente__naam", "naam", "pk")

    def list(self, request):
        parameters = BudgetcijfersParameters(data=request.query_params)
        if not parameters.is_valid():
            raise ValidationError(parameters.errors)
        keuze = parameters.validated_data
        jaar = keuze.get("jaar") or timezone.localdate().year
        kernen = self.get_queryset().annotate(plafond=kernplafond(jaar))
        if "gemeente" in keuze:
            kernen = kernen.filter(gemeente__code=keuze["gemeente"])
        if "kern" in keuze:
            kernen = kernen.filter(pk=keuze["kern"])
        pagina = self.paginate_queryset(kernen)
        rijen = [
            {
                "kern": cijfers.kern,
                "jaar": jaar,
                "totaal": cijfers.totaal,
                "toegekend": cijfers.toegekend,
                "gereserveerd": cijfers.gereserveerd,
                "uitbetaald": cijfers.uitbetaald,
                "vastgesteld": cijfers.vastgesteld,
                "terug_te_vorderen": cijfers.terug_te_vorderen,
                "vrij": cijfers.vrij,
            }
            for cijfers in budgetcijfers_van_kernen(pagina, jaar=jaar)
        ]
        return self.get_paginated_response(self.get_serializer(rijen, many=True).data)


def documentatie(request):
    """The human documentation beside the OpenAPI document: server-rendered from that same document."""
    doc = document()
    return render(
        request,
        "api/documentatie.html",
        {"info": doc["info"], "operaties": voor_mensen(doc), "server": request.build_absolute_uri("/api/v1")},
    )
