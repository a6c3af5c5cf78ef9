"""Centre staff edit and approve; contributors draft and submit for moderation.

Permissions are fetched with get_or_create (as Wagtail's own data migrations do): on a
fresh database Django creates model permissions only after all migrations have run."""

from django.db import migrations

CENTRE_EDITORS = "Centre editors"
CONTRIBUTORS = "Material contributors"
WORKFLOW = "Centre review"
TASK = "Approval by centre editors"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_editorial_setup(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def perm(app_label, model, codename):
        return _permission(apps, app_label, model, codename, codename.replace("_", " "))

    access_admin = perm("wagtailadmin", "admin", "access_admin")
    editors, _ = Group.objects.get_or_create(name=CENTRE_EDITORS)
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    editors.permissions.add(
        access_admin,
        perm("simple_translation", "simpletranslation", "submit_translation"),
        perm("cms", "centrecontactsettings", "change_centrecontactsettings"),
    )
    contributors.permissions.add(access_admin)

    root = Page.objects.filter(depth=1).order_by("path").first()
    collection = Collection.objects.filter(depth=1).order_by("path").first()
    page_rights = {
        editors: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        contributors: ["add_page", "change_page"],
    }
    media_rights = {
        editors: [
            ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
            ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ],
        contributors: [
            ("wagtaildocs", "document", ["add_document", "choose_document"]),
            ("wagtailimages", "image", ["add_image", "choose_image"]),
        ],
    }
    for group, codenames in page_rights.items():
        for codename in codenames:
            if root is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=perm("wagtailcore", "page", codename)
                )
    for group, rights in media_rights.items():
        for app_label, model, codenames in rights:
            for codename in codenames:
                if collection is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=collection,
                        permission=perm(app_label, model, codename),
                    )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        # One workflow per page tree: ours replaces Wagtail's default "Moderators approval".
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_editorial_setup, migrations.RunPython.noop)]
