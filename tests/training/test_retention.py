"""Retention: a former participant's data is erased by the nightly job once the last class
they were in ended more than TRAINING_RETENTION_MONTHS ago; their certificate can still
be verified; re-running the job changes nothing."""

import io

import pytest
import time_machine
from django.core.management import call_command

from tests.factories.sessions import vn
from tests.factories.training import APPLY_AT, class_make, programme_make
from tests.training.test_certificates import _admitted, _issue
from training.models import Participant, ParticipantAccess

pytestmark = pytest.mark.django_db

# klass's last session ends 2026-03-24 12:00 (Vietnam).
RUN_AT = vn(2028, 4, 25, 2, 30)  # 25 months later: N + 1 with N = 24
RECENT_FIRST_SESSION = vn(2026, 5, 25, 8, 0)  # its class ends 23 months before the run


def _run(**options):
    out = io.StringIO()
    with time_machine.travel(RUN_AT, tick=False):
        call_command("training_retention", stdout=out, **options)
    return out.getvalue()


def test_former_participants_are_erased_after_the_period_and_certificates_still_verify(
    settings, client, staff_client, klass
):
    settings.TRAINING_RETENTION_MONTHS = 24
    with time_machine.travel(APPLY_AT, tick=False):
        old, certificate = _issue(client, staff_client, klass)
        recent_class = class_make(programme=programme_make(code="PEER", title="Đồng đẳng"),
                                  slug="peer-2026", first=RECENT_FIRST_SESSION)
        recent = _admitted(recent_class, full_name="Lê Thị Hoa", phone="0905111222",
                           email="hoa@example.org", date_of_birth="1991-01-01")
        # In the old class and in the recent one: still within the period.
        both = _admitted(klass, full_name="Phạm Văn Cường", phone="0905333444",
                         email="cuong@example.org", date_of_birth="1980-06-06")
        _admitted(recent_class, full_name="Phạm Văn Cường", phone="0905333444",
                  email="cuong@example.org", date_of_birth="1980-06-06")

    assert _run(dry_run=True).startswith("1 participant(s) due")
    assert Participant.objects.filter(erased_at__isnull=False).count() == 0
    assert "Erased 1 participant(s)" in _run()

    erased = Participant.objects.get(pk=old.participant_id)
    assert erased.erased_at is not None
    assert (erased.full_name, erased.phone, erased.email) == ("", "", "")
    for kept in (recent.participant_id, both.participant_id):
        assert Participant.objects.get(pk=kept).erased_at is None
    # The erasure is in the record's access log, by nobody: the job.
    log = ParticipantAccess.objects.filter(participant=erased, action="erase")
    assert log.count() == 1 and log.get().user is None

    # The verification record keeps what the paper shows (docs/training.md, Privacy).
    with time_machine.travel(RUN_AT, tick=False):
        page = client.get(f"/verify/{certificate.code}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert certificate.serial in text and "Nguyễn Thị Thúy" in text
    assert 'data-state="expired"' in text  # valid for 24 months from 2026-04-02

    page = staff_client.get(f"/training/manage/participants/{erased.pk}/").content.decode()
    assert "thời hạn lưu trữ" in page

    # Idempotent: nothing more to do, nothing logged again.
    assert "Erased 0 participant(s)" in _run()
    assert log.count() == 1


def test_one_month_short_of_the_period_nobody_is_erased(settings, client, staff_client, klass):
    settings.TRAINING_RETENTION_MONTHS = 26  # the class ended 25 months before the run
    with time_machine.travel(APPLY_AT, tick=False):
        _admitted(klass)
    assert "Erased 0 participant(s)" in _run()
    assert not Participant.objects.filter(erased_at__isnull=False).exists()
    settings.TRAINING_RETENTION_MONTHS = 24
    assert "Erased 1 participant(s)" in _run()


def test_the_default_period_and_the_nightly_timer():
    from pathlib import Path

    from django.conf import settings as conf

    assert conf.TRAINING_RETENTION_MONTHS == 36
    unit = Path(__file__).resolve().parents[2] / "deploy/systemd/lalanh-retention.service"
    assert "manage.py training_retention" in unit.read_text()


def test_a_holder_of_a_still_valid_qualification_is_kept(settings, client, staff_client, klass):
    """Past the period since the class, but their certificate is still valid on the day
    (here: it never expires): kept; once it is revoked, erased."""
    settings.TRAINING_RETENTION_MONTHS = 24
    with time_machine.travel(APPLY_AT, tick=False):
        enrolment, certificate = _issue(client, staff_client, klass)
    type(certificate).objects.filter(pk=certificate.pk).update(valid_until=None)
    assert "Erased 0 participant(s)" in _run()
    assert Participant.objects.get(pk=enrolment.participant_id).erased_at is None
    type(certificate).objects.filter(pk=certificate.pk).update(
        revoked_on=RUN_AT.date(), revoke_reason="Cấp nhầm")
    assert "Erased 1 participant(s)" in _run()
