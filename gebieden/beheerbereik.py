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

A staff user without a gemeente sees nothing (fail closed); a superuser sees everything. The rule lives
here, in the lowest app, because every other app's admin uses it; it imports no higher app.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


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


class GemeenteAdminMixin:
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


class GeschiedenisAdmin(SimpleHistoryAdmin):
    """The admin of every model with a history: it shows each version and restores none.

    SIMPLE_HISTORY_REVERT_DISABLED only hides the button: django-simple-history's version page still saves
    a POSTed old version, which would put back an old status or amount without a transition. Statuses and
    amounts move only through the services, so the POST is refused."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
