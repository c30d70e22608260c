from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Framework internals a functional admin has no business changing.
NIET_VOOR_FUNCTIONEEL_BEHEER = {"admin", "contenttypes", "sessions", "auth"}


def rechten_functioneel_beheer_bijwerken(sender, using="default", **kwargs):
    """Give the Functioneel beheerder group every permission of the portal's own models.

    Permissions only exist after migrate has created them, so this runs on post_migrate rather
    than in the data migration that creates the groups.
    """
    from django.contrib.auth.models import Group, Permission

    from .constants import Gebruikerssoort

    groep = Group.objects.using(using).filter(name=Gebruikerssoort.FUNCTIONEEL_BEHEERDER).first()
    if groep is None:
        return
    rechten = Permission.objects.using(using).exclude(
        content_type__app_label__in=NIET_VOOR_FUNCTIONEEL_BEHEER
    )
    extra = Permission.objects.using(using).filter(content_type__app_label="auth", codename="view_group")
    groep.permissions.add(*rechten, *extra)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        post_migrate.connect(rechten_functioneel_beheer_bijwerken, dispatch_uid="accounts_functioneel_beheer")
