from django.urls import path

from . import views

app_name = "rollen"

urlpatterns = [
    path("contactpersonen/", views.contactpersonen, name="contactpersonen"),
    path("rollen/", views.rollen, name="rollen"),
    path("projecten/", views.projecten, name="projecten"),
    path("projecten/nieuw/", views.project_toevoegen, name="project_toevoegen"),
    path("projecten/<slug:gemeente>/<slug:slug>/", views.project, name="project"),
    path("projecten/<slug:gemeente>/<slug:slug>/wijzigen/", views.project_wijzigen, name="project_wijzigen"),
    path("projecten/<slug:gemeente>/<slug:slug>/stap/", views.stap_toevoegen, name="stap_toevoegen"),
    path("dekking/", views.dekking, name="dekking"),
    path("werklast/", views.werklast, name="werklast"),
    path("werklast/<int:pk>/", views.medewerker, name="medewerker"),
    path("toewijzingen/", views.toewijzingen, name="toewijzingen"),
    path("toewijzingen/nieuw/", views.toewijzing_toevoegen, name="toewijzing_toevoegen"),
    path("toewijzingen/<int:pk>/beeindigen/", views.toewijzing_beeindigen, name="toewijzing_beeindigen"),
]
