"""The daily check-in on a phone: end to end, offline and back, and a high craving reaching the counselor."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from onward.alerts.models import Alert
from onward.checkins.models import CheckIn, CheckInRevision
from onward.core import clock
from onward.people.access import access_person
from onward.plans.services import save_plan
from tests.e2e.axe import serious_violations
from tests.e2e.header import sign_out
from tests.e2e.test_role_homes import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, *, craving="2", used="No"):
    form = page.locator("form[data-checkin]")
    form.locator("#field-mood").get_by_label("Good", exact=True).check()
    form.locator("#field-craving").get_by_label(craving, exact=True).check()
    page.get_by_label("Hours of sleep last night").fill("7")
    form.locator("#field-stress").get_by_label("A little", exact=True).check()
    form.locator("#field-warning_signs").get_by_label("Irritability").check()
    form.locator("#field-used").get_by_label(used, exact=True).check()
    form.locator("#field-support_contact").get_by_label("Yes", exact=True).check()


def test_a_person_checks_in_from_today_and_sees_the_result(page, live_server, personas):
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="Check in now").click()
    page.get_by_role("heading", name="Today's check-in").wait_for()
    assert serious_violations(page) == []
    answer(page)
    page.get_by_role("button", name="Send my check-in").click()
    page.get_by_role("heading", name="Thank you for checking in").wait_for()
    assert "1 day in a row" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Back to Today").click()
    assert "Done for today" in page.locator("main").inner_text()
    assert CheckIn.objects.get(person=personas.person).craving == 2
    page.get_by_role("link", name="My check-ins over time").click()
    page.get_by_role("heading", name="My check-ins").wait_for()
    assert "Checked in on 1 of 30 days" in page.locator("main").inner_text()
    assert page.locator("figure svg circle").count() == 1
    assert serious_violations(page) == []


def test_offline_submit_reload_reconnect_records_exactly_one_check_in(page, live_server, personas):
    """The phone's clock says yesterday evening: the check-in is dated by captured_at, not arrival."""
    zone = ZoneInfo(personas.person.time_zone)
    phone_time = clock.now().astimezone(zone).replace(hour=21, minute=0, second=0, microsecond=0) - timedelta(days=1)
    sign_in(page, live_server.url, personas.person.account.email)
    page.clock.install(time=phone_time)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/checkin/")
    page.locator("form[data-offline-ready='true']").wait_for()
    page.context.set_offline(True)
    answer(page, craving="4")
    page.get_by_role("button", name="Send my check-in").click()
    page.get_by_text("1 check-in is saved on this phone").wait_for()
    page.reload()  # offline: the service worker's copy of the page
    page.get_by_text("1 check-in is saved on this phone").wait_for()
    assert not CheckIn.objects.exists()
    page.context.set_offline(False)
    page.get_by_text("Your saved check-in was sent").wait_for()
    checkin = CheckIn.objects.get()
    assert checkin.local_date == phone_time.date()
    assert abs(checkin.captured_at - phone_time) < timedelta(minutes=5)
    assert (checkin.craving, CheckInRevision.objects.count()) == (4, 1)
    page.reload()  # online again: nothing left to send, nothing sent twice
    assert page.locator("form[data-checkin]").get_attribute("data-pending") == "0"
    assert CheckIn.objects.count() == 1
    assert page.evaluate("caches.has('onward-checkin-v1')")
    sign_out(page)
    page.wait_for_function("caches.has('onward-checkin-v1').then((kept) => !kept)")  # no copy left behind


def test_a_high_craving_check_in_raises_an_alert_the_counselor_sees(browser, page, live_server, personas, settings):
    settings.DEMO = True  # the counselor signs in without a second factor, so the pages themselves are tested
    own = access_person(personas.person.account, personas.person.public_id, kind="plan", action="write")
    plan = {k: [] for k in ("warning_signs", "reasons", "people_to_call", "safe_places", "daily_routine", "if_i_use")}
    triggers = [{"kind": "emotional", "trigger": "a lonely evening", "response": "go to the 7pm meeting"}]
    save_plan(access=own, triggers=triggers, coping_skills=["box breathing"], **plan)
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="Check in now").click()
    answer(page, craving="9")
    page.locator("#field-triggers").get_by_label("Emotional", exact=False).check()
    page.get_by_role("button", name="Send my check-in").click()
    page.get_by_role("heading", name="What your care team will see").wait_for()
    assert Alert.objects.get(person=personas.person, kind="checkins.craving_high").severity == "high"
    staff = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        counselor = staff.new_page()
        sign_in(counselor, live_server.url, personas.counselor.email)
        item = counselor.locator("li.alert-high")
        item.wait_for()
        assert "Craving 9 of 10" in item.inner_text()
        assert "Their plan says: When a lonely evening: go to the 7pm meeting; Coping skills: box breathing" in (
            " ".join(item.inner_text().split())
        )
    finally:
        staff.close()
