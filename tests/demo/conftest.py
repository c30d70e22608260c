"""The demo (load_demo) loaded once for every test in this package, which only read it or change it inside
their own transaction (as Django's setUpTestData). One load takes some 10 seconds; the suite loaded it
twenty times when each app's demo test ran the command itself.

The demo lives in an outer transaction that each test's own transaction nests in, rolled back when the
package's last test ends; the command's output (the printed logins) is what `demo` gives. Put only tests
that use `demo` here: another test in this package would see the demo's rows while it is loaded."""

import io

import pytest
from django.core.management import call_command

from tests.conftest import gedeeld_voor_meer_tests


@pytest.fixture(scope="package")
def _demo_eenmaal(django_db_setup, django_db_blocker):
    with gedeeld_voor_meer_tests(django_db_blocker):
        uit = io.StringIO()
        call_command("load_demo", stdout=uit)
        yield uit.getvalue()


@pytest.fixture
def demo(_demo_eenmaal, db):
    """What load_demo printed; the demo's rows are in the database."""
    return _demo_eenmaal
