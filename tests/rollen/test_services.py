import datetime

import pytest
from django.core.exceptions import ValidationError

from rollen.constants import Fase, Rol, SoortWerk
from rollen.models import Overdracht, Toewijzing
from rollen.selectors import contactpersonen, dekking, verantwoordelijke_voor
from rollen.services import toewijzing_aanmaken, toewijzing_beeindigen
from tests.factories import KernFactory, UserFactory, WijkFactory

from .factories import ProjectFactory, RouteringsregelFactory

D = datetime.date


def test_adviseur_overlap_geweigerd_met_duidelijke_melding(kern, medewerker, collega):
    toewijzing_aanmaken(
        rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1), tot=D(2024, 12, 31)
    )
    with pytest.raises(ValidationError) as fout:
        toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=collega, van=D(2024, 6, 1))
    melding = fout.value.message_dict["van"][0]
    assert "Mila Medewerker" in melding and "01-01-2024 tot en met 31-12-2024" in melding
    assert "hoogstens één Adviseur Leefomgeving" in melding
    assert Toewijzing.objects.count() == 1
    # the day after the end is fine
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=collega, van=D(2025, 1, 1))


def test_beheerder_van_hele_kern_botst_met_beheerder_van_wijk(wijk, medewerker, collega):
    toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=medewerker, van=D(2024, 1, 1))
    with pytest.raises(ValidationError, match="overlapt met Mila Medewerker"):
        toewijzing_aanmaken(rol=Rol.BEHEERDER, kern=wijk.kern, medewerker=collega, van=D(2025, 1, 1))


def test_twee_kernen_voor_een_adviseur_mag(gemeente, kern, medewerker):
    tweede = KernFactory(gemeente=gemeente)
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=tweede, medewerker=medewerker, van=D(2024, 1, 1))
    assert medewerker.toewijzingen.count() == 2


@pytest.mark.parametrize(
    "rol,gebied,veld",
    [
        (Rol.ADVISEUR, "wijk", "kern"),
        (Rol.WIJKWETHOUDER, "wijk", "kern"),
        (Rol.OMGEVINGSMANAGER, "kern", "project"),
        (Rol.BEHEERDER, "project", "wijk"),
    ],
)
def test_gebied_moet_passen_bij_rol(wijk, medewerker, rol, gebied, veld):
    gebieden = {
        "wijk": {"wijk": wijk},
        "kern": {"kern": wijk.kern},
        "project": {"project": ProjectFactory(gemeente=wijk.gemeente)},
    }
    with pytest.raises(ValidationError) as fout:
        toewijzing_aanmaken(rol=rol, medewerker=medewerker, van=D(2024, 1, 1), **gebieden[gebied])
    assert veld in fout.value.message_dict


def test_medewerker_van_andere_gemeente_geweigerd(kern):
    elders = UserFactory(medewerker=True)
    with pytest.raises(ValidationError, match="werkt niet voor de gemeente"):
        toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=elders, van=D(2024, 1, 1))


def test_wijkwethouder_als_persoon_zonder_account(kern):
    t = toewijzing_aanmaken(
        rol=Rol.WIJKWETHOUDER,
        kern=kern,
        naam="Wethouder Wil",
        email="w.wil@stichtsevecht.demo",
        van=D(2024, 1, 1),
    )
    assert t.persoon_naam == "Wethouder Wil" and t.gemeente == kern.gemeente
    with pytest.raises(ValidationError, match="e-mailadres of telefoonnummer"):
        toewijzing_aanmaken(
            rol=Rol.WIJKWETHOUDER, kern=KernFactory(gemeente=kern.gemeente), naam="X", van=D(2024, 1, 1)
        )
    with pytest.raises(ValidationError):
        toewijzing_aanmaken(
            rol=Rol.ADVISEUR, kern=kern, naam="Geen account", email="a@b.nl", van=D(2024, 1, 1)
        )


def test_eind_voor_begin_geweigerd(kern, medewerker):
    with pytest.raises(ValidationError, match="einddatum ligt voor de begindatum"):
        toewijzing_aanmaken(
            rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 5, 1), tot=D(2024, 4, 1)
        )


def test_een_omgevingsmanager_per_project(gemeente, medewerker, collega):
    project = ProjectFactory(gemeente=gemeente)
    toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=medewerker, van=D(2024, 1, 1))
    with pytest.raises(ValidationError, match="hoogstens één Omgevingsmanager"):
        toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=collega, van=D(2024, 2, 1))
    assert project.omgevingsmanager == medewerker


def test_overdracht_verplaatst_projecten_naar_opvolger(wijk, medewerker, collega):
    kern = wijk.kern
    adviseur = toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    in_kern = ProjectFactory(gemeente=kern.gemeente, wijken=[wijk])
    elders = ProjectFactory(gemeente=kern.gemeente, kernen=[KernFactory(gemeente=kern.gemeente)])
    klaar = ProjectFactory(gemeente=kern.gemeente, kernen=[kern], fase=Fase.AFGEROND)
    for p in (in_kern, elders, klaar):
        toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=p, medewerker=medewerker, van=D(2024, 1, 1))
    gisteren = datetime.date.today() - datetime.timedelta(days=1)

    overdracht = toewijzing_beeindigen(
        toewijzing=adviseur, tot=gisteren, opvolger=collega, reden="Andere baan"
    )

    assert overdracht.verplaatst["projecten"] == 1 and overdracht.naar == collega
    assert in_kern.omgevingsmanager == collega
    assert elders.omgevingsmanager == medewerker  # another kern: stays
    assert klaar.omgevingsmanager == medewerker  # finished: not open work
    assert verantwoordelijke_voor(gebied=kern, soort_werk=SoortWerk.AANVRAAG) == collega
    adviseur.refresh_from_db()
    assert adviseur.tot == gisteren
    assert adviseur.history.count() == 2  # created, ended


def test_overdracht_rolt_helemaal_terug_als_opvolger_niet_kan(kern, medewerker):
    adviseur = toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    elders = UserFactory(medewerker=True)
    with pytest.raises(ValidationError) as fout:
        toewijzing_beeindigen(toewijzing=adviseur, tot=D(2024, 6, 30), opvolger=elders)
    assert "opvolger" in fout.value.message_dict
    adviseur.refresh_from_db()
    assert adviseur.tot is None and Overdracht.objects.count() == 0


def test_dekking_toont_gat_nu_en_binnenkort(gemeente, medewerker):
    vandaag = datetime.date.today()
    breukelen = KernFactory(gemeente=gemeente, naam="Breukelen")
    loenen = KernFactory(gemeente=gemeente, naam="Loenen")
    wijk_b = WijkFactory(kern=breukelen, gemeente=gemeente)
    wijk_l = WijkFactory(kern=loenen, gemeente=gemeente)
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=breukelen, medewerker=medewerker, van=D(2024, 1, 1))
    toewijzing_aanmaken(
        rol=Rol.ADVISEUR,
        kern=loenen,
        medewerker=medewerker,
        van=D(2024, 1, 1),
        tot=vandaag + datetime.timedelta(days=30),
    )
    toewijzing_aanmaken(rol=Rol.BEHEERDER, kern=breukelen, medewerker=medewerker, van=D(2024, 1, 1))

    resultaat = dekking(gemeente)

    assert [(g.gebied, g.rol) for g in resultaat.nu] == [(wijk_l, Rol.BEHEERDER)]
    assert [(g.gebied, g.rol, g.vanaf) for g in resultaat.binnenkort] == [
        (loenen, Rol.ADVISEUR, vandaag + datetime.timedelta(days=31))
    ]
    assert wijk_b not in [g.gebied for g in resultaat.nu]  # covered by the beheerder of the whole kern


def test_contactpersonen_voor_wijk_en_kern(wijk, medewerker, collega):
    kern = wijk.kern
    andere_wijk = WijkFactory(kern=kern, gemeente=kern.gemeente)
    beheerder_andere_wijk = UserFactory(medewerker=True, gemeente=kern.gemeente, naam="Bea Andere")
    toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=collega, van=D(2024, 1, 1))
    toewijzing_aanmaken(
        rol=Rol.BEHEERDER, wijk=andere_wijk, medewerker=beheerder_andere_wijk, van=D(2024, 1, 1)
    )
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    toewijzing_aanmaken(
        rol=Rol.WIJKWETHOUDER, kern=kern, naam="Wethouder Wil", telefoon="0346 254 000", van=D(2024, 1, 1)
    )
    oud = toewijzing_aanmaken(
        rol=Rol.ADVISEUR,
        kern=KernFactory(gemeente=kern.gemeente),
        medewerker=collega,
        van=D(2020, 1, 1),
        tot=D(2021, 1, 1),
    )
    assert oud  # ended long ago: not a contact anywhere
    project = ProjectFactory(gemeente=kern.gemeente, kernen=[kern], naam="Stationsgebied")
    toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=medewerker, van=D(2024, 1, 1))
    heel = ProjectFactory(gemeente=kern.gemeente, naam="Omgevingsvisie")  # whole gemeente
    ProjectFactory(gemeente=kern.gemeente, kernen=[kern], fase=Fase.AFGEROND, naam="Oud project")

    voor_wijk = contactpersonen(wijk)
    assert voor_wijk.namen(Rol.BEHEERDER) == ["Cor Collega"]
    assert voor_wijk.namen(Rol.ADVISEUR) == ["Mila Medewerker"]
    assert voor_wijk.namen(Rol.WIJKWETHOUDER) == ["Wethouder Wil"]
    assert [c.project for c in voor_wijk.van(Rol.OMGEVINGSMANAGER)] == [heel, project]

    voor_kern = contactpersonen(kern)
    assert sorted(voor_kern.namen(Rol.BEHEERDER)) == ["Bea Andere", "Cor Collega"]
    assert voor_kern.namen(Rol.ADVISEUR) == ["Mila Medewerker"]


def test_routering_volgt_regels_en_valt_terug_op_adviseur(wijk, medewerker, collega):
    kern = wijk.kern
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    assert verantwoordelijke_voor(gebied=wijk, soort_werk="groep_aanmelding") == medewerker

    # a gemeente-wide rule: applications go to the beheerder — nobody holds it yet, so fall back
    RouteringsregelFactory(gemeente=kern.gemeente, soort_werk=SoortWerk.AANVRAAG, rol=Rol.BEHEERDER)
    assert verantwoordelijke_voor(gebied=wijk, soort_werk=SoortWerk.AANVRAAG) == medewerker
    toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=collega, van=D(2024, 1, 1))
    assert verantwoordelijke_voor(gebied=wijk, soort_werk=SoortWerk.AANVRAAG) == collega
    assert (
        verantwoordelijke_voor(gebied=kern, soort_werk=SoortWerk.AANVRAAG) == medewerker
    )  # no kern-wide beheerder

    # a more specific rule for the wijk names a person
    specialist = UserFactory(medewerker=True, gemeente=kern.gemeente)
    RouteringsregelFactory(
        gemeente=kern.gemeente, soort_werk=SoortWerk.AANVRAAG, wijk=wijk, rol="", medewerker=specialist
    )
    assert verantwoordelijke_voor(gebied=wijk, soort_werk=SoortWerk.AANVRAAG) == specialist
    assert verantwoordelijke_voor(gebied=wijk, soort_werk="groep_aanmelding") == medewerker


def test_routering_zonder_adviseur_geeft_none(kern):
    assert verantwoordelijke_voor(gebied=kern, soort_werk=SoortWerk.AANVRAAG) is None


def test_dekking_kijkt_precies_90_dagen_vooruit(gemeente, medewerker, collega):
    op = D(2025, 3, 1)
    dag = datetime.timedelta(days=1)
    kernen = {naam: KernFactory(gemeente=gemeente, naam=naam) for naam in "ABCDE"}
    for kern in kernen.values():  # every kern has a beheerder for the whole kern: only adviseurs matter
        toewijzing_aanmaken(rol=Rol.BEHEERDER, kern=kern, medewerker=collega, van=D(2024, 1, 1))

    def adviseur(kern, van, tot, wie=medewerker):
        return toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kernen[kern], medewerker=wie, van=van, tot=tot)

    adviseur("A", D(2024, 1, 1), op + 89 * dag)  # last day 89 days ahead: without from day 90, shown
    adviseur("B", D(2024, 1, 1), op + 90 * dag)  # without from day 91: beyond the look-ahead
    adviseur("C", D(2024, 1, 1), op + 30 * dag)  # a successor is already planned: no gap
    adviseur("C", op + 31 * dag, None, wie=collega)
    adviseur("D", D(2024, 1, 1), op + 30 * dag)  # the planned successor stops too: gap after that
    opvolger_d = adviseur("D", op + 31 * dag, op + 60 * dag, wie=collega)
    adviseur("E", op + 10 * dag, None)  # starts later: a gap today

    resultaat = dekking(gemeente, op=op)

    assert resultaat.tot == op + 90 * dag
    assert [(g.gebied.naam, g.rol) for g in resultaat.nu] == [("E", Rol.ADVISEUR)]
    assert [(g.gebied.naam, g.vanaf, g.laatste) for g in resultaat.binnenkort] == [
        ("D", op + 61 * dag, opvolger_d),
        ("A", op + 90 * dag, Toewijzing.objects.get(kern=kernen["A"], rol=Rol.ADVISEUR)),
    ]


@pytest.mark.parametrize(
    "van,tot,overlapt",
    [
        (D(2024, 1, 1), D(2024, 2, 29), False),  # ends the day before
        (D(2024, 1, 1), D(2024, 3, 1), True),  # shares the first day
        (D(2024, 4, 1), D(2024, 4, 30), True),  # inside
        (D(2024, 6, 30), None, True),  # shares the last day
        (D(2024, 7, 1), None, False),  # starts the day after
        (D(2023, 1, 1), None, True),  # open-ended and covering
    ],
)
@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.ADVISEUR, Rol.WIJKWETHOUDER])
def test_hoogstens_een_per_gebied_op_elke_dag(wijk, medewerker, collega, rol, van, tot, overlapt):
    gebied = {"wijk": wijk} if rol == Rol.BEHEERDER else {"kern": wijk.kern}
    toewijzing_aanmaken(rol=rol, medewerker=medewerker, van=D(2024, 3, 1), tot=D(2024, 6, 30), **gebied)
    if overlapt:
        with pytest.raises(ValidationError) as fout:
            toewijzing_aanmaken(rol=rol, medewerker=collega, van=van, tot=tot, **gebied)
        assert f"hoogstens één {rol.label}" in fout.value.message_dict["van"][0]
        assert Toewijzing.objects.count() == 1
    else:
        toewijzing_aanmaken(rol=rol, medewerker=collega, van=van, tot=tot, **gebied)


def test_beheerder_wijk_of_hele_kern_niet_allebei_of_geen(wijk, medewerker):
    with pytest.raises(ValidationError, match="Kies een wijk óf een hele kern, niet allebei"):
        toewijzing_aanmaken(
            rol=Rol.BEHEERDER, wijk=wijk, kern=wijk.kern, medewerker=medewerker, van=D(2024, 1, 1)
        )
    with pytest.raises(ValidationError, match="aan een wijk of een hele kern toegewezen"):
        toewijzing_aanmaken(rol=Rol.BEHEERDER, medewerker=medewerker, van=D(2024, 1, 1))
    assert toewijzing_aanmaken(rol=Rol.BEHEERDER, kern=wijk.kern, medewerker=medewerker, van=D(2024, 1, 1))


def test_database_weigert_een_gebied_dat_niet_bij_de_rol_past(wijk, medewerker):
    """The rules hold below the service too: a write that skips full_clean() is refused by the database."""
    from django.db import IntegrityError, transaction

    for velden in (
        {"rol": Rol.ADVISEUR, "wijk": wijk},
        {"rol": Rol.WIJKWETHOUDER, "project": ProjectFactory(gemeente=wijk.gemeente)},
        {"rol": Rol.OMGEVINGSMANAGER, "kern": wijk.kern},
        {"rol": Rol.BEHEERDER, "kern": wijk.kern, "wijk": wijk},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Toewijzing.objects.create(medewerker=medewerker, van=D(2024, 1, 1), **velden)
    with pytest.raises(IntegrityError), transaction.atomic():
        Toewijzing.objects.create(
            rol=Rol.ADVISEUR, kern=wijk.kern, medewerker=medewerker, van=D(2024, 2, 1), tot=D(2024, 1, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Toewijzing.objects.create(rol=Rol.ADVISEUR, kern=wijk.kern, van=D(2024, 1, 1))  # nobody


def test_services_vragen_het_beleid_namens_wie_ze_werken(kern, medewerker, collega, groepslid, beheerder):
    """The policy guards the services too, not only the views: staff of another gemeente or a member
    acting through a service are refused and nothing is saved; staff and functional admins of the
    gemeente may."""
    from django.core.exceptions import PermissionDenied

    from rollen.models import Participatiestap, Project
    from rollen.services import participatiestap_toevoegen, project_opslaan

    elders = UserFactory(medewerker=True)
    project = ProjectFactory(gemeente=kern.gemeente)
    adviseur = toewijzing_aanmaken(
        rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1), door=medewerker
    )
    voor = (Toewijzing.objects.count(), Project.objects.count(), Participatiestap.objects.count())
    for wie in (elders, groepslid):
        with pytest.raises(PermissionDenied):
            toewijzing_aanmaken(
                rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=collega, van=D(2024, 1, 1), door=wie
            )
        with pytest.raises(PermissionDenied):
            toewijzing_beeindigen(toewijzing=adviseur, tot=D(2024, 6, 30), opvolger=collega, door=wie)
        with pytest.raises(PermissionDenied):
            project_opslaan(gemeente=kern.gemeente, naam="Nieuw", door=wie)
        with pytest.raises(PermissionDenied):
            project_opslaan(project=project, gemeente=project.gemeente, naam="Anders", door=wie)
        with pytest.raises(PermissionDenied):
            participatiestap_toevoegen(
                project=project, datum=D(2024, 2, 1), wat="Avond", met_wie="Dorpsraad", door=wie
            )
    assert (Toewijzing.objects.count(), Project.objects.count(), Participatiestap.objects.count()) == voor
    adviseur.refresh_from_db()
    assert adviseur.tot is None

    assert participatiestap_toevoegen(
        project=project, datum=D(2024, 2, 1), wat="Avond", met_wie="Dorpsraad", door=beheerder
    )
    overdracht = toewijzing_beeindigen(
        toewijzing=adviseur, tot=D(2024, 6, 30), opvolger=collega, door=beheerder
    )
    assert overdracht.door == beheerder


def test_project_verhuist_niet_naar_een_andere_gemeente(kern):
    from rollen.services import project_opslaan

    project = ProjectFactory(gemeente=kern.gemeente, kernen=[kern])
    andere = KernFactory()
    with pytest.raises(ValidationError) as fout:
        project_opslaan(project=project, gemeente=andere.gemeente, naam=project.naam, kernen=[andere])
    assert "blijft bij zijn gemeente" in fout.value.message_dict["gemeente"][0]
    assert list(project.kernen.all()) == [kern]
