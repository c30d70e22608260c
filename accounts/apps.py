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

    # The data migration makes the groups; making sure here too restores them after a test database
    # flush (transactional and live-server tests), which empties every table and then emits post_migrate.
    Group.objects.using(using).bulk_create(
        [Group(name=soort.value) for soort in Gebruikerssoort], ignore_conflicts=True
    )
    groep = Group.objects.using(using).get(name=Gebruikerssoort.FUNCTIONEEL_BEHEERDER)
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
