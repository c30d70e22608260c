"""Authentication backend: Django's ModelBackend that reads a user's kinds and gemeente in the same query
as the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from .constants import Gebruikerssoort


def met_soorten(qs):
    """Annotates each user with one flag per kind (Gebruikerssoort); `User.soorten` then needs no query."""
    koppeling = get_user_model().groups.through.objects.filter(user_id=OuterRef("pk"))
    return qs.annotate(
        **{
            f"_soort_{i}": Exists(koppeling.filter(group__name=soort.value))
            for i, soort in enumerate(Gebruikerssoort)
        }
    )


class Gebruikersbackend(ModelBackend):
    """Loads the logged-in user of a request together with their kinds and their gemeente: one query
    instead of two or three on every page (every page asks the kinds: the header shows them and the
    policy decides by them; staff and council pages are about the user's gemeente). Everything else,
    passwords and Django's model permissions for the admin, is ModelBackend's own."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = (
                met_soorten(User._default_manager.select_related("gemeente"))
                .defer("gemeente__grens")
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        user.soorten = frozenset(
            soort.value for i, soort in enumerate(Gebruikerssoort) if getattr(user, f"_soort_{i}")
        )
        return user if self.user_can_authenticate(user) else None
