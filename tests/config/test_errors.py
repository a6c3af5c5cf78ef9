"""One base class for every refusal a user can cause (config.errors.DomainError): every
app's error class derives from it with its own stable code, and the API and the views
show any of them the same way."""

import ast
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.utils import translation

from config.errors import DomainError

CODE = re.compile(r"^[a-z][a-z0-9_]*$")

# A code is a contract with API clients, stored refusals and tests: renaming one must be
# a decision, so every class's code is pinned here.
PINNED_CLASS_CODES = {
    "alerts.services.WarningSettingsError": "warning_settings_error",
    "attendance.errors.CheckInError": "checkin_refused",
    "clubs.services.ClubError": "club_error",
    "places.services.UnitFileError": "unit_file_error",
    "sessions.exceptions.AlreadyCancelled": "already_cancelled",
    "sessions.exceptions.AudienceIncomplete": "audience_incomplete",
    "sessions.exceptions.CancelReasonMissing": "cancel_reason_missing",
    "sessions.exceptions.CapacityBelowRegistrations": "capacity_below_registrations",
    "sessions.exceptions.CastNotMember": "cast_not_member",
    "sessions.exceptions.CastPartTaken": "cast_part_taken",
    "sessions.exceptions.EndsBeforeStart": "ends_before_start",
    "sessions.exceptions.ImpossibleDate": "impossible_date",
    "sessions.exceptions.NotAHearing": "not_a_hearing",
    "sessions.exceptions.NotInSeries": "not_in_series",
    "sessions.exceptions.SchedulingConflict": "conflict",
    "sessions.exceptions.SeriesEmpty": "series_empty",
    "sessions.exceptions.SeriesEndAmbiguous": "series_end_ambiguous",
    "sessions.exceptions.SeriesTooLong": "series_too_long",
    "sessions.exceptions.SeriesWithoutEnd": "series_without_end",
    "sessions.exceptions.SessionError": "session_error",
    "support.services.SupportError": "support_error",
    "training.errors.TrainingError": "training_refused",
}


def project_apps() -> list:
    root = Path(settings.BASE_DIR).resolve()
    # The project's own apps sit at the top of the checkout (a virtualenv inside it does not).
    return [a for a in apps.get_app_configs() if Path(a.path).resolve().parent == root]


def import_project_modules() -> None:
    for app in project_apps():
        for module in pkgutil.walk_packages([app.path], prefix=f"{app.module.__name__}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= all_subclasses(sub)
    return found


def project_errors() -> dict[str, type[DomainError]]:
    import_project_modules()
    return {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for cls in all_subclasses(DomainError)
        if not cls.__module__.startswith("tests.")
    }


def test_every_error_class_derives_from_the_base_with_its_own_pinned_code():
    errors = project_errors()
    codes = {name: cls.__dict__.get("code") for name, cls in errors.items()}
    assert codes == PINNED_CLASS_CODES  # each class sets its own code, none inherited
    assert len(set(codes.values())) == len(codes)
    assert all(CODE.match(code) for code in codes.values())


def test_the_exception_classes_of_the_apps_are_all_domain_errors():
    """No app keeps a refusal class beside the base: every `class XError(` in the apps'
    code is a DomainError."""
    errors = {cls.__name__ for cls in project_errors().values()}
    for app in project_apps():
        for path in Path(app.path).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                    assert node.name in errors, f"{path}: {node.name} is not a DomainError"


def test_codes_in_the_tables_and_at_the_raise_sites_are_stable_identifiers():
    errors = project_errors()
    for cls in errors.values():
        for code, message in cls.messages_by_code.items():
            assert CODE.match(code) and str(message)
    # Families whose code is the first argument: every literal code is an identifier
    # (clubs.school_import raises the keys of its own MESSAGES table).
    families = {"ClubError", "SupportError", "WarningSettingsError", "UnitFileError"}
    seen = set()
    for app in project_apps():
        for path in Path(app.path).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
                        and getattr(node.func, "id", getattr(node.func, "attr", "")) in families):
                    first = node.args[0]
                    if isinstance(first, ast.Constant):
                        assert CODE.match(first.value), f"{path}:{node.lineno}"
                        seen.add(first.value)
    assert "forbidden" in seen and "missed_in_row" in seen  # the scan did find the raises


def test_every_family_keeps_its_code_message_and_params():
    from alerts.services import WarningSettingsError
    from attendance.errors import CheckInError
    from clubs.services import ClubError
    from sessions.exceptions import SeriesTooLong
    from training.errors import TrainingError

    club = ClubError("duplicate", "Already a member.")
    assert (club.code, club.message, str(club)) == ("duplicate", "Already a member.",
                                                    "Already a member.")
    assert isinstance(WarningSettingsError("min_rate", "x"), DomainError)
    scan = CheckInError("closed", pupil_id=3)
    assert (scan.code, scan.params, str(scan)) == ("closed", {"pupil_id": 3}, "closed")
    with pytest.raises(ValueError):
        CheckInError("no_such_code")
    taught = TrainingError("already_applied", status="admitted")
    with translation.override("en"):
        assert taught.message.endswith("(status: admitted).")
    series = SeriesTooLong(params={"limit": 100, "n": 120})
    assert series.code == "series_too_long" and "100" in series.message and "120" in series.message


def test_the_message_is_translated_when_read():
    from sessions.exceptions import EndsBeforeStart

    error = EndsBeforeStart()  # raised under one language, shown under another
    with translation.override("en"):
        english = error.message
    with translation.override("vi"):
        assert error.message != english


@pytest.mark.django_db
def test_the_api_answers_a_refusal_no_endpoint_caught_with_its_code_not_a_500():
    from attendance.api import api
    from attendance.errors import CheckInError
    from clubs.services import ClubError

    request = RequestFactory().get("/api/x")
    response = api.on_exception(request, CheckInError("closed"))
    assert response.status_code == 409
    body = json.loads(response.content)
    assert body["code"] == "closed" and body["detail"] == CheckInError("closed").message
    response = api.on_exception(request, ClubError("duplicate", "Already a member."))
    assert response.status_code == 400
    assert json.loads(response.content) == {"code": "duplicate", "detail": "Already a member."}


def test_a_view_shows_any_refusal_the_same_way(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from config.errors import refusal_show
    from support.services import SupportError

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    refusal_show(request, SupportError("future", "The date is in the future."))
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("error", "The date is in the future.")]
