from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Gebiedsportaal – beheer"
admin.site.site_title = "Gebiedsportaal beheer"
admin.site.index_title = "Functioneel beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("gebieden/", include("gebieden.urls")),
    # Each app owns its own URL prefixes (see its urls.py).
    path("", include("rollen.urls")),
    path("", include("bewonersgroepen.urls")),
    path("", include("leefbaarheidsbudget.urls")),
    path("", include("gebiedsagenda.urls")),
    path("", include("meldingen.urls")),
    path("", include("participatie.urls")),
    path("", include("raad.urls")),
    path("", include("portaal.urls")),
    path("api/v1/", include("api.urls")),
]
