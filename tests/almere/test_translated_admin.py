"""Editors write each text in English and Dutch, in language tabs of the admin."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cityprofile.models import ProfilePage
from partnerships.models import Partnership
from pressroom.models import PressRelease
from tests.admin_forms import form_data
from tests.cityprofile import factories as city_factories
from tests.partnerships import factories as partner_factories
from tests.pressroom import factories as press

pytestmark = pytest.mark.django_db


def change_url(item) -> str:
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def form_id(item) -> str:
    return f"{item._meta.model_name}_form"


def save_form(client, item, **changes):
    """Post the change form as a browser would, with the changes typed in."""
    page = client.get(change_url(item))
    assert page.status_code == 200
    data = form_data(page.text, form_id(item))
    missing = set(changes) - set(data)
    assert not missing, f"not in the form: {missing}"
    return client.post(change_url(item), {**data, **changes})


def make_items() -> list:
    release = press.release()
    return [
        release,
        city_factories.profile_page(),
        partner_factories.partnership(),
        press.topic("Culture"),
        partner_factories.theme("Trade"),
        city_factories.key_figure(),
    ]


def test_every_translated_field_has_an_input_per_language_in_tabs(admin_client):
    for item in make_items():
        html = admin_client.get(change_url(item)).text
        for field in ("title", "name", "summary", "label"):
            if f'name="{field}_en"' in html:
                assert f'name="{field}_nl"' in html, (item, field)
                assert f'name="{field}"' not in html, (item, field)
        assert re.search(r'name="\w+_nl"', html), item
        # The tabs come from the site's own files; nothing from a CDN, which the
        # admin's Content-Security-Policy would refuse.
        assert "/static/almere/admin/language_tabs.js" in html
        assert "/static/almere/admin/language_tabs.css" in html
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
        assert all(src.startswith("/") and not src.startswith("//") for src in scripts)
        assert "jquery-ui" not in html


def test_english_is_required_and_dutch_is_optional(admin_client):
    release = press.draft()

    response = save_form(admin_client, release, title_en="", title_nl="Molens")

    assert response.status_code == 200
    assert "title_en" in response.context["adminform"].form.errors
    assert "title_nl" not in response.context["adminform"].form.errors


def test_saving_the_dutch_fields_through_the_admin_form(publisher_client):
    release = press.release(title="Windmills", lead="Turning.")

    response = save_form(
        publisher_client,
        release,
        title_nl="Molens",
        lead_nl="Ze draaien.",
        body_nl="<p>De wind waait.</p>",
        image_caption_nl="",
    )

    assert response.status_code == 302, response.context["errors"]
    release.refresh_from_db()
    assert release.title_en == "Windmills"
    assert (release.title_nl, release.lead_nl) == ("Molens", "Ze draaien.")
    with translation.override("nl"):
        page = publisher_client.get(release.get_absolute_url()).text
    assert "Molens" in page and "De wind waait." in page


def test_dutch_rich_text_is_sanitised_as_english_is(publisher_client):
    page = city_factories.profile_page()

    response = save_form(
        publisher_client,
        page,
        title_nl="Economie",
        summary_nl="Bedrijven.",
        body_nl='<p onclick="steal()">Veel <script>alert(1)</script>bedrijven'
        '<a href="javascript:alert(1)">.</a></p><iframe src="//evil.example">',
    )

    assert response.status_code == 302, response.context["errors"]
    page.refresh_from_db()
    assert page.body_nl == "<p>Veel bedrijven<a>.</a></p>"
    # Rich text written by code, not through a form, is sanitised the same way.
    ProfilePage.objects.filter(pk=page.pk).update(body_nl="<p><img src=x onerror=y>")
    page.refresh_from_db()
    assert page.body_nl == '<p><img src="x"></p>'


def test_dutch_rich_text_gets_the_rich_text_editor(admin_client):
    html = admin_client.get(change_url(press.release())).text

    for name in ("body_en", "body_nl"):
        textarea = re.search(rf'<textarea name="{name}"[^>]*>', html).group(0)
        assert 'data-type="ckeditortype"' in textarea


def test_inline_texts_are_written_per_language(publisher_client):
    partnership = partner_factories.partnership(summary="Working together.")
    visit = partner_factories.activity(partnership, title="Trade mission")

    response = save_form(
        publisher_client,
        partnership,
        summary_nl="Samen werken.",
        **{"activities-0-title_nl": "Handelsmissie"},
    )

    assert response.status_code == 302, response.context["errors"]
    visit.refresh_from_db()
    assert (visit.title_en, visit.title_nl) == ("Trade mission", "Handelsmissie")
    partnership = Partnership.objects.get()
    assert partnership.summary_nl == "Samen werken."


def test_an_editor_cannot_change_a_withdrawal_reason_in_any_language(editor_client):
    release = press.draft()

    html = editor_client.get(change_url(release)).text

    assert 'name="withdrawal_reason_en"' not in html
    assert 'name="withdrawal_reason_nl"' not in html
    assert PressRelease.objects.get().status == "draft"


def test_the_admin_search_looks_in_both_languages(admin_client):
    press.release(title="Windmills", title_nl="Molens")
    url = reverse("admin:pressroom_pressrelease_changelist")

    assert "Windmills" in admin_client.get(url, {"q": "molens"}).text
    assert "Windmills" in admin_client.get(url, {"q": "windmills"}).text
