from django.apps import AppConfig


class BewonersgroepenConfig(AppConfig):
    name = "bewonersgroepen"
    verbose_name = "Bewonersgroepen"
