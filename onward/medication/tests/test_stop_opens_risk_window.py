"""Stopping methadone or buprenorphine opens the overdose risk window (clinical-reference §12); a dose
change (another order of the same medication still running) and naltrexone do not."""

from onward.medication import orders
from onward.medication.tests.helpers import order, prescribing
from onward.withdrawal.models import RiskEvent


def test_stopping_the_last_methadone_order_opens_the_window(personas):
    made = order(personas)
    orders.stop_order(access=prescribing(personas), order=made, reason="the person chose to taper off")
    (event,) = RiskEvent.objects.filter(person=personas.person)
    assert event.trigger == "methadone_stopped"
    assert "the person chose to taper off" in event.reason


def test_stopping_buprenorphine_opens_its_own_trigger(personas):
    made = order(personas, medication="buprenorphine", dose="16", start_reason="readiness reviewed")
    orders.stop_order(access=prescribing(personas), order=made, reason="moved away")
    assert RiskEvent.objects.get(person=personas.person).trigger == "buprenorphine_stopped"


def test_a_dose_change_is_not_a_stop(personas):
    first = order(personas)
    order(personas, dose="40")
    orders.stop_order(access=prescribing(personas), order=first, reason="replaced by 40 mg")
    assert not RiskEvent.objects.exists()


def test_stopping_naltrexone_opens_no_window(personas):
    made = order(personas, medication="naltrexone", dose="50", start_reason="opioid-free, chose naltrexone")
    orders.stop_order(access=prescribing(personas), order=made, reason="side effects")
    assert not RiskEvent.objects.exists()
