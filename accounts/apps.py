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


# Names in the admin of the libraries' apps and of the models whose names django-otp does not mark for
# translation (the other texts are in locale/nl). Only the shown names: migrations read neither an app's
# verbose_name nor Meta.verbose_name set after the class was made (they read Meta's original attributes).
APP_NAMEN = {
    "axes": "Inlogbeveiliging",
    "otp_totp": "Tweestapsverificatie: apps",
    "otp_static": "Tweestapsverificatie: reservecodes",
    "django_tasks_database": "Takenwachtrij",
}
MODEL_NAMEN = {
    ("otp_totp", "totpdevice"): ("authenticator-app", "authenticator-apps"),
    ("otp_static", "staticdevice"): ("set reservecodes", "sets reservecodes"),
    ("otp_static", "statictoken"): ("reservecode", "reservecodes"),
}
# Field labels of django-otp's devices (plain English there); set on the field's shown name only
# (`verbose_name`), which migrations do not read (they read the name given in the field's definition).
VELD_NAMEN = {
    "user": "gebruiker",
    "name": "naam",
    "confirmed": "bevestigd",
    "created_at": "aangemaakt op",
    "last_used_at": "laatst gebruikt op",
    "key": "sleutel",
    "step": "stap (seconden)",
    "t0": "T0",
    "digits": "cijfers",
    "tolerance": "marge",
    "drift": "afwijking",
    "last_t": "laatste T",
    "throttling_failure_timestamp": "laatste foute code",
    "throttling_failure_count": "foute codes achter elkaar",
    "token": "code",
}


def bibliotheken_nederlandse_namen_geven():
    from django.apps import apps
    from django.utils.translation import gettext_lazy

    for label, naam in APP_NAMEN.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = naam
    for (label, model_naam), (enkelvoud, meervoud) in MODEL_NAMEN.items():
        meta = apps.get_model(label, model_naam)._meta
        meta.verbose_name, meta.verbose_name_plural = enkelvoud, meervoud
        for veld in meta.get_fields():
            if veld.concrete and not veld.auto_created and getattr(veld, "_verbose_name", True) is None:
                veld.verbose_name = VELD_NAMEN.get(veld.name, veld.verbose_name)
            # Their help texts through gettext (Dutch in locale/nl). makemigrations and migrate run without
            # a language (no_translations), so the migrations still see the library's own text.
            if isinstance(getattr(veld, "help_text", None), str) and veld.help_text:
                veld.help_text = gettext_lazy(veld.help_text)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import inloggen, oidc  # noqa: F401  (oidc registers its configuration check)

        inloggen.koppel_signalen()
        bibliotheken_nederlandse_namen_geven()
        post_migrate.connect(rechten_functioneel_beheer_bijwerken, dispatch_uid="accounts_functioneel_beheer")
