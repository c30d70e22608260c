"""The Django admin per gemeente: a functional admin sees and changes only the records of their gemeente.

One deployment can hold several gemeenten. Every ModelAdmin and inline of a model that belongs to a
gemeente (directly or through a kern, wijk, group, budget, ...) mixes in `GemeenteAdminMixin` and declares
the path from its model to the gemeente, e.g. ``gemeente_pad = "budget__gemeente"`` (several paths, any of
which may match, as a tuple: a gebiedsagenda belongs to a kern or a wijk). For a user who is not a
superuser the mixin then

- filters `get_queryset` to the user's gemeente, so the list, the search, the actions, the change, delete
  and history pages (they all fetch through it) and the autocomplete of other admins (it asks the related
  admin's `get_queryset`) know nothing of another gemeente: opening one by URL gives the admin's normal
  "does not exist" redirect;
- limits the choices of foreign keys and many-to-many fields to the same gemeente where the related model's
  admin is scoped too (a posted choice of another gemeente is refused with a form error);
- lists, in the filters of the side bar, only the related rows that occur in what the user may see;
- scopes the two views of django-simple-history, which do not all fetch through `get_object`.

Models with a history use `GeschiedenisAdmin` (below) instead of SimpleHistoryAdmin: it restores no old
version.

Whatever the user, no admin filters on a secret (`GeheimeVeldenWeigeren`): the portal's admin site
(`Beheersite`, the default site through gebieden.apps.BeheerConfig) gives every admin registered on it,
Django's and django-otp's and django-axes' too, that refusal, and its "view on site" link answers only for an
object the user sees in that model's admin.

A staff user without a gemeente sees nothing (fail closed); a superuser sees everything. The rule lives
here, in the lowest app, because every other app's admin uses it; it imports no higher app.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

# A field holds a secret (or what one is derived from) when its name, or a part of it between underscores,
# is one of these: the TOTP device's key, a backup code's token, a password hash, a session, an invitation's
# token hash, a follower's token.
GEHEIME_NAMEN = frozenset(
    {"key", "secret", "token", "password", "wachtwoord", "sleutel", "geheim", "hash", "session_data"}
)


def is_geheim(veld) -> bool:
    naam = veld.name.lower()
    return naam in GEHEIME_NAMEN or not GEHEIME_NAMEN.isdisjoint(naam.split("_"))


def raakt_geheim(model, lookup: str) -> bool:
    """Does the admin lookup `lookup` ("key__startswith", "user__password__startswith") read a secret
    field of `model` or of a model it reaches through its relations?"""
    veld = None
    for deel in lookup.split(LOOKUP_SEP):
        if veld is not None:
            if not veld.is_relation or veld.related_model is None:
                break  # what follows are transforms and lookups of this field
            model = veld.related_model
        try:
            veld = model._meta.pk if deel == "pk" else model._meta.get_field(deel)
        except FieldDoesNotExist:
            break  # a lookup such as "exact" on the relation before it
        if not veld.is_relation and is_geheim(veld):
            return True
    # A relation compared as such ("device=3") compares the field it points to.
    doel = getattr(veld, "target_field", None) if veld is not None and veld.is_relation else None
    return doel is not None and not doel.is_relation and is_geheim(doel)


class GeheimeVeldenWeigeren:
    """Refuses a filter of the list on a secret, for every user (superusers too): Django allows a lookup
    on any field of the model itself, so `?key__startswith=a` on the TOTP devices told, one character at a
    time, whether the secret starts so. The list answers 400 (Django's DisallowedModelAdminLookup)."""

    def lookup_allowed(self, lookup, value, request=None):
        if raakt_geheim(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)


def gemeente_van_beheerder(user):
    """The pk of the gemeente a staff user administers, or None (then they see nothing)."""
    return getattr(user, "gemeente_id", None)


def _meervoudig(model, pad: str) -> bool:
    """Does the path cross a to-many relation (so a plain filter could repeat rows)?"""
    if pad == "pk":
        return False
    velden = get_fields_from_path(model, pad)
    return any(veld.many_to_many or veld.one_to_many for veld in velden)


def gemeente_filter(model, paden, gemeente_id) -> Q:
    """The rows of `model` that belong to the gemeente along any of `paden`.

    A path through a to-many relation (a user's memberships) becomes a subquery on the primary key, so
    the list neither repeats rows nor needs DISTINCT.
    """
    voorwaarde = Q()
    for pad in paden:
        if _meervoudig(model, pad):
            voorwaarde |= Q(pk__in=model._default_manager.filter(**{pad: gemeente_id}).values("pk"))
        else:
            voorwaarde |= Q(**{pad: gemeente_id})
    return voorwaarde


class GemeenteAdminMixin(GeheimeVeldenWeigeren):
    """For a ModelAdmin or an inline (put it before the admin class): see the module's docstring."""

    #: The lookup path from the model to its gebieden.Gemeente ("pk" for the gemeente itself), or a tuple
    #: of paths of which one must match.
    gemeente_pad: str | tuple[str, ...] = ""

    @classmethod
    def gemeente_paden(cls) -> tuple[str, ...]:
        paden = (cls.gemeente_pad,) if isinstance(cls.gemeente_pad, str) else tuple(cls.gemeente_pad)
        if not all(paden):
            raise TypeError(f"{cls.__name__}: gemeente_pad ontbreekt")
        return paden

    def binnen_gemeente(self, request, queryset):
        """`queryset` (of this admin's model) narrowed to what `request.user` may see in the admin."""
        if request.user.is_superuser:
            return queryset
        gemeente_id = gemeente_van_beheerder(request.user)
        if gemeente_id is None:
            return queryset.none()
        return queryset.filter(gemeente_filter(queryset.model, self.gemeente_paden(), gemeente_id))

    def get_queryset(self, request):
        return self.binnen_gemeente(request, super().get_queryset(request))

    def _gescoopt_gerelateerd(self, model):
        """The scoped admin of a related model, or None when that model belongs to no gemeente."""
        gerelateerd = self.admin_site._registry.get(model)
        return gerelateerd if isinstance(gerelateerd, GemeenteAdminMixin) else None

    def get_field_queryset(self, db, db_field, request):
        # Used by formfield_for_foreignkey and formfield_for_manytomany for their choices: the form field
        # validates against it, so a posted pk of another gemeente is "not one of the available choices".
        queryset = super().get_field_queryset(db, db_field, request)
        gerelateerd = self._gescoopt_gerelateerd(db_field.remote_field.model)
        if gerelateerd is None or request.user.is_superuser:
            return queryset
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db)
        return gerelateerd.binnen_gemeente(request, queryset)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [self._filter_binnen_gemeente(f) for f in filters]

    def _filter_binnen_gemeente(self, item):
        """A plain filter on a related model of a gemeente lists only the values in the user's rows."""
        if not isinstance(item, str):
            return item
        try:
            veld = get_fields_from_path(self.model, item)[-1]
        except FieldDoesNotExist:
            return item
        if veld.is_relation and self._gescoopt_gerelateerd(veld.related_model) is not None:
            return (item, admin.RelatedOnlyFieldListFilter)
        return item

    # django-simple-history: `history_view` falls back to the last historical version when the object is
    # not in get_queryset (a deleted object), and `history_form_view` reads the version directly. For a
    # functional admin both answer only for a live object of their gemeente; the history of deleted
    # objects is for superusers.
    def _alleen_binnen_gemeente(self, request, object_id):
        if request.user.is_superuser:
            return
        try:
            gevonden = self.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):  # not a pk at all: as get_object, nothing
            gevonden = False
        if not gevonden:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._alleen_binnen_gemeente(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._alleen_binnen_gemeente(request, unquote(object_id))
        return super().history_form_view(request, object_id, version_id, extra_context)


class GeschiedenisAdmin(GeheimeVeldenWeigeren, SimpleHistoryAdmin):
    """The admin of every model with a history: it shows each version and restores none.

    SIMPLE_HISTORY_REVERT_DISABLED only hides the button: django-simple-history's version page still saves
    a POSTed old version, which would put back an old status or amount without a transition. Statuses and
    amounts move only through the services, so the POST is refused."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class Beheersite(admin.AdminSite):
    """The portal's admin site (the default `admin.site`, see gebieden.apps.BeheerConfig)."""

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin refuses lookups on secrets, also one registered by Django or a third-party app.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GeheimeVeldenWeigeren):
            admin_class = type(
                admin_class.__name__,
                (GeheimeVeldenWeigeren, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        return [
            path(
                "r/<path:content_type_id>/<path:object_id>/",  # Django's own route
                self.admin_view(self.naar_de_site),
                name="view_on_site",
            )
            if getattr(url, "name", None) == "view_on_site"
            else url
            for url in super().get_urls()
        ]

    def naar_de_site(self, request, content_type_id, object_id):
        """The admin's "view on site" link. Django's shortcut sends anyone with admin access to the page of
        any object (and so tells which objects exist); here a user who is not a superuser gets it only for
        an object in the list of that model's admin (so of their gemeente) that they may view, else 404."""
        if not request.user.is_superuser:
            try:
                model = ContentType.objects.get_for_id(content_type_id).model_class()
            except (ContentType.DoesNotExist, ValueError, ValidationError):
                raise Http404 from None
            model_admin = self._registry.get(model)
            if model_admin is None:
                raise Http404
            try:
                obj = model_admin.get_queryset(request).filter(pk=object_id).first()
            except (ValueError, ValidationError):
                obj = None
            if obj is None or not model_admin.has_view_or_change_permission(request, obj):
                raise Http404
        return shortcut(request, content_type_id, object_id)
