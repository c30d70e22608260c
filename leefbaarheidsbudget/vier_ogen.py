"""Four eyes on money: who took one step of the money may not take the next one; and who entered an
application on the group's behalf does not decide it.

The one rule, asked by the services (which refuse the step) and by the pages (which show "wacht op een
collega" instead of a button that would be refused after submit). Only when the regulation says so
(`Regeling.vier_ogen`, on by default; only a superuser switches it off)."""

from .constants import Status

# The step (the status it leads to) -> (the field naming who took the step before, the form field
# the refusal belongs to, the refusal).
NAMENS = "Vier ogen: u voerde deze aanvraag in namens de groep, dus een collega beslist erover."
STAPPEN = {
    Status.TOEGEKEND: ("ingevoerd_door_id", "besluit", NAMENS),
    Status.AFGEWEZEN: ("ingevoerd_door_id", "besluit", NAMENS),
    Status.UITBETAALD: (
        "beslist_door_id",
        "betaald_op",
        "Vier ogen: u nam het besluit, dus een collega registreert de betaling.",
    ),
    Status.VASTGESTELD: (
        "betaling_door_id",
        "bedrag",
        "Vier ogen: u registreerde de betaling, dus een collega stelt het bedrag vast.",
    ),
}


def wacht_op_collega(aanvraag, door, naar, *, regeling) -> str | None:
    """Why `door` may not take the step to `naar` under the four-eyes rule (a colleague must), or None.
    `regeling`: the regulation that applies to the application (None: there is none, so no rule)."""
    stap = STAPPEN.get(naar)
    if stap is None or regeling is None or not regeling.vier_ogen or door is None:
        return None
    eerder = getattr(aanvraag, stap[0])
    return stap[2] if eerder is not None and eerder == door.pk else None


def veld(naar) -> str:
    """The form field a four-eyes refusal of this step is shown at."""
    return STAPPEN[naar][1]
