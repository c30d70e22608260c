from django.urls import path

from . import views

app_name = "leefbaarheidsbudget"

urlpatterns = [
    # Members of resident groups.
    path("aanvragen/", views.mijn_aanvragen, name="mijn_aanvragen"),
    path("aanvragen/nieuw/", views.aanvraag_nieuw, name="aanvraag_nieuw"),
    path("aanvragen/<int:pk>/", views.aanvraag_detail, name="aanvraag"),
    path("aanvragen/<int:pk>/bewerken/", views.aanvraag_bewerken, name="aanvraag_bewerken"),
    path("aanvragen/<int:pk>/bijlagen/", views.bijlage_toevoegen, name="bijlage_toevoegen"),
    path("aanvragen/<int:pk>/bijlagen/<int:bijlage_pk>/", views.bijlage, name="bijlage"),
    path(
        "aanvragen/<int:pk>/bijlagen/<int:bijlage_pk>/verwijderen/",
        views.bijlage_verwijderen,
        name="bijlage_verwijderen",
    ),
    path("aanvragen/<int:pk>/antwoord/", views.informatie_beantwoorden, name="informatie_beantwoorden"),
    path("aanvragen/<int:pk>/intrekken/", views.aanvraag_intrekken, name="aanvraag_intrekken"),
    path("aanvragen/<int:pk>/verantwoording/", views.verantwoording, name="verantwoording"),
    path("aanvragen/<int:pk>/ingebrekestelling/", views.ingebrekestelling, name="ingebrekestelling"),
    path("aanvragen/<int:pk>/beschikking.pdf", views.beschikking, name="beschikking"),
    path("aanvragen/<int:pk>/vaststelling.pdf", views.vaststelling, name="vaststelling"),
    # Staff.
    path("aanvragen/namens/", views.aanvraag_namens, name="aanvraag_namens"),
    path("aanvragen/<int:pk>/behandelen/", views.behandelen, name="behandelen"),
    path("aanvragen/<int:pk>/aanvulling/", views.aanvulling_vragen, name="aanvulling_vragen"),
    path("aanvragen/<int:pk>/verlengen/", views.termijn_verlengen, name="termijn_verlengen"),
    path("aanvragen/<int:pk>/besluit/", views.besluit, name="besluit"),
    path("aanvragen/<int:pk>/betaling/", views.betaling, name="betaling"),
    path("aanvragen/<int:pk>/vaststellen/", views.vaststellen, name="vaststellen"),
    path("aanvragen/<int:pk>/terugbetaling/", views.terugbetaling, name="terugbetaling"),
    path(
        "aanvragen/<int:pk>/vervallen/",
        views.jaarbijdrage_laten_vervallen,
        name="jaarbijdrage_laten_vervallen",
    ),
    path(
        "budget/overeenkomsten/<int:pk>/jaarbijdrage/<int:jaar>/",
        views.jaarbijdrage_vastleggen,
        name="jaarbijdrage_vastleggen",
    ),
    path("budget/werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("budget/", views.budgetten, name="budgetten"),
    path("budget/<int:pk>/", views.budget, name="budget"),
    path("budget/export/<int:jaar>.csv", views.export, name="export"),
    path("budget/export/<int:jaar>.xlsx", views.export_xlsx, name="export_xlsx"),
]
