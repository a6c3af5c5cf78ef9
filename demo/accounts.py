"""Demo sign-in accounts, one per role. Printed by load_demo; never created in production."""

from accounts.models import User
from demo.context import DemoContext

DEMO_PASSWORD = "lalanh-demo-2026"  # noqa: S105 - demo data only, refused when DEBUG is off

DEMO_USERS = [
    # username, role, display name, is_staff
    ("staff", User.Role.CENTRE_STAFF, "Hồ Thanh Hải", True),
    ("leader", User.Role.LEADER, "Trần Thị Mỹ Duyên", False),
    ("board", User.Role.PUPIL, "Nguyễn Thị Thúy Hoa", False),
    ("pupil", User.Role.PUPIL, "Lê Minh Khang", False),
    ("volunteer", User.Role.FACILITATOR, "Phạm Quốc Bảo", False),
]


def build(ctx: DemoContext) -> None:
    for username, role, display_name, is_staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "display_name": display_name,
                "is_staff": is_staff,
                "email": f"{username}@lalanh.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        ctx.users[username] = user
    ctx.write(f"Demo accounts: {len(DEMO_USERS)}")
