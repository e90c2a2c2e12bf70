from django.test import SimpleTestCase
from django.urls import reverse, set_script_prefix
from django.utils import translation

from almere.addresses import address
from almere.models import choice_label
from partnerships.models import Partnership


class AddressTests(SimpleTestCase):
    def test_a_remembered_address_is_what_reverse_gives_in_each_language(self):
        for _ in range(2):  # the second round is answered from memory
            for language in ("en", "nl"):
                with translation.override(language):
                    self.assertEqual(
                        address("partnerships:theme", slug="culture"),
                        reverse("partnerships:theme", kwargs={"slug": "culture"}),
                    )
                    self.assertTrue(
                        address("pressroom:topic", slug="economy").startswith(
                            f"/{language}/"
                        )
                    )

    def test_a_site_served_under_a_prefix_gets_its_own_addresses(self):
        with translation.override("en"):
            plain = address("partnerships:theme", slug="culture")
            set_script_prefix("/city/")
            try:
                prefixed = address("partnerships:theme", slug="culture")
            finally:
                set_script_prefix("/")
        self.assertEqual(prefixed, "/city" + plain)

    def test_choice_labels_are_djangos_and_an_unknown_value_shows_as_it_is(self):
        with translation.override("nl"):
            self.assertEqual(
                choice_label(Partnership.Status, "active"),
                Partnership(status="active").get_status_display(),
            )
            self.assertEqual(str(choice_label(Partnership.Status, "active")), "Actief")
        self.assertEqual(Partnership(kind="gone").get_kind_display(), "gone")
