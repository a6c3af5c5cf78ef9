import datetime as dt
from zoneinfo import ZoneInfo

import factory

from sessions.models import ClubSession
from tests.factories.clubs import ClubFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


class ClubSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClubSession

    title = factory.Sequence(lambda n: f"Sinh hoạt CLB số {n}")
    kind = ClubSession.Kind.ACTIVITY
    topic = "Kỹ năng sống"
    club = factory.SubFactory(ClubFactory)
    starts_at = vn(2024, 10, 5, 14, 0)
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=2))
    venue = "Phòng sinh hoạt Đội"
