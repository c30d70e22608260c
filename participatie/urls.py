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

# --- consultation rounds (participatie/views_raadpleging.py) ----------------------------------------
from . import views_raadpleging as rp  # noqa: E402

RONDE = "raadplegingen/<int:pk>/"
urlpatterns += [
    path(PLAN + "raadplegingen/nieuw/", rp.raadpleging_toevoegen, name="raadpleging_toevoegen"),
    path(PLAN + "verslag.pdf", rp.participatieverslag, name="participatieverslag"),
    path(RONDE, rp.raadpleging, name="raadpleging"),
    path(RONDE + "wijzigen/", rp.raadpleging_wijzigen, name="raadpleging_wijzigen"),
    path(RONDE + "vragen/", rp.vraag_toevoegen, name="vraag_toevoegen"),
    path(RONDE + "vragen/<int:vraag>/verwijderen/", rp.vraag_verwijderen, name="vraag_verwijderen"),
    path(RONDE + "status/", rp.raadpleging_status, name="raadpleging_status"),
    path(RONDE + "themas/", rp.thema_opslaan, name="thema_opslaan"),
    path(RONDE + "indelen/", rp.reacties_indelen, name="reacties_indelen"),
    path(RONDE + "reacties.csv", rp.reacties_csv, name="reacties_csv"),
    path(RONDE + "reacties.xlsx", rp.reacties_xlsx, name="reacties_xlsx"),
    path("meedoen/<int:pk>/", rp.openbaar, name="raadpleging_openbaar"),
    path("meedoen/<int:pk>/groep/<int:groep>/", rp.reageren_groep, name="reageren_groep"),
    path("meedoen/partner/<str:token>/", rp.reageren_partner, name="reageren_partner"),
    path("meedoen/reactie/<str:token>/", rp.reactie_inwoner, name="reactie_inwoner"),
    path("meedoen/reactie/<str:token>/bevestigen/", rp.reactie_bevestigen, name="reactie_bevestigen"),
]
