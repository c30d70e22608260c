"""No personal data of residents on the public gebiedsagenda pages: names and e-mail addresses of the demo's
group members, applicants, invitees and followers appear on no area page, opgave, news item or feed,
for the public or a raadslid (staff names as owners and contacts are work details, and public)."""

from django.urls import reverse

from accounts.constants import Gebruikerssoort
from accounts.models import User
from bewonersgroepen.models import Groep, Uitnodiging
from gebieden.models import Kern, Wijk
from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Nieuwsbericht, Opgave
from tests.gebiedsagenda.factories import VolgerFactory


def _persoonsgegevens_van_bewoners() -> set[str]:
    gegevens = set()
    for naam, email in User.objects.filter(groups__name=Gebruikerssoort.GROEPSLID).values_list(
        "naam", "email"
    ):
        gegevens |= {naam, email}
    gegevens |= {g for rij in Uitnodiging.objects.values_list("naam", "email") for g in rij}
    gegevens |= {g for rij in Groep.objects.values_list("aanmelder_naam", "aanmelder_email") for g in rij}
    return {g for g in gegevens if g}


def test_openbare_gebiedspaginas_tonen_geen_gegevens_van_bewoners(client, demo):
    kern = Kern.objects.get(gemeente__code="GM1904", naam="Breukelen")
    VolgerFactory(email="volger.breukelen@example.nl", kern=kern)
    gegevens = _persoonsgegevens_van_bewoners() | {"volger.breukelen@example.nl"}
    assert "lid@demo.gebiedsportaal.nl" in gegevens  # the demo member, so the check has something to find

    kernen = Kern.objects.filter(gemeente__code="GM1904").select_related("gemeente")
    wijken = Wijk.objects.filter(gemeente__code="GM1904")
    urls = [reverse("gebiedsagenda:agenda_overzicht"), reverse("gebiedsagenda:nieuws")]
    for k in kernen:
        args = [k.gemeente.slug, k.slug]
        urls += [k.get_absolute_url(), reverse("gebiedsagenda:feed_kern_rss", args=args)]
        urls += [reverse("gebiedsagenda:feed_kern_atom", args=args)]
    for w in wijken:
        urls += [w.get_absolute_url(), reverse("gebiedsagenda:feed_wijk_atom", args=[w.code])]
    urls += [o.get_absolute_url() for o in Opgave.objects.filter(agenda__kern__gemeente__code="GM1904")]
    urls += [b.get_absolute_url() for b in Nieuwsbericht.objects.filter(status=NieuwsStatus.GEPUBLICEERD)]

    def controleer():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            gelekt = sorted(g for g in gegevens if g in response.content.decode())
            assert not gelekt, f"{url} toont {gelekt}"

    controleer()
    client.force_login(User.objects.get(email="raadslid@demo.gebiedsportaal.nl"))
    controleer()
