import pytest

from tests.factories import GemeenteFactory, UserFactory


@pytest.fixture
def andere_gemeente(db):
    return GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen")


@pytest.fixture
def medewerker_elders(andere_gemeente):
    return UserFactory(medewerker=True, gemeente=andere_gemeente, naam="Eva Elders")


@pytest.fixture
def raadslid_elders(andere_gemeente):
    return UserFactory(raadslid=True, gemeente=andere_gemeente, naam="Rob Elders")
