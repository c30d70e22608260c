from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("meldingen/melden/", views.melden, name="melden"),
    path("meldingen/ontvangen/", views.ontvangen, name="ontvangen"),
    path("meldingen/status/<str:token>/", views.status, name="status"),
    path("meldingen/wijk/<str:code>/", views.wijk, name="wijk"),
    path("meldingen/wijk/<str:code>/punten/", views.wijk_punten, name="wijk_punten"),
    path("meldingen/kern/<slug:gemeente>/<slug:kern>/", views.kern, name="kern"),
    path("meldingen/kern/<slug:gemeente>/<slug:kern>/punten/", views.kern_punten, name="kern_punten"),
    path("meldingen/status/<str:token>/heropenen/", views.heropenen, name="heropenen"),
    path("meldingen/openbaar/foto/<int:pk>/", views.openbare_foto, name="openbare_foto"),
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
        "meldingen/werk/<str:referentie>/foto/<int:pk>/publiceren/",
        views.foto_publiceren,
        name="foto_publiceren",
    ),
    path(
        "meldingen/werk/<str:referentie>/openbaar/", views.openbare_toelichting, name="openbare_toelichting"
    ),
    path(
        "meldingen/werk/<str:referentie>/verzoek-honoreren/",
        views.verzoek_honoreren,
        name="verzoek_honoreren",
    ),
    path(
        "meldingen/werk/<str:referentie>/verzoek-afwijzen/", views.verzoek_afwijzen, name="verzoek_afwijzen"
    ),
]
