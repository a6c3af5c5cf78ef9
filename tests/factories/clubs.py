import datetime

import factory

from clubs.models import (
    BoardRole,
    Club,
    GuardianConsent,
    LeaderAssignment,
    MemberCard,
    Membership,
    Pupil,
    School,
)
from clubs.text import fold
from places.selectors import communes_for_province, province_by_code
from tests.factories.accounts import LeaderUserFactory


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Trường THCS Số {n}")
    level = School.Level.LOWER_SECONDARY
    # The shipped units (places data migration): Cần Thơ, Phường Cái Khế.
    province = factory.LazyFunction(lambda: province_by_code("92"))
    commune = factory.LazyAttribute(
        lambda o: communes_for_province(o.province).filter(name="Phường Cái Khế").first()
    )


class ClubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Club

    name = factory.Sequence(lambda n: f"CLB Thanh Thiếu Niên Hồng {n}")
    slug = factory.Sequence(lambda n: f"clb-{n}")
    school = factory.SubFactory(SchoolFactory)
    founded_on = datetime.date(2019, 9, 5)
    meeting_place = "Phòng sinh hoạt Đội"


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    full_name = factory.Faker("name", locale="vi_VN")
    search_name = factory.LazyAttribute(lambda p: fold(p.full_name))
    birth_year = 2012
    school = factory.SubFactory(SchoolFactory)
    grade = 8
    class_name = "8A1"
    guardian_name = factory.Faker("name", locale="vi_VN")
    guardian_relationship = "Mẹ"
    guardian_phone = "0901234567"
    member_code = factory.Sequence(lambda n: f"M{n:05d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    pupil = factory.SubFactory(PupilFactory)
    club = factory.SubFactory(ClubFactory)
    status = Membership.Status.ACTIVE
    joined_on = datetime.date(2024, 9, 5)
    # Active from the day it opened, unless it is still awaiting consent.
    activated_on = factory.LazyAttribute(
        lambda m: None if m.status == Membership.Status.PENDING else m.joined_on
    )
    # A closed membership needs a leaving date and a reason (a database constraint); an
    # open one (active, pending) has neither.
    left_on = factory.LazyAttribute(
        lambda m: None if m.status in Membership.OPEN_STATUSES else max(
            m.joined_on, datetime.date(2025, 6, 1)
        )
    )
    leave_reason = factory.LazyAttribute(
        lambda m: "" if m.status in Membership.OPEN_STATUSES else "Tốt nghiệp"
    )


class BoardRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardRole

    membership = factory.SubFactory(MembershipFactory)
    role = BoardRole.Role.CHAIR
    starts_on = datetime.date(2024, 9, 5)


class LeaderAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaderAssignment

    user = factory.SubFactory(LeaderUserFactory)
    club = factory.SubFactory(ClubFactory)
    kind = LeaderAssignment.Kind.TEACHER
    starts_on = datetime.date(2024, 9, 1)


class MemberCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberCard

    pupil = factory.SubFactory(PupilFactory)


class GuardianConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianConsent

    pupil = factory.SubFactory(PupilFactory)
    guardian_name = factory.LazyAttribute(lambda c: c.pupil.guardian_name or "Nguyễn Thị Lan")
    relationship = "Mẹ"
    given_on = datetime.date(2024, 9, 10)
    method = GuardianConsent.Method.PAPER
    notice_version = "2024-1"
    child_assent = True
    child_assent_on = datetime.date(2024, 9, 10)
