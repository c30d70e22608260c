"""Retention: remove sent and given-up messages, finished jobs and schedule records older than
BERICHTEN_BEWAREN_DAGEN (docs/privacy.md): they hold addresses, texts and links."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from berichten.models import Bericht, Berichtstatus, Planningsrun


class Command(BaseCommand):
    help = "Verwijdert verzonden berichten, afgeronde taken en planningsregels ouder dan de bewaartermijn."

    def handle(self, **opties):
        grens = timezone.now() - datetime.timedelta(days=settings.BERICHTEN_BEWAREN_DAGEN)
        berichten, _ = Bericht.objects.filter(
            Q(status=Berichtstatus.VERZONDEN, verzonden_op__lt=grens)
            | Q(status=Berichtstatus.MISLUKT, in_wachtrij_sinds__lt=grens)
        ).delete()
        taken, _ = DBTaskResult.objects.successful().filter(finished_at__lt=grens).delete()
        runs, _ = Planningsrun.objects.filter(moment__lt=grens).delete()
        self.stdout.write(f"Verwijderd: {berichten} berichten, {taken} taken, {runs} planningsregels.")
