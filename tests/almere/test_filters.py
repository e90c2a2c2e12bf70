from django import forms
from django.test import SimpleTestCase

from almere.filters import QuickSelect


class ChoicesForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "All"), ("a", "A & B"), ("b", '"Quoted"')], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("", "None"), ("Group <1>", [("x", "X"), ("y", "Y")])],
        required=False,
    )


class QuickForm(ChoicesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = QuickSelect(choices=field.choices)


class QuickSelectTests(SimpleTestCase):
    def assert_same_as_django(self, data):
        django_form, quick_form = ChoicesForm(data), QuickForm(data)
        django_form.is_valid(), quick_form.is_valid()
        for name in ("kind", "grouped"):
            with self.subTest(data=data, field=name):
                self.assertHTMLEqual(str(quick_form[name]), str(django_form[name]))

    def test_it_draws_what_djangos_select_draws(self):
        self.assert_same_as_django(None)
        self.assert_same_as_django({"kind": "a", "grouped": "y"})

    def test_an_invalid_choice_is_marked_for_assistive_technology(self):
        self.assert_same_as_django({"kind": "nope"})
        form = QuickForm({"kind": "nope"})
        form.is_valid()
        self.assertIn('aria-invalid="true"', str(form["kind"]))

    def test_labels_and_values_are_escaped(self):
        html = str(QuickForm()["kind"])
        self.assertIn("A &amp; B", html)
        self.assertIn("&quot;Quoted&quot;", html)
        self.assertIn('<optgroup label="Group &lt;1&gt;">', str(QuickForm()["grouped"]))
