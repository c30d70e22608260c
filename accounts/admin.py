from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["naam"]
    list_display = ["naam", "email", "gemeente", "is_active", "is_staff"]
    list_filter = ["groups", "gemeente", "is_active", "is_staff"]
    search_fields = ["naam", "email"]
    autocomplete_fields = ["gemeente"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Persoon", {"fields": ("naam", "telefoon", "gemeente")}),
        ("Rechten", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Data", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "naam", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]
