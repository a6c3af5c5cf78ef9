"""Row locks only work on PostgreSQL: two confirms of one import, or two reissues of one
card, racing in threads."""

import threading

import pytest
from django.db import connection

from clubs import roster_import, services
from clubs.models import MemberCard, Pupil, RosterImport
from tests.factories.clubs import LeaderAssignmentFactory, MemberCardFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(target, n=4):
    barrier = threading.Barrier(n)
    outcomes = []

    def run():
        barrier.wait()
        try:
            outcomes.append(target())
        except services.ClubError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_double_confirm_imports_once():
    club = LeaderAssignmentFactory().club
    content = "Họ và tên,Năm sinh,Lớp\nAn,2012,8A1\nBình,2012,8A2\n".encode()
    pending = roster_import.roster_import_preview(club=club, by=None, file_name="a.csv",
                                            content=content)
    outcomes = race(lambda: roster_import.roster_import_confirm(
        roster_import=RosterImport.objects.get(pk=pending.pk), by=None, duplicates_ok=False))
    assert sorted(outcomes, key=str) == [2, "not_pending", "not_pending", "not_pending"]
    assert Pupil.objects.count() == 2


def test_concurrent_reissues_leave_exactly_one_valid_card():
    card = MemberCardFactory()
    outcomes = race(lambda: services.card_issue(pupil=Pupil.objects.get(pk=card.pupil_id)))
    assert len(outcomes) == 4 and all(isinstance(o, MemberCard) for o in outcomes)
    assert MemberCard.objects.filter(pupil=card.pupil, revoked_at__isnull=True).count() == 1
    assert MemberCard.objects.filter(pupil=card.pupil).count() == 5
