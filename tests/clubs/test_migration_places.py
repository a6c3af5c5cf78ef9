"""clubs 0005-0007: districts onto today's units and back, without losing a school."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clubs", "0004_membership_activated_on"), ("places", "0002_load_shipped_units")]
AFTER = [("clubs", "0007_school_drop_district")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest():
    """Back to every app's latest migration: going back to clubs 0004 also unapplied what
    came after it in other apps and in clubs (e.g. 0005_pupil_sort_key), which later
    tests need."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_districts_move_onto_units_and_back():
    old = _migrate(BEFORE)
    School = old.get_model("clubs", "School")
    School.objects.create(name="THCS An Hòa 2", level="lower_secondary",
                          district="ninh_kieu", ward="Phường Cái Khế")
    School.objects.create(name="THPT Cờ Đỏ", level="upper_secondary", district="co_do",
                          ward="Thị trấn Cờ Đỏ")
    School.objects.create(name="THCS Lê Bình", level="lower_secondary", district="cai_rang",
                          ward="Phường Lê Bình")
    School.objects.create(name="Trường khác", level="lower_secondary", district="other")
    try:
        new = _migrate(AFTER)
        schools = {s.name: s for s in new.get_model("clubs", "School").objects
                   .select_related("province", "commune")}
        assert len(schools) == 4
        assert {s.province.name for s in schools.values()} == {"Thành phố Cần Thơ"}
        assert {s.province.valid_until for s in schools.values()} == {None}
        an_hoa = schools["THCS An Hòa 2"]
        assert (an_hoa.commune.name, an_hoa.former_district, an_hoa.former_ward) == (
            "Phường Cái Khế", "Ninh Kiều", "Phường Cái Khế")
        # A township became the commune of its name.
        assert schools["THPT Cờ Đỏ"].commune.name == "Xã Cờ Đỏ"
        # No unit of that name today: the old ward stays a label, the ward is left to staff.
        le_binh = schools["THCS Lê Bình"]
        assert le_binh.commune is None and le_binh.former_ward == "Phường Lê Bình"
        assert schools["Trường khác"].former_district == ""

        back = _migrate(BEFORE)
        restored = {s.name: (s.district, s.ward)
                    for s in back.get_model("clubs", "School").objects.all()}
        assert restored == {
            "THCS An Hòa 2": ("ninh_kieu", "Phường Cái Khế"),
            "THPT Cờ Đỏ": ("co_do", "Thị trấn Cờ Đỏ"),
            "THCS Lê Bình": ("cai_rang", "Phường Lê Bình"),
            "Trường khác": ("other", ""),
        }
    finally:
        _migrate_to_latest()
