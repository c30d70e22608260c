import logging

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.utils.translation import gettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from gebieden.beheerbereik import GemeenteAdminMixin, gemeente_van_beheerder

from .models import User
from .privacy import persoon_anonimiseren, persoonsgegevens_json

# A functional admin manages the users of their gemeente: those with that gemeente on their account. Every
# user belongs to one gemeente explicitly (staff where they work, a resident that of the first group they
# joined, see bewonersgroepen.services.uitnodiging_accepteren), not through memberships: a membership, even
# an ended one, in a group of gemeente A must not put an admin of gemeente B in the hands of A's admins. A
# user created here by a functional admin gets the admin's gemeente (see save_model), otherwise the new
# account would at once be out of sight.
GEBRUIKER_GEMEENTE = "gemeente"

# The fields that give an account rights: its kinds (groups), Django permissions, admin access, superuser.
RECHTENVELDEN = ("groups", "user_permissions", "is_staff", "is_superuser")

logger = logging.getLogger("gebiedsportaal.beheer")


@admin.register(User)
class UserAdmin(GemeenteAdminMixin, BaseUserAdmin):
    gemeente_pad = GEBRUIKER_GEMEENTE
    ordering = ["naam"]
    list_display = ["naam", "email", "gemeente", "is_active", "is_staff"]
    list_filter = ["groups", "gemeente", "is_active", "is_staff"]
    search_fields = ["naam", "email"]
    autocomplete_fields = ["gemeente"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Persoon", {"fields": ("naam", "telefoon", "gemeente")}),
        ("Rechten", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Data", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "naam", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]
    actions = ["persoonsgegevens_exporteren", "anonimiseren"]

    # A functional admin manages users and their kinds (groups), but cannot make anyone a superuser
    # (themselves included) nor change or remove a superuser's account: that would be a way around
    # every rule of the permission policy.
    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            velden.append("is_superuser")
            velden += self._eigen_rechten(request, obj)
        return velden

    @staticmethod
    def _eigen_rechten(request, obj) -> list[str]:
        """No one gives their own account more rights: on their own account a functional admin sees their
        kinds, permissions and admin access but cannot change them (a posted value is ignored); another
        functional admin of the gemeente, or a superuser, does that."""
        if obj is None or obj.pk != request.user.pk:
            return []
        return [veld for veld in RECHTENVELDEN if veld != "is_superuser"]

    def _eigen_rechten_melden(self, request, obj, form, change):
        """A superuser may change the rights of their own account, but not unnoticed: besides the admin's
        own log of the change, a line in the log."""
        gewijzigd = [veld for veld in RECHTENVELDEN if veld in form.changed_data]
        if change and obj.pk == request.user.pk and gewijzigd:
            logger.warning(
                "Superbeheerder (gebruiker id %s) wijzigt de rechten van het eigen account: %s",
                request.user.pk,
                ", ".join(gewijzigd),
            )

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gemeente")

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser and obj.gemeente_id is None:
            obj.gemeente_id = gemeente_van_beheerder(request.user)
        super().save_model(request, obj, form, change)
        self._eigen_rechten_melden(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        super().delete_queryset(request, queryset)

    @admin.action(description="Persoonsgegevens exporteren (JSON, AVG inzageverzoek)", permissions=["view"])
    def persoonsgegevens_exporteren(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één persoon om te exporteren.", messages.WARNING)
            return None
        user = queryset.get()
        response = HttpResponse(
            persoonsgegevens_json(user=user), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="persoonsgegevens-{user.pk}.json"'
        response["Cache-Control"] = "private, no-store"
        self.log_change(request, user, "Persoonsgegevens geëxporteerd (AVG).")
        return response

    @admin.action(description="Anonimiseren (persoon is vertrokken)", permissions=["change"])
    def anonimiseren(self, request, queryset):
        gelukt = 0
        for user in queryset:
            if user == request.user:
                self.message_user(request, "U kunt uzelf niet anonimiseren.", messages.ERROR)
                continue
            if user.is_superuser and not request.user.is_superuser:
                self.message_user(
                    request,
                    f"{user} is superbeheerder; alleen een superbeheerder kan dat account wijzigen.",
                    messages.ERROR,
                )
                continue
            try:
                geanonimiseerd = persoon_anonimiseren(user=user, door=request.user)
            except ValidationError as fout:
                self.message_user(request, " ".join(fout.messages), messages.ERROR)
            else:
                gelukt += 1
                # The anonymised account, not `user` from the list: its name would go into the log.
                self.log_change(request, geanonimiseerd, "Geanonimiseerd (AVG).")
        if gelukt:
            self.message_user(request, f"{gelukt} persoon/personen geanonimiseerd.", messages.SUCCESS)


# The two-step log-in devices (django-otp registers their admins) belong to the gemeente of their user.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


class ApparaatTitelsVertalen:
    """django-otp names its fieldsets in plain English ("Identity", "Timestamps"); the Dutch is in
    locale/nl (LOCALE_PATHS). Its search help is English too ("Search by user's ..."), and named the
    e-mail address twice (our user's USERNAME_FIELD is the e-mail address): here name and e-mail."""

    search_fields = ["user__naam", "user__email"]
    search_help_text = "Zoek op de naam of het e-mailadres van de gebruiker."

    def get_fieldsets(self, request, obj=None):
        return [
            (gettext(titel) if titel else titel, opties)
            for titel, opties in super().get_fieldsets(request, obj)
        ]


@admin.register(TOTPDevice)
class TOTPDeviceGemeenteAdmin(ApparaatTitelsVertalen, GemeenteAdminMixin, TOTPDeviceAdmin):
    gemeente_pad = f"user__{GEBRUIKER_GEMEENTE}"


@admin.register(StaticDevice)
class StaticDeviceGemeenteAdmin(ApparaatTitelsVertalen, GemeenteAdminMixin, StaticDeviceAdmin):
    """Its inline of backup codes shows only on the add page (OTP_ADMIN_HIDE_SENSITIVE_DATA), empty."""

    gemeente_pad = f"user__{GEBRUIKER_GEMEENTE}"


# Django names each permission in English when it makes it ("Can add gebruiker"), stored so in the table.
# Shown in Dutch where the admin lists them (the kinds of user, i.e. groups), without changing the rows.
RECHT_WERKWOORDEN = {"add": "toevoegen", "change": "wijzigen", "delete": "verwijderen", "view": "bekijken"}


def recht_in_het_nederlands(recht) -> str:
    """ "Accounts | gebruiker | gebruiker toevoegen" for Django's "Can add gebruiker"; own names stay."""
    actie, _, rest = recht.codename.partition("_")
    naam = recht.name
    werkwoord = RECHT_WERKWOORDEN.get(actie)
    model = recht.content_type.model_class()
    if werkwoord and naam.startswith(f"Can {actie} ") and rest == recht.content_type.model and model:
        naam = f"{model._meta.verbose_name} {werkwoord}"  # the model's name now (Dutch), not when made
    return f"{recht.content_type} | {naam}"


admin.site.unregister(Group)


@admin.register(Group)
class SoortAdmin(GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        veld = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name == "permissions" and veld is not None:
            veld.label_from_instance = recht_in_het_nederlands
        return veld


class InlogregistratieAdmin:
    """django-axes' records of log-ins and failed log-ins name only the address typed (lower case, see
    inloggen.axes_gebruikersnaam): a functional admin sees those of the users they may see in the user
    admin; attempts on addresses nobody has, and on other gemeenten' users, are for a superuser."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        gebruikers = self.admin_site._registry[User].get_queryset(request)
        return queryset.filter(username__in=gebruikers.annotate(adres=Lower("email")).values("adres"))


# Registered by axes (AXES_ENABLE_ADMIN, before this app in INSTALLED_APPS); replaced with the scoped ones.
admin.site.unregister([AccessAttempt, AccessLog, AccessFailureLog])


@admin.register(AccessAttempt)
class InlogpogingAdmin(InlogregistratieAdmin, AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class InloglogAdmin(InlogregistratieAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class MislukteInlogAdmin(InlogregistratieAdmin, AccessFailureLogAdmin):
    pass
