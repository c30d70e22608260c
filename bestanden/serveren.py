"""Serve a private file from a view that has already checked the permission policy."""

from django.http import FileResponse, Http404

from .validatie import herken_type


def bestand_serveren(veld, *, downloadnaam: str, inline: bool = False) -> FileResponse:
    """A download response for a stored FieldFile; 404 when the file is missing.

    The caller must have asked the policy first. The type comes from the content; the response forbids
    sniffing, caching and embedding.
    """
    if not veld:
        raise Http404("Geen bestand.")
    try:
        f = veld.storage.open(veld.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Bestand niet gevonden.") from exc
    soort = herken_type(f)
    response = FileResponse(
        f,
        as_attachment=not inline,
        filename=downloadnaam,
        content_type=soort.mimetype if soort else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
