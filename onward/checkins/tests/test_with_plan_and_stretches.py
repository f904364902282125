"""The check-in and the person's plan and stretches, connected: the person's own triggers and warning
signs are offered, and use reported in a check-in starts a new stretch with one alert, not two."""

import pytest

from onward.alerts.models import Alert
from onward.checkins import selectors, services
from onward.people.access import access_person
from onward.plans.services import save_plan
from onward.recovery.models import ReturnToUse

NOW = "2026-03-10T18:00:00Z"
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "sleep_hours": "7.5", "support_contact": True}


@pytest.fixture
def own(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")


def _plan(personas, **changes):
    access = access_person(personas.person.account, personas.person.public_id, kind="plan", action="write")
    values = {
        "triggers": [{"kind": "social", "trigger": "old friends calling", "response": "call my sponsor"}],
        "warning_signs": ["skipping meals", "Irritability"],
        "coping_skills": [],
        "reasons": [],
        "people_to_call": [],
        "safe_places": [],
        "daily_routine": [],
        "if_i_use": [],
    }
    return save_plan(access=access, **(values | changes))


def test_without_a_plan_the_reference_kinds_and_signs_are_offered(own):
    assert selectors.list_own_trigger_kinds(own.person) == selectors.TRIGGER_KINDS
    assert selectors.list_own_warning_signs(own.person) == selectors.WARNING_SIGNS


def test_the_plan_adds_the_persons_own_words(own, personas):
    _plan(personas)
    kinds = dict(selectors.list_own_trigger_kinds(own.person))
    assert kinds["social"] == "Social (people, events): old friends calling"
    assert kinds["mental"] == "Mental (thoughts, memories)"
    signs = selectors.list_own_warning_signs(own.person)
    assert signs[-1] == ("own:skipping meals", "skipping meals")
    assert len(signs) == len(selectors.WARNING_SIGNS) + 1  # "Irritability" is already a seed sign
    done = services.record_checkin(access=own, answers=ANSWERS | {"warning_signs": ["own:skipping meals"]})
    assert done.checkin.warning_signs == ["own:skipping meals"]


def test_use_reported_in_a_check_in_starts_a_new_stretch_with_one_alert(own):
    services.record_checkin(access=own, answers=ANSWERS | {"used": True, "substances": ["fentanyl"]})
    services.record_checkin(access=own, answers=ANSWERS | {"used": True, "substances": ["heroin"]})  # an edit
    (reported,) = ReturnToUse.objects.filter(person=own.person)
    assert (str(reported.used_on), reported.source) == ("2026-03-10", "checkin")
    assert Alert.objects.filter(person=own.person, severity="high").count() == 1


def test_a_check_in_without_use_starts_no_stretch(own):
    services.record_checkin(access=own, answers=ANSWERS)
    assert not ReturnToUse.objects.exists()


def test_a_high_craving_alert_carries_the_plan_response_for_the_triggers_reported(own, personas):
    _plan(personas, coping_skills=["a walk round the block"])
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 9, "triggers": ["social"]})
    alert = Alert.objects.get(person=own.person, kind="checkins.craving_high")
    assert alert.plan_response == "When old friends calling: call my sponsor; Coping skills: a walk round the block"


def test_a_trigger_of_another_kind_leaves_only_the_coping_skills(own, personas):
    _plan(personas, coping_skills=["a walk round the block"])
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 9, "triggers": ["physical"]})
    alert = Alert.objects.get(person=own.person, kind="checkins.craving_high")
    assert alert.plan_response == "Coping skills: a walk round the block"


def test_without_a_plan_the_alert_has_its_reasons_only(own):
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 9, "triggers": ["social"]})
    assert Alert.objects.get(person=own.person, kind="checkins.craving_high").plan_response == ""
