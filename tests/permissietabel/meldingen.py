from django.core.files.base import ContentFile

from meldingen import services
from meldingen.models import Foto
from tests.meldingen.factories import CategorieFactory, SubcategorieFactory

from .objecten import url_kwargs, wereld_bouwer


def _png() -> bytes:
    import io

    from PIL import Image

    uit = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(uit, format="PNG")
    return uit.getvalue()


@wereld_bouwer
def meldingen(wereld):
    hoofd = CategorieFactory(gemeente=wereld.gemeente_x, naam="Verlichting", slug="verlichting")
    categorie = SubcategorieFactory(gemeente=wereld.gemeente_x, hoofdcategorie=hoofd, naam="Lamp kapot")
    melding = services.melding_doen(
        gemeente=wereld.gemeente_x,
        categorie=categorie,
        wijk=wereld.wijk_x,
        tekst="De lamp doet het niet.",
        email="melder@example.nl",
        # A point, so the public wijk page (meldingen:wijk) draws its map in the page-wide checks.
        lat="52.171234",
        lon="5.004321",
    )
    foto = Foto(melding=melding)
    foto.bestand.save("foto.png", ContentFile(_png()), save=True)
    wereld.objecten["melding_x"] = melding
    # A handled melding whose reporter asks to reopen: staff may refuse that with a reason.
    verzoek = services.melding_doen(
        gemeente=wereld.gemeente_x, categorie=categorie, wijk=wereld.wijk_x, tekst="Tak", email="m@example.nl"
    )
    verzoek = services.melding_overgaan(
        melding=verzoek, naar="afgehandeld", door=wereld.gebruikers["medewerker"], tekst="Klaar."
    )
    wereld.objecten["melding_verzoek"] = services.feedback_geven(
        melding=verzoek, tevredenheid=1, heropenen=True
    )
    wereld.objecten["foto_x"] = foto
    # A published photo (public) and a handled melding whose reporter may still ask to reopen it.
    openbaar = Foto(melding=melding)
    openbaar.bestand.save("openbaar.png", ContentFile(_png()), save=True)
    wereld.objecten["foto_openbaar"] = services.foto_publiceren(
        foto=openbaar, door=wereld.gebruikers["medewerker"]
    )
    afgehandeld = services.melding_doen(
        gemeente=wereld.gemeente_x, categorie=categorie, wijk=wereld.wijk_x, tekst="Gat", email="g@example.nl"
    )
    wereld.objecten["melding_afgehandeld"] = services.melding_overgaan(
        melding=afgehandeld, naar="afgehandeld", door=wereld.gebruikers["medewerker"], tekst="Gedicht."
    )
    # An open question to a ketenpartner (its answer form is on the detail page of melding_x).
    wereld.objecten["doorzetting_x"] = services.doorzetten(
        melding=melding, door=wereld.gebruikers["medewerker"], aan="Stedin", vraag="Wanneer?"
    )


@url_kwargs("meldingen:status")
def _status(wereld):
    return {"token": wereld.objecten["melding_x"].token}


@url_kwargs(
    "meldingen:melding",
    "meldingen:overgang",
    "meldingen:notitie",
    "meldingen:toewijzen",
    "meldingen:dubbel",
    "meldingen:doorzetten",
    "meldingen:openbare_toelichting",
)
def _melding(wereld):
    return {"referentie": wereld.objecten["melding_x"].referentie}


@url_kwargs("meldingen:wijk", "meldingen:wijk_punten")
def _wijk(wereld):
    return {"code": wereld.wijk_x.code}


@url_kwargs("meldingen:kern", "meldingen:kern_punten")
def _kern(wereld):
    return {"gemeente": wereld.gemeente_x.slug, "kern": wereld.kern_x.slug}


@url_kwargs("meldingen:doorzetting_antwoord")
def _doorzetting(wereld):
    d = wereld.objecten["doorzetting_x"]
    return {"referentie": d.melding.referentie, "pk": d.pk}


@url_kwargs("meldingen:foto", "meldingen:foto_publiceren")
def _foto(wereld):
    return {"referentie": wereld.objecten["melding_x"].referentie, "pk": wereld.objecten["foto_x"].pk}


@url_kwargs("meldingen:verzoek_afwijzen", "meldingen:verzoek_honoreren")
def _verzoek(wereld):
    return {"referentie": wereld.objecten["melding_verzoek"].referentie}


@url_kwargs("meldingen:heropenen")
def _heropenen(wereld):
    return {"token": wereld.objecten["melding_afgehandeld"].token}


@url_kwargs("meldingen:openbare_foto")
def _openbare_foto(wereld):
    return {"pk": wereld.objecten["foto_openbaar"].pk}
