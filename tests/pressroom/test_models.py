import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from pressroom.models import PressContact, PressRelease, PreviousAddress

from .factories import at, draft, image_file, release

pytestmark = pytest.mark.django_db


def test_published_holds_only_releases_whose_time_has_come():
    public = release()
    release(published_at=timezone.now() + datetime.timedelta(hours=1))  # scheduled
    draft()
    release(status=PressRelease.Status.WITHDRAWN, withdrawal_reason="Wrong figures.")
    assert list(PressRelease.objects.published()) == [public]


def test_scheduled_release_becomes_public_exactly_at_its_time():
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        scheduled = release(published_at=at(2026, 3, 2, 10))
        assert scheduled.state == "scheduled"
        assert not PressRelease.objects.published().exists()
    with time_machine.travel(at(2026, 3, 2, 10), tick=False):
        assert list(PressRelease.objects.published()) == [scheduled]
        assert scheduled.state == "published"


def test_publishing_without_a_time_sets_it_to_now():
    with time_machine.travel(at(2026, 5, 1, 8), tick=False):
        item = draft()
        item.publish()
    item.refresh_from_db()
    assert item.status == "published"
    assert item.published_at == at(2026, 5, 1, 8)


def test_publish_now_brings_a_scheduled_release_forward_but_keeps_a_past_time():
    past = at(2014, 4, 1)
    archived = draft(published_at=past)
    archived.publish()
    assert archived.published_at == past
    scheduled = release(published_at=timezone.now() + datetime.timedelta(days=3))
    scheduled.publish()
    assert scheduled.published_at <= timezone.now()
    assert scheduled.is_public


def test_a_release_cannot_be_published_without_a_time_in_the_database():
    with pytest.raises(IntegrityError):
        PressRelease.objects.filter(pk=draft().pk).update(status="published")


def test_withdrawal_needs_a_public_reason():
    item = release()
    item.status = PressRelease.Status.WITHDRAWN
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "withdrawal_reason" in error.value.message_dict


def test_withdrawn_release_stays_at_its_address_but_leaves_lists():
    item = release()
    item.status = PressRelease.Status.WITHDRAWN
    item.withdrawal_reason = "Superseded by a later release."
    item.save()
    assert item.withdrawn_at is not None
    assert item not in PressRelease.objects.published()
    assert item in PressRelease.objects.at_their_address()


def test_an_image_needs_alt_text():
    item = PressRelease(
        title="Visit", slug="visit", lead="A visit.", body="<p>A visit.</p>"
    )
    item.image = image_file()
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "image_alt" in error.value.message_dict


def test_changing_a_public_slug_keeps_the_old_address():
    item = release(slug="old-name", published_at=at(2014, 11, 3))
    item = PressRelease.objects.get(pk=item.pk)
    item.slug = "new-name"
    item.save()
    assert PreviousAddress.objects.filter(
        release=item, year=2014, month=11, slug="old-name"
    ).exists()


def test_changing_a_public_date_keeps_the_old_address():
    item = release(slug="visit", published_at=at(2014, 11, 3))
    item = PressRelease.objects.get(pk=item.pk)
    item.published_at = at(2014, 10, 30)
    item.save()
    assert PreviousAddress.objects.filter(year=2014, month=11, slug="visit").exists()


def test_changing_a_draft_leaves_no_old_address():
    item = PressRelease.objects.get(pk=draft(slug="first-try").pk)
    item.slug = "second-try"
    item.save()
    assert not PreviousAddress.objects.exists()


def test_moving_back_to_an_old_address_forgets_it():
    item = release(slug="a", published_at=at(2014, 11, 3))
    item = PressRelease.objects.get(pk=item.pk)
    item.slug = "b"
    item.save()
    item.slug = "a"
    item.save()
    assert list(PreviousAddress.objects.values_list("slug", flat=True)) == ["b"]


def test_only_one_press_contact_is_the_default():
    PressContact.objects.create(
        name="Press office", email="pers@almere.nl", is_default=True
    )
    with pytest.raises(IntegrityError):
        PressContact.objects.create(name="Other", email="o@almere.nl", is_default=True)


def test_a_press_contact_can_be_reached():
    with pytest.raises(IntegrityError):
        PressContact.objects.create(name="Nobody")


def test_body_is_sanitised_when_saved():
    item = release(body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    item.refresh_from_db()
    assert item.body == "<p>Hi</p>"


def test_hero_size_follows_the_resized_image():
    item = release(image_width=2400, image_height=1600)
    assert item.hero_widths() == (800, 533, 1600)
    small = release(image_width=600, image_height=400)
    assert small.hero_widths() == (600, 400, 600)


def test_neighbours_of_releases_published_at_the_same_time_follow_their_order():
    same = at(2014, 11, 14)
    first, second, third = (release(published_at=same) for _ in range(3))
    assert second.neighbours() == (first, third)
    assert first.neighbours() == (None, second)
    assert third.neighbours() == (second, None)


def test_neighbours_and_related_skip_what_is_not_public():
    from .factories import topic

    economy = topic()
    item = release(published_at=at(2014, 6, 1), topics=[economy])
    draft(published_at=at(2014, 5, 1), topics=[economy])
    release(published_at=timezone.now() + datetime.timedelta(days=1), topics=[economy])
    assert item.neighbours() == (None, None)
    assert item.related() == []


def test_related_are_the_newest_sharing_a_topic_each_once():
    from .factories import topic

    economy, culture, sport = topic("Economy"), topic("Culture"), topic("Sport")
    item = release(published_at=at(2014, 6, 1), topics=[economy, culture])
    both = release(published_at=at(2014, 5, 1), topics=[economy, culture])
    older = release(published_at=at(2014, 4, 1), topics=[culture])
    release(published_at=at(2014, 5, 15), topics=[sport])
    newest = release(published_at=at(2014, 7, 1), topics=[economy])
    oldest = release(published_at=at(2014, 3, 1), topics=[economy])

    assert item.related() == [newest, both, older]
    assert item.related(count=10) == [newest, both, older, oldest]
