import pytest

from tests.factories import KernFactory, UserFactory, WijkFactory

from .factories import GroepFactory, LidmaatschapFactory


@pytest.fixture
def groep(gemeente, kern):
    return GroepFactory(gemeente=gemeente, kernen=[kern], naam="Activiteitencommissie Breukelen")


@pytest.fixture
def contactpersoon(groep):
    return LidmaatschapFactory(groep=groep, contactpersoon=True)


@pytest.fixture
def lid(groep, contactpersoon):
    """A plain member of `groep` (the group also has a contact person)."""
    return LidmaatschapFactory(groep=groep).gebruiker


@pytest.fixture
def andere_groep(gemeente):
    andere = GroepFactory(gemeente=gemeente, kernen=[KernFactory(gemeente=gemeente, naam="Loenen")])
    LidmaatschapFactory(groep=andere, contactpersoon=True)
    return andere


@pytest.fixture
def lid_andere_groep(andere_groep):
    return LidmaatschapFactory(groep=andere_groep).gebruiker


@pytest.fixture
def medewerker_elders(db):
    return UserFactory(medewerker=True, naam="Eva Elders")


@pytest.fixture
def wijk_elders(db):
    return WijkFactory()
