"""No content is saved over a change made since its form was opened."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client

from almere.admin import ContentAdmin
from almere.staff import PUBLISHERS_GROUP
from tests.admin_forms import form_data

from .test_admin import admin_url, make

CONTENT_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    ),
    key=lambda model: model._meta.label,
)


def staff_client(django_user_model, username: str) -> Client:
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS_GROUP))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.label)
def test_the_second_of_two_saves_from_the_same_opened_form_is_refused(
    django_user_model, model
):
    item = make(model)
    url = admin_url(model, "change", item.pk)
    first, second = (staff_client(django_user_model, n) for n in ("one", "two"))
    form_id = f"{model._meta.model_name}_form"
    first_form = form_data(first.get(url).text, form_id)
    second_form = form_data(second.get(url).text, form_id)

    saved = first.post(url, first_form)
    assert saved.status_code == 302, saved.context["errors"]
    refused = second.post(url, second_form)
    assert refused.status_code == 200
    name = model._meta.verbose_name
    assert f"Someone else changed this {name} since you opened it" in refused.text
