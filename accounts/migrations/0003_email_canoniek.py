"""Every account's e-mail address in its one canonical form (accounts.emailadres), matched exactly.

Aborts, changing nothing, when two accounts have the same canonical form (look-alike spellings of one
address, e.g. with ı, ſ or upper case) or an address is refused (mixed scripts, a look-alike letter, an
invalid domain): decide per account in the admin, with the code from before this migration, which one
keeps the address (merge or anonymise the other, or give it the address the person really uses), then
migrate again.
"""

from collections import defaultdict

from django.db import migrations

import accounts.emailadres
from accounts.emailadres import canoniek_of_none


def canoniek_maken(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    per_adres = defaultdict(list)
    geweigerd = []
    for pk, email in User.objects.values_list("pk", "email").order_by("pk"):
        adres = canoniek_of_none(email)
        if adres is None:
            geweigerd.append(pk)
        else:
            per_adres[adres].append((pk, email))
    botsingen = {adres: [pk for pk, _ in rijen] for adres, rijen in per_adres.items() if len(rijen) > 1}
    if geweigerd or botsingen:
        regels = ["E-mailadressen zijn niet eenduidig te maken; er is niets gewijzigd."]
        regels += [f"  accounts {pks} hebben hetzelfde adres {adres}" for adres, pks in botsingen.items()]
        if geweigerd:
            regels.append(f"  accounts {geweigerd} hebben een adres dat niet meer wordt geaccepteerd")
        regels.append("Los dit per account op in het beheer (zie deze migratie) en migreer opnieuw.")
        raise RuntimeError("\n".join(regels))
    for adres, [(pk, email)] in per_adres.items():
        if email != adres:
            User.objects.filter(pk=pk).update(email=adres)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_gebruikerssoorten"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="email",
            field=accounts.emailadres.EmailadresVeld(max_length=254, unique=True, verbose_name="e-mailadres"),
        ),
        migrations.RunPython(canoniek_maken, migrations.RunPython.noop, elidable=True),
    ]
