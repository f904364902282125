"""Each early-warning signal matched to the parts of the person's plan written for it."""

import pytest

from onward.checkins.plan_responses import MAX_LENGTH, plan_response
from onward.clinical.early_warning import Kind
from onward.people.access import access_person
from onward.plans.services import add_member, remove_member, save_plan

EMPTY: dict[str, list[str]] = {
    "triggers": [],
    "warning_signs": [],
    "coping_skills": [],
    "reasons": [],
    "people_to_call": [],
    "safe_places": [],
    "daily_routine": [],
    "if_i_use": [],
}


def _access(personas):
    return access_person(personas.person.account, personas.person.public_id, kind="plan", action="write")


def _plan(personas, **values):
    return save_plan(access=_access(personas), **(EMPTY | values))


def test_isolation_and_missed_check_ins_name_the_people_to_call_in_the_plan_order(personas):
    sam = add_member(access=_access(personas), name="Sam", kind="sponsor", phone="555 0100")
    kit = add_member(access=_access(personas), name="Kit", kind="friend", phone="555 0101")
    plan = _plan(personas, people_to_call=[str(kit.public_id), str(sam.public_id)])
    assert plan_response(Kind.ISOLATION, plan, trigger_kinds=[]) == "People to call: Kit, Sam"
    assert plan_response(Kind.MISSED_CHECKINS, plan, trigger_kinds=[]) == "People to call: Kit, Sam"
    remove_member(access=_access(personas), member=kit)
    assert plan_response(Kind.ISOLATION, plan, trigger_kinds=[]) == "People to call: Sam"


def test_sleep_collapse_gives_the_daily_routine_and_reported_use_the_if_i_use_steps(personas):
    plan = _plan(personas, daily_routine=["lights out at 11"], if_i_use=["call Sam"], naloxone_where="kitchen drawer")
    assert plan_response(Kind.SLEEP_COLLAPSE, plan, trigger_kinds=[]) == "Daily routine: lights out at 11"
    assert plan_response(Kind.REPORTED_USE, plan, trigger_kinds=[]) == "call Sam; Naloxone is kept: kitchen drawer"


@pytest.mark.parametrize("kind", list(Kind))
def test_an_empty_plan_or_no_plan_says_nothing(personas, kind):
    assert plan_response(kind, None, trigger_kinds=["social"]) == ""
    assert plan_response(kind, _plan(personas), trigger_kinds=["social"]) == ""


def test_a_long_response_is_cut_to_an_alert_line(personas):
    plan = _plan(personas, coping_skills=[f"skill number {n} written out at some length" for n in range(25)])
    text = plan_response(Kind.WARNING_SIGNS, plan, trigger_kinds=[])
    assert len(text) == MAX_LENGTH
    assert text.endswith("…")
