"""Move each school's district (the nine districts of Cần Thơ before 1 July 2025) onto
today's units: the province becomes today's Thành phố Cần Thơ (code 92, which took in
the whole former city), the district's name is kept as a historical label, and the ward
text becomes a link to today's ward or commune when one carries the same name (a unit
that kept its name took in the old one; a township became the commune of its name).
Schools whose ward cannot be matched keep the text as a label; staff set the ward in the
admin (filter "ward or commune: empty"). Reversible: the district code comes back from
the label, the ward text from the label or the linked unit's name.
"""

from django.db import migrations

# The District choices as they were in clubs.models before this migration.
DISTRICTS = {
    "ninh_kieu": "Ninh Kiều", "binh_thuy": "Bình Thủy", "cai_rang": "Cái Răng",
    "o_mon": "Ô Môn", "thot_not": "Thốt Nốt", "phong_dien": "Phong Điền",
    "co_do": "Cờ Đỏ", "vinh_thanh": "Vĩnh Thạnh", "thoi_lai": "Thới Lai", "other": "",
}
CAN_THO = "92"
TOWNSHIP = "Thị trấn "


def _commune_for(ward: str, communes: dict):
    ward = " ".join(ward.split())
    if not ward:
        return None
    found = communes.get(ward.casefold())
    if found is None and ward.startswith(TOWNSHIP):
        found = communes.get(("Xã " + ward[len(TOWNSHIP):]).casefold())
    return found


def forwards(apps, schema_editor):
    School = apps.get_model("clubs", "School")
    Province = apps.get_model("places", "Province")
    Commune = apps.get_model("places", "Commune")
    schools = list(School.objects.filter(province__isnull=True))
    if not schools:
        return
    province = Province.objects.filter(code=CAN_THO, valid_until__isnull=True).first()
    if province is None:
        raise RuntimeError("Thành phố Cần Thơ (code 92) is missing: run places 0002 first.")
    communes = {c.name.casefold(): c for c in
                Commune.objects.filter(province=province, valid_until__isnull=True)}
    for school in schools:
        school.province = province
        school.former_district = DISTRICTS.get(school.district, school.district)
        school.commune = _commune_for(school.former_ward, communes)
        school.save(update_fields=["province", "former_district", "commune"])


def backwards(apps, schema_editor):
    School = apps.get_model("clubs", "School")
    codes = {label: code for code, label in DISTRICTS.items()}
    for school in School.objects.select_related("commune"):
        school.district = codes.get(school.former_district, "other")
        if not school.former_ward and school.commune_id:
            school.former_ward = school.commune.name
        school.province = None
        school.commune = None
        school.save(update_fields=["district", "former_ward", "province", "commune"])


class Migration(migrations.Migration):
    dependencies = [("clubs", "0005_school_province_commune")]

    operations = [migrations.RunPython(forwards, backwards)]
