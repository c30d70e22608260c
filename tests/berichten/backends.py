"""Mail backends for the tests of the queue: a mail server that is down, then up again."""

from django.core.mail.backends import locmem


class Storing(locmem.EmailBackend):
    """Refuses every connection while `Storing.weigeren` is true; counts every attempt."""

    weigeren = True
    pogingen = 0

    def send_messages(self, berichten):
        Storing.pogingen += 1
        if Storing.weigeren:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().send_messages(berichten)


class Afgebroken(BaseException):
    """The worker process killed (SIGKILL, power cut) after the mail server took the message."""


class AfgebrokenNaAfgifte(locmem.EmailBackend):
    """Delivers, then the worker dies before it can mark the message as sent."""

    def send_messages(self, berichten):
        super().send_messages(berichten)
        raise Afgebroken()


class GeenVerbinding(locmem.EmailBackend):
    """Counts every contact with the mail server (a request must make none) and refuses it."""

    pogingen = 0

    def open(self):
        GeenVerbinding.pogingen += 1
        raise ConnectionRefusedError(111, "een request praat met de mailserver")

    def send_messages(self, berichten):
        GeenVerbinding.pogingen += 1
        raise ConnectionRefusedError(111, "een request praat met de mailserver")


class AfgebrokenVoorAfgifte(locmem.EmailBackend):
    """The worker dies while the mail server hangs, before it took the message (nothing delivered)."""

    def send_messages(self, berichten):
        raise Afgebroken()
