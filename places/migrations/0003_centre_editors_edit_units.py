"""Centre editors (the cms group of centre staff) correct units and schools in the admin.
Permissions are fetched with get_or_create, as in cms 0002: on a fresh database Django
creates model permissions only after all migrations have run."""

from django.db import migrations

CENTRE_EDITORS = "Centre editors"
RIGHTS = {
    ("places", "province"): ("view", "add", "change", "delete"),
    ("places", "commune"): ("view", "add", "change", "delete"),
    ("clubs", "school"): ("view", "add", "change"),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=CENTRE_EDITORS)
    for (app_label, model), actions in RIGHTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"})
            editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=CENTRE_EDITORS).first()
    if editors is None:
        return
    for (app_label, model), actions in RIGHTS.items():
        editors.permissions.remove(*Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions]))


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0002_load_shipped_units"),
        ("clubs", "0007_school_drop_district"),
        ("cms", "0002_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
