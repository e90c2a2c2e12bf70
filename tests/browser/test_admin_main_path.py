"""The editor's main path in the admin: log in, then create and save each kind of
content through its real form, with the browser reporting no errors."""

import pytest
from django.apps import apps
from playwright.sync_api import expect

from .test_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Model: what a person types (field id: text) and picks (select id: option label).
# Slugs are left to the admin, which fills them in from the name as one types.
CONTENT = {
    "pressroom.Topic": {"type": {"name": "Sustainability"}},
    "pressroom.PressContact": {
        "type": {
            "name": "Jan de Vries",
            "role": "Press officer",
            "email": "pers@example.org",
        }
    },
    "cityprofile.KeyFigure": {
        "type": {"label": "Businesses", "value": "16500", "unit": "businesses"},
        "pick": {"value_format": "Number (197,000)"},
    },
    "cityprofile.Indicator": {"type": {"name": "Jobs", "unit": "jobs"}},
    "cityprofile.Milestone": {
        "type": {"date": "1976-01-01", "title": "The first residents arrive"},
        "pick": {"date_precision": "Year"},
    },
    "cityprofile.ProfilePage": {
        "type": {"title": "Facilities", "summary": "Schools, parks and hospitals."},
        "rich_text": "Almere has a hospital, a theatre and many parks.",
    },
    "cityprofile.Official": {
        "type": {"name": "Mark Pol", "portfolio": "Economic development"},
        "pick": {"role": "Alderman"},
    },
    "partnerships.Theme": {"type": {"name": "Food strategy"}},
    "partnerships.Institution": {
        "type": {"name": "Windesheim Flevoland"},
        "pick": {"kind": "University or college"},
    },
    "partnerships.PartnerCity": {
        "type": {"name": "Curitiba", "latitude": "-25.42840", "longitude": "-49.27330"},
        "pick": {"country": "Brazil"},
    },
}


def test_staff_create_each_kind_of_content(live_server, page, publisher):
    log_in(page, live_server, publisher.username, "a-long-test-password")

    for label, content in CONTENT.items():
        model = apps.get_model(label)
        opts = model._meta
        page.goto(f"{live_server.url}/admin/{opts.app_label}/{opts.model_name}/")
        page.get_by_role("link", name=f"Add {opts.verbose_name}").click()
        for field, text in content.get("type", {}).items():
            # A translated field is typed in English, the language every item has.
            english = page.locator(f"#id_{field}_en")
            field_input = english.or_(page.locator(f"#id_{field}"))
            field_input.press_sequentially(text)
        for field, option in content.get("pick", {}).items():
            page.select_option(f"#id_{field}", label=option)
        if rich_text := content.get("rich_text"):
            body = page.frame_locator(
                ".field-body_en iframe.cke_wysiwyg_frame"
            ).locator("body")
            body.click()
            page.keyboard.type(rich_text)
        page.click("input[name=_save]")

        expect(page.locator(".messagelist")).to_contain_text("was added successfully")
        assert model.objects.count() == 1, label
        if rich_text:
            assert rich_text in model.objects.get().body
        if "slug" in [f.name for f in opts.fields]:
            assert model.objects.get().slug, f"{label}: the slug was not filled in"
    assert page.console_errors == []
