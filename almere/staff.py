"""Staff accounts: the Editors and Publishers groups, and the demo accounts."""

import secrets
from pathlib import Path

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

EDITORS_GROUP = "Editors"
PUBLISHERS_GROUP = "Publishers"
# Apps whose content communications staff edit; apps not yet installed match nothing.
CONTENT_APP_LABELS = ("cityprofile", "pressroom", "partnerships")
# What readers see changes with these, so only publishers hold them.
PUBLISHER_ONLY = {
    ("pressroom", "publish_pressrelease"),
    ("pressroom", "delete_pressrelease"),
    ("partnerships", "publish_partnership"),
    ("partnerships", "delete_partnership"),
}
DEMO_ACCOUNTS = {"editor": EDITORS_GROUP, "publisher": PUBLISHERS_GROUP}


def sync_staff_groups(*, apps=global_apps, using: str = "default") -> None:
    """Create the two staff groups and give them their permissions.

    The groups are defined here, in code: a data migration creates them and every
    later ``migrate`` brings their permissions up to date with new models.
    """
    for app_config in apps.get_app_configs():
        if app_config.label in CONTENT_APP_LABELS:
            # Permissions are otherwise made only after all migrations have run.
            models_module = getattr(app_config, "models_module", None)
            app_config.models_module = models_module or True
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
            app_config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content = permission_model.objects.using(using).filter(
        content_type__app_label__in=CONTENT_APP_LABELS
    )
    publisher_only = [
        permission.pk
        for permission in content.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in PUBLISHER_ONLY
    ]
    editors, _ = group_model.objects.using(using).get_or_create(name=EDITORS_GROUP)
    editors.permissions.set(content.exclude(pk__in=publisher_only))
    publishers, _ = group_model.objects.using(using).get_or_create(
        name=PUBLISHERS_GROUP
    )
    publishers.permissions.set(content)


@transaction.atomic
def ensure_demo_accounts(
    *, password_file: Path
) -> list[tuple[AbstractUser, str | None]]:
    """Make sure the demo editor and publisher exist; return each with its password.

    The password is random, made once, and kept in ``password_file`` (outside the
    repository) so that later runs can show it again. An account whose password
    was changed since is returned with None.
    """
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    user_model = get_user_model()
    accounts = []
    for username, group_name in DEMO_ACCOUNTS.items():
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username, password=password, is_staff=True
            )
        user.groups.set([Group.objects.get(name=group_name)])
        accounts.append((user, password if user.check_password(password) else None))
    return accounts
