"""The shipped unit lists and the loader (places_load): official names, history, the
official file format, and bad files refused whole with a clear message."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from places.models import Commune, Province
from places.selectors import (
    communes_for_province,
    province_by_code,
    provinces_current,
    unit_current,
    unit_with_predecessors_ids,
)
from places.services import UnitFileError, units_load

pytestmark = pytest.mark.django_db

# Resolution 202/2025/QH15: the 34 provinces and centrally-run cities.
CURRENT = {
    "01": "Thành phố Hà Nội", "04": "Tỉnh Cao Bằng", "08": "Tỉnh Tuyên Quang",
    "11": "Tỉnh Điện Biên", "12": "Tỉnh Lai Châu", "14": "Tỉnh Sơn La", "15": "Tỉnh Lào Cai",
    "19": "Tỉnh Thái Nguyên", "20": "Tỉnh Lạng Sơn", "22": "Tỉnh Quảng Ninh",
    "24": "Tỉnh Bắc Ninh", "25": "Tỉnh Phú Thọ", "31": "Thành phố Hải Phòng",
    "33": "Tỉnh Hưng Yên", "37": "Tỉnh Ninh Bình", "38": "Tỉnh Thanh Hóa", "40": "Tỉnh Nghệ An",
    "42": "Tỉnh Hà Tĩnh", "44": "Tỉnh Quảng Trị", "46": "Thành phố Huế",
    "48": "Thành phố Đà Nẵng", "51": "Tỉnh Quảng Ngãi", "52": "Tỉnh Gia Lai",
    "56": "Tỉnh Khánh Hòa", "66": "Tỉnh Đắk Lắk", "68": "Tỉnh Lâm Đồng", "75": "Tỉnh Đồng Nai",
    "79": "Thành phố Hồ Chí Minh", "80": "Tỉnh Tây Ninh", "82": "Tỉnh Đồng Tháp",
    "86": "Tỉnh Vĩnh Long", "91": "Tỉnh An Giang", "92": "Thành phố Cần Thơ", "96": "Tỉnh Cà Mau",
}


def test_the_34_provinces_of_today_and_the_63_before_the_reform():
    assert {p.code: p.name for p in provinces_current()} == CURRENT
    before = Province.objects.current(datetime.date(2025, 6, 30))
    assert before.count() == 63
    # Thừa Thiên Huế became Thành phố Huế on 1 January 2025, before the reform.
    assert before.filter(name="Thành phố Huế").exists()
    assert not before.filter(name="Tỉnh Thừa Thiên Huế").exists()
    can_tho = province_by_code("92")
    assert {p.short_name for p in can_tho.predecessors.all()} == {"Cần Thơ", "Hậu Giang",
                                                                    "Sóc Trăng"}
    binh_duong = Province.objects.get(short_name="Bình Dương")
    assert binh_duong.valid_until == datetime.date(2025, 6, 30)
    assert unit_current(binh_duong) == province_by_code("79")
    assert binh_duong.pk in unit_with_predecessors_ids(province_by_code("79"))


def test_can_tho_wards_and_communes_after_the_reform():
    units = communes_for_province(province_by_code("92"))
    assert units.filter(kind=Commune.Kind.WARD).count() == 31
    assert units.filter(name="Phường Ninh Kiều").exists()
    assert units.filter(name="Xã Thạnh An", kind=Commune.Kind.COMMUNE).exists()
    assert not Commune.objects.current(datetime.date(2025, 6, 30)).exists()


def test_loading_the_shipped_lists_again_changes_nothing(capsys):
    call_command("places_load")
    out = capsys.readouterr().out
    assert "0 created, 0 updated, 87 unchanged" in out
    assert "0 created, 0 updated, 47 unchanged" in out


def test_the_official_export_format_fills_in_codes_without_duplicating(tmp_path):
    official = tmp_path / "can_tho.csv"
    official.write_text(
        "Tên,Mã,Cấp,Tỉnh / Thành Phố,Mã TP\n"
        "Phường Ninh Kiều,31117,Phường,Thành phố Cần Thơ,92\n"
        "Xã Thạnh An,31500,Xã,Thành phố Cần Thơ,92\n"
        "Xã Mới Thêm,31999,Xã,Thành phố Cần Thơ,92\n", encoding="utf-8-sig")
    before = Commune.objects.count()
    call_command("places_load", str(official))
    assert Commune.objects.count() == before + 1
    ninh_kieu = Commune.objects.get(name="Phường Ninh Kiều")
    assert ninh_kieu.code == "31117" and ninh_kieu.valid_from == datetime.date(2025, 7, 1)
    assert Commune.objects.get(code="31999").kind == Commune.Kind.COMMUNE


def _refused(data: bytes) -> UnitFileError:
    provinces, communes = Province.objects.count(), Commune.objects.count()
    with pytest.raises(UnitFileError) as caught:
        units_load(data)
    assert (Province.objects.count(), Commune.objects.count()) == (provinces, communes)
    return caught.value


def test_a_missing_parent_refuses_the_whole_file():
    error = _refused("province_code,code,name,kind\n92,1,Phường Một,ward\n"
                     "99,2,Phường Hai,ward\n".encode())
    assert error.code == "parent_missing"
    assert [line for line, _message in error.errors] == [3]
    assert "No province with code 99" in str(error.errors[0][1])


def test_duplicate_codes_and_names_are_named_by_line():
    error = _refused("province_code,code,name,kind\n92,7,Phường Bảy,ward\n"
                     "92,7,Phường Tám,ward\n92,9,Phường Bảy,ward\n".encode())
    assert error.code == "rows"
    messages = dict(error.errors)
    assert "code 7 is already on line 2" in str(messages[3])
    assert "already on line 2" in str(messages[4])


def test_a_file_not_in_utf8_is_refused():
    error = _refused("name,code\nTỉnh Thử,99\n".encode("utf-16-le"))
    assert error.code == "encoding"
    assert "UTF-8" in str(error.message)


def test_an_unknown_successor_undoes_the_rows_already_written():
    error = _refused("code,name,kind,valid_from,valid_until,successor_code\n"
                     "98,Tỉnh Mới,province,,,\n"
                     "97,Tỉnh Cũ,province,,2025-06-30,55\n".encode())
    assert error.code == "successor_missing"
    assert not Province.objects.filter(code="98").exists()


def test_the_command_prints_every_problem_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("province_code,name,kind\n92,Phường A,ward\n92,,ward\n92,Phường B,huyện\n")
    with pytest.raises(CommandError) as caught:
        call_command("places_load", str(bad))
    text = str(caught.value)
    assert "line 3: The name is missing." in text
    assert "line 4:" in text and "huyện" in text
    assert not Commune.objects.filter(name="Phường A").exists()
