from django.urls import path

from . import views

app_name = "gebieden"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("wijk/<str:code>/", views.wijk, name="wijk"),
    path("<slug:gemeente>/", views.gemeente, name="gemeente"),
    path("<slug:gemeente>/<slug:kern>/", views.kern, name="kern"),
]
