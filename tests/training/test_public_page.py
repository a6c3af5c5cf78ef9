"""The public page of classes open for applications (/training/): what anyone sees, what
stays hidden, and the window's edges with a frozen clock."""

import datetime as dt

import time_machine

from tests.factories.sessions import vn
from tests.factories.training import APPLY_AT, class_make, programme_make
from tests.training.conftest import APPLICANT
from training.models import TrainingClass

PAGE = "/training/"


def _class(slug, *, opens, closes, sessions=True, **kwargs):
    programme = programme_make(code=slug[:4].upper(), title=f"Chương trình {slug}")
    klass = class_make(programme=programme, slug=slug, title=f"Lớp {slug}", **kwargs)
    TrainingClass.objects.filter(pk=klass.pk).update(applications_open_at=opens,
                                                     applications_close_at=closes)
    if not sessions:
        klass.sessions.clear()
    return klass


@time_machine.travel(APPLY_AT, tick=False)
def test_anyone_sees_the_open_class_with_its_details_and_apply_link(client, klass):
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert klass.title in text
    assert klass.programme.title in text
    assert "Hội trường Trung tâm" in text
    assert "10/03/2026" in text and "24/03/2026" in text  # first and last session
    assert 'href="/training/ctxh-2026/apply/"' in text
    assert 'data-places="20"' in text
    # The audiences of the programme, in the reader's language (Vietnamese first).
    assert "Nhân viên công tác xã hội" in text


@time_machine.travel(APPLY_AT, tick=False)
def test_closed_unscheduled_and_far_off_classes_are_hidden(client, klass):
    _class("closed", opens=vn(2026, 1, 1, 0, 0), closes=vn(2026, 2, 20, 0, 0))
    _class("draft", opens=vn(2026, 2, 1, 0, 0), closes=vn(2026, 4, 1, 0, 0), sessions=False)
    _class("later", opens=vn(2026, 6, 1, 0, 0), closes=vn(2026, 7, 1, 0, 0))
    _class("soon", opens=vn(2026, 3, 5, 8, 0), closes=vn(2026, 4, 1, 0, 0))
    text = client.get(PAGE).content.decode()
    assert 'data-class="ctxh-2026"' in text
    for hidden in ("closed", "draft", "later"):
        assert f'data-class="{hidden}"' not in text, hidden
        assert f"/training/{hidden}/apply/" not in text
    # Opening within the next days: listed with its opening date, no apply link yet.
    assert 'data-class="soon"' in text
    assert "05/03/2026 08:00" in text
    assert "/training/soon/apply/" not in text


def test_the_window_edges(client, klass):
    opens, closes = klass.applications_open_at, klass.applications_close_at
    second = dt.timedelta(seconds=1)
    link = 'href="/training/ctxh-2026/apply/"'
    with time_machine.travel(opens - second, tick=False):
        text = client.get(PAGE).content.decode()
        assert 'data-class="ctxh-2026"' in text and link not in text  # opening soon
    with time_machine.travel(opens, tick=False):
        assert link in client.get(PAGE).content.decode()
    with time_machine.travel(closes - second, tick=False):
        assert link in client.get(PAGE).content.decode()
    with time_machine.travel(closes, tick=False):
        assert 'data-class="ctxh-2026"' not in client.get(PAGE).content.decode()
    # Further than the "opening soon" horizon (14 days by default): not announced yet.
    with time_machine.travel(opens - dt.timedelta(days=14, seconds=1), tick=False):
        assert 'data-class="ctxh-2026"' not in client.get(PAGE).content.decode()


@time_machine.travel(APPLY_AT, tick=False)
def test_a_full_class_shows_its_waiting_list_and_nobody_s_name(
    client, klass, django_assert_max_num_queries
):
    TrainingClass.objects.filter(pk=klass.pk).update(capacity=1)
    client.post("/training/ctxh-2026/apply/", APPLICANT)
    client.post("/training/ctxh-2026/apply/", {**APPLICANT, "phone": "0905000111",
                                                "email": "b@example.org",
                                                "full_name": "Trần Văn Bình"})
    with django_assert_max_num_queries(8):
        page = client.get(PAGE)
    text = page.content.decode()
    assert 'data-places="0"' in text
    assert 'data-waiting="1"' in text and 'href="/training/ctxh-2026/apply/"' in text
    assert APPLICANT["full_name"] not in text and "Trần Văn Bình" not in text
    assert APPLICANT["email"] not in text


@time_machine.travel(APPLY_AT, tick=False)
def test_the_page_is_in_the_public_navigation(client, klass):
    home_like = client.get("/training/ctxh-2026/apply/").content.decode()
    assert 'href="/training/"' in home_like
    assert 'href="/en/training/"' in client.get("/en/training/").content.decode()
