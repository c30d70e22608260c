from django.apps import AppConfig


class GebiedsagendaConfig(AppConfig):
    name = "gebiedsagenda"
    verbose_name = "Gebiedsagenda en nieuws"
