"""Area news: staff publish, group members propose, kern items reach its wijken, feeds per area."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gebiedsagenda import services
from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Nieuwsbericht
from tests.factories import WACHTWOORD, UserFactory


def test_kernbericht_staat_ook_op_de_wijkpagina(client, wijk, wijk2, andere_kern, publiceer):
    publiceer("Kermis in Breukelen", kernen=[wijk.kern])
    publiceer("Alleen voor wijk 9", wijken=[wijk2])
    publiceer("Nieuws uit Loenen", kernen=[andere_kern])
    wijkpagina = client.get(wijk.get_absolute_url()).text
    assert "Kermis in Breukelen" in wijkpagina
    assert "Alleen voor wijk 9" not in wijkpagina and "Nieuws uit Loenen" not in wijkpagina
    assert "Kermis in Breukelen" in client.get(wijk2.get_absolute_url()).text
    kernpagina = client.get(wijk.kern.get_absolute_url()).text
    assert "Kermis in Breukelen" in kernpagina and "Alleen voor wijk 9" in kernpagina
    assert "Nieuws uit Loenen" not in kernpagina


def test_rss_en_atom_feed_van_een_wijk(client, wijk, wijk2, andere_kern, publiceer):
    publiceer("Kermis in Breukelen", kernen=[wijk.kern])
    publiceer("Wegwerkzaamheden", wijken=[wijk])
    publiceer("Alleen voor wijk 9", wijken=[wijk2])
    rss = client.get(reverse("gebiedsagenda:feed_wijk_rss", args=[wijk.code]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss.text.count("<item>") == 2
    assert "<title>Wegwerkzaamheden</title>" in rss.text and "Kermis in Breukelen" in rss.text
    assert "Alleen voor wijk 9" not in rss.text
    atom = client.get(reverse("gebiedsagenda:feed_wijk_atom", args=[wijk.code]))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert atom.text.count("<entry>") == 2
    assert f"/nieuws/{Nieuwsbericht.objects.get(titel='Wegwerkzaamheden').pk}/" in atom.text


def test_feed_van_een_kern_bevat_ook_het_nieuws_van_haar_wijken(client, wijk, andere_kern, publiceer):
    publiceer("Kermis in Breukelen", kernen=[wijk.kern])
    publiceer("Wegwerkzaamheden", wijken=[wijk])
    publiceer("Nieuws uit Loenen", kernen=[andere_kern])
    args = [wijk.kern.gemeente.slug, wijk.kern.slug]
    atom = client.get(reverse("gebiedsagenda:feed_kern_atom", args=args)).text
    assert atom.count("<entry>") == 2
    assert "<title>Kermis in Breukelen</title>" in atom and "<title>Wegwerkzaamheden</title>" in atom
    assert "Nieuws uit Loenen" not in atom
    assert "<title>Nieuws uit Breukelen (Stichtse Vecht)</title>" in atom
    rss = client.get(reverse("gebiedsagenda:feed_kern_rss", args=args)).text
    assert rss.count("<item>") == 2 and "<pubDate>" in rss


def test_feeds_vast_aantal_queries(client, wijk, publiceer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [
        reverse("gebiedsagenda:feed_gemeente_atom", args=[wijk.gemeente.slug]),
        reverse("gebiedsagenda:feed_kern_rss", args=[wijk.kern.gemeente.slug, wijk.kern.slug]),
        reverse("gebiedsagenda:feed_kern_atom", args=[wijk.kern.gemeente.slug, wijk.kern.slug]),
        reverse("gebiedsagenda:feed_wijk_rss", args=[wijk.code]),
        reverse("gebiedsagenda:feed_wijk_atom", args=[wijk.code]),
    ]

    def tel(aantal):
        for i in range(aantal):
            publiceer(f"Bericht {aantal}-{i}", kernen=[wijk.kern], wijken=[wijk])
        tellingen = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            tellingen.append(len(queries))
        return tellingen

    klein = tel(1)
    assert tel(10) == klein


def test_feed_van_een_gemeente_bevat_al_haar_nieuws(client, gemeente, wijk, andere_kern, publiceer):
    from tests.factories import GemeenteFactory, KernFactory

    publiceer("Kermis in Breukelen", kernen=[wijk.kern])
    publiceer("Wegwerkzaamheden", wijken=[wijk])
    publiceer("Nieuws uit Loenen", kernen=[andere_kern])
    elders = GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen")
    collega = UserFactory(medewerker=True, gemeente=elders)
    publiceer("Nieuws uit Vinkeveen", kernen=[KernFactory(gemeente=elders)], door=collega)
    atom = client.get(reverse("gebiedsagenda:feed_gemeente_atom", args=[gemeente.slug]))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert atom.text.count("<entry>") == 3 and "Vinkeveen" not in atom.text
    assert "<title>Nieuws uit de gemeente Stichtse Vecht</title>" in atom.text
    rss = client.get(reverse("gebiedsagenda:feed_gemeente_rss", args=[gemeente.slug])).text
    assert rss.count("<item>") == 3
    # The gemeente page links to its feeds (following is per kern or wijk only).
    pagina = client.get(gemeente.get_absolute_url()).text
    assert reverse("gebiedsagenda:feed_gemeente_rss", args=[gemeente.slug]) in pagina
    assert "volgen per e-mail" not in pagina
    assert client.get(reverse("gebiedsagenda:feed_gemeente_rss", args=["bestaat-niet"])).status_code == 404


def test_feed_van_een_kern_toont_geen_voorstellen(client, kern, groepslid, groep):
    services.nieuws_voorstellen(
        door=groepslid, groep=groep, titel="Nog niet goedgekeurd", tekst="x", kernen=[kern]
    )
    rss = client.get(reverse("gebiedsagenda:feed_kern_rss", args=[kern.gemeente.slug, kern.slug]))
    assert rss.status_code == 200 and "Nog niet goedgekeurd" not in rss.text


def test_medewerker_van_andere_gemeente_mag_niet_publiceren(kern, medewerker_elders):
    with pytest.raises(PermissionDenied):
        services.nieuws_publiceren(door=medewerker_elders, titel="x", tekst="y", kernen=[kern])


def test_bericht_moet_over_een_gebied_gaan(medewerker):
    with pytest.raises(ValidationError):
        services.nieuws_publiceren(door=medewerker, titel="x", tekst="y")


def test_voorstel_van_groepslid_wacht_op_goedkeuring(client, kern, groepslid, groep, medewerker, lege_cache):
    bericht = services.nieuws_voorstellen(
        door=groepslid, groep=groep, titel="Buurtfeest", tekst="Kom ook!", kernen=[kern]
    )
    assert bericht.status == NieuwsStatus.VOORGESTELD
    assert "Buurtfeest" not in client.get(kern.get_absolute_url()).text
    assert client.get(bericht.get_absolute_url()).status_code == 404  # the public can't see it yet
    client.force_login(medewerker)
    response = client.post(
        reverse("gebiedsagenda:nieuws_beoordelen", args=[bericht.pk]), {"besluit": "publiceren"}
    )
    assert response.status_code == 302
    assert "Buurtfeest" in client.get(kern.get_absolute_url()).text  # staff see it at once
    client.logout()
    lege_cache.clear()  # visitors without a login: once their stored page is over a minute old
    assert "Buurtfeest" in client.get(kern.get_absolute_url()).text


def test_afwijzen_vraagt_een_reden(client, kern, groepslid, groep, medewerker):
    bericht = services.nieuws_voorstellen(
        door=groepslid, groep=groep, titel="Reclame", tekst="Koop!", kernen=[kern]
    )
    client.force_login(medewerker)
    url = reverse("gebiedsagenda:nieuws_beoordelen", args=[bericht.pk])
    response = client.post(url, {"besluit": "afwijzen"})
    assert response.status_code == 400 and "Schrijf waarom" in response.text
    client.post(url, {"besluit": "afwijzen", "reden": "Dit is reclame."})
    bericht.refresh_from_db()
    assert bericht.status == NieuwsStatus.AFGEWEZEN and bericht.reden == "Dit is reclame."
    client.force_login(groepslid)
    pagina = client.get(bericht.get_absolute_url()).text
    assert "Dit is reclame." in pagina  # the proposer sees why
    assert "Voorgesteld, wacht op goedkeuring → Niet gepubliceerd" in pagina and medewerker.naam in pagina


def test_beoordelen_is_een_stap_met_historie(kern, groepslid, groep, medewerker):
    bericht = services.nieuws_voorstellen(
        door=groepslid, groep=groep, titel="Buurtfeest", tekst="Kom ook!", kernen=[kern]
    )
    services.nieuws_beoordelen(bericht=bericht, door=medewerker, publiceren=True)
    bericht.refresh_from_db()
    stappen = list(bericht.statuswijzigingen.order_by("op", "pk"))
    assert [(s.van, s.naar, s.door) for s in stappen] == [
        ("", NieuwsStatus.VOORGESTELD, groepslid),
        (NieuwsStatus.VOORGESTELD, NieuwsStatus.GEPUBLICEERD, medewerker),
    ]
    assert bericht.gepubliceerd_op == stappen[1].op
    # A second decision is refused by the workflow's table, and writes nothing.
    with pytest.raises(ValidationError, match="al beoordeeld"):
        services.nieuws_beoordelen(bericht=bericht, door=medewerker, publiceren=False, reden="Toch niet")
    assert bericht.statuswijzigingen.count() == 2


def test_groepslid_beoordeelt_geen_nieuws(kern, groepslid, groep):
    bericht = services.nieuws_voorstellen(
        door=groepslid, groep=groep, titel="Buurtfeest", tekst="x", kernen=[kern]
    )
    with pytest.raises(PermissionDenied):
        services.nieuws_beoordelen(bericht=bericht, door=groepslid, publiceren=True)
    assert bericht.statuswijzigingen.count() == 1


def test_historie_alleen_voor_staf_en_indiener(client, kern, medewerker, publiceer):
    bericht = publiceer("Nieuw plein", kernen=[kern])
    assert [(s.van, s.naar) for s in bericht.statuswijzigingen.all()] == [("", NieuwsStatus.GEPUBLICEERD)]
    assert "Geschiedenis" not in client.get(bericht.get_absolute_url()).text  # a reader sees no names
    client.force_login(medewerker)
    assert "Geschiedenis" in client.get(bericht.get_absolute_url()).text


def test_medewerker_elders_kan_voorstel_niet_beoordelen(client, kern, groepslid, groep, medewerker_elders):
    bericht = services.nieuws_voorstellen(
        door=groepslid, groep=groep, titel="Buurtfeest", tekst="x", kernen=[kern]
    )
    client.force_login(medewerker_elders)
    response = client.post(
        reverse("gebiedsagenda:nieuws_beoordelen", args=[bericht.pk]), {"besluit": "publiceren"}
    )
    assert response.status_code == 404
    assert Nieuwsbericht.objects.get().status == NieuwsStatus.VOORGESTELD


def test_medewerker_publiceert_via_formulier(client, kern, wijk, medewerker):
    assert client.login(username=medewerker.email, password=WACHTWOORD)
    response = client.post(
        reverse("gebiedsagenda:nieuws_nieuw"), {"titel": "Nieuw plein", "tekst": "Open!", "kernen": [kern.pk]}
    )
    bericht = Nieuwsbericht.objects.get()
    assert response.status_code == 302 and bericht.status == NieuwsStatus.GEPUBLICEERD
    response = client.post(reverse("gebiedsagenda:nieuws_nieuw"), {"titel": "Leeg", "tekst": "x"})
    assert "Kies ten minste één kern of wijk, of de hele gemeente." in response.text
    assert Nieuwsbericht.objects.count() == 1


def test_nieuwsoverzicht_pagineert(client, kern, publiceer):
    for i in range(25):
        publiceer(f"Bericht {i:02d}", kernen=[kern])
    eerste = client.get(reverse("gebiedsagenda:nieuws")).text
    assert "Bericht 24" in eerste and "Bericht 00" not in eerste
    assert "Bericht 00" in client.get(reverse("gebiedsagenda:nieuws"), {"pagina": 2}).text


def test_wijkpagina_met_nieuws_vast_aantal_queries(client, wijk, publiceer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel(aantal):
        for i in range(aantal):
            publiceer(f"Bericht {aantal}-{i}", kernen=[wijk.kern], wijken=[wijk])
        cache.clear()  # the page as rendered, not as stored for visitors (weergave/cache.py)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(wijk.get_absolute_url())
        assert response.status_code == 200 and f"Bericht {aantal}-{aantal - 1}" in response.text
        return len(queries)

    klein = tel(1)
    assert tel(8) == klein


def test_groepslid_stelt_voor_via_formulier_namens_eigen_groep(client, kern, groepslid, groep, andere_kern):
    from tests.bewonersgroepen.factories import GroepFactory

    vreemde_groep = GroepFactory(gemeente=kern.gemeente, kernen=[andere_kern])
    client.force_login(groepslid)
    url = reverse("gebiedsagenda:nieuws_nieuw")
    # Not a member of that group: the choice is refused next to the field.
    response = client.post(
        url, {"titel": "Feest", "tekst": "x", "kernen": [kern.pk], "groep": vreemde_groep.pk}
    )
    assert response.status_code == 200 and not Nieuwsbericht.objects.exists()
    assert "Selecteer een geldige keuze" in response.text
    response = client.post(url, {"titel": "Feest", "tekst": "x", "kernen": [kern.pk], "groep": groep.pk})
    bericht = Nieuwsbericht.objects.get()
    assert (bericht.status, bericht.groep, bericht.auteur) == (NieuwsStatus.VOORGESTELD, groep, groepslid)


def test_groepslid_zonder_groep_mag_geen_nieuws_voorstellen(client, groepslid):
    client.force_login(groepslid)
    assert client.get(reverse("gebiedsagenda:nieuws_nieuw")).status_code == 403


def test_voorstel_alleen_namens_eigen_groep(kern, groepslid, groep, andere_kern):
    from tests.bewonersgroepen.factories import GroepFactory

    with pytest.raises(PermissionDenied):
        services.nieuws_voorstellen(
            door=groepslid, groep=GroepFactory(gemeente=kern.gemeente), titel="x", tekst="y", kernen=[kern]
        )


def _html_in_feed(xml: str) -> list[tuple[str, dict]]:
    """The tags and attributes a feed reader finds when it reads the titles, descriptions and summaries as
    HTML (as readers do with RSS descriptions and Atom summaries of type html)."""
    from html.parser import HTMLParser
    from xml.etree import ElementTree

    gevonden = []

    class Lezer(HTMLParser):
        def handle_starttag(self, tag, attrs):
            gevonden.append((tag, dict(attrs)))

    for element in ElementTree.fromstring(xml).iter():
        if element.tag.rpartition("}")[2] in {"title", "description", "summary", "content"} and element.text:
            Lezer().feed(element.text)
    return gevonden


def _tekst_in_feed(xml: str) -> str:
    """What a reader shows of the descriptions and summaries: their HTML without tags, entities resolved."""
    import html
    from xml.etree import ElementTree

    from django.utils.html import strip_tags

    return "\n".join(
        html.unescape(strip_tags(element.text))
        for element in ElementTree.fromstring(xml).iter()
        if element.tag.rpartition("}")[2] in {"description", "summary"} and element.text
    )


def test_feeds_geven_geschreven_html_als_tekst_door(client, wijk, medewerker):
    """Member-written text reaches readers as text: no image, script or javascript: link survives."""
    services.nieuws_publiceren(
        door=medewerker,
        titel='Feest <img src="https://x.example/volg.gif"> <script>alert(1)</script>',
        tekst=(
            '<img src="https://x.example/volg.gif">\n'
            "<script>alert(1)</script>\n\n"
            '<a href="javascript:alert(1)">Klik</a> & meer'
        ),
        kernen=[wijk.kern],
        wijken=[wijk],
    )
    for naam in ("feed_wijk_rss", "feed_wijk_atom"):
        response = client.get(reverse(f"gebiedsagenda:{naam}", args=[wijk.code]))
        tags = _html_in_feed(response.content.decode())
        assert tags, naam  # the description is HTML: paragraphs of escaped text
        assert {tag for tag, _ in tags} <= {"p", "br"}, (naam, tags)
        assert not any(attrs for _, attrs in tags), (naam, tags)
        # The reader shows what was typed, as the news page does.
        assert '<a href="javascript:alert(1)">Klik</a> & meer' in _tekst_in_feed(response.content.decode())
