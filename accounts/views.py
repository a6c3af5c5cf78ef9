from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from accounts.forms import LoginForm
from cms.profile import centre_profile


# Sign-in and password-reset attempts are capped per address in
# accounts/signin_limits.py, with the Wagtail admin's and Django admin's forms.
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        # E-mails render without the request's context processors: pass the profile.
        self.extra_email_context = {"centre": centre_profile()}
        return super().form_valid(form)


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html")


def rate_limited(request, exception):
    return render(request, "429.html", status=429)
