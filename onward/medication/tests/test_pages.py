"""Medication pages over HTTP: who may open them, field messages, the worklist, Today's next dose."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from onward.audit.models import AuditEvent
from onward.medication import doses, orders
from onward.medication.models import MedicationOrder, ProgramMedicationSettings
from onward.medication.tests.helpers import dosing, order, prescribing

NOW = datetime(2025, 3, 10, 16, tzinfo=UTC)  # 10:00 in Chicago, 10 March


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("person", 200),
        ("prescriber", 200),
        ("nurse", 200),
        ("coach", 403),
        ("supporter", 404),
        ("counselor_elsewhere", 404),
    ],
)
def test_who_may_open_the_medication_page(personas, client_as, who, status):
    response = client_as(who).get(f"/people/{personas.person.public_id}/medication/")
    assert response.status_code == status
    if status == 200:
        assert AuditEvent.objects.filter(actor=personas.users[who], action="medication.read").exists()


@pytest.mark.parametrize(("who", "status"), [("prescriber", 200), ("nurse", 403), ("person", 403)])
def test_only_prescribers_open_the_order_form(personas, client_as, who, status):
    assert client_as(who).get(f"/people/{personas.person.public_id}/medication/orders/new/").status_code == status


def test_the_order_form_names_the_missing_reason_and_keeps_nothing(personas, client_as):
    url = f"/people/{personas.person.public_id}/medication/orders/new/"
    body = {
        "medication": "naltrexone",
        "dose_mg": "380",
        "schedule": "every_4_weeks",
        "starts_on": "2025-03-10",
        "reason": "the person chose naltrexone",
        "sign": "on",
    }
    response = client_as("prescriber").post(url, body)
    assert response.status_code == 200
    assert "No naltrexone readiness assessment is recorded" in response.content.decode()
    assert not MedicationOrder.objects.exists()
    response = client_as("prescriber").post(url, body | {"start_reason": "opioid-free 3 weeks in residential care"})
    assert response.status_code == 302
    assert MedicationOrder.objects.get().start_reason == "opioid-free 3 weeks in residential care"


def test_the_nurse_worklist_lists_doses_due_today_with_why(personas, client_as, time_machine):
    time_machine.move_to(NOW, tick=False)
    made = order(personas, starts_on=date(2025, 3, 1))
    page = client_as("nurse").get("/worklist/").content.decode()
    assert "Doses due today" in page
    assert "Prescribing" not in page  # nurses do not prescribe
    assert "due today (10 Mar, their local date) and not logged yet" in page
    assert "Methadone 30 mg, every day" in page  # not 30.00 mg
    doses.record_dose(
        access=dosing(personas), order=made, outcome="observed", dose_mg=made.dose_mg, given_on=date(2025, 3, 10)
    )
    assert "not logged yet" not in client_as("nurse").get("/worklist/").content.decode()


def test_the_prescriber_worklist_shows_orders_to_sign_and_missed_dose_reviews(personas, client_as, time_machine):
    time_machine.move_to(NOW, tick=False)
    order(personas, sign=False)
    made = order(personas, starts_on=date(2025, 3, 1))
    for day in (1, 2, 3):
        doses.record_dose(
            access=dosing(personas), order=made, outcome="missed", dose_mg=None, given_on=date(2025, 3, day)
        )
    page = client_as("prescriber").get("/worklist/").content.decode()
    assert "not signed yet" in page
    review = "Consecutive missed observed methadone doses: prescriber review"
    prescribing = page[page.index('id="prescribing"') :]
    assert review in prescribing
    assert review not in page[: page.index('id="prescribing"')]  # not listed again under open alerts
    assert "Doses due today" in page  # prescribers dose too


def test_the_old_medication_worklist_address_leads_to_the_one_worklist(personas, client_as):
    response = client_as("prescriber").get("/medication/worklist/")
    assert (response.status_code, response["Location"]) == (301, "/worklist/#prescribing")


@pytest.mark.parametrize(
    ("who", "nursing", "doses", "prescribing"),
    [
        ("nurse", True, True, False),
        ("prescriber", True, True, True),
        ("counselor", True, False, False),
        ("person", False, False, False),
    ],
)
def test_the_worklist_has_a_section_per_role(personas, client_as, who, nursing, doses, prescribing):
    page = client_as(who).get("/worklist/").content.decode()
    assert ('id="nursing"' in page, "Doses due today" in page, 'id="prescribing"' in page) == (
        nursing,
        doses,
        prescribing,
    )
    assert ("Your role has no worklist." in page) is not (nursing or prescribing)


def test_a_program_admin_changes_settings_and_a_prescriber_only_reads_them(personas, client_as):
    url = f"/programs/{personas.program.public_id}/medication-settings/"
    page = client_as("prescriber").get(url)
    assert page.status_code == 200
    assert "Save settings" not in page.content.decode()
    values = {
        "bup_min_cows": "12",
        "bup_require_objective_signs": "on",
        "bup_wait_short_acting_hours": "12",
        "bup_wait_long_acting_hours": "24",
        "bup_wait_methadone_hours": "48",
        "ntx_min_opioid_free_days": "7",
        "ntx_ready_opioid_free_days": "10",
        "ntx_agonist_wait_days": "14",
        "take_home_state_max_days": "",
        "missed_doses_methadone": "3",
        "missed_doses_other": "2",
    }
    assert client_as("prescriber").post(url, values).status_code == 403
    assert client_as("program_admin").post(url, values).status_code == 302
    assert ProgramMedicationSettings.objects.get().bup_min_cows == 12
    response = client_as("program_admin").post(url, values | {"ntx_min_opioid_free_days": "11"})
    assert response.status_code == 422
    assert "must not be above ready_opioid_free_days" in response.content.decode()


def test_today_shows_the_next_medication_dose(personas, client_as, time_machine):
    time_machine.move_to(NOW, tick=False)
    made = order(personas, starts_on=date(2025, 3, 1))
    page = client_as("person").get("/").content.decode()
    assert "Next medication dose" in page
    assert "Methadone 30 mg, today" in page
    doses.record_dose(
        access=dosing(personas), order=made, outcome="observed", dose_mg=made.dose_mg, given_on=date(2025, 3, 10)
    )
    assert "Methadone 30 mg, Tuesday 11 March" in client_as("person").get("/").content.decode()
    orders.stop_order(access=prescribing(personas), order=made, reason="the person moved to another program")
    assert "Next medication dose" not in client_as("person").get("/").content.decode()


def test_the_informed_choice_pages_exist_for_each_medication(personas, client_as):
    for medication in ("buprenorphine", "methadone", "naltrexone"):
        assert client_as("person").get(f"/medication/choices/{medication}/").status_code == 200
    page = client_as("person").get("/medication/choices/methadone/").content.decode()
    assert "50 mg or less" in page
    assert client_as("person").get("/medication/choices/other/").status_code == 404


def test_buprenorphine_readiness_starts_from_the_detox_chart_and_says_so(personas, client_as, time_machine):
    from onward.withdrawal import detox  # noqa: PLC0415 - the withdrawal area's services make the chart
    from onward.withdrawal.tests.helpers import LAST_USE, MILD, start, writer  # noqa: PLC0415

    time_machine.move_to(datetime(2026, 3, 4, 16, tzinfo=UTC), tick=False)
    url = f"/people/{personas.person.public_id}/medication/readiness/buprenorphine/"
    assert "Filled in from the detox chart" not in client_as("prescriber").get(url).content.decode()
    episode = start(personas)
    detox.record_cows(
        access=writer(personas), episode=episode, observed_at=datetime(2026, 3, 4, 10, tzinfo=UTC), items=MILD
    )
    later = MILD | {"gooseflesh": 3}  # 15, moderate: the latest is used
    detox.record_cows(
        access=writer(personas), episode=episode, observed_at=datetime(2026, 3, 4, 14, tzinfo=UTC), items=later
    )
    page = client_as("prescriber").get(url)
    form = page.context["form"]
    # Times are offered as a clock in the person's zone (Chicago, CST) showed them; assessed now by default.
    assert (form.initial["cows_total"], form.initial["cows_scored_at"]) == (15, datetime(2026, 3, 4, 8, 0))  # noqa: DTZ001
    chicago = ZoneInfo("America/Chicago")
    assert (form.initial["last_kind"], form.initial["last_at"]) == (
        "short_acting",
        LAST_USE.astimezone(chicago).replace(tzinfo=None),
    )
    assert form.initial["assessed_at"] == datetime(2026, 3, 4, 10, 0)  # noqa: DTZ001 - 16:00 UTC
    assert "objective_signs" not in form.initial  # the prescriber ticks it: no source maps items to signs
    text = page.content.decode()
    assert "Filled in from the detox chart" in text
    assert "<strong>15</strong> (moderate), scored 2026-03-04 08:00 CST by Nurse" in text
    assert "gooseflesh 3" in text
    assert "(UTC)" not in text
    assert "Chicago time, CST" in text
    assert AuditEvent.objects.filter(actor=personas.prescriber, action="assessments.read").exists()


def test_readiness_times_are_read_in_the_persons_zone_not_utc(personas, client_as, time_machine):
    from onward.medication.models import ReadinessAssessment  # noqa: PLC0415

    time_machine.move_to(datetime(2026, 3, 4, 16, tzinfo=UTC), tick=False)
    url = f"/people/{personas.person.public_id}/medication/readiness/naltrexone/"
    posted = {
        "assessed_at": "2026-03-04T09:30",
        "last_opioid_at": "2026-02-20T21:00",
        "challenge_result": "none",
    }
    client_as("prescriber").post(url, posted)
    assessment = ReadinessAssessment.objects.get()
    assert assessment.assessed_at == datetime(2026, 3, 4, 15, 30, tzinfo=UTC)  # 09:30 CST


def test_the_dose_log_shows_the_last_month_unless_more_is_asked_for(personas, client_as, time_machine):
    time_machine.move_to(NOW, tick=False)
    made = order(personas, starts_on=date(2025, 1, 1))
    for given_on, outcome in ((date(2025, 1, 20), "refused"), (date(2025, 3, 9), "observed")):
        dose = made.dose_mg if outcome == "observed" else None
        doses.record_dose(access=dosing(personas), order=made, outcome=outcome, dose_mg=dose, given_on=given_on)
    url = f"/people/{personas.person.public_id}/medication/"
    month = client_as("nurse").get(url).content.decode()
    assert "9 Mar 2025" in month
    assert "20 Jan 2025" not in month  # 49 days back
    assert 'href="?log=90"' in month
    quarter = client_as("nurse").get(url + "?log=90").content.decode()
    assert "20 Jan 2025" in quarter
    assert "20 Jan 2025" in client_as("nurse").get(url + "?log=all").content.decode()
    unknown = client_as("nurse").get(url + "?log=7")
    assert unknown.status_code == 422
    assert "Choose 30, 90 or 365 days, or everything." in unknown.content.decode()
    assert "20 Jan 2025" not in unknown.content.decode()  # and the month is shown
