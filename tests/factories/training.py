"""A training programme of three modules with a class of three sessions (one per module),
applications open around 2026-03-01."""

import datetime as dt
from decimal import Decimal

from sessions.models import ClubSession, TrainingModule, TrainingProgramme
from tests.factories.sessions import vn
from training.models import ProgrammeRule, Qualification, TrainingClass

APPLY_AT = vn(2026, 3, 1, 9, 0)
FIRST_SESSION = vn(2026, 3, 10, 8, 0)


def programme_make(*, code="CTXH", title="Kỹ năng công tác xã hội", modules=3,
                   pass_ratio=Decimal("0.66")) -> TrainingProgramme:
    programme = TrainingProgramme.objects.create(title=title, pass_ratio=pass_ratio)
    for n in range(1, modules + 1):
        TrainingModule.objects.create(
            programme=programme, position=n, title=f"Học phần {n}", hours=Decimal("4"),
            learning_outcomes="Nắm được kỹ năng cơ bản",
        )
    qualification, _created = Qualification.objects.get_or_create(name=f"Chứng nhận {code}")
    ProgrammeRule.objects.create(
        programme=programme, code=code, grants=qualification, validity_months=24,
        audiences=["social_worker", "collaborator"],
    )
    return programme


def class_make(*, programme=None, slug="ctxh-2026", capacity=20, first=FIRST_SESSION,
               title="Lớp bồi dưỡng kỹ năng CTXH 2026") -> TrainingClass:
    programme = programme or programme_make()
    klass = TrainingClass.objects.create(
        programme=programme, title=title, slug=slug, venue="Hội trường Trung tâm",
        capacity=capacity, applications_open_at=vn(2026, 2, 1, 0, 0),
        applications_close_at=vn(2026, 3, 8, 0, 0), signatory="Giám đốc Nguyễn Văn An",
    )
    for i, module in enumerate(programme.modules.order_by("position")):
        start = first + dt.timedelta(days=7 * i)
        session = ClubSession.objects.create(
            title=f"{title}: {module.title}", kind=ClubSession.Kind.TRAINING,
            audience=ClubSession.Audience.PUBLIC, starts_at=start,
            ends_at=start + dt.timedelta(hours=4), venue=klass.venue, programme_module=module,
        )
        klass.sessions.add(session)
    return klass
