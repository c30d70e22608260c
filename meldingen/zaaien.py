"""The seeded categories (data migration 0002, load_demo, and new gemeenten via the admin command):
works on the model classes it is given, so a migration can pass its historical models."""

from django.utils.text import slugify

from .constants import STANDAARD_CATEGORIEEN

STANDAARDANTWOORDEN = [
    (
        "Opgepakt",
        "in_behandeling",
        "Bedankt voor uw melding. Wij hebben hem opgepakt en laten u weten wanneer het klaar is.",
    ),
    (
        "Opgelost",
        "afgehandeld",
        "Wij hebben het probleem opgelost. Bedankt dat u het meldde.",
    ),
    (
        "Doorgezet",
        "doorgezet",
        "Dit valt niet onder de gemeente. Wij hebben uw melding doorgestuurd naar de organisatie die erover gaat.",
    ),
]


def standaardcategorieen(Categorie, Standaardantwoord, gemeente) -> int:
    """Create the seeded list for one gemeente where it is missing; returns how many categories were made."""
    gemaakt = 0
    for volgorde, (naam, termijn, subs) in enumerate(STANDAARD_CATEGORIEEN, start=1):
        hoofd, nieuw = Categorie.objects.get_or_create(
            gemeente=gemeente,
            hoofdcategorie=None,
            slug=slugify(naam),
            defaults={"naam": naam, "afhandeltermijn": termijn, "volgorde": volgorde * 10},
        )
        gemaakt += nieuw
        if nieuw:
            for titel, status, tekst in STANDAARDANTWOORDEN:
                Standaardantwoord.objects.create(categorie=hoofd, titel=titel, status=status, tekst=tekst)
        for sub_volgorde, sub in enumerate([*subs, "Anders"], start=1):
            _, nieuw = Categorie.objects.get_or_create(
                gemeente=gemeente,
                hoofdcategorie=hoofd,
                slug=slugify(sub),
                defaults={"naam": sub, "afhandeltermijn": termijn, "volgorde": sub_volgorde},
            )
            gemaakt += nieuw
    return gemaakt
