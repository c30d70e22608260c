from django.urls import path

from . import feeds, views

app_name = "gebiedsagenda"

urlpatterns = [
    path("nieuws/", views.nieuws, name="nieuws"),
    path("nieuws/nieuw/", views.nieuws_nieuw, name="nieuws_nieuw"),
    path("nieuws/beheer/", views.nieuws_beheer, name="nieuws_beheer"),
    path("nieuws/<int:pk>/", views.nieuwsbericht, name="nieuwsbericht"),
    path("nieuws/<int:pk>/beoordelen/", views.nieuws_beoordelen, name="nieuws_beoordelen"),
    path("nieuws/feed/gemeente/<slug:gemeente>/rss/", feeds.NieuwsRssFeed(), name="feed_gemeente_rss"),
    path("nieuws/feed/gemeente/<slug:gemeente>/atom/", feeds.NieuwsAtomFeed(), name="feed_gemeente_atom"),
    path("nieuws/feed/kern/<slug:gemeente>/<slug:kern>/rss/", feeds.NieuwsRssFeed(), name="feed_kern_rss"),
    path("nieuws/feed/kern/<slug:gemeente>/<slug:kern>/atom/", feeds.NieuwsAtomFeed(), name="feed_kern_atom"),
    path("nieuws/feed/wijk/<str:code>/rss/", feeds.NieuwsRssFeed(), name="feed_wijk_rss"),
    path("nieuws/feed/wijk/<str:code>/atom/", feeds.NieuwsAtomFeed(), name="feed_wijk_atom"),
    # The public calendar of an area (iCalendar): "Zet in uw agenda" on the area page.
    path("kalender/gemeente/<slug:gemeente>.ics", views.kalender, name="kalender_gemeente"),
    path("kalender/kern/<slug:gemeente>/<slug:kern>.ics", views.kalender, name="kalender_kern"),
    path("kalender/wijk/<str:code>.ics", views.kalender, name="kalender_wijk"),
    path("volgen/kern/<slug:gemeente>/<slug:kern>/", views.volgen, name="volgen_kern"),
    path("volgen/wijk/<str:code>/", views.volgen, name="volgen_wijk"),
    path("volgen/project/<slug:gemeente>/<slug:project>/", views.volgen, name="volgen_project"),
    path("volgen/bevestigen/<str:token>/", views.volgen_bevestigen, name="volgen_bevestigen"),
    path("volgen/afmelden/<str:token>/", views.volgen_afmelden, name="volgen_afmelden"),
]

urlpatterns += [
    path("gebiedsagenda/", views.agenda_overzicht, name="agenda_overzicht"),
    path(
        "gebiedsagenda/kern/<slug:gemeente>/<slug:kern>/bewerken/",
        views.agenda_bewerken_kern,
        name="agenda_kern",
    ),
    path("gebiedsagenda/wijk/<str:code>/bewerken/", views.agenda_bewerken_wijk, name="agenda_wijk"),
    path(
        "gebiedsagenda/gemeente/<slug:gemeente>/bewerken/",
        views.agenda_bewerken_gemeente,
        name="agenda_gemeente",
    ),
    path("gebiedsagenda/buurt/<str:code>/bewerken/", views.agenda_bewerken_buurt, name="agenda_buurt"),
    path("gebiedsagenda/<int:agenda_pk>/opgave/nieuw/", views.opgave_nieuw, name="opgave_nieuw"),
    path("opgaven/<int:pk>/", views.opgave, name="opgave"),
    path("opgaven/<int:pk>/bewerken/", views.opgave_bewerken, name="opgave_bewerken"),
    path("opgaven/<int:pk>/status/", views.opgave_status, name="opgave_status"),
    path("opgaven/<int:pk>/voortgang/", views.opgave_notitie, name="opgave_notitie"),
]
urlpatterns += [
    path("opgaven/<int:pk>/reageren/", views.opgave_reageren, name="opgave_reageren"),
    path("reacties/<int:pk>/publiceren/", views.reactie_publiceren, name="reactie_publiceren"),
]
