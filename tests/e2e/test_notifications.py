"""A person sees the bell count, opens the list and marks one notification read, in Chromium."""

import pytest

from onward.notifications.models import Notification
from onward.notifications.services import notify
from tests.e2e.test_sign_in_pages import sign_in


@pytest.mark.django_db(transaction=True)
def test_a_person_sees_the_bell_and_marks_one_notification_read(page, live_server, personas):
    account = personas.person.account
    first = notify(recipient=account, kind="message", link="/")
    notify(recipient=account, kind="message", link="/")
    sign_in(page, live_server.url, account.email)
    bell = page.get_by_role("link", name="Notifications, 2 unread")
    bell.wait_for()
    assert bell.inner_text().strip().endswith("2")
    bell.click()
    page.get_by_role("heading", name="Notifications").wait_for()
    assert page.get_by_role("button", name="Mark read").count() == 2
    page.locator(f'[data-notification="{first.public_id}"]').get_by_role("button", name="Mark read").click()
    page.get_by_role("link", name="Notifications, 1 unread").wait_for()
    assert page.get_by_role("button", name="Mark read").count() == 1
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert page.get_by_text("You have a new message in Onward").count() == 2
