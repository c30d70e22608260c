"""Create forms that make one object, however often they are sent (a double click, a retry after an
error or a timeout).

Every create form carries a hidden random key (`{% formuliersleutel %}`, right after `{% csrf_token %}`);
its view is decorated with `@eenmalig`:

    @eenmalig
    @toegang_vereist("...")
    def aanvraag_nieuw(request): ...

The first POST with a key runs the view in one transaction together with a row for the key (unique);
when the view answers with a redirect (Post/Redirect/Get: the form was processed), the row keeps where it
went. A second POST with the same key does not run the view again: it goes where the first one went.
When both arrive at once, the second waits on the unique key until the first commits. A view that
answers otherwise (the form again, with errors) leaves no row; the form shown again has a new key, as
every form shown does (a page may hold several create forms).
A view that redirects after a failure says so with `niet_vastleggen(request)`.

The JavaScript `static/js/eenmaal-versturen.js` only makes the double click less likely; this is the
guarantee. A POST without a key (an old page, a script) is handled as before, without the guarantee.
"""

import datetime
import re
import secrets
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

VELD = "formuliersleutel"
GELDIG = re.compile(r"[A-Za-z0-9_-]{20,64}")
BEWAARDUUR = datetime.timedelta(days=1)
AL_VERSTUURD = "U had dit formulier al verstuurd. Het is één keer verwerkt: hier ziet u het resultaat."


def nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(24)


def sleutel_van(request) -> str | None:
    """The key this request sent, or None (no key, or not one we could have made)."""
    sleutel = request.POST.get(VELD, "") if request.method == "POST" else ""
    return sleutel if GELDIG.fullmatch(sleutel) else None


def niet_vastleggen(request) -> None:
    """For a view that redirects after a failure: this POST made nothing, so a retry must run again."""
    request._eenmalig_niet_vastleggen = True


def _eerder(sleutel: str):
    from .models import Formuliersleutel

    return Formuliersleutel.objects.filter(sleutel=sleutel).exclude(url="").first()


def _landen(request, eerder) -> HttpResponseRedirect:
    messages.info(request, AL_VERSTUURD)
    return HttpResponseRedirect(eerder.url)


def eenmalig(view):
    """Decorator for the view of a create form: see the module's docstring."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        sleutel = sleutel_van(request)
        if sleutel is None:
            return view(request, *args, **kwargs)
        if (eerder := _eerder(sleutel)) is not None:
            return _landen(request, eerder)
        from .models import Formuliersleutel

        gebruiker = request.user if request.user.is_authenticated else None
        with transaction.atomic():
            try:
                with transaction.atomic():
                    # Waits here while another request with this key is still running (PostgreSQL).
                    rij = Formuliersleutel.objects.create(sleutel=sleutel, gebruiker=gebruiker)
            except IntegrityError:
                rij = None
            if rij is None:
                eerder = _eerder(sleutel)
                if eerder is not None:
                    return _landen(request, eerder)
                # The other request is still busy (SQLite does not wait) or left nothing: answer as for a
                # form sent too early, without making anything.
                messages.info(request, AL_VERSTUURD)
                return HttpResponseRedirect(request.get_full_path())
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and not getattr(
                request, "_eenmalig_niet_vastleggen", False
            ):
                rij.url = response["Location"][:500]
                rij.save(update_fields=["url"])
            else:
                rij.delete()
        return response

    return wrapper


def opruimen(*, nu: datetime.datetime | None = None) -> int:
    """Delete the keys of forms sent more than a day ago; returns how many."""
    from .models import Formuliersleutel

    return Formuliersleutel.objects.filter(aangemaakt_op__lt=(nu or timezone.now()) - BEWAARDUUR).delete()[0]
