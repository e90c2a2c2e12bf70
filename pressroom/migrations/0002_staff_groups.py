from django.db import migrations

from almere.staff import sync_staff_groups


def create_groups(apps, schema_editor):
    sync_staff_groups(apps=apps, using=schema_editor.connection.alias)
    # The single group that demo tooling made before publishing needed a right of
    # its own held every permission, so its members could publish: it goes.
    apps.get_model("auth", "Group").objects.using(
        schema_editor.connection.alias
    ).filter(name="Communications staff").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cityprofile", "0001_initial"),
        ("pressroom", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
