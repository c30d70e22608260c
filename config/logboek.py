"""Log filter: no password-reset or invitation token is ever written to a log.

Django logs the path of every 4xx and 5xx answer ("Not Found: /bewonersgroepen/uitnodiging/<token>/"), and
a token in a log can be read by everyone who reads the logs. This filter, on the console handler and on the
loggers that name paths, replaces the token part of those paths by `***` in the message and in a traceback.
tests/accounts/test_logboek.py checks that the addresses built by `reverse` are covered, so a renamed URL
fails there. Keep this module free of app imports: the logging setup loads it before the apps.
"""

import logging
import re

VERBORGEN = "***"
# The reset link (accounts.urls "password_reset_confirm": .../wachtwoord/nieuw/<uidb64>/<token>/) and the
# invitation link (bewonersgroepen.urls "uitnodiging": .../uitnodiging/<token>/).
TOKENPADEN = [
    re.compile(r"(/wachtwoord/nieuw/[^/\s'\"]+/)[^/\s'\"?#]+"),
    re.compile(r"(/uitnodiging/)[^/\s'\"?#]+"),
]


def zonder_tokens(tekst: str) -> str:
    for patroon in TOKENPADEN:
        tekst = patroon.sub(rf"\g<1>{VERBORGEN}", tekst)
    return tekst


class GeenTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        bericht = record.getMessage()
        schoon = zonder_tokens(bericht)
        if schoon != bericht:
            record.msg, record.args = schoon, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = zonder_tokens(record.exc_text)
        return True
