"""bin/worker: send queued mail, run queued jobs and the schedule (WACHTRIJ_PLANNING); no crontab needed."""

import signal

from django.core.management.base import BaseCommand

from berichten.wachtrij import onderbroken_herstellen, planning_bijwerken, wachtrij_afwerken, werken


class Command(BaseCommand):
    help = "Verstuurt berichten en voert taken en de planning uit (stoppen met Ctrl+C of SIGTERM)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconden wachten als er niets is.")
        parser.add_argument(
            "--zonder-planning", action="store_true", help="Alleen de wachtrij, geen planning."
        )
        parser.add_argument(
            "--eenmalig",
            action="store_true",
            help="Alles wat nu klaarstaat afwerken en stoppen (zoals cron).",
        )

    def handle(self, *, interval, zonder_planning, eenmalig, **opties):
        if eenmalig:
            onderbroken_herstellen()
            if not zonder_planning:
                planning_bijwerken()
            gedaan = wachtrij_afwerken()
            self.stdout.write(f"{gedaan} taken uitgevoerd.")
            return
        gestopt = []

        def stoppen(signum, frame):
            if gestopt:  # a second signal: stop at once
                raise SystemExit(1)
            gestopt.append(signum)  # finish the job in hand, then stop

        signal.signal(signal.SIGINT, stoppen)
        signal.signal(signal.SIGTERM, stoppen)
        self.stdout.write("Werker gestart: berichten, taken en planning (stoppen met Ctrl+C).")
        werken(interval=interval, planning=not zonder_planning, stop=lambda: bool(gestopt))
        self.stdout.write("Werker gestopt.")
