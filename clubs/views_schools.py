"""Centre staff import schools from a spreadsheet: upload, preview with row errors,
confirm (clubs.school_import). Nothing is saved while any row has a problem."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clubs.school_import import school_import_confirm, school_import_preview
from clubs.services import ClubError
from cms.profile import centre_province
from config.errors import refusal_show


@login_required
@require_http_methods(["GET", "POST"])
def school_import(request):
    if not request.user.is_centre_staff:
        raise PermissionDenied
    context = {"province": centre_province()}
    if request.method == "POST" and "payload" in request.POST:
        try:
            count = school_import_confirm(payload=request.POST["payload"])
        except ClubError as error:
            refusal_show(request, error)
            return redirect("clubs:school_import")
        messages.success(request, _("%(count)s schools imported.") % {"count": count})
        return redirect("clubs:school_import")
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = _("Choose a file.")
        else:
            try:
                context["preview"] = school_import_preview(
                    content=upload.read(), file_name=upload.name,
                    default_province=context["province"])
            except ClubError as error:
                context["error"] = error.message
    status = 400 if context.get("error") else 200
    return render(request, "clubs/school_import.html", context, status=status)
