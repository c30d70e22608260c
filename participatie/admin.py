from django.contrib import admin

from gebieden.beheerbereik import GemeenteAdminMixin, GeschiedenisAdmin

from .models import Belanghebbende, Ketenpartner, Participatieplan, Planstatuswijziging


@admin.register(Ketenpartner)
class KetenpartnerAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    """Organisation contacts only: no person's name, e-mail or phone number."""

    gemeente_pad = "gemeente"
    list_display = ["naam", "soort", "gemeente", "actief"]
    list_filter = ["soort", "actief", "gemeente"]
    search_fields = ["naam", "omschrijving"]
    autocomplete_fields = ["gemeente", "kernen", "wijken", "themas"]
    list_select_related = ["gemeente"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "website":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class BelanghebbendeInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "plan__project__gemeente"
    model = Belanghebbende
    fields = ["soort", "groep", "ketenpartner", "toelichting"]
    autocomplete_fields = ["groep", "ketenpartner"]
    extra = 0


class PlanstatuswijzigingInline(GemeenteAdminMixin, admin.TabularInline):
    gemeente_pad = "plan__project__gemeente"
    model = Planstatuswijziging
    fields = ["op", "van", "naar", "door", "toelichting"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # publication goes through the service, which checks the workflow table


@admin.register(Participatieplan)
class ParticipatieplanAdmin(GemeenteAdminMixin, GeschiedenisAdmin):
    gemeente_pad = "project__gemeente"
    list_display = ["project", "status", "besluitorgaan", "besluit_verwacht", "besluit_genomen_op"]
    list_filter = ["status", "besluitorgaan", "project__gemeente"]
    search_fields = ["project__naam", "vraag"]
    autocomplete_fields = ["project", "themas"]
    readonly_fields = ["status", "gepubliceerd_op"]
    list_select_related = ["project__gemeente"]
    inlines = [BelanghebbendeInline, PlanstatuswijzigingInline]
