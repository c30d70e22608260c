from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc, views
from .forms import WachtwoordVergetenForm

urlpatterns = [
    path("inloggen/", views.InlogView.as_view(), name="login"),
    path("uitloggen/", views.UitlogView.as_view(), name="logout"),
    # Single sign-on with the gemeente's identity provider: 404 unless configured (accounts/oidc.py).
    path("inloggen/gemeente-account/", oidc.StartView.as_view(), name="oidc_authentication_init"),
    path("inloggen/gemeente-account/terug/", oidc.TerugView.as_view(), name="oidc_authentication_callback"),
    path("wachtwoord/wijzigen/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "wachtwoord/vergeten/",
        views.WachtwoordVergetenView.as_view(form_class=WachtwoordVergetenForm),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("mijn-account/", views.mijn_account, name="mijn_account"),
    path("inloggen/code/", views.tweestaps_controle, name="tweestaps_controle"),
    path("tweestaps/instellen/", views.tweestaps_instellen, name="tweestaps_instellen"),
    path("tweestaps/reservecodes/", views.tweestaps_reservecodes, name="tweestaps_reservecodes"),
    path("tweestaps/uitzetten/", views.tweestaps_uitzetten, name="tweestaps_uitzetten"),
]
