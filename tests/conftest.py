import pytest
from django.core.cache import cache

from tests.factories import GemeenteFactory, KernFactory, UserFactory, WijkFactory


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


@pytest.fixture
def lege_cache():
    """The default cache empty before and after the test, for tests that switch a cache on."""
    cache.clear()
    yield cache
    cache.clear()
