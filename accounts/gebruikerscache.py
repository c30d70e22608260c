"""The logged-in user of a request, from the shared cache (REDIS_URL) instead of one query per request.

A cached user is only used while nothing it depends on changed since it was read: each user has a
generation token, and one token covers every user's gemeente and kinds (the names of Django's groups);
an entry is used only with the exact tokens it was read with.
Every change through the ORM — saving or deleting a user, adding or removing a kind, changing a
gemeente or a group — writes a new token once its transaction has committed, and one cache round trip
reads the entry and both tokens. An entry stores the tokens read *before* the user was loaded, so a
change that commits while a request loads the old row makes that entry unusable at once.

Off unless settings.GEBRUIKER_CACHE_SECONDEN: a cache per process (no REDIS_URL) would keep a blocked
or logged-out user alive in the other processes.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

ALLE = "accounts:gebruikers:generatie"


def _sleutel(user_id) -> str:
    return f"accounts:gebruiker:{user_id}"


def _generatie(user_id) -> str:
    return f"accounts:gebruiker:{user_id}:generatie"


def aan() -> bool:
    return settings.GEBRUIKER_CACHE_SECONDEN > 0


def bewaard(user_id, laden):
    """The user with this pk: from the cache while still current, else `laden(user_id)` (None when the
    user does not exist; that is not cached)."""
    if not aan():
        return laden(user_id)
    sleutel, generatie = _sleutel(user_id), _generatie(user_id)
    gelezen = cache.get_many([sleutel, generatie, ALLE])
    opgeslagen = gelezen.get(sleutel)
    tokens = (gelezen.get(generatie), gelezen.get(ALLE))
    if opgeslagen is not None and None not in tokens and opgeslagen[0] == tokens:
        return opgeslagen[1]
    # A missing token gets a new one, never "none": a token pushed out of a full cache must not
    # match an entry written before it (an entry only ever matches the exact tokens it was read with).
    tokens = (tokens[0] or _token(generatie), tokens[1] or _token(ALLE))
    user = laden(user_id)
    if user is not None and None not in tokens:
        cache.set(sleutel, (tokens, user), settings.GEBRUIKER_CACHE_SECONDEN)
    return user


def _token(sleutel: str) -> str | None:
    nieuw = uuid.uuid4().hex
    if cache.add(sleutel, nieuw, _token_seconden()):
        return nieuw
    return cache.get(sleutel)  # another request was first (None if it is gone again: then no entry)


def _token_seconden() -> int:
    # Tokens expire too (no key lives forever); an expired one only costs a reload: the next read
    # makes a new token, which no entry holds.
    return settings.GEBRUIKER_CACHE_SECONDEN + 60


def _nieuw_token(sleutel: str) -> None:
    cache.set(sleutel, uuid.uuid4().hex, _token_seconden())


def vergeten(user_id) -> None:
    """The cached user is out of date once the running transaction commits."""
    if aan():
        transaction.on_commit(lambda: _nieuw_token(_generatie(user_id)))


def alle_vergeten() -> None:
    if aan():
        transaction.on_commit(lambda: _nieuw_token(ALLE))


def _bij_gebruiker(sender, instance, **kwargs):
    vergeten(instance.pk)


def _bij_soorten(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:  # user.groups.add(...): instance is the user
        vergeten(instance.pk)
    elif pk_set is None:  # group.user_set.clear(): which users is not known
        alle_vergeten()
    else:
        for pk in pk_set:
            vergeten(pk)


def _bij_gemeente_of_groep(sender, **kwargs):
    alle_vergeten()


def koppel_signalen() -> None:
    from django.contrib.auth.models import Group

    from gebieden.models import Gemeente

    User = get_user_model()
    for naam, signaal in (("opgeslagen", post_save), ("verwijderd", post_delete)):
        signaal.connect(_bij_gebruiker, sender=User, dispatch_uid=f"gebruikerscache_user_{naam}")
        signaal.connect(
            _bij_gemeente_of_groep, sender=Gemeente, dispatch_uid=f"gebruikerscache_gemeente_{naam}"
        )
        signaal.connect(_bij_gemeente_of_groep, sender=Group, dispatch_uid=f"gebruikerscache_groep_{naam}")
    m2m_changed.connect(_bij_soorten, sender=User.groups.through, dispatch_uid="gebruikerscache_soorten")
