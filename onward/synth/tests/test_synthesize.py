"""The synthetic population: lengths inside their cited ranges, audit chains that verify, the demo
cast signs in, and the demo person has a year of history."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.test import Client

from onward.accounts.models import User
from onward.alerts.models import Alert
from onward.audit.models import AuditEvent, HeadsDigest
from onward.audit.verify import verify_all
from onward.care.models import Appointment, Status, StatusChange
from onward.core.errors import InvalidInput
from onward.jobs.schedule import enqueue_due
from onward.people.models import Episode, LevelOfCareSegment, Person
from onward.synth import pathways
from onward.synth.demo import LOGINS, set_demo_passwords
from onward.synth.generate import report, synthesize

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


def test_every_table_is_filled_and_the_audit_chains_verify(population):
    assert Person.objects.count() == 40
    for table in (
        "accounts_user",
        "people_episode",
        "people_episoderevision",
        "people_levelofcaresegment",
        "people_profilerevision",
        "care_appointment",
        "care_statuschange",
        "alerts_alert",
        "audit_auditevent",
        "audit_chainhead",
        "accounts_careteammembership",
    ):
        assert population.written[table] > 0, table
    assert verify_all() == []


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
    ):
        assert title in text


def test_a_second_run_into_a_filled_database_is_refused(population):
    with pytest.raises(InvalidInput) as caught:
        synthesize(people=1, seed=7, days=30, anchor=ANCHOR, stream=_Sink())
    assert "database" in caught.value.fields
