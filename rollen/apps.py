from django.apps import AppConfig


class RollenConfig(AppConfig):
    name = "rollen"
    verbose_name = "Rollen"
