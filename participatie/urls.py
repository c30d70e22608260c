from django.urls import path

from . import views

app_name = "participatie"

PLAN = "projecten/<slug:gemeente>/<slug:slug>/participatieplan/"

urlpatterns = [
    path(PLAN, views.plan, name="plan"),
    path(PLAN + "wijzigen/", views.plan_wijzigen, name="plan_wijzigen"),
    path(PLAN + "status/", views.plan_status, name="plan_status"),
    path(PLAN + "stap/", views.stap_toevoegen, name="stap_toevoegen"),
    path(PLAN + "stap/<int:pk>/", views.stap_wijzigen, name="stap_wijzigen"),
    path(PLAN + "belanghebbenden/", views.belanghebbende_toevoegen, name="belanghebbende_toevoegen"),
    path(
        PLAN + "belanghebbenden/<int:pk>/verwijderen/",
        views.belanghebbende_verwijderen,
        name="belanghebbende_verwijderen",
    ),
    path("ketenpartners/", views.ketenpartners, name="ketenpartners"),
    path("ketenpartners/nieuw/", views.ketenpartner_toevoegen, name="ketenpartner_toevoegen"),
    path("ketenpartners/<int:pk>/", views.ketenpartner, name="ketenpartner"),
]
