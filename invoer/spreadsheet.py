"""CSV and XLSX files that a spreadsheet opens safely (OWASP "CSV injection"), for every export of every app.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (also after a tab or a line
break): a group named `=HYPERLINK("http://x","y")` would become a link in finance's export, next to the
IBANs. Text cells that start so get a leading apostrophe, which spreadsheets show as text and do not
print. Numbers are passed as numbers (int or Decimal) and written as numbers, with a decimal comma; a
negative amount stays a number.

    schrijver = csv_schrijver(response)           # semicolon, like Dutch Excel
    schrijver.writerow(["Totaal", Decimal("-12.50"), 3])

Every CSV of the project is written with `csv_schrijver` (tests/test_invoer.py fails on a `csv.writer` elsewhere).

One selector gives the rows, both renderers write them: a date (`datetime.date`, or a moment, shown as its
local day) is dd-mm-jjjj in a CSV and a date cell in an XLSX; an amount of money is marked as `Euro` (a
`Decimal`, so a CSV writes it as any number) and gets a euro number format in an XLSX.

    schrijver = xlsx_schrijver("Aanvragen")      # the first row is the header (bold, stays in view)
    schrijver.writerows(rijen)
    response.write(schrijver.opslaan())           # the bytes of the .xlsx file

Text in an XLSX is always a text cell, never a formula, and goes through `cel` like a CSV's (the same
leading apostrophe), so both files of one export read the same.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.utils import timezone

XLSX_INHOUDTYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EURO_OPMAAK = '"€" #,##0.00;"€" -#,##0.00'
DATUM_OPMAAK = "dd-mm-yyyy"
# Characters that XML 1.0 (and so an XLSX file) cannot hold; a CSV can, an XLSX writer would fail on them.
_NIET_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLADNAAM_NIET = re.compile(r"[\[\]:*?/\\]")  # not allowed in the name of a sheet


class Euro(Decimal):
    """An amount of money in an export row: a number in a CSV, a number with a euro format in an XLSX."""

    __slots__ = ()


def euro(waarde) -> Euro | None:
    """An amount rounded to cents and marked as money; None stays None (an empty cell)."""
    if waarde is None:
        return None
    return Euro(Decimal(waarde).quantize(Decimal("0.01")))


def _dag(waarde: datetime.date) -> datetime.date:
    if isinstance(waarde, datetime.datetime):
        return timezone.localdate(waarde) if timezone.is_aware(waarde) else waarde.date()
    return waarde


# What a spreadsheet may take as the start of a formula; the full-width forms are read as such by some.
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cel(waarde) -> str:
    """One cell: a number as a number (decimal comma), any other value as text that is never a formula."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime.date):
        return _dag(waarde).strftime("%d-%m-%Y")
    if isinstance(waarde, int | Decimal) and not isinstance(waarde, bool):
        return format(waarde, "f").replace(".", ",") if isinstance(waarde, Decimal) else str(waarde)
    tekst = str(waarde)
    if tekst.startswith(FORMULETEKENS) or tekst.lstrip().startswith(FORMULETEKENS):
        return "'" + tekst
    return tekst


class _Schrijver:
    def __init__(self, bestand, **opties):
        self._schrijver = csv.writer(bestand, **{"delimiter": ";", "lineterminator": "\r\n", **opties})

    def writerow(self, rij):
        return self._schrijver.writerow([cel(waarde) for waarde in rij])

    def writerows(self, rijen):
        for rij in rijen:
            self.writerow(rij)


def csv_schrijver(bestand, **opties) -> _Schrijver:
    """Like `csv.writer` (semicolon, CRLF unless `opties` say otherwise), every cell through `cel`."""
    return _Schrijver(bestand, **opties)


class _XlsxSchrijver:
    def __init__(self, titel: str, *, kop: bool):
        from openpyxl import Workbook  # only where an XLSX is asked for

        self._boek = Workbook(write_only=True)
        self._kop = kop
        self._namen = set()
        self.nieuw_blad(titel)

    def nieuw_blad(self, titel: str):
        """Further rows go to a new sheet named `titel` (shortened and made unique as a spreadsheet needs)."""
        naam = _BLADNAAM_NIET.sub(" ", _NIET_IN_XML.sub("", titel)).strip(" '")[:31] or "Blad"
        basis, volgnummer = naam, 2
        while naam.casefold() in self._namen:
            achtervoegsel = f" ({volgnummer})"
            naam, volgnummer = basis[: 31 - len(achtervoegsel)] + achtervoegsel, volgnummer + 1
        self._namen.add(naam.casefold())
        self._blad = self._boek.create_sheet(title=naam)
        self._rijen = 0
        if self._kop:
            self._blad.freeze_panes = "A2"

    def _cel(self, waarde):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        if waarde is None or waarde == "":
            cel_ = WriteOnlyCell(self._blad, value=None)
        elif isinstance(waarde, datetime.date):
            cel_ = WriteOnlyCell(self._blad, value=_dag(waarde))
            cel_.number_format = DATUM_OPMAAK
        elif isinstance(waarde, Euro):
            cel_ = WriteOnlyCell(self._blad, value=Decimal(waarde))
            cel_.number_format = EURO_OPMAAK
        elif isinstance(waarde, int | Decimal | float) and not isinstance(waarde, bool):
            cel_ = WriteOnlyCell(self._blad, value=waarde)
        else:
            cel_ = WriteOnlyCell(self._blad, value=None)
            cel_.value = _NIET_IN_XML.sub("", cel(waarde))
            cel_.data_type = "s"  # text, also if it would look like a formula to openpyxl
        if self._kop and self._rijen == 0:
            cel_.font = Font(bold=True)
        return cel_

    def writerow(self, rij):
        self._blad.append([self._cel(waarde) for waarde in rij])
        self._rijen += 1

    def writerows(self, rijen):
        for rij in rijen:
            self.writerow(rij)

    def opslaan(self) -> bytes:
        uit = io.BytesIO()
        self._boek.save(uit)
        return uit.getvalue()


def xlsx_schrijver(titel: str = "Blad1", *, kop: bool = True) -> _XlsxSchrijver:
    """Writes rows like `csv_schrijver`, into a sheet named `titel` (`nieuw_blad(titel)` starts another);
    `opslaan()` gives the file's bytes. Numbers, `Euro` amounts and dates are typed cells; every other value
    is text through `cel`. With `kop` the first row of each sheet is its header: bold, and frozen so that it
    stays in view."""
    return _XlsxSchrijver(titel, kop=kop)
