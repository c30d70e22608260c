import datetime

import pytest

from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.factories import UserFactory
from tests.rollen.factories import ProjectFactory


@pytest.fixture
def project(gemeente, kern):
    return ProjectFactory(
        gemeente=gemeente, kernen=[kern], naam="Herinrichting Stationsplein", slug="stationsplein"
    )


@pytest.fixture
def omgevingsmanager(gemeente, project):
    om = UserFactory(medewerker=True, gemeente=gemeente, naam="Olga Omgeving")
    toewijzing_aanmaken(
        rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=om, van=datetime.date(2024, 1, 1)
    )
    return om


@pytest.fixture
def collega(gemeente):
    return UserFactory(medewerker=True, gemeente=gemeente, naam="Cor Collega")
