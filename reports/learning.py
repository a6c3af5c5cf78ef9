"""What a pupil has learned: the sessions they came to with their topics and materials,
the topics their club covered this year that they missed, and (from the training app,
once it exists) the training classes they completed; and, for a leader, which active
members have not covered a topic yet. Read through the apps' selectors."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from attendance import selectors as attendance_selectors
from clubs import selectors as club_selectors
from cms import selectors as cms_selectors
from cms.taxonomy import Topic
from reports.selectors import SchoolYear
from sessions import selectors as session_selectors

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

# The training app adds "classes completed" here: fn(pupil) -> list of (title, date).
_TRAINING_HOOKS: list[Callable] = []


def pupil_training_hook_register(fn: Callable) -> None:
    if fn not in _TRAINING_HOOKS:
        _TRAINING_HOOKS.append(fn)


@dataclass
class Learning:
    sessions: list = field(default_factory=list)  # dicts: title, starts_at, topics, materials
    topics_missed: list = field(default_factory=list)  # labels
    training: list = field(default_factory=list)


def _topic_label(code: str) -> str:
    return str(dict(Topic.choices).get(code, code))


def pupil_learning(*, pupil, club, now=None) -> Learning:
    """Five queries: the pupil's sessions, their materials, material topics and pages,
    and the club's sessions held this year (with their topics)."""
    now = now or timezone.now()
    attended = attendance_selectors.pupil_sessions_attended(pupil_id=pupil.pk, since=EPOCH)
    pairs = session_selectors.session_material_ids(session_ids=[row[0] for row in attended])
    page_topics = cms_selectors.material_topics()
    pages = {p.pk: p for p in cms_selectors.materials_for_sessions(
        page_ids={page for _s, page in pairs})}
    materials: dict = {}
    for session_id, page_id in pairs:
        materials.setdefault(session_id, []).append(page_id)
    sessions, covered = [], set()
    year = SchoolYear.containing(timezone.localdate())
    start, end = year.bounds()
    for session_id, title, starts_at, _kind, own_topic in attended:
        topics = {t for t in [own_topic, *(page_topics.get(p) for p in
                                            materials.get(session_id, []))] if t}
        if start <= starts_at < end:
            covered |= topics
        sessions.append({"title": title, "starts_at": starts_at,
                         "topics": sorted(_topic_label(t) for t in topics),
                         "materials": [pages[p] for p in materials.get(session_id, [])
                                       if p in pages]})
    held = session_selectors.report_held_sessions(start=start, end=end, now=now,
                                                  club_ids=[club.pk])
    club_topics = set()
    for _sid, own_topic, page_id in session_selectors.report_session_topics(held):
        club_topics |= {t for t in (own_topic, page_topics.get(page_id)) if t}
    return Learning(
        sessions=sessions,
        topics_missed=sorted(_topic_label(t) for t in club_topics - covered),
        training=[item for fn in _TRAINING_HOOKS for item in fn(pupil)],
    )


def members_without_topic(*, club, topic: str, now=None) -> list[tuple]:
    """(pupil id, name) of the club's active members who never came to a session on
    ``topic`` (its own topic, or a material on it), to plan a catch-up. Two queries."""
    now = now or timezone.now()
    sessions = session_selectors.report_held_sessions(
        start=EPOCH, end=now, now=now, topic=topic,
        topic_material_ids=cms_selectors.material_ids_for_topic(topic))
    came = attendance_selectors.pupils_who_came(sessions=sessions)
    return [(pupil_id, name) for _c, pupil_id, name in
            club_selectors.active_members_of(club_ids=[club.pk]) if pupil_id not in came]
