"""/api/v1/: no trailing slash anywhere (API Design Rules API-48); one with a slash answers 404."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("gemeenten", views.GemeenteViewSet, basename="gemeente")
router.register("kernen", views.KernViewSet, basename="kern")
router.register("wijken", views.WijkViewSet, basename="wijk")
router.register("buurten", views.BuurtViewSet, basename="buurt")
router.register("contactpersonen", views.ContactpersoonViewSet, basename="contactpersoon")
router.register("bewonersgroepen", views.BewonersgroepViewSet, basename="bewonersgroep")
router.register("opgaven", views.OpgaveViewSet, basename="opgave")
router.register("nieuws", views.NieuwsViewSet, basename="nieuws")
router.register("budgetcijfers", views.BudgetcijfersViewSet, basename="budgetcijfers")
router.register("meldingen", views.MeldingViewSet, basename="melding")
router.register("projecten", views.ProjectViewSet, basename="project")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("documentatie", views.documentatie, name="documentatie"),
    *router.urls,
]
