from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Framework internals a functional admin has no business changing.
NIET_VOOR_FUNCTIONEEL_BEHEER = {"admin", "contenttypes", "sessions", "auth"}
# Log-in logs and second-step devices: a functional admin reads them, and deletes to unlock an account
# or reset a lost phone; never adds or changes (the log stays as it happened; a device with a known
# secret would be a backdoor), and never sees backup codes (static tokens).
BEPERKTE_RECHTEN = {
    "axes": ["view_accessattempt", "delete_accessattempt", "view_accesslog", "view_accessfailurelog"],
    "otp_totp": ["view_totpdevice", "delete_totpdevice"],
    "otp_static": ["view_staticdevice", "delete_staticdevice"],
}


def rechten_functioneel_beheer_bijwerken(sender, using="default", **kwargs):
    """Give the Functioneel beheerder group every permission of the portal's own models.

    Permissions only exist after migrate has created them, so this runs on post_migrate rather
    than in the data migration that creates the groups.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    from .constants import Gebruikerssoort

    # post_migrate is sent once per app; the permissions of every app exist after the last one's.
    # Running once, then, instead of once per app keeps migrate and test flushes fast.
    if sender.label != [c for c in apps.get_app_configs() if c.models_module][-1].label:
        return

    # The data migration makes the groups; making sure here too restores them after a test database
    # flush (transactional and live-server tests), which empties every table and then emits post_migrate.
    Group.objects.using(using).bulk_create(
        [Group(name=soort.value) for soort in Gebruikerssoort], ignore_conflicts=True
    )
    groep = Group.objects.using(using).get(name=Gebruikerssoort.FUNCTIONEEL_BEHEERDER)
    rechten = Permission.objects.using(using).exclude(
        content_type__app_label__in=NIET_VOOR_FUNCTIONEEL_BEHEER | BEPERKTE_RECHTEN.keys()
    )
    extra = Permission.objects.using(using).filter(content_type__app_label="auth", codename="view_group")
    for app_label, codenames in BEPERKTE_RECHTEN.items():
        extra = extra | Permission.objects.using(using).filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    groep.permissions.add(*rechten, *extra)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import inloggen

        inloggen.koppel_signalen()
        post_migrate.connect(rechten_functioneel_beheer_bijwerken, dispatch_uid="accounts_functioneel_beheer")
