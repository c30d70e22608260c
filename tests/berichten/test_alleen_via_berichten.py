"""Every mail goes through the queue: no module outside berichten uses Django's mail sending directly."""

import ast
from pathlib import Path

from django.conf import settings

# What sends mail (or opens a connection to the mail server) in django.core.mail.
VERBODEN = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
}
TOEGESTAAN = {"berichten"}  # the one library that sends (berichten.wachtrij.versturen)


def _overtredingen(pad: Path) -> list[str]:
    fout = []
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.module.startswith("django.core.mail"):
            namen = {alias.name for alias in knoop.names}
            if namen & VERBODEN or knoop.module != "django.core.mail":
                fout.append(f"{pad}:{knoop.lineno} from {knoop.module} import {', '.join(sorted(namen))}")
        elif isinstance(knoop, ast.ImportFrom) and knoop.module == "django.core":
            if any(alias.name == "mail" for alias in knoop.names):
                fout.append(f"{pad}:{knoop.lineno} from django.core import mail")
        elif isinstance(knoop, ast.Import) and any(
            alias.name.startswith("django.core.mail") or alias.name == "smtplib" for alias in knoop.names
        ):
            fout.append(f"{pad}:{knoop.lineno} import {', '.join(a.name for a in knoop.names)}")
    return fout


def _project_modules():
    basis = Path(settings.BASE_DIR)
    for pakket in sorted(p for p in basis.iterdir() if (p / "__init__.py").exists()):
        if pakket.name in TOEGESTAAN | {"tests"}:
            continue
        for pad in sorted(pakket.rglob("*.py")):
            if "migrations" not in pad.parts:
                yield pad


def test_niemand_buiten_berichten_verstuurt_zelf_mail():
    fout = [regel for pad in _project_modules() for regel in _overtredingen(pad)]
    assert not fout, "Mail buiten de wachtrij om (gebruik berichten.mail):\n" + "\n".join(fout)


def test_de_controle_vindt_elke_vorm(tmp_path):
    for bron in (
        "from django.core.mail import send_mail\n",
        "def f():\n    from django.core.mail import EmailMultiAlternatives\n",
        "from django.core import mail\n",
        "import django.core.mail\n",
        "from django.core.mail.backends.smtp import EmailBackend\n",
        "import smtplib\n",
    ):
        module = tmp_path / "m.py"
        module.write_text(bron, encoding="utf-8")
        assert _overtredingen(module), bron
