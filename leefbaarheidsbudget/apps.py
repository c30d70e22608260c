from django.apps import AppConfig


class LeefbaarheidsbudgetConfig(AppConfig):
    name = "leefbaarheidsbudget"
    verbose_name = "Leefbaarheidsbudget"
