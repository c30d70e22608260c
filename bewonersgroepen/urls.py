from django.urls import path

from . import views

app_name = "bewonersgroepen"

urlpatterns = [
    path("bewonersgroepen/", views.lijst, name="lijst"),
    path("bewonersgroepen/aanmelden/", views.aanmelden, name="aanmelden"),
    path("bewonersgroepen/aanmelden/ontvangen/", views.aanmelding_ontvangen, name="aanmelding_ontvangen"),
    path(
        "bewonersgroepen/aanmelden/bevestigen/<str:token>/",
        views.aanmelding_bevestigen,
        name="aanmelding_bevestigen",
    ),
    path("bewonersgroepen/overeenkomsten/verlopend/", views.verlopend, name="verlopend"),
    path("bewonersgroepen/overeenkomsten/<int:pk>/", views.overeenkomst, name="overeenkomst"),
    path(
        "bewonersgroepen/overeenkomsten/<int:pk>/wijzigen/",
        views.overeenkomst_wijzigen,
        name="overeenkomst_wijzigen",
    ),
    path(
        "bewonersgroepen/overeenkomsten/<int:pk>/status/",
        views.overeenkomst_status,
        name="overeenkomst_status",
    ),
    path(
        "bewonersgroepen/overeenkomsten/<int:pk>/verlengen/",
        views.overeenkomst_verlengen,
        name="overeenkomst_verlengen",
    ),
    path(
        "bewonersgroepen/overeenkomsten/<int:pk>/document/",
        views.overeenkomst_document,
        name="overeenkomst_document",
    ),
    path("bewonersgroepen/uitnodiging/<str:token>/", views.uitnodiging, name="uitnodiging"),
    path("bewonersgroepen/<int:pk>/", views.detail, name="detail"),
    path("bewonersgroepen/<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("bewonersgroepen/<int:pk>/status/", views.status, name="status"),
    path("bewonersgroepen/<int:pk>/betaalgegevens/", views.betaalgegevens, name="betaalgegevens"),
    path(
        "bewonersgroepen/<int:pk>/betaalgegevens/<int:wijziging>/bevestigen/",
        views.betaalgegevens_bevestigen,
        name="betaalgegevens_bevestigen",
    ),
    path(
        "bewonersgroepen/<int:pk>/betaalgegevens/<int:wijziging>/afwijzen/",
        views.betaalgegevens_afwijzen,
        name="betaalgegevens_afwijzen",
    ),
    path("bewonersgroepen/<int:pk>/leden/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("bewonersgroepen/<int:pk>/leden/<int:lid>/", views.lid_wijzigen, name="lid_wijzigen"),
    path(
        "bewonersgroepen/<int:pk>/overeenkomsten/nieuw/", views.overeenkomst_nieuw, name="overeenkomst_nieuw"
    ),
    path("mijn-groep/", views.mijn_groep, name="mijn_groep"),
]
