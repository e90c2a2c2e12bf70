import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from almere.staff import EDITORS_GROUP, PUBLISHERS_GROUP
from cityprofile.models import CityProfile, DataPoint, KeyFigure, Official

CONTENT_APPS = ["cityprofile", "pressroom", "partnerships"]


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", *CONTENT_APPS, stdout=out, indent=1)
    return out.getvalue()


@pytest.mark.django_db
def test_loading_the_demo_content_twice_gives_the_same_database():
    call_command("load_demo_content", stdout=io.StringIO())
    first = dump()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert dump() == first
    assert "already up to date" in out.getvalue()


@pytest.mark.django_db
def test_demo_content_is_the_citys_own():
    call_command("load_demo_content", stdout=io.StringIO())
    profile = CityProfile.objects.get()
    assert "197,000 residents and 16,500 businesses" in profile.introduction
    figures = {f.label: f.display_value for f in KeyFigure.objects.all()}
    assert figures["Residents"] == "197,000"
    assert figures["Businesses"] == "16,500"
    assert figures["Founded"] == "1976"
    assert figures["Largest city in the Netherlands, by residents"] == "7th"
    assert list(
        DataPoint.objects.filter(indicator__slug="residents").values_list(
            "value", flat=True
        )
    ) == [181092, 197000, 201454, 207094, 215995]
    assert set(Official.objects.values_list("name", flat=True)) == {
        "Jorritsma",
        "Mark Pol",
        "Henk Mulder",
        "Klein",
    }


@pytest.mark.django_db
def test_demo_press_releases_are_the_seeds_two(client):
    from pressroom.models import PressRelease

    call_command("load_demo_content", stdout=io.StringIO())
    releases = PressRelease.objects.published()
    assert [(r.title, r.published_on.isoformat()[:7], r.place) for r in releases] == [
        (
            "Almere opens doors in Shenzhen for local entrepreneurs",
            "2014-11",
            "Shenzhen",
        ),
        ("Almere and Toronto sign an intention agreement", "2014-04", ""),
    ]
    shenzhen, toronto = releases
    assert [o.name for o in shenzhen.officials_quoted.all()] == ["Mark Pol"]
    assert [o.name for o in toronto.officials_quoted.all()] == ["Henk Mulder"]
    page = client.get(shenzhen.get_absolute_url()).content.decode()
    assert '<time datetime="2014-11">November 2014</time> · Shenzhen' in page
    assert "<h2>Electric transport</h2>" in page
    assert (
        "Ryerson University" in client.get(toronto.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_demo_content_repairs_an_edited_figure():
    call_command("load_demo_content", stdout=io.StringIO())
    KeyFigure.objects.filter(label="Residents").update(value=1)
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "key figures updated: 1" in out.getvalue()
    assert KeyFigure.objects.get(label="Residents").display_value == "197,000"


@pytest.mark.django_db
def test_dry_run_changes_nothing():
    out = io.StringIO()
    call_command("load_demo_content", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert not CityProfile.objects.exists()


@pytest.mark.django_db
def test_demo_staff_account_is_made_once_with_a_random_password(
    settings, tmp_path, client
):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    out = io.StringIO()
    call_command("ensure_demo_staff", stdout=out)
    password = (tmp_path / ".demo-login").read_text().strip()
    assert len(password) >= 16
    assert f"username editor, password {password}" in out.getvalue()
    assert f"username publisher, password {password}" in out.getvalue()
    assert "/admin/" in out.getvalue()

    again = io.StringIO()
    call_command("ensure_demo_staff", stdout=again)
    assert f"password {password}" in again.getvalue()

    logged_in = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": password}
    )
    assert logged_in.status_code == 302
    response = client.get("/admin/cityprofile/keyfigure/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_demo_editor_cannot_publish_and_demo_publisher_can(
    settings, tmp_path, django_user_model
):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    call_command("ensure_demo_staff", stdout=io.StringIO())
    editor = django_user_model.objects.get(username="editor")
    publisher = django_user_model.objects.get(username="publisher")
    for user in (editor, publisher):
        assert user.is_staff and not user.is_superuser
        assert user.has_perm("cityprofile.change_keyfigure")
        assert user.has_perm("pressroom.change_pressrelease")
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert list(publisher.groups.values_list("name", flat=True)) == [PUBLISHERS_GROUP]
    assert not editor.has_perm("pressroom.publish_pressrelease")
    assert publisher.has_perm("pressroom.publish_pressrelease")


@pytest.mark.django_db
def test_demo_password_changed_by_its_owner_is_not_shown(settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    call_command("ensure_demo_staff", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="editor")
    user.set_password("a-new-password-of-my-own")
    user.save()
    out = io.StringIO()
    call_command("ensure_demo_staff", stdout=out)
    assert "changepassword editor" in out.getvalue()
    assert "a-new-password-of-my-own" not in out.getvalue()


@pytest.mark.django_db
def test_demo_staff_account_is_refused_outside_development_mode():
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("ensure_demo_staff", stdout=io.StringIO())
