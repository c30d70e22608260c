from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .forms import InlogForm


class InlogView(auth_views.LoginView):
    form_class = InlogForm
    redirect_authenticated_user = True


@login_required
def mijn_account(request):
    return render(request, "accounts/mijn_account.html", {"gebruiker": request.user})
