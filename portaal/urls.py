from django.urls import path

from . import views

app_name = "portaal"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-werk/", views.mijn_werk, name="mijn_werk"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("privacy/", views.privacy, name="privacy"),
    path("gezond/", views.gezond, name="gezond"),
    path("gereed/", views.gereed, name="gereed"),
]
