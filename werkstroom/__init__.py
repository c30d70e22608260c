"""werkstroom: the one workflow mechanism of the portal (a bottom library: it imports no app).

A workflow is declared once, as data, in the app that owns the model (`<app>/werkstromen.py`):

    AANVRAAG = Werkstroom(
        naam="aanvraag",
        model="leefbaarheidsbudget.Aanvraag",
        statussen=Status,
        historie="leefbaarheidsbudget.Statuswijziging",
        historie_object="aanvraag",
        rollen={"groep": Rol("lid van de groep", is_lid_van_groep), ...},
        overgangen=[Overgang(Status.CONCEPT, Status.INGEDIEND, wie_mag="groep"), ...],
    )

Views and services ask the same object: `mag(actor, obj, naar)` and `toegestane_overgangen(actor, obj)`
answer "may this person make this step now"; `controleren(...)` raises the Dutch reason why not;
`overgaan(...)` checks and makes the step inside a service's own transaction (the service has locked
the row and does more in the same step: money, letters); `uitvoeren(...)` is the whole step for a
simple workflow: transaction, `select_for_update`, guard, status, history row, save.

Every history model inherits the abstract `werkstroom.models.Historie` (van, naar, door, op,
toelichting) and every page shows it with `{% include "werkstroom/_historie.html" %}`.

Why our own module and not django-fsm-2 + django-fsm-log: see docs/werkstroom.md. In short: our
transitions are guarded by a role *and* the object (a member of *this* group, staff of *this* area),
need a reason on some steps, and several services make more than one step in one locked transaction;
a 200-line table we own says that plainly, where fsm's decorated methods and a log keyed on content
types would hide it, and django-fsm itself is archived.

Declared here (see `alle()`, and tests/werkstroom/test_register.py which checks that every model with a
status field is either declared or listed below):
- leefbaarheidsbudget.Aanvraag, bewonersgroepen.Groep, bewonersgroepen.Samenwerkingsovereenkomst,
  bewonersgroepen.Betaalgegevenswijziging,
  gebiedsagenda.Opgave, gebiedsagenda.Nieuwsbericht, meldingen.Melding, raad.Motie.

Not converted yet (each has a status field and its own small check; listed in NIET_OMGEZET):
- berichten.Bericht: the state of a queued mail, moved by the worker and its retries, not by a person.
"""

from .werkstroom import SYSTEEM, Overgang, Rol, Werkstroom, alle, voor_model

# Models with a status that do not (yet) use this library, with why; the register test reads this.
NIET_OMGEZET = {
    "berichten.Bericht": "the state of a queued mail, moved by the worker and its retries, not by a person",
}

__all__ = ["NIET_OMGEZET", "SYSTEEM", "Overgang", "Rol", "Werkstroom", "alle", "voor_model"]
