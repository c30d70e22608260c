import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "naam", ["portaal:home", "portaal:toegankelijkheid", "portaal:privacy", "login", "password_reset"]
)
def test_openbare_paginas(client, db, naam):
    response = client.get(reverse(naam))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert 'href="#inhoud"' in response.text


def test_404_pagina_in_het_nederlands(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
