import copy
import datetime
import importlib
import os
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import GemeenteFactory, KernFactory, UserFactory, WijkFactory

# Property-based tests (hypothesis): a short, repeatable run by default and in CI ("ci": the same examples
# every run, nothing stored); a long random one for a nightly run: HYPOTHESIS_PROFILE=nachtelijk bin/test.
# Our examples drive whole requests (slow by hypothesis' measure) in function-scoped fixtures. Ten examples
# per form or API list in CI (half of the hostile-input tests' time was the examples); the nightly run tries
# a hundred times as many, random, where rarer inputs turn up.
_TRAAG_MAAR_GOED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
hypothesis_settings.register_profile(
    "ci",
    max_examples=10,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_TRAAG_MAAR_GOED,
)
# Every field explicit: on a CI machine hypothesis makes its own "ci" profile the default, and a profile
# inherits from the default, so "nachtelijk" would otherwise come out derandomized.
hypothesis_settings.register_profile(
    "nachtelijk",
    max_examples=1000,
    derandomize=False,
    deadline=None,
    suppress_health_check=_TRAAG_MAAR_GOED,
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config, items):
    """The long tests first: the browser tests and the tests that go over every page or form (tests/test_*.py).
    pytest-xdist hands each worker a share and lets an idle worker take over half of another's queue, so what
    runs last decides how long one worker waits for the other; short tests there keep that wait short."""
    items.sort(key=lambda item: not (item.nodeid.startswith("tests/browser/") or item.nodeid.count("/") == 1))


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(code="GM1904", naam="Stichtse Vecht", slug="stichtse-vecht")


@pytest.fixture
def kern(gemeente):
    return KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")


@pytest.fixture
def wijk(kern):
    return WijkFactory(kern=kern, gemeente=kern.gemeente, code="WK190402", naam="Wijk 02 Breukelen")


@pytest.fixture
def medewerker(gemeente):
    return UserFactory(medewerker=True, gemeente=gemeente, naam="Mila Medewerker")


@pytest.fixture
def raadslid(gemeente):
    return UserFactory(raadslid=True, gemeente=gemeente, naam="Rik Raadslid")


@pytest.fixture
def groepslid(db):
    return UserFactory(groepslid=True, naam="Gerda Groepslid")


@pytest.fixture
def beheerder(gemeente):
    return UserFactory(beheerder=True, gemeente=gemeente, naam="Bram Beheerder")


@pytest.fixture(autouse=True)
def lege_cache():
    """Every test starts with an empty cache: the caches are on in tests as in production (the council
    figures), and a figure cached by one test must not show in the next."""
    cache.clear()
    yield cache
    cache.clear()


# Data migrations that seed rows every real database has (get_or_create, so safe to run again). The test
# databases are made from the models without migrations (config/settings/test.py), so these seed them.
STARTGEGEVENS = [
    ("accounts.migrations.0002_gebruikerssoorten", "groepen_aanmaken", "auth.Group"),
    ("gebiedsagenda.migrations.0002_standaardthemas", "themas_zaaien", "gebiedsagenda.Thema"),
    ("rollen.migrations.0002_rolbeschrijvingen", "vullen", "rollen.Rolbeschrijving"),
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, made from the models (config/settings/test.py), with the rows the data migrations
    seed, as a migrated database has them before any test (or a module's shared rows) uses it."""
    with django_db_blocker.unblock():
        startgegevens_zaaien()


@pytest.fixture(autouse=True)
def _startgegevens(request):
    """Every test that uses the database sees it as a migrated site has it. A transactional test (the
    browser tests' live server) empties every table when it ends, the seeded themes and role
    descriptions too; with tests spread over workers (pytest-xdist) any test may come after one, so the
    rows are seeded again when missing (inside the test's own transaction: rolled back with it)."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "_django_db_helper" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
    else:
        return
    startgegevens_zaaien()


def startgegevens_zaaien():
    from django.apps import apps

    for module, functie, model in STARTGEGEVENS:
        if not apps.get_model(model).objects.exists():
            getattr(importlib.import_module(module), functie)(apps, None)


def sessiesleutel(gebruiker) -> str:
    """A new session of `gebruiker` (Django's Client.force_login), as the value of the session cookie: for a
    test client or a browser that should be logged in without going through the login form."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(gebruiker)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@contextmanager
def gedeeld_voor_meer_tests(django_db_blocker):
    """Rows that many tests read, made once (as Django's setUpTestData): in an outer transaction that each
    test's own transaction nests in, rolled back when the block ends. For a module- or package-scoped
    fixture; while it lives, every database test of its scope sees those rows."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        startgegevens_zaaien()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def _wereld_per_module(django_db_setup, django_db_blocker):
    """The permission world (tests/permissietabel/objecten.py: two gemeenten with an object of every model,
    half a second to build) once per test module: use it in modules whose database tests all stand in it."""
    from django.contrib.sessions.models import Session

    from tests.permissietabel.objecten import bouw_wereld

    with gedeeld_voor_meer_tests(django_db_blocker):
        wereld = bouw_wereld()
        # A login per kind of user, for all the module's tests: the database keeps a session 30 minutes,
        # and a long (nightly) run of the module takes longer.
        for soort, gebruiker in wereld.gebruikers.items():
            if gebruiker is not None:
                wereld.sessies[soort] = sessiesleutel(gebruiker)
        Session.objects.filter(session_key__in=wereld.sessies.values()).update(
            expire_date=timezone.now() + datetime.timedelta(days=2)
        )
        alle = [wereld.gemeente_x, wereld.gemeente_y, wereld.kern_x, wereld.wijk_x]
        alle += [*wereld.objecten.values(), *wereld.gebruikers.values()]
        # Some entries are plain values (a token, a code).
        wereld.beginstand = [(obj, beginstand(obj)) for obj in alle if hasattr(obj, "refresh_from_db")]
        yield wereld


@pytest.fixture
def wereld(_wereld_per_module, db):
    """The permission world, shared by the module's tests; what a test changes is rolled back after it,
    and its objects are set back to how the world was built, so none keeps what an earlier test did to it in
    memory."""
    w = _wereld_per_module
    for obj, kolommen in w.beginstand:
        terugzetten(obj, kolommen)
    return w


def beginstand(obj) -> dict:
    """The values of `obj`'s columns as its row holds them (read from the database once)."""
    from django.db.models.fields.files import FieldFile

    obj.refresh_from_db()
    kolommen = {veld.attname: obj.__dict__[veld.attname] for veld in obj._meta.concrete_fields}
    # A copy (the object keeps its own JSON values, which a test may change in place); a file as its name,
    # the column's value: a FieldFile points to its object, which a copy would copy.
    return {naam: w.name if isinstance(w, FieldFile) else copy.deepcopy(w) for naam, w in kolommen.items()}


def terugzetten(obj, kolommen: dict) -> None:
    """What `obj.refresh_from_db()` does after a rollback to `beginstand(obj)`, without a query: the columns'
    values (copied: a test may change a JSON value in place) and no cached related objects or prefetches.
    Asked of some fifty objects before each of a thousand tests, the queries took a sixth of their time."""
    for naam, waarde in kolommen.items():
        setattr(obj, naam, copy.deepcopy(waarde))
    obj._state.fields_cache = {}
    obj._prefetched_objects_cache = {}
