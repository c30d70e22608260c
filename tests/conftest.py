import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import GemeenteFactory, KernFactory, UserFactory, WijkFactory

# Property-based tests (hypothesis): a short, repeatable run by default and in CI ("ci": the same examples
# every run, nothing stored); a long random one for a nightly run: HYPOTHESIS_PROFILE=nachtelijk bin/test.
# Our examples drive whole requests (slow by hypothesis' measure) in function-scoped fixtures.
_TRAAG_MAAR_GOED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
hypothesis_settings.register_profile(
    "ci",
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_TRAAG_MAAR_GOED,
)
hypothesis_settings.register_profile(
    "nachtelijk", max_examples=1000, deadline=None, suppress_health_check=_TRAAG_MAAR_GOED
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
