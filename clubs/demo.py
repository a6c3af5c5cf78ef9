"""Demo clubs: 23 Pink Youth Clubs in middle and high schools across Cần Thơ, about 1,000
pupils with boards, leaders, cards and guardian consents (a few missing: those pupils
under 16 are awaiting consent, pending on the roster).

Everything is planned from ctx.rng first and written afterwards, only where missing, so a
second run draws the same numbers, finds every natural key (school name, club slug, member
code, username) and writes nothing.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db.models import Exists, OuterRef

from accounts.models import User
from clubs.models import (
    BoardRole,
    Club,
    GuardianConsent,
    LeaderAssignment,
    MemberCard,
    Membership,
    Pupil,
    School,
    SupportNote,
)
from clubs.selectors import consent_ok_pupil_ids
from clubs.services import membership_opening
from clubs.text import fold
from demo.accounts import DEMO_PASSWORD
from demo.context import DemoContext
from places.selectors import communes_for_province, province_by_code

L, U = School.Level.LOWER_SECONDARY, School.Level.UPPER_SECONDARY
# (school, level, ward or commune since 1 July 2025, former district, former ward, founded
# year). The first two are led by the demo leader. The units are today's Thành phố Cần Thơ
# (places/data); the former district and ward stay as the labels the old records had.
SCHOOLS = [
    ("THCS Thạnh An", L, "Xã Thạnh An", "Vĩnh Thạnh", "Thị trấn Thạnh An", 2017),
    ("THCS Thạnh Thắng", L, "Xã Thạnh An", "Vĩnh Thạnh", "Xã Thạnh Thắng", 2018),
    ("THPT Vĩnh Thạnh", U, "Xã Vĩnh Thạnh", "Vĩnh Thạnh", "Thị trấn Vĩnh Thạnh", 2019),
    ("THCS Đoàn Thị Điểm", L, "Phường Cái Khế", "Ninh Kiều", "Phường Cái Khế", 2016),
    ("THCS An Hòa 2", L, "Phường Cái Khế", "Ninh Kiều", "Phường An Hòa", 2018),
    ("THPT Châu Văn Liêm", U, "Phường Tân An", "Ninh Kiều", "Phường Tân An", 2016),
    ("THCS Bình Thủy", L, "Phường Bình Thủy", "Bình Thủy", "Phường Bình Thủy", 2017),
    ("THPT Bùi Hữu Nghĩa", U, "Phường Long Tuyền", "Bình Thủy", "Phường Long Hòa", 2018),
    ("THCS Trần Ngọc Quế", L, "Phường Long Tuyền", "Bình Thủy", "Phường Long Tuyền", 2020),
    ("THCS Lê Bình", L, "Phường Cái Răng", "Cái Răng", "Phường Lê Bình", 2017),
    ("THPT Nguyễn Việt Dũng", U, "Phường Hưng Phú", "Cái Răng", "Phường Hưng Phú", 2019),
    ("THCS Châu Văn Liêm", L, "Phường Ô Môn", "Ô Môn", "Phường Châu Văn Liêm", 2018),
    ("THPT Lưu Hữu Phước", U, "Phường Ô Môn", "Ô Môn", "Phường Châu Văn Liêm", 2016),
    ("THCS Thới Long", L, "Phường Thới Long", "Ô Môn", "Phường Thới Long", 2021),
    ("THCS Thốt Nốt", L, "Phường Thốt Nốt", "Thốt Nốt", "Phường Thốt Nốt", 2017),
    ("THPT Thốt Nốt", U, "Phường Thuận Hưng", "Thốt Nốt", "Phường Thới Thuận", 2019),
    ("THCS Nhơn Ái", L, "Xã Nhơn Ái", "Phong Điền", "Xã Nhơn Ái", 2018),
    ("THPT Phan Văn Trị", U, "Xã Phong Điền", "Phong Điền", "Thị trấn Phong Điền", 2017),
    ("THCS Trung An", L, "Xã Trung Hưng", "Cờ Đỏ", "Xã Trung An", 2020),
    ("THPT Cờ Đỏ", U, "Xã Cờ Đỏ", "Cờ Đỏ", "Thị trấn Cờ Đỏ", 2018),
    ("THCS Thới Lai", L, "Xã Thới Lai", "Thới Lai", "Thị trấn Thới Lai", 2016),
    ("THPT Thới Lai", U, "Xã Thới Lai", "Thới Lai", "Thị trấn Thới Lai", 2019),
    ("THCS Trường Xuân", L, "Xã Trường Xuân", "Thới Lai", "Xã Trường Xuân", 2021),
]
DEMO_PROVINCE_CODE = "92"

FAMILY = (["Nguyễn"] * 30 + ["Trần"] * 10 + ["Lê"] * 9 + ["Phạm"] * 6 + ["Huỳnh"] * 5
          + ["Võ"] * 5 + ["Phan"] * 4 + ["Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương",
                                           "Lý", "Lâm", "Châu", "Tô", "Mai", "Đinh", "Cao"] * 2)
MIDDLE = {
    "female": ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bảo", "Diễm",
               "Thảo", "Phương", "Hồng", "Như", "Yến"],
    "male": ["Văn", "Văn", "Minh", "Quốc", "Hoàng", "Gia", "Thanh", "Tấn", "Hữu", "Đức",
             "Trọng", "Chí", "Phúc", "Nhật", "Anh"],
}
GIVEN = {
    "female": ["Anh", "Ánh", "Bích", "Châu", "Chi", "Diễm", "Duyên", "Giang", "Hà", "Hân",
               "Hạnh", "Hiền", "Hoa", "Hồng", "Hương", "Huyền", "Lan", "Linh", "Loan", "Mai",
               "My", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo",
               "Thư", "Thủy", "Tiên", "Trâm", "Trang", "Trinh", "Tuyết", "Uyên", "Vy", "Yến"],
    "male": ["An", "Bảo", "Bình", "Cường", "Danh", "Đạt", "Duy", "Dũng", "Hải", "Hậu", "Hiếu",
             "Hòa", "Hoàng", "Huy", "Khang", "Khánh", "Khoa", "Kiệt", "Lộc", "Long", "Luân",
             "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Sang", "Tài",
             "Tâm", "Thái", "Thắng", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Vinh"],
}
RELATIONSHIPS = ["Mẹ"] * 6 + ["Bố"] * 3 + ["Bà ngoại", "Ông nội", "Cô", "Anh trai"]
PHONE_PREFIXES = ["090", "091", "093", "094", "097", "098", "070", "076", "077", "032", "033"]
LEADERS = [  # username, display name, kind
    ("gv.ngocloan", "Nguyễn Thị Ngọc Loan", LeaderAssignment.Kind.TEACHER),
    ("ctxh.minhtri", "Lê Minh Trí", LeaderAssignment.Kind.SOCIAL_WORKER),
    ("gv.thanhtam", "Phạm Thanh Tâm", LeaderAssignment.Kind.TEACHER),
    ("gv.kimngan", "Huỳnh Kim Ngân", LeaderAssignment.Kind.TEACHER),
    ("ctxh.quocviet", "Trương Quốc Việt", LeaderAssignment.Kind.SOCIAL_WORKER),
    ("gv.bichtuyen", "Võ Bích Tuyền", LeaderAssignment.Kind.TEACHER),
    ("gv.hoangphuc", "Đặng Hoàng Phúc", LeaderAssignment.Kind.TEACHER),
    ("ctxh.thuha", "Bùi Thu Hà", LeaderAssignment.Kind.SOCIAL_WORKER),
    ("gv.vanhau", "Trần Văn Hậu", LeaderAssignment.Kind.TEACHER),
    ("gv.mydung", "Lý Mỹ Dung", LeaderAssignment.Kind.TEACHER),
    ("gv.tanloc", "Ngô Tấn Lộc", LeaderAssignment.Kind.TEACHER),
]
NOTICE_VERSION = "2024-1"


def ascii_slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


def _name(rng, gender):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def _plan_pupils(rng, club_index, level, today):
    """A roster for one club: 38-48 pupils spread over the school's grades."""
    grades = range(6, 10) if level == L else range(10, 13)
    pupils = []
    for n in range(rng.randint(42, 50)):
        gender = "female" if rng.random() < 0.56 else "male"
        grade = rng.choice(list(grades))
        # Pupils in grade g were mostly born in (school year start) - 5 - g.
        birth_year = today.year - 5 - grade - (1 if rng.random() < 0.12 else 0)
        guardian_gender = rng.choice(["female", "female", "male"])
        pupils.append({
            "member_code": f"CT{club_index + 1:02d}-{n + 1:03d}",
            "full_name": _name(rng, gender),
            "gender": gender,
            "birth_year": birth_year,
            "grade": grade,
            "class_name": f"{grade}A{rng.randint(1, 6)}",
            "guardian_name": _name(rng, guardian_gender),
            "guardian_relationship": rng.choice(RELATIONSHIPS),
            "guardian_phone": rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9999999):07d}",
            "joined_on": today - datetime.timedelta(days=rng.randint(0, 700)),
            "consent": rng.random() < 0.94,  # a few missing, so the roster shows the flag
            "consent_days_before": rng.randint(1, 30),
        })
    return pupils


def build(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    plans = [_plan_pupils(rng, i, school[1], today) for i, school in enumerate(SCHOOLS)]
    # The demo board member and pupil (first two of club 1) have consent, so later demos
    # can check them in; the flag shows on other rows.
    for p in plans[0][:2]:
        p["consent"] = True
    # Each club's first pupil chairs its board: a member, so with consent.
    for roster in plans:
        roster[0]["consent"] = True

    province = province_by_code(DEMO_PROVINCE_CODE)
    if province is None:
        raise RuntimeError("Thành phố Cần Thơ is missing: run manage.py places_load first.")
    communes = {c.name: c for c in communes_for_province(province)}
    clubs = []
    for name, level, commune, district, ward, founded in SCHOOLS:
        school, _ = School.objects.get_or_create(
            name=f"Trường {name}",
            defaults={"level": level, "province": province, "commune": communes.get(commune),
                      "former_district": district, "former_ward": ward},
        )
        club, _ = Club.objects.get_or_create(
            slug=ascii_slug(name),
            defaults={
                "name": f"CLB Thanh thiếu niên Hồng {name}",
                "school": school,
                "founded_on": datetime.date(founded, 9, 5),
                "description": "Câu lạc bộ kỹ năng sống, quyền trẻ em và phòng chống xâm hại, "
                               "sinh hoạt hằng tháng cùng nhân viên công tác xã hội.",
                "meeting_place": "Phòng Đội" if level == L else "Phòng sinh hoạt Đoàn",
            },
        )
        clubs.append(club)

    # Pupils: create only the member codes not yet there.
    existing = set(Pupil.objects.filter(member_code__startswith="CT").values_list(
        "member_code", flat=True))
    new = [
        Pupil(school=club.school, search_name=fold(p["full_name"]),
              **{k: v for k, v in p.items()
                                     if k in ("member_code", "full_name", "gender", "birth_year",
                                              "grade", "class_name", "guardian_name",
                                              "guardian_relationship", "guardian_phone")})
        for club, roster in zip(clubs, plans, strict=True) for p in roster
        if p["member_code"] not in existing
    ]
    Pupil.objects.bulk_create(new, batch_size=500)
    by_code = dict(Pupil.objects.filter(member_code__startswith="CT").values_list(
        "member_code", "pk"))

    valid_card = MemberCard.objects.filter(pupil=OuterRef("pk"), revoked_at__isnull=True)
    without_card = Pupil.objects.filter(pk__in=by_code.values()).exclude(Exists(valid_card))
    MemberCard.objects.bulk_create(
        [MemberCard(pupil_id=pk) for pk in without_card.values_list("pk", flat=True)],
        batch_size=500,
    )

    consented = set(GuardianConsent.objects.filter(pupil_id__in=by_code.values()).values_list(
        "pupil_id", flat=True))
    consents = []
    for roster in plans:
        for p in roster:
            pk = by_code[p["member_code"]]
            if not p["consent"] or pk in consented or today.year - p["birth_year"] >= 16:
                continue
            given = today - datetime.timedelta(days=p["consent_days_before"])
            consents.append(GuardianConsent(
                pupil_id=pk, guardian_name=p["guardian_name"],
                relationship=p["guardian_relationship"], given_on=given,
                method=GuardianConsent.Method.PAPER, notice_version=NOTICE_VERSION,
                child_assent=True, child_assent_on=given,
                photo_consent=p["consent_days_before"] % 3 != 0,
            ))
    GuardianConsent.objects.bulk_create(consents, batch_size=500)

    # Consents first: a pupil under 16 without one joins pending (awaiting consent), as
    # clubs.services.member_add would make them.
    may_take_part = consent_ok_pupil_ids(pupil_ids=by_code.values(), on_date=today)
    in_club = set(Membership.objects.filter(club__in=clubs).values_list("pupil_id", "club_id"))
    Membership.objects.bulk_create([
        Membership(pupil_id=pupil_id, club=club, joined_on=p["joined_on"],
                   **membership_opening(may_take_part=pupil_id in may_take_part,
                                        joined_on=p["joined_on"]))
        for club, roster in zip(clubs, plans, strict=True) for p in roster
        for pupil_id in [by_code[p["member_code"]]]
        if (pupil_id, club.pk) not in in_club
    ], batch_size=500)

    _leaders(ctx, clubs)
    _history_and_notes(ctx, clubs, plans, by_code)  # before boards: alumni hold no seat
    _boards_and_demo_pupils(ctx, clubs, plans, by_code)

    ctx.shared["clubs"] = clubs
    flagged = sum(1 for r in plans for p in r
                  if not p["consent"] and today.year - p["birth_year"] < 16)
    ctx.write(f"Clubs: {len(clubs)}, pupils: {len(by_code)}, "
              f"under 16 awaiting consent: {flagged}")


def _leaders(ctx, clubs):
    password = make_password(DEMO_PASSWORD)  # hashed once: Argon2 is slow by design
    users = [ctx.users["leader"]]
    for username, display_name, _kind in LEADERS:
        user, _ = User.objects.get_or_create(username=username, defaults={
            "role": User.Role.LEADER, "display_name": display_name, "password": password,
            "email": f"{username}@lalanh.example",
        })
        users.append(user)
    kinds = [LeaderAssignment.Kind.TEACHER] + [kind for *_, kind in LEADERS]
    open_ones = set(LeaderAssignment.objects.filter(ends_on__isnull=True).values_list(
        "user_id", "club_id"))
    assignments = []
    for index, club in enumerate(clubs):
        # The demo leader leads the first two clubs; the others lead two clubs each.
        who = index // 2 if index < 2 * len(users) else index % len(users)
        user, kind = users[who], kinds[who]
        if (user.pk, club.pk) not in open_ones:
            assignments.append(LeaderAssignment(user=user, club=club, kind=kind,
                                                starts_on=datetime.date(2023, 8, 15)))
    # A centre social worker co-leads the first club, as in the seeds' model.
    staff = ctx.users.get("staff")
    if staff is not None and (staff.pk, clubs[0].pk) not in open_ones:
        assignments.append(LeaderAssignment(user=staff, club=clubs[0],
                                            kind=LeaderAssignment.Kind.SOCIAL_WORKER,
                                            starts_on=datetime.date(2023, 8, 15)))
    LeaderAssignment.objects.bulk_create(assignments)


def _boards_and_demo_pupils(ctx, clubs, plans, by_code):
    start = datetime.date(2024, 8, 26)
    # The demo board user chairs the leader's first club; the demo pupil is a member there.
    for username, code in (("board", "CT01-001"), ("pupil", "CT01-002")):
        user = ctx.users.get(username)
        if user is None:
            continue
        pupil = Pupil.objects.get(member_code=code)
        if pupil.user_id != user.pk:
            pupil.user = user
            pupil.full_name = user.display_name or pupil.full_name
            pupil.search_name = fold(pupil.full_name)
            pupil.save(update_fields=["user", "full_name", "search_name", "updated_at"])
    seated = set(BoardRole.objects.filter(membership__club__in=clubs).values_list(
        "membership__club_id", flat=True))
    memberships = {
        (m.pupil_id, m.club_id): m
        for m in Membership.objects.filter(club__in=clubs, status=Membership.Status.ACTIVE)
    }
    roles = [BoardRole.Role.CHAIR, BoardRole.Role.VICE_CHAIR, BoardRole.Role.SECRETARY,
             BoardRole.Role.MEMBER, BoardRole.Role.MEMBER]
    seats = []
    for club, roster in zip(clubs, plans, strict=True):
        if club.pk in seated:
            continue
        # The first pupil chairs (in club 1 that is the demo board user); the rest of the
        # board comes from the oldest grade.
        eldest = sorted(roster[1:], key=lambda p: (-p["grade"], p["member_code"]))[:4]
        for role, p in zip(roles, [roster[0], *eldest], strict=False):
            m = memberships.get((by_code[p["member_code"]], club.pk))
            if m is not None:
                seats.append(BoardRole(membership=m, role=role, starts_on=start))
    BoardRole.objects.bulk_create(seats)


def _history_and_notes(ctx, clubs, plans, by_code):
    """A few former members (graduated, moved) and support notes, so history shows."""
    if Membership.objects.filter(club__in=clubs).exclude(
        status__in=Membership.OPEN_STATUSES
    ).exists():
        return
    left_on = datetime.date(2024, 6, 1)
    for club, roster in zip(clubs[:6], plans[:6], strict=True):
        p = next(p for p in reversed(roster[3:]) if p["joined_on"] < left_on)
        Membership.objects.filter(pupil_id=by_code[p["member_code"]], club=club).update(
            status=Membership.Status.ALUMNI, left_on=left_on,
            leave_reason="Tốt nghiệp, chuyển lên cấp trên",
        )
    staff = ctx.users.get("staff")
    notes = [
        ("CT01-005", SupportNote.Kind.SUPPORT, "Nhận học bổng 2 triệu đồng và bộ dụng cụ học tập."),
        ("CT01-009", SupportNote.Kind.FAMILY, "Cha mẹ đi làm xa, em sống với bà ngoại."),
        ("CT04-003", SupportNote.Kind.SUPPORT, "Hỗ trợ gạo và nhu yếu phẩm mùa dịch."),
    ]
    SupportNote.objects.bulk_create([
        SupportNote(pupil_id=by_code[code], kind=kind, text=text, author=staff)
        for code, kind, text in notes if code in by_code
    ])
