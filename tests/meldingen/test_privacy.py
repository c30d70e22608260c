"""The AVG export holds a person's meldingen; anonymising removes their contact details from them."""

from meldingen import privacy
from meldingen.models import Melding
from tests.factories import UserFactory

from .factories import MeldingFactory


def test_export_en_anonimiseren(gemeente, medewerker):
    bewoner = UserFactory(groepslid=True, email="bewoner@example.nl")
    eigen = MeldingFactory(gemeente=gemeente, melder=bewoner, email="ander@example.nl", telefoon="0611111111")
    zelfde_adres = MeldingFactory(gemeente=gemeente, categorie=eigen.categorie, email="bewoner@example.nl")
    vreemd = MeldingFactory(gemeente=gemeente, categorie=eigen.categorie, email="buur@example.nl")
    export = privacy.exporteren(bewoner)
    assert {r["referentie"] for r in export["gedane_meldingen"]} == {
        eigen.referentie,
        zelfde_adres.referentie,
    }
    privacy.anonimiseren(user=bewoner)
    assert (
        list(
            Melding.objects.filter(pk__in=[eigen.pk, zelfde_adres.pk]).values_list(
                "melder", "email", "telefoon"
            )
        )
        == [(None, "", "")] * 2
    )
    vreemd.refresh_from_db()
    assert vreemd.email == "buur@example.nl"
