"""The demo centre: believable, built from the seeds' figures, and a second run changes
nothing and fails on nothing."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accounts.models import User
from clubs.models import Club, Membership, School
from sessions.models import ClubSession
from sessions.selectors import public_upcoming_sessions, sessions_visible_to
from training.models import TrainingClass

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "axes.", "django_tasks"))
    }


def test_demo_builds_the_centre_and_a_second_run_changes_nothing(capsys, wagtail_root):
    call_command("load_demo", "--allow-production")
    out = capsys.readouterr().out
    for username in ("staff", "leader", "board", "pupil", "volunteer"):
        assert username in out
    assert Club.objects.count() == 23
    assert School.objects.values("former_district").distinct().count() == 9
    assert not School.objects.filter(commune__isnull=True).exists()
    assert Membership.objects.filter(status="active").count() >= 1000
    assert ClubSession.objects.filter(kind="thematic").count() >= 20
    assert ClubSession.objects.filter(kind="mock_trial").count() == 3
    # Someone trying the site today has a session to check into and events coming up.
    leader = User.objects.get(username="leader")
    now = timezone.now()
    assert sessions_visible_to(leader).filter(starts_at__lte=now, ends_at__gte=now).exists()
    assert public_upcoming_sessions(now=now).exists()
    # Staff read last year's class survey: means per module and the comments.
    browser = Client()
    browser.force_login(User.objects.get(username="staff"))
    # Last year's class: the older of the two skills classes (read back, not from today's
    # date, which may have turned over since the demo was built).
    last_year = TrainingClass.objects.filter(slug__startswith="ctxh-").order_by("slug").first()
    page = browser.get(f"/training/manage/{last_year.slug}/feedback/results/")
    text = page.content.decode()
    assert page.status_code == 200 and "9 câu trả lời trên 12" in text
    assert "Giảng viên nhiệt tình, tài liệu dễ hiểu." in text
    first = row_counts()

    call_command("load_demo", "--allow-production")
    assert row_counts() == first


def test_demo_is_refused_with_debug_off_unless_asked():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not Club.objects.exists()
