"""The one abstract history model every workflow's history inherits (no table of its own)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Historie(models.Model):
    """Append-only: one row per step (van → naar), or an event that keeps the status (van == naar).

    A subclass adds its foreign key to the object and usually declares `van`/`naar` again with its
    status choices (for `get_naar_display`); `door` is None for a step the system made."""

    van = models.CharField("van", max_length=30, blank=True)
    naar = models.CharField("naar", max_length=30)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    op = models.DateTimeField("op", default=timezone.now)
    toelichting = models.TextField("toelichting", blank=True)

    class Meta:
        abstract = True
        ordering = ["op", "pk"]

    def _label(self, veld: str) -> str:
        weergave = getattr(self, f"get_{veld}_display", None)
        return str(weergave()) if weergave else getattr(self, veld)

    @property
    def kop(self) -> str:
        """The line a timeline shows: the event, "Van → Naar", or the first status."""
        gebeurtenis = getattr(self, "gebeurtenis", "")
        if gebeurtenis:
            return gebeurtenis
        if self.van and self.van != self.naar:
            return f"{self._label('van')} → {self._label('naar')}"
        return self._label("naar")

    @property
    def omschrijving(self) -> str:
        """What the timeline says: the event, or the new status."""
        gebeurtenis = getattr(self, "gebeurtenis", "")
        if gebeurtenis:
            return gebeurtenis
        return self._label("naar")
