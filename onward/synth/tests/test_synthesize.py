"""The synthetic population: lengths inside their cited ranges, audit chains that verify, the demo
cast signs in, and the demo person has a year of history."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from django.test import Client

from onward.accounts.models import User
from onward.alerts.models import Alert
from onward.alerts.models import State as AlertState
from onward.alerts.routing import recipients_for
from onward.audit.models import AuditEvent, HeadsDigest
from onward.audit.verify import verify_all
from onward.care.models import Appointment, Status, StatusChange
from onward.checkins.models import CheckIn
from onward.clinical.instruments import cows
from onward.clinical.rules import bup_dose_notices, methadone_take_homes
from onward.consent.models import Consent, Disclosure, Scope
from onward.core.errors import InvalidInput
from onward.core.neutral import forbidden_words_in
from onward.jobs.schedule import enqueue_due
from onward.medication.models import DoseEvent, MedicationOrder, ReadinessAssessment, TakeHomeDispense
from onward.meetings.models import AttendanceEntry, ImportRun, Meeting, MeetingSource, SavedMeeting
from onward.notifications.models import Delivery, Notification, Preference
from onward.notifications.selectors import get_preference, outside_channels
from onward.people.models import Episode, LevelOfCareSegment, Person
from onward.plans.models import NetworkMember, PlanVersion
from onward.recovery.models import ReturnToUse
from onward.synth import invitations, pathways
from onward.synth.demo import LOGINS, set_demo_passwords
from onward.synth.digest import database_digest
from onward.synth.generate import report, synthesize
from onward.withdrawal.models import CowsEntry, DetoxEpisode, RiskEvent

ANCHOR = date(2026, 3, 1)


@pytest.fixture
def population(db):
    return synthesize(people=40, seed=7, days=365, anchor=ANCHOR, stream=_Sink())


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_stages_followed_by_another_last_as_long_as_the_reference_says(population):
    checked = {"3.7-WM": 0, "3.5": 0}
    for episode in Episode.objects.all():
        segments = list(LevelOfCareSegment.objects.filter(episode=episode).order_by("started_on"))
        for here, after in pairwise(segments):
            days = (after.started_on - here.started_on).days
            if here.level == pathways.LEVELS.value["detox"]:
                low, high = pathways.DETOX_DAYS.value
            elif here.level == pathways.LEVELS.value["residential"]:
                low, high = pathways.RESIDENTIAL_DAYS.value
            else:
                continue
            assert low <= days <= high, (here.level, days)
            checked[here.level] += 1
    assert checked["3.7-WM"] > 0
    assert checked["3.5"] > 0


# Runtime records the synthetic history does not make (see ARCHITECTURE.md "Synthetic population"),
# Django's own bookkeeping, and Django's unused permission groups.
NOT_SYNTHESIZED = frozenset(
    {
        "accounts_accesstoken",
        "accounts_loginfailure",
        "accounts_secondfactor",
        "api_idempotentresponse",
        "auth_group",
        "auth_group_permissions",
        "django_migrations",
        "django_session",
        "django_tasks_database_dbtaskresult",
        "intake_clockwarning",  # the worker's once-only ledger of admission-clock warnings; history sends none
        "intake_submission",  # the public form's throttle window (hashed client addresses), kept an hour
        "jobs_workerlease",  # a running worker's lease; history runs no worker
        "reminders_sentreminder",  # the worker's once-only ledger of reminders sent; history sends none
        # A program's PHQ-9/GAD-7 schedule: the reference gives no interval, so the demo sets none (clinicians ask)
        "evaluation_programscreeningsettings",
    }
)


def test_every_table_is_filled_and_the_audit_chains_verify(population):
    assert Person.objects.count() == 40 + len(invitations.NEW_PEOPLE)  # two enrolled the day before, not admitted
    _digest, counts = database_digest()
    empty = sorted(table for table, rows in counts.items() if rows == 0 and table not in NOT_SYNTHESIZED)
    assert empty == []
    for model in (Consent, Disclosure, Notification, Delivery, Preference, MeetingSource, Meeting, ImportRun):
        assert population.written[model._meta.db_table] > 0, model
    assert verify_all() == []


def test_the_same_seed_gives_the_same_digest_and_another_seed_does_not(db):
    def digest_of(seed):
        with transaction.atomic():
            synthesize(people=6, seed=seed, days=90, anchor=ANCHOR, stream=_Sink())
            value = database_digest()[0]
            transaction.set_rollback(True)  # back to the empty database for the next run
        return value

    first = digest_of(11)
    assert not Person.objects.exists()
    assert digest_of(11) == first
    assert digest_of(12) != first


def test_nothing_happens_after_the_anchor_except_booked_appointments(population):
    anchor_at = population.anchor_at
    assert not Appointment.objects.filter(starts_at__gte=anchor_at).exclude(status=Status.BOOKED).exists()
    assert not Episode.objects.filter(discharged_on__gt=ANCHOR).exists()
    assert not Episode.objects.filter(admitted_on__lt=ANCHOR - timedelta(days=365)).exists()


def test_no_record_is_dated_after_the_anchor_but_booked_appointments(population):
    anchor_at = population.anchor_at
    assert not AuditEvent.objects.filter(at__gt=anchor_at).exists()
    assert not LevelOfCareSegment.objects.filter(started_on__gte=ANCHOR).exists()
    assert not StatusChange.objects.filter(changed_at__gt=anchor_at).exists()
    assert not Alert.objects.filter(acknowledged_at__gt=anchor_at).exists()
    assert Appointment.objects.filter(starts_at__gte=anchor_at, status=Status.BOOKED).exists()


def test_a_worker_on_the_anchor_day_finds_the_digest_done(population, time_machine):
    time_machine.move_to(population.anchor_at, tick=False)
    assert enqueue_due(at=population.anchor_at) == []
    assert HeadsDigest.objects.get(day=ANCHOR).heads


def test_synthetic_people_cannot_sign_in(population):
    synthetic = User.objects.exclude(email__endswith="@demo.onward.test")
    assert synthetic.exists()
    assert not any(user.has_usable_password() for user in synthetic)


def test_the_demo_cast_signs_in_and_the_person_has_a_year_of_history(population, settings):
    settings.DEMO = True
    set_demo_passwords("onward-demo")
    assert len(LOGINS) == 8
    for email, _role in LOGINS:
        client = Client()
        response = client.post("/accounts/login/", {"email": email, "password": "onward-demo"})
        assert response.status_code == 302, email
        assert client.get("/").status_code in (200, 302)
    person = Person.objects.get(account__email="person@demo.onward.test")
    first = Episode.objects.filter(person=person).order_by("admitted_on").first()
    assert (ANCHOR - first.admitted_on).days >= 365
    assert Appointment.objects.filter(person=person, status=Status.ATTENDED).count() > 50
    assert User.objects.get(email="supporter@demo.onward.test").role == "supporter"


def test_the_demo_supporter_holds_a_consent_in_force_and_opens_the_demo_person(population, settings, time_machine):
    settings.DEMO = True
    set_demo_passwords("onward-demo")
    time_machine.move_to(population.anchor_at + timedelta(hours=15), tick=False)
    jordan = Person.objects.get(account__email="person@demo.onward.test")
    supporter = User.objects.get(email="supporter@demo.onward.test")
    consent = Consent.objects.in_force(at=population.anchor_at).get(person=jordan, recipient=supporter)
    assert consent.scopes == list(Scope.values)
    past = Disclosure.objects.filter(consent=consent, recipient=supporter, at__lt=population.anchor_at)
    every_kind = {"profile", "episodes", "alerts", "appointments", "plan", "help_requests", "checkins", "meetings"}
    assert {kind for d in past for kind in d.record_kinds} == every_kind
    client = Client()
    assert client.post("/accounts/login/", {"email": supporter.email, "password": "onward-demo"}).status_code == 302
    assert "Jordan" in client.get("/supporting/").content.decode()
    page = client.get(f"/supporting/{jordan.public_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    headings = ("Progress", "Alerts", "Schedule", "Requests for help", "Relapse-prevention plan", "Check-in streak")
    for heading in (*headings, "Meetings", "Saved meetings", "Attendance"):
        assert heading in text
    assert "Not shared yet" not in text  # every scope Jordan shares now has records
    assert "Sam Rivera" in text  # Sam is among the people to call in Jordan's plan
    assert "No saved meetings." not in text
    assert "No attendance logged." not in text
    assert Disclosure.objects.filter(consent=consent).count() == past.count() + len(every_kind)  # this look too
    assert verify_all() == []
    own = Client()
    assert own.post("/accounts/login/", {"email": jordan.account.email, "password": "onward-demo"}).status_code == 302
    accounting = own.get(f"/people/{jordan.public_id}/consents/")
    assert accounting.status_code == 200
    assert "Sam Rivera" in accounting.content.decode()


def test_other_people_hold_consents_in_force_revoked_and_expired(db):
    population = synthesize(people=120, seed=3, days=365, anchor=ANCHOR, stream=_Sink())
    anchor_at = population.anchor_at
    states = population.stats["consents by state at the anchor"]
    assert states["in force"] > 1
    assert states["revoked"] > 0
    assert states["expired"] > 0
    for consent in Consent.objects.exclude(revoked_at=None):
        assert consent.revoked_by_id == consent.person.account_id
        assert consent.revocation_text
        assert not Disclosure.objects.filter(consent=consent, at__gte=consent.revoked_at).exists()
    for consent in Consent.objects.filter(expires_at__lte=anchor_at):
        assert not Disclosure.objects.filter(consent=consent, at__gte=consent.expires_at).exists()
    assert not Disclosure.objects.filter(at__gte=anchor_at).exists()


def test_alert_notifications_go_where_routing_sends_them_in_neutral_words(population, time_machine):
    revoked_later = {c.recipient_id for c in Consent.objects.exclude(revoked_at=None)}
    checked = 0
    for alert in Alert.objects.filter(state=AlertState.OPEN).select_related("person__account"):
        time_machine.move_to(alert.created_at, tick=False)
        expected = {r.user.pk: r.link for r in recipients_for(alert)}
        sent = {
            n.recipient_id: n.link
            for n in Notification.objects.filter(person_public_id=alert.person.public_id, created_at=alert.created_at)
        }
        assert set(expected) <= set(sent), alert
        assert set(sent) - set(expected) <= revoked_later  # the routing today no longer counts a revoked consent
        assert all(sent[pk] == link for pk, link in expected.items())
        checked += 1
    assert checked > 0
    # Urgent when the alert opened at high severity (a repeat may raise it later: its notifications stay).
    opened_as = {
        e.object_id: e.detail["severity"] for e in AuditEvent.objects.filter(action="alert.raised", object_type="alert")
    }
    for notification in Notification.objects.all():
        assert forbidden_words_in(notification.title + " " + notification.body) == []
        opened = Alert.objects.filter(
            person__public_id=notification.person_public_id, created_at=notification.created_at
        )
        assert opened.exists()
        assert notification.urgent == any(opened_as[str(a.public_id)] == "high" for a in opened)


def test_deliveries_follow_each_recipients_choices(population):
    statuses = set()
    for notification in Notification.objects.select_related("recipient").prefetch_related("deliveries"):
        wanted = outside_channels(get_preference(user=notification.recipient), kind=notification.kind)
        assert sorted(d.channel for d in notification.deliveries.all()) == sorted(wanted)
        for delivery in notification.deliveries.all():
            statuses.add(delivery.status)
            if delivery.status == "sent":
                assert delivery.sent_at is not None
                assert delivery.sent_at >= notification.created_at
                assert delivery.sent_at < population.anchor_at
                assert delivery.attempts == 1
    assert "sent" in statuses
    assert Preference.objects.exists()
    assert AuditEvent.objects.filter(chain="org:accounts", action="notifications.preferences_changed").count() == (
        Preference.objects.count()
    )


def test_meetings_are_illustrative_and_their_import_runs_add_up(population):
    assert set(Meeting.objects.values_list("attendance", flat=True)) == {"in_person", "online", "hybrid"}
    fellowships = set(Meeting.objects.values_list("fellowship", flat=True))
    assert fellowships == set(pathways.MEETING_FELLOWSHIPS.value) | {"ha", "smart"}
    # Only the registered feed is refreshed, and it reads a file shipped with Onward (no network).
    enabled = MeetingSource.objects.filter(enabled=True, next_refresh_at__isnull=False)
    assert [(source.kind, source.url.startswith("file://")) for source in enabled] == [("meeting_guide", True)]
    assert not MeetingSource.objects.filter(enabled=True, kind="meeting_guide", next_refresh_at__isnull=True).exists()
    for meeting in Meeting.objects.all():
        assert "Illustrative" in meeting.notes
        assert meeting.conference_url == "" or meeting.conference_url.startswith("https://video.example/")
    for source in MeetingSource.objects.all():
        assert "(synthetic)" in source.name
        first, again = source.runs.order_by("started_at")
        total = source.meetings.count()
        assert first.report["counts"]["created"] == total
        assert again.report["counts"]["unchanged"] == total


def test_the_registered_feed_refreshes_unchanged_and_the_table_report_shows_its_row_error(population):
    from onward.meetings.sources import run_refresh  # noqa: PLC0415

    registered = MeetingSource.objects.get(next_refresh_at__isnull=False)
    assert run_refresh(registered.pk) == "ok"
    latest = registered.runs.order_by("-started_at", "-pk").first().report
    assert latest["counts"]["unchanged"] == registered.meetings.count() > 0
    assert latest["counts"]["created"] + latest["counts"]["updated"] + latest["counts"]["removed"] == 0
    uploaded = MeetingSource.objects.get(kind="table")
    (rejection,) = uploaded.runs.order_by("started_at").first().report["rejections"]
    assert (rejection["row"], rejection["column"], rejection["code"]) == (4, "Day", "day_invalid")


def test_the_demo_meetings_have_towns_and_points_so_near_a_town_and_my_location_find_them(population):
    from onward.meetings.search import SearchQuery, list_towns, search  # noqa: PLC0415

    in_person = Meeting.objects.filter(attendance__in=("in_person", "hybrid"))
    assert in_person.exists()
    assert not in_person.filter(latitude__isnull=True).exists()
    assert not in_person.filter(city="").exists()
    towns = {town.label: town for town in list_towns()}
    assert "Harborview, NY" in towns
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    harborview = towns["Harborview, NY"]
    near_town = search(
        SearchQuery(near=(harborview.latitude, harborview.longitude), radius_km=10), now=now, viewer_zone="UTC"
    )
    assert near_town
    assert all(hit.distance_km is not None and hit.distance_km <= 10 for hit in near_town)


def test_demo_passwords_are_refused_outside_demo_mode(population, settings):
    settings.DEMO = False
    with pytest.raises(RuntimeError):
        set_demo_passwords("onward-demo")


def test_the_report_shows_the_distributions(population):
    text = report(population)
    for title in (
        "people by level of care at the anchor",
        "appointments by status",
        "alerts by severity",
        "episode length, days",
        "days at residential",
        "consents by state at the anchor",
        "disclosures by record kind",
        "notifications by recipient role",
        "deliveries by status",
        "meetings by attendance",
    ):
        assert title in text


def test_a_second_run_into_a_filled_database_is_refused(population):
    with pytest.raises(InvalidInput) as caught:
        synthesize(people=1, seed=7, days=30, anchor=ANCHOR, stream=_Sink())
    assert "database" in caught.value.fields


def test_the_demo_person_has_a_plan_checkins_medication_a_detox_chart_and_meetings(population):
    jordan = Person.objects.get(account__email="person@demo.onward.test")
    plan = PlanVersion.objects.filter(person=jordan).order_by("-number").first()
    sam = NetworkMember.objects.get(person=jordan, supporter__email="supporter@demo.onward.test")
    assert plan is not None
    assert str(sam.public_id) in plan.people_to_call
    days = set(CheckIn.objects.filter(person=jordan).values_list("local_date", flat=True))
    history = {population.start + timedelta(days=n) for n in range(population.days)}
    assert days <= history
    assert 0.8 * len(history) < len(days) < len(history)  # a year, some days missed
    orders = MedicationOrder.objects.filter(person=jordan, medication="methadone")
    assert orders.count() == 2  # the first order, then the dose change
    assert orders.filter(stopped_at=None).count() == 1
    assert DoseEvent.objects.filter(person=jordan).count() > 300
    assert TakeHomeDispense.objects.filter(person=jordan).exists()
    detox = DetoxEpisode.objects.get(person=jordan)
    assert detox.started_at.date() == population.start
    assert CowsEntry.objects.filter(episode=detox).count() >= 20
    assert SavedMeeting.objects.filter(person=jordan).count() == 3
    assert AttendanceEntry.objects.filter(person=jordan).exists()
    # Care goes on past the anchor: the next visits are booked, within the booking horizon.
    coming = Appointment.objects.filter(person=jordan, starts_at__gte=population.anchor_at)
    assert coming.exists()
    assert set(coming.values_list("status", flat=True)) == {Status.BOOKED}
    assert coming.order_by("-starts_at").first().starts_at.date() < ANCHOR + timedelta(days=15)


def test_clinical_values_come_from_the_core_and_follow_the_reference(population):
    peaks = Counter()
    for episode in DetoxEpisode.objects.all():
        entries = list(CowsEntry.objects.filter(episode=episode).order_by("observed_at"))
        for entry in entries:
            result = cows.score(entry.items)
            assert (entry.total, entry.band) == (result.total, result.band)
        worst = max(entries, key=lambda e: e.total)
        peaks[(worst.observed_at - episode.last_use_at) // timedelta(hours=24) + 1] += 1
    assert peaks.most_common(1)[0][0] in (2, 3, 4)  # §11: worst on day 2-3 (methadone rows later)
    for dispense in TakeHomeDispense.objects.select_related("order"):
        assert dispense.days_supply <= dispense.max_days
        assert dispense.max_days == methadone_take_homes.ceiling_days(dispense.day_in_treatment)
    for assessment in ReadinessAssessment.objects.all():
        assert assessment.result["band"] == assessment.band
    returns = ReturnToUse.objects.count()
    assert returns > 0
    assert CheckIn.objects.filter(used=True).count() == returns


def test_buprenorphine_notices_and_xr_ntx_follow_the_core(population):
    bup = MedicationOrder.objects.filter(medication="buprenorphine")
    assert bup.exists()
    for order in bup:
        result = bup_dose_notices.assess([order.dose_mg], [order.dose_mg])
        assert order.first_day_check["notices"] == list(result.flags)
        assert bool(order.start_reason) is bool(result.flags) or order.readiness_band != "ready"
    noticed = DoseEvent.objects.filter(order__medication="buprenorphine").exclude(higher_dose_reason="")
    assert all(d.first_day_check["band"] == "notice" for d in noticed)
    injections = DoseEvent.objects.filter(order__schedule="every_4_weeks").order_by("person_id", "given_on")
    assert injections.exists()
    by_person = {}
    for injection in injections:
        assert injection.dose_mg == 380  # clinical-reference §9
        by_person.setdefault(injection.person_id, []).append(injection.given_on)
    for person_id, days in by_person.items():
        assert all((b - a).days == 28 for a, b in pairwise(days))
        windows = list(RiskEvent.objects.filter(person_id=person_id, trigger="xr_ntx_overdue"))
        overdue = (ANCHOR - timedelta(days=1) - days[-1]).days > 28
        assert [(w.on, w.recorded_by_id) for w in windows] == (
            [(days[-1] + timedelta(days=29), None)] if overdue else []
        )
        assert Alert.objects.filter(person_id=person_id, kind="medication.ntx_blockade_waning").count() == len(windows)
    assert RiskEvent.objects.filter(trigger="xr_ntx_overdue").exists()


def test_check_ins_ask_about_medication_on_order_days_and_name_the_meetings_logged(population):
    jordan = Person.objects.get(account__email="person@demo.onward.test")
    first_order = MedicationOrder.objects.filter(person=jordan).order_by("starts_on").first()
    checkins = CheckIn.objects.filter(person=jordan)
    assert not checkins.filter(local_date__lt=first_order.starts_on).exclude(medication_taken=None).exists()
    on_medication = checkins.filter(local_date__gt=first_order.starts_on)
    assert not on_medication.filter(medication_taken=None).exists()
    assert on_medication.filter(medication_taken=True).count() > on_medication.filter(medication_taken=False).count()
    logged = {
        (day, str(public_id))
        for day, public_id in AttendanceEntry.objects.filter(person=jordan).values_list(
            "attended_on", "meeting__public_id"
        )
    }
    named = {(c.local_date, m) for c in checkins for m in c.meetings}
    assert named
    assert named <= logged
    assert {(d, m) for d, m in logged if checkins.filter(local_date=d).exists()} == named


def test_check_in_alerts_after_the_plan_quote_it(population):
    with_plan = Alert.objects.filter(kind__startswith="checkins.").exclude(plan_response="")
    assert with_plan.exists()
    for alert in with_plan[:50]:
        plan = PlanVersion.objects.filter(person=alert.person).order_by("-number").first()
        # The quote comes with a raise after the plan: the opening one, or a repeat (raise_alert keeps it).
        assert plan.created_at <= alert.last_raised_at
    first_raised = Alert.objects.filter(kind__startswith="checkins.", times_raised=1).exclude(plan_response="")
    for alert in first_raised[:50]:
        plan = PlanVersion.objects.filter(person=alert.person).order_by("-number").first()
        assert plan.created_at <= alert.created_at


def test_the_demo_shows_program_setup_waiting_expiring_deactivated_and_people_without_login(population):
    from onward.accounts import selectors as accounts  # noqa: PLC0415
    from onward.accounts.models import Invitation  # noqa: PLC0415

    at = population.anchor_at
    robin = User.objects.get(email=invitations.PENDING_STAFF[1])
    assert accounts.pending_invitation(robin, at=at) is not None
    assert not robin.has_usable_password()
    assert not User.objects.get(email=invitations.DEACTIVATED_STAFF[1]).is_active
    home = population.shared["programs"][0].pk
    due = accounts.credentials_to_renew({home}, on=ANCHOR)
    assert any(0 <= row.days_left <= accounts.CREDENTIAL_WARNING_DAYS for row in due)
    casey = Person.objects.get(preferred_name="Casey", legal_name="Casey Morales")
    code = accounts.pending_invitation(casey.account, at=at)
    assert code is not None
    assert code.kind == "code"
    assert casey.account.email.startswith(casey.record_number.lower())
    assert Person.objects.get(legal_name="Taylor Brooks").account is None
    assert Invitation.objects.count() == 2
