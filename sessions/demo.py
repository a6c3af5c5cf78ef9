"""Demo sessions for the 2024-25 school year: a fortnightly series per club, 20+ centre
thematic life-skills sessions, public events and 3 mock trials with cast and audience.

Idempotent: series are looked up by (club, title), sessions by (title, start), trials by
case title. Creates nothing when there are no clubs."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from clubs.models import Club, Membership, Pupil
from demo.context import DemoContext
from sessions.models import ClubSession, MockTrial, SessionSeries
from sessions.services import SessionPlan, series_create, session_cancel, session_create
from sessions.trial_services import (
    mock_trial_add_rehearsal,
    mock_trial_book_audience,
    mock_trial_cast,
    mock_trial_create,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR_START, YEAR_END = dt.date(2024, 9, 7), dt.date(2025, 5, 24)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


# Tết holiday and the two exam periods: club meetings pause.
SKIP = (_days(dt.date(2025, 1, 25), dt.date(2025, 2, 9))
        + _days(dt.date(2024, 12, 16), dt.date(2024, 12, 28))
        + _days(dt.date(2025, 5, 5), dt.date(2025, 5, 17)))

THEMES = [
    "Phòng chống xâm hại tình dục trẻ em", "Kỹ năng ứng phó với bắt nạt học đường",
    "An toàn trên không gian mạng", "Phòng chống ma túy và chất gây nghiện",
    "Giới tính và sức khỏe sinh sản vị thành niên", "Kỹ năng giao tiếp với cha mẹ",
    "Quản lý cảm xúc và căng thẳng mùa thi", "Phòng chống mua bán người",
    "An toàn giao thông cho học sinh", "Kỹ năng phòng chống đuối nước",
    "Nhận diện lừa đảo qua mạng", "Tình bạn, tình yêu tuổi học trò",
    "Kỹ năng làm việc nhóm", "Định hướng nghề nghiệp", "Phòng chống bạo lực gia đình",
    "Sơ cứu ban đầu", "Kỹ năng thuyết trình", "Bảo vệ môi trường học đường",
    "Quyền và bổn phận của trẻ em", "Phòng chống thuốc lá điện tử",
    "Kỹ năng tự bảo vệ khi ở một mình", "Chăm sóc sức khỏe tinh thần",
]
PUBLIC_EVENTS = [
    ("Ngày hội Câu lạc bộ Thanh thiếu niên Hồng", dt.datetime(2024, 11, 23, 7, 30, tzinfo=VN)),
    ("Kỷ niệm Ngày Công tác xã hội Việt Nam", dt.datetime(2025, 3, 25, 8, 0, tzinfo=VN)),
    ("Tháng hành động vì trẻ em: ngày hội kỹ năng sống",
     dt.datetime(2025, 5, 31, 7, 30, tzinfo=VN)),
]
TRIALS = [
    ("Vụ án tàng trữ trái phép chất ma túy", MockTrial.LegalTopic.DRUGS,
     dt.datetime(2024, 11, 15, 8, 0, tzinfo=VN)),
    ("Vụ án làm nhục người khác trên mạng xã hội", MockTrial.LegalTopic.CYBERBULLYING,
     dt.datetime(2025, 3, 14, 8, 0, tzinfo=VN)),
    ("Vụ án vi phạm quy định về tham gia giao thông", MockTrial.LegalTopic.TRAFFIC,
     dt.datetime(2025, 4, 18, 8, 0, tzinfo=VN)),
]
CAST_ORDER = ["judge", "assessor", "assessor", "prosecutor", "defence", "defendant", "victim",
              "witness", "witness", "clerk", "bailiff"]


def build(ctx: DemoContext) -> None:
    clubs = list(ctx.shared.get("clubs") or Club.objects.select_related("school"))
    if not clubs:
        ctx.write("Sessions: no clubs, nothing created")
        return
    staff = ctx.users.get("staff")
    volunteer = ctx.users.get("volunteer")
    series = [_club_series(club, staff) for club in clubs]
    _cancel_one(series[0])
    thematic = [_thematic(ctx, n, title, clubs, [u for u in (staff, volunteer) if u])
                for n, title in enumerate(THEMES)]
    for title, start in PUBLIC_EVENTS:
        _single(title, start, kind=ClubSession.Kind.THEMATIC, audience="public",
                venue="Nhà văn hóa Thanh Niên thành phố", capacity=800, created_by=staff,
                description="Sự kiện mở cho học sinh, phụ huynh và người dân.")
    trials = [_trial(ctx, n, *spec, clubs=clubs, staff=staff) for n, spec in enumerate(TRIALS)]
    upcoming = _around_today(ctx, clubs, staff)
    ctx.shared["sessions"] = {
        "series": series, "thematic": thematic, "trials": trials, "upcoming": upcoming,
    }
    ctx.write(
        f"Sessions: {SessionSeries.objects.count()} series, "
        f"{ClubSession.objects.count()} sessions, {MockTrial.objects.count()} mock trials"
    )


def _around_today(ctx, clubs, staff) -> list[ClubSession]:
    """The 2024-25 year above matches the seed articles; someone trying the site today
    also needs something to check into and something coming up. Anchored to the day the
    demo is loaded (a second run that day changes nothing): a session of the demo leader's
    first club open now, each club's activity next Saturday, and a public event in three
    weeks."""
    today = timezone.localdate()
    leader = ctx.users.get("leader")
    led = [c for c in clubs if leader and c.leader_assignments.filter(user=leader).exists()]
    made = []
    if led:
        # Open from an hour ago for four hours, whenever the demo is loaded; looked up by
        # its title (which names the day), so a second run that day adds nothing.
        title = f"Sinh hoạt hôm nay {today:%d/%m} — thử điểm danh ({led[0].name})"
        start = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        made.append(ClubSession.objects.filter(title=title).first() or _single(
            title, start - dt.timedelta(hours=1), club=led[0], hours=4,
            kind=ClubSession.Kind.ACTIVITY, topic="Sinh hoạt câu lạc bộ",
            venue=led[0].meeting_place or "", created_by=staff,
            description="Buổi sinh hoạt để thử điểm danh bằng mã QR trên dữ liệu mẫu.",
        ))
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    for club in clubs:
        made.append(_single(
            f"Sinh hoạt CLB: Kỹ năng ứng phó với bắt nạt — {club.name}",
            dt.datetime.combine(saturday, dt.time(14, 0), tzinfo=VN), club=club,
            kind=ClubSession.Kind.ACTIVITY, topic="Phòng chống bắt nạt",
            venue=club.meeting_place or "", created_by=staff,
        ))
    made.append(_single(
        "Ngày hội Kỹ năng sống cho học sinh thành phố",
        dt.datetime.combine(today + dt.timedelta(weeks=3), dt.time(7, 30), tzinfo=VN),
        kind=ClubSession.Kind.THEMATIC, audience="public", hours=4,
        venue="Nhà văn hóa Thanh Niên thành phố", capacity=800, created_by=staff,
        description="Sự kiện mở cho học sinh, phụ huynh và người dân.",
    ))
    return made


def _club_series(club, staff) -> SessionSeries:
    title = f"Sinh hoạt định kỳ — {club.name}"
    existing = SessionSeries.objects.filter(club=club, title=title).first()
    if existing:
        return existing
    start = dt.datetime.combine(YEAR_START, dt.time(14, 0), tzinfo=VN)
    return series_create(
        plan=SessionPlan(title=title, kind=ClubSession.Kind.ACTIVITY, club=club,
                         topic="Sinh hoạt câu lạc bộ", venue=club.meeting_place or "",
                         description="Sinh hoạt hai tuần một lần của câu lạc bộ."),
        starts_at=start, ends_at=start + dt.timedelta(hours=2), frequency="fortnightly",
        until=YEAR_END, skip_dates=SKIP, created_by=staff, confirm_conflicts=True,
    )


def _cancel_one(series: SessionSeries) -> None:
    occurrence = series.occurrences.order_by("starts_at")[3]
    if occurrence.status != ClubSession.Status.CANCELLED:
        session_cancel(session=occurrence, reason="Mưa bão, trường cho học sinh nghỉ")


def _single(title, start, *, club=None, hours=2, created_by=None, **fields) -> ClubSession:
    existing = ClubSession.objects.filter(title=title, starts_at=start).first()
    if existing:
        return existing
    return session_create(
        plan=SessionPlan(title=title, club=club, **fields), starts_at=start,
        ends_at=start + dt.timedelta(hours=hours), created_by=created_by,
        confirm_conflicts=True,
    )


def _thematic(ctx, n, title, clubs, facilitators) -> ClubSession:
    club = clubs[n % len(clubs)]
    # Two a month through the school year, on weekday mornings.
    day = YEAR_START + dt.timedelta(days=10 + n * 11)
    while day.weekday() > 4 or day.isoformat() in {d.isoformat() for d in SKIP}:
        day += dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(8, 0), tzinfo=VN)
    return _single(
        title, start, club=club, kind=ClubSession.Kind.THEMATIC, topic=title,
        audience="school", school=club.school, venue=f"Hội trường {club.school.name}",
        capacity=300, facilitators=facilitators, created_by=ctx.users.get("staff"),
        description="Buổi truyền thông chuyên đề kỹ năng sống do Trung tâm phối hợp tổ chức.",
    )


def _trial(ctx, n, case_title, topic, start, *, clubs, staff) -> MockTrial:
    existing = MockTrial.objects.filter(case_title=case_title).first()
    if existing:
        return existing
    club = clubs[(n * 7) % len(clubs)]
    hearing = _single(
        f"Phiên tòa giả định: {case_title}", start, club=club,
        kind=ClubSession.Kind.MOCK_TRIAL, topic=topic.label, audience="school",
        school=club.school, venue=f"Sân trường {club.school.name}", capacity=600, hours=3,
        created_by=staff,
    )
    trial = mock_trial_create(
        hearing=hearing, case_title=case_title, legal_topic=topic,
        summary="Phiên tòa do thành viên câu lạc bộ đóng vai, giúp học sinh hiểu pháp luật.",
    )
    for week in (2, 1):
        rehearsal = _single(
            f"Tập dượt: {case_title} (lần {3 - week})", start - dt.timedelta(weeks=week),
            club=club, kind=ClubSession.Kind.REHEARSAL, venue=club.meeting_place or "",
            created_by=staff,
        )
        mock_trial_add_rehearsal(trial=trial, session=rehearsal)
    _cast(trial, club)
    for grade in range(6, 10) if club.school.level == "lower_secondary" else range(10, 13):
        for section in (1, 2, 3):
            mock_trial_book_audience(trial=trial, school=club.school,
                                     class_name=f"{grade}A{section}",
                                     expected=38 + ctx.rng.randint(0, 8))
    return trial


def _cast(trial, club) -> None:
    members = list(
        Pupil.objects.filter(memberships__club=club,
                             memberships__status=Membership.Status.ACTIVE)
        .order_by("member_code")[: len(CAST_ORDER) + 3]
    )
    seen: dict[str, int] = {}
    for pupil, role in zip(members, CAST_ORDER, strict=False):
        seen[role] = seen.get(role, 0) + 1
        part = {"assessor": "Hội thẩm", "witness": "Nhân chứng"}.get(role)
        mock_trial_cast(trial=trial, pupil=pupil, role=role,
                        part=f"{part} {seen[role]}" if part else "")
    for pupil, role in zip(members[len(CAST_ORDER):], ("judge", "prosecutor", "defendant"),
                           strict=False):
        mock_trial_cast(trial=trial, pupil=pupil, role=role, is_understudy=True)
