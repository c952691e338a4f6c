"""Creates the Publishers group: everything Editors may do, plus publishing and share links.

Editors keep their content permissions from 0002 and never get ``publish_article``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHERS = "Publishers"
EDITORS = "Editors"
PUBLISHER_ONLY = ["publish_article", "add_sharelink", "change_sharelink", "delete_sharelink", "view_sharelink"]


def create_publishers_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the group can hold them.
    articles_config = apps.get_app_config("articles")
    articles_config.models_module = True
    create_permissions(articles_config, apps=apps, verbosity=0)
    articles_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.add(*editors.permissions.all())
    publishers.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=PUBLISHER_ONLY)
    )


def remove_publishers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PUBLISHERS).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_workflow_states")]

    operations = [migrations.RunPython(create_publishers_group, remove_publishers_group)]
