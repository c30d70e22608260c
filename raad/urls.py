from django.urls import path

from . import views

app_name = "raad"

urlpatterns = [
    path("raad/dashboard/", views.dashboard, name="dashboard"),
    path("raad/dashboard/cijfers.csv", views.dashboard_csv, name="dashboard_csv"),
    path("raad/dashboard/cijfers.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("raad/kaart/", views.kaart, name="kaart"),
    path("raad/participatie/", views.participatie, name="participatie"),
    path("raad/moties/", views.moties, name="moties"),
    path("raad/moties/nieuw/", views.motie_toevoegen, name="motie_toevoegen"),
    path("raad/moties/<int:pk>/", views.motie, name="motie"),
    path("raad/moties/<int:pk>/wijzigen/", views.motie_wijzigen, name="motie_wijzigen"),
    path("raad/moties/<int:pk>/voortgang/", views.voortgang_toevoegen, name="voortgang_toevoegen"),
    path("open-cijfers/", views.transparantie, name="transparantie"),
    path("open-cijfers/cijfers.csv", views.transparantie_csv, name="transparantie_csv"),
    path("open-cijfers/cijfers.xlsx", views.transparantie_xlsx, name="transparantie_xlsx"),
]
