"""A reported return to use starts a new stretch, keeps the history and tells the care team; a help
request reaches supporters whose consent covers help requests, and only them, and the care team."""

from datetime import UTC, date, datetime

import pytest

from onward.alerts.models import Alert
from onward.consent.services import give_consent
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.core.neutral import forbidden_words_in
from onward.notifications.models import Notification
from onward.people.access import access_person
from onward.people.models import Person
from onward.plans.services import save_plan
from onward.recovery import selectors, services
from onward.recovery.models import ReturnToUse
from tests.factories import place

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # 2 March 2026, noon in Chicago

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def own(personas, kind, action="write"):
    return access_person(personas.person.account, personas.person.public_id, kind=kind, action=action)


def write_plan(personas):
    return save_plan(
        access=own(personas, "plan"),
        triggers=[],
        warning_signs=[],
        coping_skills=["walk around the block", "call Pat"],
        reasons=["my daughter"],
        people_to_call=[],
        safe_places=[],
        daily_routine=[],
        if_i_use=["text Pat where I am"],
        naloxone_where="in my backpack",
    )


def consent(personas, scopes):
    give_consent(
        access=own(personas, "consents"),
        recipient_email=personas.supporter.email,
        scopes=scopes,
        purpose="so Sam can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )


def test_a_return_to_use_starts_a_new_stretch_and_keeps_the_start_date_and_history(personas):
    services.report_return_to_use(access=own(personas, "checkins"), on=date(2026, 2, 20), note="at a party")
    found = selectors.get_history(own(personas, "checkins", "read"))
    assert found is not None
    assert found.history.current.started_on == date(2026, 2, 21)
    assert found.earlier == ((date(2025, 1, 15), date(2026, 2, 19), 401),)
    assert found.history.total_days == 401 + 10  # 21 Feb to 2 Mar 2026
    assert found.history.longest_days == 401
    assert Person.objects.get(pk=personas.person.pk).recovery_started_on == date(2025, 1, 15)
    assert [m.label for m in found.milestones if m.reached] == ["1 day", "7 days"]


def test_the_care_team_gets_a_high_alert_with_the_plans_if_i_use_steps(personas):
    place(personas.person, by=personas.counselor, admitted_on=date(2025, 1, 15))
    write_plan(personas)
    services.report_return_to_use(access=own(personas, "checkins"), on=date(2026, 3, 1))
    alert = Alert.objects.get(kind=services.RETURN_TO_USE_ALERT)
    assert alert.severity == "high"
    assert alert.source_rule == "clinical-reference §21 reported_use"
    assert "overdose" in " ".join(alert.reasons)
    assert alert.plan_response == "text Pat where I am; Naloxone is kept: in my backpack"
    assert Notification.objects.filter(recipient=personas.counselor).count() == 1


@pytest.mark.parametrize(
    ("on", "field_text"),
    [(date(2026, 3, 3), "after today"), (date(2025, 1, 14), "before your recovery start")],
)
def test_a_return_to_use_is_dated_between_the_recovery_start_and_today(personas, on, field_text):
    with pytest.raises(InvalidInput) as raised:
        services.report_return_to_use(access=own(personas, "checkins"), on=on)
    assert field_text in raised.value.fields["on"]
    assert ReturnToUse.objects.count() == 0


def test_the_same_day_twice_is_a_conflict_not_a_second_record(personas):
    services.report_return_to_use(access=own(personas, "checkins"), on=date(2026, 3, 1))
    with pytest.raises(Conflict):
        services.report_return_to_use(access=own(personas, "checkins"), on=date(2026, 3, 1))
    assert ReturnToUse.objects.count() == 1


def test_only_the_person_reports_a_return_to_use(personas):
    with pytest.raises(Forbidden):
        access_person(personas.counselor, personas.person.public_id, kind="checkins", action="write")


def test_a_help_request_reaches_a_supporter_with_the_help_requests_scope_in_neutral_words(personas):
    write_plan(personas)
    consent(personas, ["help_requests"])
    sent = services.request_help(access=own(personas, "help_requests"), message="please call me tonight")
    note = Notification.objects.get(recipient=personas.supporter)
    assert note.link == f"/supporting/{personas.person.public_id}/"
    assert note.urgent
    assert forbidden_words_in(note.title + note.body) == []
    assert sent.request.supporters_notified == 1
    assert "1 supporter with consent to receive requests for help was told." in sent.alert.reasons
    assert sent.coping_skills == ("walk around the block", "call Pat")
    assert sent.alert.kind == services.HELP_REQUEST_ALERT
    assert not sent.alert.clinical  # the peer recovery coach sees it too


def test_a_help_request_does_not_reach_a_supporter_without_that_scope(personas):
    consent(personas, ["progress", "alerts"])
    sent = services.request_help(access=own(personas, "help_requests"))
    assert sent.request.supporters_notified == 0
    assert not any("supporter(s)" in reason for reason in sent.alert.reasons)
    assert sent.alert.reasons[-1].startswith("No supporter was told")
    # The supporter holds `alerts`, so the alert itself reaches them through alert routing; the help
    # request's own message does not.
    titles = list(Notification.objects.filter(recipient=personas.supporter).values_list("title", flat=True))
    assert all("asked you to get in touch" not in t for t in titles)


def test_a_supporter_with_the_check_in_streak_scope_does_not_see_returns_to_use(personas):
    consent(personas, ["checkin_streak"])
    services.report_return_to_use(access=own(personas, "checkins"), on=date(2026, 3, 1))
    seen = access_person(personas.supporter, personas.person.public_id, kind="checkins", action="read")
    with pytest.raises(Forbidden):
        selectors.get_history(seen)
