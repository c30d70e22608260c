"""The table, the guard and the step. See the package docstring."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction


@dataclass(frozen=True)
class Rol:
    """Who may make a step: a label for messages and a test on (person, object).

    The test gets the object, so a role is always "... of this object" (a member of *this* group,
    staff of *this* area), never a global flag."""

    label: str
    test: Callable[[object, models.Model], bool]
    systeem: bool = False  # the role of `door=None` (a nightly command), and of nobody else

    def past(self, actor, obj) -> bool:
        if actor is None or self.systeem:
            return actor is None and self.systeem
        return bool(self.test(actor, obj))


# The nightly commands: `door=None`. Only steps that name this role accept them; a person's role
# never matches None.
SYSTEEM = Rol("het systeem", lambda actor, obj: False, systeem=True)


@dataclass(frozen=True)
class Overgang:
    """One row of a transition table: (from, to), who may, reason required, extra condition."""

    van: str
    naar: str
    wie_mag: frozenset[str] | str | Iterable[str]
    reden_verplicht: bool = False
    # An extra condition on the object (e.g. "settled directly at the grant"); with its Dutch refusal.
    voorwaarde: Callable[[models.Model], bool] | None = None
    voorwaarde_uitleg: str = ""
    # What the form asks when the reason is missing (the workflow's default otherwise).
    reden_uitleg: str = ""

    def __post_init__(self):
        wie = self.wie_mag
        object.__setattr__(self, "wie_mag", frozenset([wie] if isinstance(wie, str) else wie))
        if not self.wie_mag:
            raise ValueError(f"Overgang {self.van} → {self.naar}: wie_mag is leeg.")
        if self.voorwaarde is not None and not self.voorwaarde_uitleg:
            raise ValueError(f"Overgang {self.van} → {self.naar}: een voorwaarde heeft een uitleg nodig.")

    @property
    def sleutel(self) -> tuple[str, str]:
        return (str(self.van), str(self.naar))


_REGISTER: dict[str, Werkstroom] = {}


def alle() -> list[Werkstroom]:
    """Every declared workflow (filled when the apps' `werkstromen` modules are imported)."""
    return list(_REGISTER.values())


def voor_model(label: str) -> Werkstroom | None:
    """The workflow of a model, by its label ("app.Model"), if it has one."""
    for werkstroom in _REGISTER.values():
        if werkstroom.model_label.lower() == label.lower():
            return werkstroom
    return None


def _onmogelijk_standaard(werkstroom: Werkstroom, obj, van: str, naar: str) -> str:
    return (
        f"Dit kan niet: de {werkstroom.naam} is {werkstroom.label(van).lower()} "
        f"en kan niet naar {werkstroom.label(naar).lower()}."
    )


def _geweigerd_standaard(werkstroom: Werkstroom, overgang: Overgang, actor) -> str:
    wie = " of ".join(sorted(werkstroom.rollen[r].label for r in overgang.wie_mag))
    return f"Alleen {wie} mag deze stap zetten."


@dataclass
class Werkstroom:
    """The transition table of one model, with the one guard and the one step."""

    naam: str  # the object in a sentence: "aanvraag", "groep"
    model: str  # "app.Model"
    statussen: type[models.TextChoices]
    rollen: dict[str, Rol]
    overgangen: list[Overgang]
    historie: str  # "app.Model" of the history model (a subclass of werkstroom.models.Historie)
    historie_object: str  # the history model's foreign key to the object
    statusveld: str = "status"
    reden_uitleg: str = "Geef een reden."
    reden_veld: str = "toelichting"
    # The field a "not from this status" error belongs to (None: the form as a whole).
    onmogelijk_veld: str | None = None
    onmogelijk: Callable[[Werkstroom, models.Model, str, str], str] = _onmogelijk_standaard
    geweigerd: Callable[[Werkstroom, Overgang, object], str] = _geweigerd_standaard
    _tabel: dict[tuple[str, str], Overgang] = field(init=False, repr=False)

    def __post_init__(self):
        self._tabel = {}
        for overgang in self.overgangen:
            if overgang.sleutel in self._tabel:
                raise ValueError(f"{self.naam}: overgang {overgang.sleutel} staat twee keer in de tabel.")
            onbekend = overgang.wie_mag - set(self.rollen)
            if onbekend:
                raise ValueError(f"{self.naam}: onbekende rol {sorted(onbekend)} in {overgang.sleutel}.")
            for status in overgang.sleutel:
                if status not in self.statussen.values:
                    raise ValueError(f"{self.naam}: onbekende status {status!r}.")
            self._tabel[overgang.sleutel] = overgang
        if self.model.lower() in {w.model.lower() for w in _REGISTER.values() if w.naam != self.naam}:
            raise ValueError(f"{self.model} heeft al een werkstroom.")
        _REGISTER[self.naam] = self

    # --- The table -------------------------------------------------------------------------------

    @property
    def model_label(self) -> str:
        return self.model

    @property
    def tabel(self) -> dict[tuple[str, str], Overgang]:
        return dict(self._tabel)

    def overgang(self, van: str, naar: str) -> Overgang | None:
        return self._tabel.get((str(van), str(naar)))

    def label(self, status: str) -> str:
        try:
            return str(self.statussen(status).label)
        except ValueError:
            return str(status)

    def historie_model(self) -> type[models.Model]:
        return apps.get_model(self.historie)

    # --- The one guard ---------------------------------------------------------------------------

    def _heeft_rol(self, actor, obj, overgang: Overgang) -> bool:
        return any(self.rollen[rol].past(actor, obj) for rol in overgang.wie_mag)

    def mag(self, actor, obj, naar: str, *, met_voorwaarde: bool = True) -> bool:
        """May `actor` (None: the system) move `obj` to `naar` now? Table, role and condition.

        `met_voorwaarde=False` leaves the extra condition out: a form may offer a step whose condition
        does not hold yet (activating without the signed PDF) so that the refusal says what is missing."""
        overgang = self.overgang(getattr(obj, self.statusveld), naar)
        return (
            overgang is not None
            and self._heeft_rol(actor, obj, overgang)
            and (not met_voorwaarde or overgang.voorwaarde is None or bool(overgang.voorwaarde(obj)))
        )

    def toegestane_overgangen(self, actor, obj, *, met_voorwaarde: bool = True) -> list[Overgang]:
        """The steps `actor` may make on `obj` now, in the table's order."""
        van = str(getattr(obj, self.statusveld))
        return [
            o
            for o in self.overgangen
            if str(o.van) == van and self.mag(actor, obj, o.naar, met_voorwaarde=met_voorwaarde)
        ]

    def controleren(self, actor, obj, naar: str, reden: str = "") -> Overgang:
        """The guard that raises: ValidationError (no such step, condition, missing reason) or
        PermissionDenied (not this actor's step), with a Dutch message; returns the step."""
        van = str(getattr(obj, self.statusveld))
        overgang = self.overgang(van, naar)
        if overgang is None:
            melding = self.onmogelijk(self, obj, van, str(naar))
            raise ValidationError({self.onmogelijk_veld: melding} if self.onmogelijk_veld else melding)
        if not self._heeft_rol(actor, obj, overgang):
            raise PermissionDenied(self.geweigerd(self, overgang, actor))
        if overgang.voorwaarde is not None and not overgang.voorwaarde(obj):
            raise ValidationError(overgang.voorwaarde_uitleg)
        if overgang.reden_verplicht and not (reden or "").strip():
            raise ValidationError({self.reden_veld: overgang.reden_uitleg or self.reden_uitleg})
        return overgang

    # --- The step --------------------------------------------------------------------------------

    def historie_schrijven(
        self, *, obj, van: str, naar: str, door, reden: str = "", op: datetime | None = None, **extra
    ):
        """Append one history row; also for the first row (van="") and for events (van == naar)."""
        velden = {self.historie_object: obj, "van": van, "naar": naar, "door": door, "toelichting": reden}
        if op is not None:
            velden["op"] = op
        return self.historie_model().objects.create(**velden, **extra)

    def overgaan(self, *, obj, naar: str, door, reden: str = "", op: datetime | None = None):
        """Check the guard, set the status and append the history row, inside the caller's transaction
        (the caller has locked `obj` with select_for_update and saves it). Returns the history row."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("werkstroom.overgaan hoort in een transactie met de rij vergrendeld.")
        reden = (reden or "").strip()
        self.controleren(door, obj, naar, reden)
        van = getattr(obj, self.statusveld)
        setattr(obj, self.statusveld, naar)
        return self.historie_schrijven(obj=obj, van=van, naar=naar, door=door, reden=reden, op=op)

    def uitvoeren(
        self,
        *,
        obj,
        naar: str,
        door,
        reden: str = "",
        op: datetime | None = None,
        bijwerken: Iterable[str] = (),
        vergrendeld: Callable[[models.QuerySet], models.QuerySet] | None = None,
    ):
        """The whole step for a simple workflow: one transaction, the row locked and read again (a
        double click or two people at once: the second sees the new status and is refused), guard,
        status, history, save. `bijwerken` names more fields to save (e.g. an auto_now field);
        `vergrendeld` adds select_related/of to the locking query. Returns the fresh object."""
        model = apps.get_model(self.model)
        with transaction.atomic():
            qs = model.objects.select_for_update()
            if vergrendeld is not None:
                qs = vergrendeld(qs)
            obj = qs.get(pk=obj.pk)
            self.overgaan(obj=obj, naar=naar, door=door, reden=reden, op=op)
            obj.save(update_fields=[self.statusveld, *bijwerken])
        return obj


__all__ = ["SYSTEEM", "Overgang", "Rol", "Werkstroom", "alle", "voor_model"]
