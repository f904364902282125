"""Readiness from the core with program settings, and orders that warn and ask for a reason."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from onward.accounts.selectors import admin_program_ids  # noqa: F401 - the admin path under test
from onward.audit.models import AuditEvent
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.medication import orders, program_settings, readiness
from onward.medication.models import MedicationOrder, ReadinessAssessment
from onward.medication.tests.helpers import order, prescribing

T = datetime(2025, 3, 2, 9, tzinfo=UTC)


def bup(personas, *, total, signs=True, kind="short_acting", last=datetime(2025, 3, 1, 20, tzinfo=UTC)):
    return readiness.record_bup_readiness(
        access=prescribing(personas),
        assessed_at=T,
        cows_total=total,
        cows_scored_at=T,
        objective_signs=signs,
        last_use=[readiness.LastUse(kind, last)],
    )


def test_buprenorphine_readiness_is_stored_with_inputs_reasons_and_who(personas):
    assessment = bup(personas, total=9)  # reference §7 example: 13 h after heroin, COWS 9 + signs
    assert assessment.band == "ready"
    assert assessment.inputs["cows_total"] == 9
    assert assessment.result["settings"]["min_cows"] == 8
    assert assessment.recorded_by == personas.prescriber
    assert AuditEvent.objects.filter(action="medication.readiness.recorded", person=personas.person).exists()


def test_the_program_threshold_comes_from_the_program_settings_and_changes_are_audited(personas):
    program_settings.update_program_settings(
        actor=personas.program_admin, program=personas.program, values={"bup_min_cows": 12}
    )
    assert bup(personas, total=9).band == "not_ready"  # reference §7 example with threshold 12
    event = AuditEvent.objects.get(action="medication.settings.changed")
    assert event.detail["changed"] == {"bup_min_cows": {"old": 8, "new": 12}}


def test_only_the_programs_admins_change_settings_and_bad_values_are_named(personas):
    with pytest.raises(Forbidden):
        program_settings.update_program_settings(
            actor=personas.prescriber, program=personas.program, values={"bup_min_cows": 12}
        )
    with pytest.raises(InvalidInput) as caught:
        program_settings.update_program_settings(
            actor=personas.program_admin,
            program=personas.program,
            values={"take_home_state_max_days": 29, "ntx_min_opioid_free_days": 11},
        )
    assert set(caught.value.fields) == {"take_home_state_max_days", "ntx_min_opioid_free_days"}


def test_a_fentanyl_readiness_warns_of_precipitated_withdrawal(personas):
    assessment = bup(personas, total=11, kind="fentanyl")
    assert assessment.band == "ready"
    assert "precipitated_withdrawal_risk" in assessment.flags


def test_naltrexone_readiness_counts_opioid_free_days(personas):
    assessment = readiness.record_ntx_readiness(
        access=prescribing(personas),
        assessed_at=datetime(2025, 5, 8, 10, tzinfo=UTC),
        last_opioid_at=datetime(2025, 5, 1, 22, tzinfo=UTC),
        last_agonist_moud_at=None,
        withdrawal_signs=False,
        urine_opioid_positive=False,
        challenge_result="none",
        challenge_at=None,
    )
    assert assessment.band == "not_ready"  # reference §9 example: 6 days
    assert ReadinessAssessment.objects.count() == 1


@pytest.mark.parametrize(("total", "needs_reason"), [(7, True), (8, False)])
def test_starting_buprenorphine_below_the_threshold_needs_a_written_reason(personas, total, needs_reason):
    bup(personas, total=total)
    if needs_reason:
        with pytest.raises(InvalidInput) as caught:
            order(personas, medication="buprenorphine", dose="4")
        assert "not ready" in caught.value.fields["start_reason"]
        made = order(personas, medication="buprenorphine", dose="4", start_reason="low-dose start agreed")
        assert (made.readiness_band, made.start_reason) == ("not_ready", "low-dose start agreed")
    else:
        made = order(personas, medication="buprenorphine", dose="4", start_reason="ignored")
        assert (made.readiness_band, made.start_reason) == ("ready", "")


def test_a_start_without_any_readiness_result_needs_a_reason(personas):
    with pytest.raises(InvalidInput) as caught:
        order(personas, medication="naltrexone", dose="380", schedule="every_4_weeks")
    assert "No naltrexone readiness" in caught.value.fields["start_reason"]


@pytest.mark.parametrize(("dose", "needs_reason"), [("50", False), ("55", True)])
def test_a_first_methadone_order_above_the_day_one_limit_needs_the_indication(personas, dose, needs_reason):
    if needs_reason:
        with pytest.raises(InvalidInput):
            order(personas, dose=dose)
        made = order(personas, dose=dose, start_reason="high tolerance documented")
        assert made.first_day_check["band"] == "above_limit_documented"
    else:
        assert order(personas, dose=dose).first_day_check["band"] == "within_limit"


def test_an_order_validates_each_field(personas):
    with pytest.raises(InvalidInput) as caught:
        orders.start_order(
            access=prescribing(personas),
            medication="methadone",
            dose_mg=Decimal(0),
            schedule="every_4_weeks",
            starts_on=date(2025, 3, 2),
            stops_on=date(2025, 3, 1),
            reason=" ",
        )
    assert set(caught.value.fields) == {"dose_mg", "schedule", "stops_on", "reason"}


def test_an_unsigned_order_is_signed_once_and_stopped_once_with_a_reason(personas):
    made = order(personas, sign=False)
    signed = orders.sign_order(access=prescribing(personas), order=made)
    assert signed.signed_by == personas.prescriber
    with pytest.raises(Conflict):
        orders.sign_order(access=prescribing(personas), order=made)
    with pytest.raises(InvalidInput):
        orders.stop_order(access=prescribing(personas), order=made, reason="")
    stopped = orders.stop_order(access=prescribing(personas), order=made, reason="the person chose to taper")
    assert MedicationOrder.objects.get(pk=stopped.pk).stop_reason == "the person chose to taper"
    with pytest.raises(Conflict):
        orders.stop_order(access=prescribing(personas), order=made, reason="again")
