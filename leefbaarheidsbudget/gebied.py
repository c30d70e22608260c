"""The budget section on the public area pages (gemeente, kern): aggregate money only, no personal data."""

from django.utils import timezone

from . import selectors


def sectie(request, gebied) -> dict | None:
    niveau = getattr(gebied, "niveau", None)
    jaar = timezone.localdate().year
    if niveau == "gemeente":
        from .models import Budget

        if not Budget.objects.filter(gemeente=gebied, jaar=jaar).exists():
            return None
        per_kern = [
            r for r in selectors.budgetcijfers_per_kern(gemeente=gebied, jaar=jaar) if r.totaal or r.toegekend
        ]
        return {
            "jaar": jaar,
            "kern": None,
            "cijfers": selectors.budgetcijfers(gemeente=gebied, jaar=jaar),
            "per_kern": per_kern,
        }
    if niveau == "kern":
        cijfers = selectors.budgetcijfers(gemeente=gebied.gemeente, jaar=jaar, kern=gebied)
        if cijfers.totaal is None and not cijfers.toegekend:
            return None
        return {"jaar": jaar, "kern": gebied, "cijfers": cijfers, "per_kern": []}
    return None
