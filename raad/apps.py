from django.apps import AppConfig


class RaadConfig(AppConfig):
    name = "raad"
    verbose_name = "Raad: dashboards en moties"
