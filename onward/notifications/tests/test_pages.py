"""The notification pages and the bell: one's own notifications only, no JavaScript needed."""

from onward.notifications.models import Notification
from onward.notifications.services import notify


def test_the_bell_counts_unread_notifications_on_every_page(personas, client_as):
    notify(recipient=personas.nurse, kind="message", link="/")
    notify(recipient=personas.nurse, kind="message", link="/")
    notify(recipient=personas.counselor, kind="message", link="/")
    page = client_as("nurse").get("/notifications/preferences/").content.decode()
    assert 'aria-label="Notifications, 2 unread"' in page


def test_the_list_shows_only_ones_own_and_marks_read(personas, client_as):
    mine = notify(recipient=personas.nurse, kind="message", link="/")
    theirs = notify(recipient=personas.counselor, kind="message", link="/")
    client = client_as("nurse")
    listed = client.get("/notifications/").content.decode()
    assert str(mine.public_id) in listed
    assert str(theirs.public_id) not in listed
    assert client.post(f"/notifications/{theirs.public_id}/read/").status_code == 404
    assert client.post(f"/notifications/{mine.public_id}/read/").status_code == 302
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read_touches_only_ones_own(personas, client_as):
    for _ in range(3):
        notify(recipient=personas.nurse, kind="message", link="/")
    notify(recipient=personas.counselor, kind="message", link="/")
    client_as("nurse").post("/notifications/read-all/")
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_opening_marks_read_and_goes_to_the_page_behind_the_sign_in(personas, client_as):
    opened = notify(recipient=personas.nurse, kind="alert", link=f"/people/{personas.person.public_id}/")
    url = f"/notifications/{opened.public_id}/open/"
    assert client_as("anonymous").get(url).status_code == 302
    assert Notification.objects.get(pk=opened.pk).read_at is None
    response = client_as("nurse").get(url)
    assert response["Location"] == f"/people/{personas.person.public_id}/"
    assert Notification.objects.get(pk=opened.pk).read_at is not None


def test_a_link_outside_onward_is_refused(personas):
    import pytest  # noqa: PLC0415

    from onward.core.errors import InvalidInput  # noqa: PLC0415

    with pytest.raises(InvalidInput):
        notify(recipient=personas.nurse, kind="message", link="//evil.example/")


def test_marking_read_needs_a_post(personas, client_as):
    mine = notify(recipient=personas.nurse, kind="message", link="/")
    assert client_as("nurse").get(f"/notifications/{mine.public_id}/read/").status_code == 405


def test_the_list_shows_each_time_on_the_readers_clock_with_its_zone(personas, client_as, time_machine):
    from datetime import UTC, datetime  # noqa: PLC0415

    from onward.notifications.models import Preference  # noqa: PLC0415

    time_machine.move_to(datetime(2026, 12, 7, 15, 5, tzinfo=UTC), tick=False)
    notify(recipient=personas.nurse, kind="message", link="/")
    Preference.objects.create(user=personas.nurse, time_zone="America/New_York", updated_at=datetime.now(UTC))
    page = client_as("nurse").get("/notifications/").content.decode()
    assert "Mon 7 Dec 2026, 10:05 EST" in page  # was "15:05 UTC" whatever the reader's zone
    assert "15:05" not in page


def test_staff_who_never_chose_a_zone_read_times_in_their_programs_zone(personas, client_as, time_machine):
    from datetime import UTC, datetime  # noqa: PLC0415

    from onward.notifications.models import Preference  # noqa: PLC0415

    time_machine.move_to(datetime(2026, 12, 7, 15, 5, tzinfo=UTC), tick=False)
    notify(recipient=personas.nurse, kind="message", link="/")
    assert not Preference.objects.filter(user=personas.nurse).exists()
    personas.program.time_zone = "America/Denver"
    personas.program.save(update_fields=["time_zone"])
    page = client_as("nurse").get("/notifications/").content.decode()
    assert "Mon 7 Dec 2026, 08:05 MST" in page  # the program's clock, not UTC
