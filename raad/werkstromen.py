"""The workflow of a motion, declared with the werkstroom library (the only table it is checked against).

Only staff of the motion's gemeente change its status, always with a dated progress update whose text is
the reason; a finished motion can be reopened the same way."""

from werkstroom import Overgang, Rol, Werkstroom

from .constants import MotieStatus as S

MOTIE = Werkstroom(
    naam="motie",
    model="raad.Motie",
    statussen=S,
    historie="raad.Motiestatuswijziging",
    historie_object="motie",
    rollen={
        "staf": Rol(
            "een medewerker van de gemeente", lambda door, motie: door.has_perm("raad.change_motie", motie)
        )
    },
    overgangen=[
        Overgang(S.LOPEND, S.AFGEDAAN, wie_mag="staf", reden_verplicht=True),
        Overgang(S.AFGEDAAN, S.LOPEND, wie_mag="staf", reden_verplicht=True),
    ],
    reden_veld="tekst",
    reden_uitleg="Schrijf de stand van zaken die de nieuwe status uitlegt.",
    onmogelijk_veld="nieuwe_status",
    onmogelijk=lambda w, motie, van, naar: "Deze statuswijziging is niet toegestaan.",
)
