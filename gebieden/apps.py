from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class GebiedenConfig(AppConfig):
    name = "gebieden"
    verbose_name = "Gebieden"

    def ready(self):
        from .menu import register_menu_item
        from .registry import register_gebied_sectie

        register_menu_item("Gebieden", "gebieden:overzicht", order=10, voorrang=3)
        register_gebied_sectie("profiel", "gebieden/_profiel.html", _profiel_sectie, order=90)


class BeheerConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site (gebieden.beheerbereik.Beheersite) as `admin.site`;
    named in INSTALLED_APPS instead of "django.contrib.admin". Not gebieden's own config (default)."""

    default = False
    default_site = "gebieden.beheerbereik.Beheersite"


def _profiel_sectie(request, gebied):
    from .selectors import gebiedsprofiel

    profiel = gebiedsprofiel(gebied)
    return {"gebied": gebied, "profiel": profiel} if profiel else None
