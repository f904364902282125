"""synth writes through the production rules: the same inputs at the same moment give the same alert,
the same recipients, notifications and deliveries as the services, and the synthetic alerts of each
kind are the ones the area's own builder makes from the synthetic records."""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings

from onward.accounts.selectors import list_care_team
from onward.alerts.models import Alert
from onward.alerts.services import raise_alert, resolve_alert
from onward.audit.models import AuditEvent
from onward.checkins.models import RaisedSignal
from onward.clinical import early_warning
from onward.clinical.instruments import cows
from onward.consent.services import disclosure, give_consent, record_disclosure
from onward.core.errors import InvalidInput
from onward.medication.doses import missed_dose_alert
from onward.medication.models import DoseEvent, MedicationOrder
from onward.medication.program_settings import core_settings
from onward.notifications.models import Delivery, Notification
from onward.notifications.tests.factories import choose
from onward.people.access import access_person
from onward.recovery.models import HelpRequest, ReturnToUse
from onward.recovery.services import report_return_to_use
from onward.reminders.models import ReminderSettings
from onward.reminders.services import FIELDS, update_settings
from onward.synth import alerts as synth_alerts
from onward.synth import checkins as synth_checkins
from onward.synth import consent as synth_consent
from onward.synth import notifications as synth_notifications
from onward.synth import reminders as synth_reminders
from onward.synth.generate import synthesize
from onward.synth.population import Population, Row
from onward.synth.subject import Subject
from onward.withdrawal.detox import cows_alert
from onward.withdrawal.discharge import flag_reasons
from onward.withdrawal.models import CowsEntry, DetoxDischarge, OverdoseEvent, RiskEvent
from onward.withdrawal.risk import overdose_reasons

AT = datetime(2026, 2, 10, 23, 59, 59, tzinfo=UTC)  # one second before the synthetic anchor
ANCHOR = date(2026, 2, 11)
ALERT_FIELDS = (
    "kind",
    "dedupe_key",
    "severity",
    "clinical",
    "addressed_to_person",
    "reasons",
    "source_rule",
    "plan_response",
    "state",
    "times_raised",
    "last_raised_at",
    "created_at",
)


def synthetic(personas):
    population = Population(rng=random.Random(3), anchor=ANCHOR, days=365, people=1)  # noqa: S311
    team = {role: [_row(personas.users[role])] for role in ("counselor", "coach")}
    person = Row(pk=personas.person.pk, public_id=personas.person.public_id, time_zone=personas.person.time_zone)
    return population, Subject(index=1, person=person, team=team, account=_row(personas.users["person"]))


def _row(user):
    return Row(pk=user.pk, role=user.role, email=user.email, is_active=user.is_active, display_name=user.display_name)


def raised_events(population):
    return [(e.action, e.at, e.detail) for e in population.events]


def production_events(alert):
    # Insertion order: on PostgreSQL an event's seq is given when the transaction commits.
    events = AuditEvent.objects.filter(object_type="alert", object_id=str(alert.public_id)).order_by("id")
    return [(e.action, e.at, e.detail) for e in events]


def test_synth_raises_the_alert_raise_alert_keeps_and_repeats_it_the_same_way(personas, time_machine):
    spec = {
        "kind": "contact.isolation",
        "severity": "medium",
        "reasons": ["no contact for 5 days"],
        "source_rule": "§21",
        "dedupe_key": "week 6",
        "plan_response": "call Sam",
        "clinical": False,
        "addressed_to_person": True,
    }
    raises = [
        (AT - timedelta(hours=3), spec),
        (AT - timedelta(hours=2), spec | {"severity": "high", "reasons": ["no contact for 6 days"]}),
        (
            AT - timedelta(hours=1),
            spec | {"severity": "low", "reasons": ["no contact for 7 days"], "plan_response": ""},
        ),
    ]
    for at, values in raises:
        time_machine.move_to(at, tick=False)
        kept = raise_alert(person=personas.person, **values)
    population, subject = synthetic(personas)
    rows = [synth_alerts.raise_synthetic(population, subject, raised_at=at, **values) for at, values in raises]

    assert rows[0] is rows[1] is rows[2]
    assert {f: getattr(rows[0], f) for f in ALERT_FIELDS} == {f: getattr(kept, f) for f in ALERT_FIELDS}
    assert (kept.severity, kept.times_raised, kept.plan_response) == ("high", 3, "call Sam")
    assert raised_events(population) == production_events(kept)
    assert [a.severity for a in subject.alerts] == ["medium"]  # notified once, as it opened


def test_after_the_alert_is_resolved_the_same_kind_and_key_opens_a_new_one_in_both(personas, time_machine):
    spec = {"kind": "cows.high", "severity": "medium", "reasons": ["COWS 26"], "source_rule": "§1", "dedupe_key": "e"}
    first_at, again_at = AT - timedelta(days=60), AT - timedelta(days=30)  # synth resolves it within 9 days
    time_machine.move_to(first_at, tick=False)
    first = raise_alert(person=personas.person, **spec)
    time_machine.move_to(first_at + timedelta(days=3))
    counselor = access_person(personas.counselor, personas.person.public_id, kind="alerts", action="act")
    resolve_alert(access=counselor, alert=first, note="seen")
    time_machine.move_to(again_at, tick=False)
    second = raise_alert(person=personas.person, **spec)
    population, subject = synthetic(personas)
    old = synth_alerts.raise_synthetic(population, subject, raised_at=first_at, **spec)
    new = synth_alerts.raise_synthetic(population, subject, raised_at=again_at, **spec)

    assert first.pk != second.pk
    assert old is not new
    assert {f: getattr(new, f) for f in ALERT_FIELDS} == {f: getattr(second, f) for f in ALERT_FIELDS}


def test_a_synthetic_alert_refuses_what_raise_alert_refuses(personas):
    population, subject = synthetic(personas)
    for bad in ({"severity": "urgent"}, {"reasons": []}):
        spec = {"kind": "k", "severity": "low", "reasons": ["r"], "source_rule": "s"} | bad
        with pytest.raises(InvalidInput) as refused:
            raise_alert(person=personas.person, **spec)
        with pytest.raises(InvalidInput) as refused_too:
            synth_alerts.raise_synthetic(population, subject, raised_at=AT, **spec)
        assert refused_too.value.fields == refused.value.fields


@pytest.mark.parametrize(
    ("choices", "severity"),
    [
        ({}, "medium"),
        ({"quiet_start": time(17), "quiet_end": time(8)}, "medium"),  # 17:59 in Chicago: held until 08:00
        ({"quiet_start": time(17), "quiet_end": time(8)}, "high"),  # urgent, but held: the person's choice wins
        ({"quiet_start": time(17), "quiet_end": time(8), "urgent_during_quiet_hours": True}, "high"),
        ({"sms_enabled": True, "phone": "+15555550123", "email_enabled": False}, "high"),
        ({"outside_off_kinds": ["alert"]}, "medium"),
    ],
)
def test_synth_notifies_whom_routing_names_with_the_deliveries_notify_writes(personas, time_machine, choices, severity):
    time_machine.move_to(AT - timedelta(days=1))
    give_consent(
        access=access_person(personas.person.account, personas.person.public_id, kind="consents", action="write"),
        recipient_email=personas.supporter.email,
        scopes=["alerts"],
        purpose="so Sam can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )
    recipients = [*list_care_team(personas.program.pk, on=AT.date()), personas.person.account, personas.supporter]
    for user in recipients:
        choose(user, **choices)
    time_machine.move_to(AT, tick=False)
    # A kind the `alerts` scope shares with supporters (alerts.kinds), so the supporter is routed too.
    spec = {
        "kind": "checkins.missed",
        "severity": severity,
        "reasons": ["r"],
        "source_rule": "s",
        "addressed_to_person": True,
    }
    raise_alert(person=personas.person, clinical=True, **spec)

    population, subject = synthetic(personas)
    population.shared["care_teams"] = {personas.program.pk: [_row(u) for u in recipients[:-2]]}
    subject.program = Row(pk=personas.program.pk)
    subject.consents = [  # the synthetic row of the consent above: signed before, in force at AT
        Row(
            recipient=_row(personas.supporter),
            scopes=["alerts"],
            signed_at=AT - timedelta(days=1),
            ends_at=AT + timedelta(days=30),
        )
    ]
    population.shared["preferences"] = {
        user.pk: synth_notifications._saved(_row(user), "America/Chicago", updated=AT.date(), **_synthetic(choices))
        for user in recipients
    }
    synth_alerts.raise_synthetic(population, subject, raised_at=AT, clinical=True, **spec)
    synth_notifications.person(population, subject)

    def written(notification):
        team = (notification.topic, notification.team_title, notification.team_detail)  # staff only (issue 15)
        return (notification.recipient_id, notification.link, notification.kind, notification.urgent, team)

    produced = sorted(written(n) for n in Notification.objects.all())
    synthetic_rows = population.rows[Notification]
    assert sorted(written(n) for n in synthetic_rows) == produced
    assert {n.title for n in synthetic_rows} == set(Notification.objects.values_list("title", flat=True))
    by_pk = {n.pk: n.recipient_id for n in synthetic_rows}
    deliveries = sorted(
        (d.notification.recipient_id, d.channel, d.status, d.hold_until) for d in Delivery.objects.all()
    )
    assert (
        sorted((by_pk[d.notification_id], d.channel, d.status, d.hold_until) for d in population.rows[Delivery])
        == deliveries
    )
    assert {n[0] for n in produced} >= {personas.supporter.pk, personas.person.account.pk}


def _synthetic(choices):
    """The production choices as synth's `_saved` names them."""
    names = {"email_enabled": "email", "sms_enabled": "sms", "urgent_during_quiet_hours": "urgent"}
    values = {names.get(k, k): v for k, v in choices.items() if k not in ("quiet_start", "quiet_end")}
    if "outside_off_kinds" in values:
        values["off"] = values.pop("outside_off_kinds")
    if "quiet_start" in choices:
        values["quiet"] = (choices["quiet_start"], choices["quiet_end"])
    return values


class _Sink:
    def write(self, text):
        pass

    def flush(self):
        pass


def test_each_synthetic_alert_is_what_its_areas_builder_makes_of_the_synthetic_records(db):
    synthesize(people=40, seed=11, days=365, anchor=date(2026, 3, 1), stream=_Sink())
    checked = set()
    for alert in Alert.objects.filter(kind="cows.high").select_related("person"):
        episode_entries = CowsEntry.objects.filter(episode__public_id=alert.dedupe_key)
        latest = episode_entries.filter(observed_at__lt=alert.last_raised_at).order_by("-observed_at").first()
        expected = cows_alert(cows.score(latest.items), observed_at=latest.observed_at, episode=latest.episode)
        assert {k: getattr(alert, k) for k in expected} == expected
        checked.add(alert.kind)
    for discharge in DetoxDischarge.objects.exclude(missing=[]).select_related("episode", "next_appointment"):
        alert = Alert.objects.get(kind="detox.unsafe_discharge", dedupe_key=str(discharge.episode.public_id))
        assert alert.reasons == flag_reasons(discharge)
        assert alert.severity == "high"
        checked.add(alert.kind)
    for request in HelpRequest.objects.all():
        # Raised a second after the request, or (as raise_alert does) the person's open one raised again.
        raised = request.created_at + timedelta(seconds=1)
        alert = Alert.objects.get(
            kind="recovery.help_requested", person=request.person, created_at__lte=raised, last_raised_at__gte=raised
        )
        assert alert.source_rule == "Onward policy: help request (issue 6)"
        assert alert.clinical is False
        checked.add(alert.kind)
    for signal in RaisedSignal.objects.all()[:300]:
        alert = Alert.objects.get(public_id=signal.alert_id)
        assert alert.kind == signal.kind
        assert alert.dedupe_key == ""  # as evaluate_person raises them: one open alert per kind
        assert alert.source_rule.startswith(f"early_warning {signal.kind} (clinical-reference §21")
        checked.add("checkins")
    for event in OverdoseEvent.objects.all():
        alert = Alert.objects.get(kind="overdose.event", dedupe_key=str(event.public_id))
        assert alert.reasons == overdose_reasons(event)
        assert alert.created_at == event.created_at
        checked.add(alert.kind)
    for alert in Alert.objects.filter(kind="medication.missed_doses"):
        order = MedicationOrder.objects.select_related("person").get(public_id=alert.dedupe_key)
        log = DoseEvent.objects.filter(order=order, occurred_at__lt=alert.last_raised_at).order_by(
            "given_on", "occurred_at"
        )
        settings = core_settings(order.person.program_id).missed
        expected = missed_dose_alert(order, [d.outcome for d in log], settings=settings)
        assert {k: getattr(alert, k) for k in expected} == expected
        checked.add(alert.kind)
    for window in RiskEvent.objects.select_related("person"):  # risk_window refuses a day still to come
        assert window.on <= window.created_at.astimezone(ZoneInfo(window.person.time_zone)).date()
    assert Alert.objects.filter(kind__startswith="checkins.", times_raised__gt=1).exists()
    kinds = {"cows.high", "detox.unsafe_discharge", "recovery.help_requested", "overdose.event", "checkins"}
    assert kinds | {"medication.missed_doses"} <= checked
    assert early_warning.Kind.REPORTED_USE in set(RaisedSignal.objects.values_list("kind", flat=True))


def test_a_synthetic_consent_and_its_disclosures_are_what_the_consent_services_write(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    access = access_person(personas.person.account, personas.person.public_id, kind="consents", action="write")
    given = give_consent(
        access=access,
        recipient_email=personas.supporter.email,
        scopes=["plan", "alerts"],
        purpose="So Sam can help.",
        expires_on=date(2026, 5, 31),
        signature_name=personas.person.legal_name or personas.person.preferred_name,
    )
    disclosed = record_disclosure(actor=personas.supporter, person=personas.person, consent=given, kind="plan")
    population, subject = synthetic(personas)
    subject.program = Row(pk=personas.program.pk, name=personas.program.name)
    subject.person.__dict__.update(legal_name=personas.person.legal_name, preferred_name=personas.person.preferred_name)
    supporter = _row(personas.supporter)
    row = synth_consent._consent(
        population, subject, supporter, ["plan", "alerts"], "So Sam can help.", AT, given.expires_on
    )
    fields = (
        "recipient_name",
        "discloser_name",
        "scopes",
        "purpose",
        "expires_on",
        "expires_at",
        "signature_name",
        "signed_at",
    )
    assert {f: getattr(row, f) for f in (*fields, "signed_at")} == {
        f: getattr(given, f) for f in (*fields, "signed_at")
    }
    made = disclosure(row, recipient_name=supporter.display_name, kind="plan", at=AT)
    assert made == {f: getattr(disclosed, f) for f in made}


def test_saved_choices_are_what_update_preferences_and_update_settings_keep(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    user = personas.users["nurse"]
    kept = choose(user, sms_enabled=True, phone="+1 555 555 0123", quiet_start=time(22), quiet_end=time(7))
    event = AuditEvent.objects.get(action="notifications.preferences_changed")
    night = (time(22), time(7))
    saved = synth_notifications._saved(  # staff: the default zone is the site's, as choose_preference says
        _row(user),
        "America/Chicago",
        updated=AT.date(),
        sms=True,
        phone="+1 555 555 0123",
        quiet=night,
        default_zone=django_settings.TIME_ZONE,
    )
    assert saved["values"] == {name: getattr(kept, name) for name in saved["values"]}
    assert saved["changed"] == event.detail["changed"]
    with pytest.raises(InvalidInput):
        synth_notifications._saved(_row(user), "America/Chicago", updated=AT.date(), sms=True)

    own = access_person(personas.person.account, personas.person.public_id, kind="reminders", action="write")
    reminders = update_settings(access=own, **(synth_reminders.DEFAULTS | synth_reminders.DEMO))
    population = Population(rng=random.Random(3), anchor=ANCHOR, days=365, people=1)  # noqa: S311
    person = Row(pk=personas.person.pk, public_id=personas.person.public_id)
    population.shared["reminder_people"] = [
        (person, _row(personas.person.account), AT.date() - timedelta(days=40), True)
    ]
    synth_reminders.finish(population)
    (row,) = population.rows[ReminderSettings]
    assert {name: getattr(row, name) for name in FIELDS} == {name: getattr(reminders, name) for name in FIELDS}
    changed = AuditEvent.objects.get(action="reminders.changed").detail["changed"]
    assert population.events[-1].detail["changed"] == changed


def test_a_return_to_use_in_a_synthetic_check_in_is_the_one_report_return_to_use_keeps(personas, time_machine):
    day = AT.date() - timedelta(days=2)
    time_machine.move_to(AT, tick=False)
    own = access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")
    kept = report_return_to_use(access=own, on=day, source="checkin", alert=False)
    population, subject = synthetic(personas)
    subject.person.recovery_started_on = personas.person.recovery_started_on
    synth_checkins._return_to_use(population, subject, (subject.person.pk, str(subject.person.public_id)), day)
    (row,) = population.rows[ReturnToUse]
    assert {f: getattr(row, f) for f in ("used_on", "source", "note")} == {
        f: getattr(kept, f) for f in ("used_on", "source", "note")
    }
    event = AuditEvent.objects.get(action="recovery.return_to_use_reported")
    assert population.events[-1].detail == event.detail
    before_start = personas.person.recovery_started_on - timedelta(days=1)
    with pytest.raises(InvalidInput):
        synth_checkins._return_to_use(population, subject, (subject.person.pk, ""), before_start)
