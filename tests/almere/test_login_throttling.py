"""Guessing passwords at the admin's login: five tries, then a clear lockout."""

import datetime

import pytest

from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_account_from_that_address(client, editor):
    for _ in range(4):
        response = attempt(client, editor.username, "wrong")
        assert response.status_code == 200
        assert b"Please enter the correct username and password" in response.content

    locked = attempt(client, editor.username, "wrong")
    even_right = attempt(client, editor.username, STAFF_PASSWORD)

    for response in (locked, even_right):
        assert response.status_code == 429
        page = response.content.decode()
        assert "Too many failed logins" in page
        assert f"“{editor.username}” was wrong 5 times" in page
        assert "locked for 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_does_not_reach_other_addresses(client, editor):
    for _ in range(5):
        attempt(client, editor.username, "wrong")

    elsewhere = attempt(client, editor.username, STAFF_PASSWORD, "198.51.100.20")

    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == "/admin/"


def test_the_lock_ends_after_fifteen_minutes(client, editor, time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC))
    for _ in range(5):
        attempt(client, editor.username, "wrong")
    assert attempt(client, editor.username, STAFF_PASSWORD).status_code == 429

    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, 16, tzinfo=datetime.UTC))

    assert attempt(client, editor.username, STAFF_PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_again(client, editor):
    for _ in range(4):
        attempt(client, editor.username, "wrong")
    assert attempt(client, editor.username, STAFF_PASSWORD).status_code == 302
    client.post("/admin/logout/")

    for _ in range(4):
        response = attempt(client, editor.username, "wrong")

    assert response.status_code == 200


def test_a_forged_forwarded_for_header_does_not_dodge_the_lock(client, editor):
    for number in range(5):
        client.post(
            LOGIN,
            {"username": editor.username, "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )

    assert attempt(client, editor.username, STAFF_PASSWORD).status_code == 429


def test_administrators_see_the_lockouts_and_editors_do_not(
    client, editor, admin_client
):
    for _ in range(5):
        attempt(client, editor.username, "wrong")

    records = admin_client.get("/admin/axes/accessattempt/")
    client.force_login(editor)
    refused = client.get("/admin/axes/accessattempt/")

    assert records.status_code == 200
    assert editor.username in records.content.decode()
    assert refused.status_code == 403
