import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from almere.staff import EDITORS_GROUP, PUBLISHERS_GROUP


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_migrations_make_editors_and_publishers():
    editors, publishers = codenames(EDITORS_GROUP), codenames(PUBLISHERS_GROUP)
    assert {"add_pressrelease", "change_pressrelease", "change_keyfigure"} <= editors
    publisher_only = {
        "publish_pressrelease",
        "delete_pressrelease",
        "publish_partnership",
        "delete_partnership",
    }
    assert not publisher_only & editors
    assert publishers == editors | publisher_only
    assert not any("user" in codename for codename in publishers)


@pytest.mark.django_db(transaction=True)
def test_groups_come_back_after_the_database_is_flushed():
    call_command("flush", interactive=False, stdout=io.StringIO())
    assert "publish_pressrelease" in codenames(PUBLISHERS_GROUP)
    assert "add_pressrelease" in codenames(EDITORS_GROUP)
