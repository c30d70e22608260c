"""Production code never patches itself: a service that needs another moment takes it as a parameter
(the leefbaarheidsbudget services' `nu`), and only tests replace things (issue 17, item 5)."""

import re
from pathlib import Path

from django.conf import settings

PATROON = re.compile(
    r"\bunittest\.mock\b|from unittest import mock\b|\bmock\.patch\b|^\s*import mock\b", re.M
)
NIET_PRODUCTIE = {"tests", ".venv", "node_modules", "static", ".git"}


def _productiecode():
    basis = Path(settings.BASE_DIR)
    for pad in sorted(basis.rglob("*.py")):
        if not NIET_PRODUCTIE & set(pad.relative_to(basis).parts):
            yield pad


def test_geen_mock_buiten_de_tests():
    gevonden = [
        str(pad.relative_to(settings.BASE_DIR))
        for pad in _productiecode()
        if PATROON.search(pad.read_text(encoding="utf-8"))
    ]
    assert gevonden == []


def test_de_zoekregel_vindt_een_patch():
    """The check can fail: the pattern recognises the forms it forbids."""
    for regel in ("from unittest import mock", "import unittest.mock", "with mock.patch.object(x, 'y'):"):
        assert PATROON.search(regel)
    assert not PATROON.search("from django.utils import timezone")
