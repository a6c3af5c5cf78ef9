"""A member's support records: centre social workers only (a leader gets 403, a club
they have no role in 404, as for sensitive notes: docs/clubs-access.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clubs.access import ClubRole, membership_for_user_or_404
from config.errors import refusal_to_form
from support.forms import SupportRecordForm
from support.selectors import support_for_pupil
from support.services import SupportError, support_record_add


@login_required
def member_support(request, slug: str, pupil_id: int):
    club, _role, membership = membership_for_user_or_404(
        request.user, slug=slug, pupil_id=pupil_id, at_least=ClubRole.STAFF
    )
    pupil = membership.pupil
    form = SupportRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            support_record_add(pupil=pupil, club=club, by=request.user, **form.cleaned_data)
        except SupportError as error:
            if error.code == "forbidden":
                raise PermissionDenied from error
            refusal_to_form(form, error, field=SupportRecordForm.FIELD_OF_CODE.get(error.code))
        else:
            messages.success(request, _("Support recorded."))
            return redirect("support:member_support", slug=club.slug, pupil_id=pupil.pk)
    return render(request, "support/member_support.html", {
        "club": club, "pupil": pupil, "records": support_for_pupil(pupil=pupil), "form": form,
    }, status=400 if form.errors else 200)
