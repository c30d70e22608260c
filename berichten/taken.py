"""The library's jobs (django-tasks). Imported lazily: defining a task needs the configured backends."""

import io

from django.core.management import call_command
from django_tasks import task


@task
def bericht_versturen(bericht_id: int) -> str:
    """Send one stored message (berichten.wachtrij.versturen); a failure is recorded and retried later."""
    from .wachtrij import versturen

    return versturen(bericht_id)


@task
def beheeropdracht_uitvoeren(opdracht: list[str]) -> str:
    """Run a management command of the schedule (settings.WACHTRIJ_PLANNING); its output is the result."""
    uitvoer = io.StringIO()
    call_command(*opdracht, stdout=uitvoer, stderr=uitvoer)
    return uitvoer.getvalue()[-4000:]
