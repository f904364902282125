"""Meetings as a person uses them, in Chromium: find an online meeting starting soon, save it, and
subscribe; then fetch the calendar URL as a calendar app would (no session) and parse it."""

import urllib.request
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from onward.core import clock
from onward.meetings.feeds.timezones import day_from_date
from onward.meetings.tests.factories import import_meetings, in_person, online
from tests.e2e.axe import serious_violations
from tests.e2e.test_sign_in_pages import sign_in


@pytest.mark.django_db(transaction=True)
def test_a_person_finds_an_online_meeting_starting_soon_saves_it_and_subscribes(page, live_server, personas):
    soon = (clock.now() + timedelta(minutes=45)).astimezone(ZoneInfo("America/Chicago"))
    later = soon + timedelta(hours=5)
    import_meetings(
        [
            online("soon", day_from_date(soon.date()), soon.strftime("%H:%M"), "America/Chicago", name="Hope Online"),
            online(
                "later", day_from_date(later.date()), later.strftime("%H:%M"), "America/Chicago", name="Later Online"
            ),
            in_person("hall", day_from_date(soon.date()), soon.strftime("%H:%M"), 41.88, -87.62, name="Hall Meeting"),
        ]
    )
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="Find a meeting").click()
    page.get_by_text("More filters").click()
    page.get_by_label("How").select_option("online")
    page.get_by_label("Starting").select_option("2")
    page.get_by_role("button", name="Search").last.click()
    page.get_by_role("heading", name="1 meeting").wait_for()
    expect(page.get_by_role("link", name="Hope Online")).to_be_visible()
    expect(page.get_by_role("link", name="https://zoom.us/j/98765432100")).to_be_visible()  # a link, not text
    assert page.get_by_role("link", name="Later Online").count() == 0
    assert page.get_by_role("link", name="Hall Meeting").count() == 0
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save Hope Online").click()
    page.get_by_text("Saved to My meetings.").wait_for()

    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("heading", name="My meetings").wait_for()
    expect(page.get_by_role("link", name="Hope Online")).to_be_visible()
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    assert page.get_by_role("link", name="Subscribe in my calendar app").get_attribute("href").startswith("webcal://")
    assert serious_violations(page) == []

    with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310 - the live test server
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.read())
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Hope Online (online)"]
    start = events[0].decoded("DTSTART")
    assert start.tzinfo is not None
    assert start.strftime("%H:%M") == soon.strftime("%H:%M")
    assert events[0]["RRULE"].to_ical().decode().startswith("FREQ=WEEKLY;BYDAY=")


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_finder_shows_search_first_and_finds_meetings_near_a_town_or_my_location(
    browser, live_server, personas
):
    import_meetings(
        [
            in_person("hall", 1, "12:00", 41.88, -87.62, name="Noon Hall", city="Lakeside"),
            in_person("far", 1, "12:00", 44.98, -93.27, name="Far Hall", city="Northtown"),
        ]
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 41.881, "longitude": -87.623},
        permissions=["geolocation"],
    )
    page = context.new_page()
    sign_in(page, live_server.url, personas.person.account.email)
    page.goto(f"{live_server.url}/meetings/")
    search = page.get_by_role("button", name="Search").first
    assert search.bounding_box()["y"] + search.bounding_box()["height"] <= 844  # on the first screen
    assert not page.get_by_label("How").is_visible()  # the filters are folded
    assert page.locator('input[name="lat"]').get_attribute("type") == "hidden"  # no typed coordinates
    page.get_by_label("Near a town").select_option("Lakeside, IL")
    page.get_by_role("button", name="Search").first.click()
    page.get_by_role("heading", name="1 meeting").wait_for()
    expect(page.get_by_role("link", name="Noon Hall")).to_be_visible()

    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("button", name="Use my location").click()
    page.get_by_role("heading", name="1 meeting").wait_for()
    expect(page.get_by_text("Searching near your location.")).to_be_visible()
    expect(page.get_by_text("km away")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []
    context.close()
