"""CSV files that a spreadsheet opens safely (OWASP "CSV injection"), for every export of every app.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (also after a tab or a line
break): a group named `=HYPERLINK("http://x","y")` would become a link in finance's export, next to the
IBANs. Text cells that start so get a leading apostrophe, which spreadsheets show as text and do not
print. Numbers are passed as numbers (int or Decimal) and written as numbers, with a decimal comma; a
negative amount stays a number.

    schrijver = csv_schrijver(response)           # semicolon, like Dutch Excel
    schrijver.writerow(["Totaal", Decimal("-12.50"), 3])

Every CSV of the project is written with `csv_schrijver` (tests/test_invoer.py fails on a `csv.writer` elsewhere).
"""

import csv
from decimal import Decimal

# What a spreadsheet may take as the start of a formula; the full-width forms are read as such by some.
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cel(waarde) -> str:
    """One cell: a number as a number (decimal comma), any other value as text that is never a formula."""
    if waarde is None:
        return ""
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
