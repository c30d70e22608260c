"""One outgoing mail to one address, with its delivery state (the worker's bookkeeping)."""

from django.db import models
from django.utils import timezone


class Berichtstatus(models.TextChoices):
    WACHTEND = "wachtend", "Wacht op verzending"
    VERZENDEN = "verzenden", "Wordt verzonden"
    VERZONDEN = "verzonden", "Verzonden"
    MISLUKT = "mislukt", "Mislukt (opgegeven)"


class Bericht(models.Model):
    aan = models.EmailField("aan", max_length=254)
    onderwerp = models.CharField("onderwerp", max_length=300)
    tekst = models.TextField("tekst")
    html = models.TextField("HTML", blank=True)
    headers = models.JSONField("extra kopregels", default=dict, blank=True)
    # The same Message-ID on every attempt: a mail server or reader that got it once can see a repeat.
    message_id = models.CharField("Message-ID", max_length=255, unique=True)
    # The gemeente whose business the mail is about (pk of gebieden.Gemeente, kept as a number because this
    # library imports no app); a functional admin sees only their own gemeente's mails, a superuser all.
    gemeente_id = models.PositiveBigIntegerField("gemeente", null=True, blank=True, db_index=True)

    status = models.CharField(
        "status", max_length=10, choices=Berichtstatus.choices, default=Berichtstatus.WACHTEND
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now, db_index=True)
    # Retries stop BERICHTEN_OPGEVEN_NA_UUR after this; the admin's resend starts it again.
    in_wachtrij_sinds = models.DateTimeField("in de wachtrij sinds", default=timezone.now)
    volgende_poging = models.DateTimeField("volgende poging", default=timezone.now)
    pogingen = models.PositiveIntegerField("pogingen", default=0)
    poging_gestart_op = models.DateTimeField("laatste poging gestart op", null=True, blank=True)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    laatste_fout = models.TextField("laatste fout", blank=True)

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["status", "volgende_poging"], name="bericht_status_poging_idx")]

    def __str__(self):
        return f"{self.onderwerp} → {self.aan}"


class Planningsrun(models.Model):
    """A scheduled job started for one moment: unique, so two workers never start it twice."""

    naam = models.CharField("opdracht", max_length=100)
    moment = models.DateTimeField("gepland moment")
    gestart_op = models.DateTimeField("gestart op", default=timezone.now)

    class Meta:
        verbose_name = "geplande opdracht"
        verbose_name_plural = "geplande opdrachten"
        constraints = [models.UniqueConstraint(fields=["naam", "moment"], name="planningsrun_eenmaal")]

    def __str__(self):
        return f"{self.naam} {self.moment:%d-%m-%Y %H:%M}"
