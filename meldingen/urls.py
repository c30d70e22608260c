from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("meldingen/melden/", views.melden, name="melden"),
    path("meldingen/ontvangen/", views.ontvangen, name="ontvangen"),
    path("meldingen/status/<str:token>/", views.status, name="status"),
    path("meldingen/wijk/<str:code>/", views.wijk, name="wijk"),
    path("meldingen/werk/", views.wachtrij, name="wachtrij"),
    path("meldingen/werk/<str:referentie>/", views.melding, name="melding"),
    path("meldingen/werk/<str:referentie>/status/", views.overgang, name="overgang"),
    path("meldingen/werk/<str:referentie>/notitie/", views.notitie, name="notitie"),
    path("meldingen/werk/<str:referentie>/toewijzen/", views.toewijzen, name="toewijzen"),
    path("meldingen/werk/<str:referentie>/dubbel/", views.dubbel, name="dubbel"),
    path("meldingen/werk/<str:referentie>/doorzetten/", views.doorzetten, name="doorzetten"),
    path(
        "meldingen/werk/<str:referentie>/doorzetting/<int:pk>/antwoord/",
        views.doorzetting_antwoord,
        name="doorzetting_antwoord",
    ),
    path("meldingen/werk/<str:referentie>/foto/<int:pk>/", views.foto, name="foto"),
    path(
        "meldingen/werk/<str:referentie>/verzoek-afwijzen/", views.verzoek_afwijzen, name="verzoek_afwijzen"
    ),
]
