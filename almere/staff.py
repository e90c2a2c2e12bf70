"""Staff accounts: the communications staff's group and the demo editor."""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction

EDITORS_GROUP = "Communications staff"
# Apps whose content communications staff edit; apps not yet installed match nothing.
CONTENT_APP_LABELS = ("cityprofile", "pressroom", "partnerships")
DEMO_USERNAME = "editor"


def ensure_editors_group() -> Group:
    """The group with every permission on the site's content, kept up to date."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=CONTENT_APP_LABELS)
    )
    return group


@transaction.atomic
def ensure_demo_editor(*, password_file: Path) -> tuple[AbstractUser, str | None]:
    """Make sure the demo editor exists, and return it with its password if known.

    The password is random, made when the account is made, and kept in
    ``password_file`` (outside the repository) so that later runs can show it
    again. If the account's password was changed since, it is not known (None).
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_user(
            DEMO_USERNAME, password=password, is_staff=True
        )
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    else:
        password = password_file.read_text().strip() if password_file.exists() else None
        if password is not None and not user.check_password(password):
            password = None
    user.groups.add(ensure_editors_group())
    return user, password
