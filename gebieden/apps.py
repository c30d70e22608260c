from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class GebiedenConfig(AppConfig):
    name = "gebieden"
    verbose_name = "Gebieden"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from .menu import register_menu_item

        register_menu_item("Gebieden", "gebieden:overzicht", order=10, voorrang=3)
        # One place per app for what it adds to the area pages (and group pages): <app>/secties.py.
        autodiscover_modules("secties")


class BeheerConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site (gebieden.beheerbereik.Beheersite) as `admin.site`;
    named in INSTALLED_APPS instead of "django.contrib.admin". Not gebieden's own config (default)."""

    default = False
    default_site = "gebieden.beheerbereik.Beheersite"
