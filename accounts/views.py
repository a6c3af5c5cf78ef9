from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

from accounts.forms import LoginForm
from cms.profile import centre_profile


# Axes locks a username+address pair out after repeated failures; this caps how fast
# one address may try at all, whatever usernames it cycles through.
@method_decorator(ratelimit(key="ip", rate="30/m", method="POST", block=True), name="post")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@method_decorator(ratelimit(key="ip", rate="10/h", method="POST", block=True), name="post")
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
