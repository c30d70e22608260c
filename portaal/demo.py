"""Shared state for `load_demo`: each app's `demo.py` has `load(ctx)` and may read what lower apps made."""

from dataclasses import dataclass, field
from typing import Any

from accounts.demo import DEMO_WACHTWOORD  # noqa: F401  (load_demo and generate_data print it)


@dataclass
class DemoContext:
    stdout: Any
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (soort, e-mail, extra uitleg)
    data: dict = field(default_factory=dict)  # objects a lower app's step hands to higher ones

    def log(self, tekst: str) -> None:
        self.stdout.write(tekst)

    def login(self, soort: str, email: str, uitleg: str = "") -> None:
        if all(email != bestaand[1] for bestaand in self.logins):
            self.logins.append((soort, email, uitleg))
