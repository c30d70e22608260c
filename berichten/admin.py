"""Messages in the Django admin: status, attempts, the last error, a resend action and the backlog.

A functional admin sees the messages of their own gemeente (Bericht.gemeente_id, given by the code that
sent them); a superuser sees every message, also those without a gemeente. The text of a message is never
shown: it may hold a password-reset or invitation link, which would let an admin act as its addressee.
django-tasks-db's job list (arguments, tracebacks of every gemeente) is for superusers only.
"""

from django.contrib import admin, messages
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .models import Bericht, Berichtstatus
from .wachtrij import onderbroken_na, opnieuw_versturen, stand


def _duur(tijd) -> str:
    seconden = int(tijd.total_seconds())
    if seconden < 120:
        return f"{seconden} seconden"
    if seconden < 2 * 3600:
        return f"{seconden // 60} minuten"
    if seconden < 2 * 86400:
        return f"{seconden // 3600} uur"
    return f"{seconden // 86400} dagen"


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    list_display = ("aangemaakt_op", "aan", "onderwerp", "status", "pogingen", "volgende_poging", "fout_kort")
    list_filter = ("status",)
    search_fields = ("aan", "onderwerp")
    fields = (
        "aan",
        "onderwerp",
        "status",
        "aangemaakt_op",
        "in_wachtrij_sinds",
        "pogingen",
        "poging_gestart_op",
        "volgende_poging",
        "verzonden_op",
        "laatste_fout",
        "message_id",
    )
    readonly_fields = fields
    actions = ["opnieuw_versturen_actie"]
    date_hierarchy = "aangemaakt_op"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        gemeente_id = getattr(request.user, "gemeente_id", None)
        return queryset.none() if gemeente_id is None else queryset.filter(gemeente_id=gemeente_id)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="fout")
    def fout_kort(self, bericht):
        if bericht.status == Berichtstatus.VERZENDEN and bericht.poging_gestart_op:
            return f"Onderbroken? Poging gestart {bericht.poging_gestart_op:%d-%m-%Y %H:%M}"
        return bericht.laatste_fout[:120]

    @admin.action(description="Opnieuw versturen (mislukte en onderbroken berichten)", permissions=["change"])
    def opnieuw_versturen_actie(self, request, queryset):
        aantal = opnieuw_versturen(queryset)
        overgeslagen = queryset.count() - aantal
        self.message_user(request, f"{aantal} bericht(en) opnieuw in de wachtrij gezet.", messages.SUCCESS)
        if overgeslagen:
            self.message_user(
                request,
                f"{overgeslagen} overgeslagen: alleen mislukte berichten, en berichten die langer dan "
                f"{int(onderbroken_na().total_seconds() // 60)} minuten 'wordt verzonden' staan, gaan opnieuw.",
                messages.WARNING,
            )

    def changelist_view(self, request, extra_context=None):
        gemeente_id = getattr(request.user, "gemeente_id", None)
        wachtrij = stand(gemeente_id, alles=request.user.is_superuser)
        for sleutel in ("oudste_bericht", "oudste_taak"):
            wachtrij[sleutel] = _duur(wachtrij[sleutel]) if wachtrij[sleutel] is not None else ""
        extra_context = {**(extra_context or {}), "wachtrij": wachtrij}
        return super().changelist_view(request, extra_context=extra_context)


class AlleenSuperbeheer:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaakAdmin(AlleenSuperbeheer, DBTaskResultAdmin):
    pass
