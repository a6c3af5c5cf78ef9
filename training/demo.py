"""Demo training: last year's skills class for staff and collaborators, completed, with
certificates (one revoked); this year's class in progress; a peer-educator class for club
boards whose certificates expire soon; a community class taking applications. Last
year's class has its anonymous survey answered (demo/data/training_feedback.json).

Idempotent: programmes by title, classes by slug; a class that exists is left alone."""

import datetime as dt
import hashlib
import json
import secrets
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from demo.context import DemoContext
from places.models import Commune
from sessions.models import ClubSession, TrainingModule, TrainingProgramme
from training import services
from training.models import (
    Enrolment,
    FeedbackAnswer,
    FeedbackRating,
    FeedbackToken,
    ProgrammeRule,
    Qualification,
    TrainingAttendance,
    TrainingClass,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FEEDBACK = Path(__file__).resolve().parent.parent / "demo" / "data" / "training_feedback.json"

PROGRAMMES = [
    # title, code, pass ratio, validity months, qualification, modules
    ("Bồi dưỡng kỹ năng công tác xã hội cơ bản", "CTXH", "0.75", 24,
     "Cộng tác viên CTXH đã qua tập huấn",
     ["Tổng quan về công tác xã hội", "Kỹ năng tham vấn", "Quản lý ca",
      "Bảo vệ trẻ em dựa vào cộng đồng"]),
    ("Tập huấn giáo dục đồng đẳng cho Ban điều hành CLB", "GDDD", "0.66", 12,
     "Tuyên truyền viên đồng đẳng",
     ["Vai trò của tuyên truyền viên đồng đẳng", "Kỹ năng tổ chức sinh hoạt",
      "Phòng chống xâm hại và bắt nạt"]),
    ("Nâng cao năng lực cộng đồng", "NLCD", "0.66", None, "",
     ["Đánh giá nhu cầu cộng đồng", "Huy động nguồn lực", "Theo dõi và đánh giá"]),
]

NAMES = [
    "Nguyễn Thị Thúy", "Trần Văn Bình", "Lê Thị Hồng Nhung", "Phạm Minh Tuấn",
    "Võ Thị Kim Ngân", "Huỳnh Quốc Việt", "Đặng Thị Mai", "Bùi Văn Hậu",
    "Đỗ Thị Phương Thảo", "Ngô Thanh Sơn", "Dương Thị Lan", "Lý Hoàng Nam",
]
ORGS = ["UBND phường Ninh Kiều", "UBND phường Cái Khế", "Trung tâm CTXH thành phố",
        "Hội Liên hiệp Phụ nữ phường Tân An", "Trường THCS Đoàn Thị Điểm"]


def _programme(title, code, ratio, months, qualification, modules):
    programme, created = TrainingProgramme.objects.get_or_create(
        title=title, defaults={"pass_ratio": Decimal(ratio)}
    )
    if created:
        for n, name in enumerate(modules, 1):
            TrainingModule.objects.create(
                programme=programme, position=n, title=name, hours=Decimal(6),
                learning_outcomes=f"Học viên nắm được nội dung: {name.lower()}.",
            )
        grants = (
            Qualification.objects.get_or_create(name=qualification)[0] if qualification else None
        )
        ProgrammeRule.objects.create(
            programme=programme, code=code, grants=grants, validity_months=months,
            audiences=["social_worker", "collaborator"] if code != "GDDD" else ["club_board"],
        )
    return programme


def _class(programme, *, slug, title, first_day: dt.date, staff, capacity=25):
    klass = TrainingClass.objects.filter(slug=slug).first()
    if klass is not None:
        return klass, False
    opens = dt.datetime.combine(first_day - dt.timedelta(days=45), dt.time(8), tzinfo=VN)
    klass = TrainingClass.objects.create(
        programme=programme, slug=slug, title=title, venue="Hội trường Trung tâm CTXH",
        capacity=capacity, applications_open_at=opens,
        applications_close_at=opens + dt.timedelta(days=40),
        signatory="Giám đốc Hồ Thanh Hải",
        partner_organisation="Trường Cao đẳng Cần Thơ" if programme.rule.code == "CTXH" else "",
    )
    if staff is not None:
        klass.trainers.add(staff)
    for i, module in enumerate(programme.modules.order_by("position")):
        start = dt.datetime.combine(first_day + dt.timedelta(days=7 * i), dt.time(8), tzinfo=VN)
        session = ClubSession.objects.create(
            title=f"{title}: {module.title}", kind=ClubSession.Kind.TRAINING,
            audience=ClubSession.Audience.PUBLIC, starts_at=start,
            ends_at=start + dt.timedelta(hours=6), venue=klass.venue, programme_module=module,
            created_by=staff,
        )
        klass.sessions.add(session)
    return klass, True


def _people(klass, ctx, count, *, offset=0):
    communes = list(Commune.objects.current().filter(province__code="92")[:10])
    enrolments = []
    for n in range(count):
        i = (n + offset) % len(NAMES)
        details = services.ApplicantDetails(
            full_name=NAMES[i], date_of_birth=dt.date(1975 + (i * 3) % 25, 1 + i % 12, 1 + i),
            organisation=ORGS[i % len(ORGS)], position="Cộng tác viên",
            phone=f"0907{i:06d}", email=f"hocvien{i}@lalanh.example",
            commune=communes[i % len(communes)] if communes else None,
        )
        enrolments.append(services.enrolment_nominate(
            training_class=klass, details=details, actor=ctx.users.get("staff"), notify=False
        ))
    return enrolments


def _attend(klass, enrolments, *, sessions=None, skip_every=0):
    sessions = sessions if sessions is not None else list(klass.sessions.order_by("starts_at"))
    rows = []
    for n, enrolment in enumerate(enrolments):
        for k, session in enumerate(sessions):
            if skip_every and (n + k) % skip_every == 0:
                continue
            rows.append(TrainingAttendance(
                enrolment=enrolment, session=session, status="present", method="roster",
                checked_in_at=session.starts_at,
            ))
    TrainingAttendance.objects.bulk_create(rows, ignore_conflicts=True)


def _survey(klass: TrainingClass) -> None:
    """The class's survey as training.feedback leaves it: one token per admitted
    participant (hashes only; the answered ones used) and the answers, unlinked to anyone.
    Written here rather than through feedback_open, which would e-mail every participant."""
    answers = json.loads(FEEDBACK.read_text(encoding="utf-8"))["answers"]
    invited = klass.enrolments.filter(status=Enrolment.Status.ADMITTED).count()
    FeedbackToken.objects.bulk_create(
        FeedbackToken(training_class=klass, used=i < len(answers),
                      token_hash=hashlib.sha256(secrets.token_bytes(24)).hexdigest())
        for i in range(max(invited, len(answers)))
    )
    modules = list(klass.programme.modules.order_by("position"))
    for item in answers:
        answer = FeedbackAnswer.objects.create(training_class=klass, comment=item["comment"])
        FeedbackRating.objects.bulk_create(
            FeedbackRating(answer=answer, module=module, module_title=module.title, score=score)
            for module, score in zip(modules, item["scores"], strict=True)
        )


def build(ctx: DemoContext) -> None:
    staff = ctx.users.get("staff")
    today = timezone.localdate()
    ctxh, gddd, nlcd = (_programme(*p) for p in PROGRAMMES)
    with transaction.atomic():
        last, created = _class(ctxh, slug=f"ctxh-{today.year - 1}",
                               title=f"Lớp bồi dưỡng kỹ năng CTXH {today.year - 1}",
                               first_day=dt.date(today.year - 1, 6, 5), staff=staff)
        if created:
            people = _people(last, ctx, 12)
            _attend(last, people, skip_every=5)
            services.completion_confirm(training_class=last, actor=staff)
            issued = services.certificates_issue(
                training_class=last, actor=staff, today=dt.date(today.year - 1, 7, 10)
            )
            if issued:
                services.certificate_revoke(certificate=issued[-1],
                                            reason="Cấp nhầm người: không dự đủ buổi học")
            _survey(last)

        now_class, created = _class(ctxh, slug=f"ctxh-{today.year}",
                                    title=f"Lớp bồi dưỡng kỹ năng CTXH {today.year}",
                                    first_day=today - dt.timedelta(days=8), staff=staff,
                                    capacity=10)
        if created:
            people = _people(now_class, ctx, 11, offset=3)  # the eleventh waits
            held = [
                s for s in now_class.sessions.order_by("starts_at")
                if timezone.localdate(s.starts_at) < today
            ]
            _attend(now_class, people[:10], sessions=held, skip_every=4)

        boards, created = _class(gddd, slug=f"gddd-{today.year - 1}",
                                 title=f"Tập huấn tuyên truyền viên đồng đẳng {today.year - 1}",
                                 first_day=today - dt.timedelta(days=320), staff=staff)
        if created:
            people = _people(boards, ctx, 6, offset=6)
            _attend(boards, people)
            services.completion_confirm(training_class=boards, actor=staff)
            # Valid 12 months from issue: they expire within the next 90 days.
            services.certificates_issue(training_class=boards, actor=staff,
                                        today=today - dt.timedelta(days=300))

        community, created = _class(nlcd, slug=f"nlcd-{today.year}",
                                    title=f"Lớp nâng cao năng lực cộng đồng {today.year}",
                                    first_day=today + dt.timedelta(days=20), staff=staff)
        if created:
            community.applications_open_at = timezone.now() - dt.timedelta(days=5)
            community.applications_close_at = timezone.now() + dt.timedelta(days=15)
            community.save(update_fields=["applications_open_at", "applications_close_at"])
    ctx.write(
        f"Training: {TrainingClass.objects.count()} classes, "
        f"{Enrolment.objects.count()} enrolments"
    )
