from django.db import models


class Teller(models.Model):
    """How often one key (a form and an IP network or e-mail address) was used in one window of time.

    The key is an HMAC of the form and the address, never the address itself: the table holds no IP
    or e-mail address in readable form. Old windows are deleted by `limiet.opruimen()`.
    """

    sleutel = models.CharField("sleutel", max_length=64)
    venster = models.DateTimeField("begin van het venster")
    aantal = models.PositiveIntegerField("aantal", default=0)

    class Meta:
        verbose_name = "teller"
        verbose_name_plural = "tellers"
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "venster"], name="teller_uniek_per_venster")
        ]
        indexes = [models.Index(fields=["venster"])]

    def __str__(self):
        return f"{self.sleutel[:8]}… {self.venster:%Y-%m-%d %H:%M}: {self.aantal}"
