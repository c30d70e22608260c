from django.conf import settings
from django.db import models


class Formuliersleutel(models.Model):
    """One sent create form (`invoer.eenmalig`): its random key, who sent it and where it landed.

    A second POST with the same key (a double click, a retry after a timeout) is sent to `url` instead of
    making a second object. Deleted after a day by `eenmalig.opruimen()` (`onbevestigd_opruimen`).
    """

    sleutel = models.CharField("sleutel", max_length=64, unique=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    url = models.CharField("waar het formulier uitkwam", max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField("verstuurd op", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "formuliersleutel"
        verbose_name_plural = "formuliersleutels"

    def __str__(self):
        return f"{self.sleutel[:8]}… → {self.url}"
