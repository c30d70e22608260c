"""Optimistic locking for edit forms that several people may have open at once (an application, a group).

The row has an integer `versie`. Every service edit raises it with a conditional UPDATE (`ophogen`),
which also holds on SQLite, where `select_for_update` is ignored. An edit form carries the version it
showed (`VersieVeld`); the service compares it with the stored one and raises `VersieVerouderd` when
someone else saved in between. The view then shows the message above the form, keeps what was typed
and puts the new version in the form (`versie_vernieuwen`): saving again is a choice made after seeing it.
"""

from django import forms
from django.core.exceptions import ValidationError


def melding(wat: str) -> str:
    return (
        f"Iemand anders heeft {wat} intussen gewijzigd. Uw invoer staat hieronder nog; "
        "bekijk de nieuwe versie en sla opnieuw op."
    )


class VersieVerouderd(ValidationError):
    """Someone else saved in between; `nu` is the stored version now."""

    def __init__(self, wat: str, *, nu: int | None = None):
        super().__init__(melding(wat), code="verouderd")
        self.nu = nu


def controleren(obj, versie: int | None, *, wat: str) -> None:
    """Refuse when the form showed another version than the one stored (`obj` freshly read, locked).
    None: the form sent no version (an old page or a script), nothing to compare."""
    if versie is not None and versie != obj.versie:
        raise VersieVerouderd(wat, nu=obj.versie)


def ophogen(obj, *, wat: str) -> None:
    """Raise the stored version by one, on condition that it is still the one `obj` was read with."""
    gelezen = obj.versie
    beheer = type(obj)._default_manager
    if not beheer.filter(pk=obj.pk, versie=gelezen).update(versie=gelezen + 1):
        raise VersieVerouderd(wat, nu=beheer.filter(pk=obj.pk).values_list("versie", flat=True).first())
    obj.versie = gelezen + 1


class VersieVeld(forms.IntegerField):
    """The hidden version an edit form showed."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


def versie_vernieuwen(form, versie: int | None, veld: str = "versie") -> None:
    """After `VersieVerouderd`: the form keeps the typed input and now carries the stored version."""
    if versie is None:
        return
    form.data = form.data.copy()
    form.data[form.add_prefix(veld)] = str(versie)
