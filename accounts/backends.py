"""Authentication backend: Django's ModelBackend that reads a user's kinds and gemeente in the same query
as the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models.expressions import RawSQL

from .constants import Gebruikerssoort

SOORTEN = list(Gebruikerssoort)


def met_soorten(qs):
    """Annotates each user with `_soorten`, a bit per kind (Gebruikerssoort, in order); `User.soorten` then
    needs no query of its own. Plain SQL that SQLite and PostgreSQL both run: building the same with
    the ORM (an Exists per kind) cost more Python time than the query it saves."""
    User = get_user_model()
    koppeling = User.groups.through._meta.db_table
    groep = User.groups.field.related_model._meta.db_table
    gebruiker_kolom = User.groups.field.m2m_column_name()
    groep_kolom = User.groups.field.m2m_reverse_name()
    gevallen = " ".join(f"WHEN %s THEN {1 << i}" for i in range(len(SOORTEN)))
    sql = (
        f'SELECT COALESCE(SUM(CASE g."name" {gevallen} ELSE 0 END), 0) FROM "{koppeling}" k '
        f'INNER JOIN "{groep}" g ON g."id" = k."{groep_kolom}" WHERE k."{gebruiker_kolom}" = "{User._meta.db_table}"."id"'
    )
    return qs.annotate(_soorten=RawSQL(sql, [s.value for s in SOORTEN]))


class Gebruikersbackend(ModelBackend):
    """Loads the logged-in user of a request together with their kinds and their gemeente: one query
    instead of two or three on every page (every page asks the kinds: the header shows them and the
    policy decides by them; staff and council pages are about the user's gemeente). Read from the
    database on every request, so a blocked account or a changed kind counts at once. Everything else,
    passwords and Django's model permissions for the admin, is ModelBackend's own."""

    def get_user(self, user_id):
        user = self._laden(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def _laden(user_id):
        User = get_user_model()
        try:
            user = met_soorten(User._default_manager.select_related("gemeente")).get(pk=user_id)
        except User.DoesNotExist:
            return None
        user.soorten = frozenset(s.value for i, s in enumerate(SOORTEN) if user._soorten & (1 << i))
        return user
