"""The anonymous survey's results on the class's staff pages: per-module means and
distributions and the comments, with nothing that tells who wrote what; hidden below
the minimum number of answers; centre staff only."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories.accounts import LeaderUserFactory, UserFactory
from tests.training.test_certificates import _admitted

pytestmark = pytest.mark.django_db


def _survey_links(klass, staff_client, people, django_capture_on_commit_callbacks):
    for n in range(people):
        _admitted(klass, full_name=f"Người {n}", phone=f"090500{n:04d}",
                  email=f"p{n}@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/training/manage/{klass.slug}/feedback/")
    return [re.search(r"https?://[^/]+(/\S+/training/feedback/\S+/|/training/feedback/\S+/)",
                      m.body).group(1) for m in mail.outbox]


def _answer(client, klass, link, scores, comment):
    modules = klass.programme.modules.order_by("position")
    data = {f"m{m.pk}": str(s) for m, s in zip(modules, scores, strict=True)}
    response = client.post(link, {**data, "comment": comment})
    assert 'data-outcome="thanks"' in response.content.decode()


def test_staff_see_means_distributions_and_comments_in_no_traceable_order(
    client, staff_client, klass, django_capture_on_commit_callbacks
):
    links = _survey_links(klass, staff_client, 6, django_capture_on_commit_callbacks)
    # Sent in this order: the page must not keep it.
    answers = [((5, 4, 3), "Zô kê, rất thiết thực"), ((4, 4, 3), "Phòng học hơi nóng"),
               ((5, 5, 4), "Phần bài tập hay"),
               ((3, 4, 2), "Cần thêm thời gian thực hành"), ((5, 3, 3), "An toàn và vui")]
    for link, (scores, comment) in zip(links, answers, strict=False):
        _answer(client, klass, link, scores, comment)
    page = staff_client.get(f"/training/manage/{klass.slug}/feedback/results/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-answers="5" data-invited="6"' in text
    assert 'data-module="Học phần 1" data-mean="4.4"' in text
    assert 'data-module="Học phần 2" data-mean="4.0"' in text
    assert 'data-module="Học phần 3" data-mean="3.0"' in text
    module_1 = text.split('data-module="Học phần 1"')[1].split("</tr>")[0]
    assert re.findall(r'data-score="(\d)" data-count="(\d)"', module_1) == [
        ("1", "0"), ("2", "0"), ("3", "1"), ("4", "1"), ("5", "3")]
    comments = re.findall(r'<li class="list-group-item">([^<]+)</li>',
                          text.split("data-comments")[1])
    # In Vietnamese dictionary order (a < ă < â ... o < ô < ơ), not code points.
    assert comments == ["An toàn và vui", "Cần thêm thời gian thực hành", "Phần bài tập hay",
                        "Phòng học hơi nóng", "Zô kê, rất thiết thực"]
    # No time of any answer, and no id that would give their order.
    assert not re.search(r"\d{2}:\d{2}", text.split("<main")[1])
    assert "data-answer=" not in text and "data-answer-id" not in text


def test_below_the_minimum_the_results_are_hidden(
    client, staff_client, klass, django_capture_on_commit_callbacks
):
    links = _survey_links(klass, staff_client, 4, django_capture_on_commit_callbacks)
    for link in links:
        _answer(client, klass, link, (1, 2, 3), "Một nhận xét riêng")
    text = staff_client.get(f"/training/manage/{klass.slug}/feedback/results/").content.decode()
    assert 'data-answers="4" data-invited="4"' in text
    assert 'data-hidden="few"' in text
    assert "Một nhận xét riêng" not in text and "data-mean" not in text


def test_only_centre_staff_see_the_results(client, klass):
    url = f"/training/manage/{klass.slug}/feedback/results/"
    assert client.get(url).status_code == 302  # to the sign-in page
    trainer = UserFactory()
    klass.trainers.add(trainer)
    for user in (trainer, LeaderUserFactory(), UserFactory()):
        browser = Client()
        browser.force_login(user)
        assert browser.get(url).status_code == 403, user
