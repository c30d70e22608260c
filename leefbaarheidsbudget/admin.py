from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Budget, Kernplafond, Regeling


@admin.register(Regeling)
class RegelingAdmin(SimpleHistoryAdmin):
    list_display = [
        "gemeente",
        "jaar",
        "max_per_aanvraag",
        "max_per_groep_per_jaar",
        "minimale_voorbereiding_dagen",
        "beslistermijn_weken",
        "direct_vaststellen_tot",
        "sluitingsdatum",
        "vier_ogen",
    ]
    list_filter = ["gemeente", "jaar", "vier_ogen"]
    search_fields = ["gemeente__naam"]
    autocomplete_fields = ["gemeente"]
    list_select_related = ["gemeente"]


class KernplafondInline(admin.TabularInline):
    model = Kernplafond
    extra = 0
    autocomplete_fields = ["kern"]
    readonly_fields = ["vastgelegd"]


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["gemeente", "jaar", "totaal", "vastgelegd"]
    list_filter = ["gemeente", "jaar"]
    search_fields = ["gemeente__naam", "jaar"]
    autocomplete_fields = ["gemeente"]
    readonly_fields = ["vastgelegd"]
    inlines = [KernplafondInline]
    list_select_related = ["gemeente"]


@admin.register(Kernplafond)
class KernplafondAdmin(SimpleHistoryAdmin):
    list_display = ["kern", "budget", "plafond", "vastgelegd"]
    list_filter = ["budget__gemeente", "budget__jaar"]
    search_fields = ["kern__naam", "budget__gemeente__naam"]
    autocomplete_fields = ["budget", "kern"]
    readonly_fields = ["vastgelegd"]
    list_select_related = ["kern", "budget__gemeente"]
