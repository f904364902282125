"""Medication forms: shape only; the rules (and their messages) live in the services and the core."""

from django import forms

from onward.clinical.rules.bup_readiness import COWS_MAX, COWS_MIN, Kind
from onward.clinical.rules.naltrexone_readiness import ChallengeResult
from onward.core.forms import LocalDateTimeField, LocalTimeForm
from onward.medication.models import Medication, Outcome, Schedule
from onward.medication.program_settings import FEDERAL_MAX_TAKE_HOME_DAYS

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 2})
# The §7 kinds in words; heroin is short-acting (§7 "heroin / short-acting"); fentanyl and unknown street
# opioids carry no time gate by default (§7).
KIND_WORDS = {
    Kind.SHORT_ACTING: "Short-acting opioid, such as heroin",
    Kind.LONG_ACTING: "Long-acting opioid (extended release)",
    Kind.METHADONE: "Methadone",
    Kind.FENTANYL: "Fentanyl or another synthetic opioid (no waiting time by default)",
    Kind.UNKNOWN_STREET: "Unknown street opioid (no waiting time by default)",
}
KINDS = [(k.value, KIND_WORDS[k]) for k in Kind]


# Readiness times are wall-clock times where the person lives (`LocalTimeForm`, the person's zone),
# like every other clinical time Onward asks for; the page names the zone.
class BupReadinessForm(LocalTimeForm):
    assessed_at = LocalDateTimeField(label="Assessed at")
    cows_total = forms.IntegerField(label="Latest COWS total", min_value=COWS_MIN, max_value=COWS_MAX, required=False)
    cows_scored_at = LocalDateTimeField(label="COWS scored at", required=False)
    objective_signs = forms.BooleanField(label="Objective withdrawal signs present", required=False)
    last_kind = forms.ChoiceField(label="Last opioid used", choices=KINDS)
    last_at = LocalDateTimeField(label="Last used at")
    other_kind = forms.ChoiceField(label="Another opioid used (optional)", choices=[("", "—"), *KINDS], required=False)
    other_at = LocalDateTimeField(label="That one last used at", required=False)


class NtxReadinessForm(LocalTimeForm):
    assessed_at = LocalDateTimeField(label="Assessed at")
    last_opioid_at = LocalDateTimeField(label="Last use of any opioid")
    last_agonist_moud_at = LocalDateTimeField(label="Last methadone or buprenorphine dose (if any)", required=False)
    withdrawal_signs = forms.BooleanField(label="Withdrawal signs present now", required=False)
    urine_opioid_positive = forms.BooleanField(label="Latest urine screen positive for opioids", required=False)
    challenge_result = forms.ChoiceField(
        label="Latest naloxone challenge", choices=[(c.value, c.value.capitalize()) for c in ChallengeResult]
    )
    challenge_at = LocalDateTimeField(label="Challenge read at", required=False)


class OrderForm(forms.Form):
    medication = forms.ChoiceField(label="Medication", choices=Medication.choices)
    dose_mg = forms.DecimalField(label="Dose (mg)", max_digits=7, decimal_places=2)
    schedule = forms.ChoiceField(label="Schedule", choices=Schedule.choices)
    starts_on = forms.DateField(label="Start date", widget=DAY)
    stops_on = forms.DateField(label="Stop date (optional)", widget=DAY, required=False)
    reason = forms.CharField(label="Reason for this order", max_length=2000, widget=TEXT)
    start_reason = forms.CharField(
        label="Your reason to proceed (against the readiness result or a dose notice)",
        max_length=2000,
        widget=TEXT,
        required=False,
    )
    sign = forms.BooleanField(label="Sign now", required=False, initial=True)


class StopForm(forms.Form):
    reason = forms.CharField(label="Why the order stops", max_length=2000, widget=TEXT)


class DoseForm(forms.Form):
    outcome = forms.ChoiceField(label="What happened", choices=Outcome.choices, widget=forms.RadioSelect)
    dose_mg = forms.DecimalField(label="Dose taken (mg)", max_digits=7, decimal_places=2, required=False)
    given_on = forms.DateField(label="Dose day (the person's local date)", widget=DAY)
    note = forms.CharField(label="Note (optional)", max_length=2000, widget=TEXT, required=False)
    confirm_above_daily = forms.BooleanField(
        label="I confirm this dose takes the day's total above the order's daily dose", required=False
    )
    higher_dose_reason = forms.CharField(
        label="Reason to proceed (above the daily dose, methadone day-1 limit or buprenorphine dose notice)",
        max_length=2000,
        widget=TEXT,
        required=False,
    )


class TakeHomeForm(forms.Form):
    first_day = forms.DateField(label="First take-home day", widget=DAY)
    days_supply = forms.IntegerField(label="Days' supply", min_value=1)
    justification = forms.CharField(label="Justification", max_length=4000, widget=TEXT)
    above_ceiling_reason = forms.CharField(
        label="Reason for going above the ceiling", max_length=2000, widget=TEXT, required=False
    )


class SettingsForm(forms.Form):
    bup_min_cows = forms.IntegerField(label="Buprenorphine: lowest COWS total", min_value=COWS_MIN, max_value=COWS_MAX)
    bup_require_objective_signs = forms.BooleanField(label="Buprenorphine: objective signs required", required=False)
    bup_wait_short_acting_hours = forms.IntegerField(label="Wait after short-acting opioids (hours)", min_value=0)
    bup_wait_long_acting_hours = forms.IntegerField(label="Wait after long-acting opioids (hours)", min_value=0)
    bup_wait_methadone_hours = forms.IntegerField(label="Wait after methadone (hours)", min_value=0)
    ntx_min_opioid_free_days = forms.IntegerField(label="Naltrexone: fewer opioid-free days is not ready", min_value=1)
    ntx_ready_opioid_free_days = forms.IntegerField(label="Naltrexone: fewer opioid-free days is review", min_value=1)
    ntx_agonist_wait_days = forms.IntegerField(label="Naltrexone: days after methadone or buprenorphine", min_value=1)
    take_home_state_max_days = forms.IntegerField(
        label="State or program take-home maximum (days; empty for the federal ceiling)",
        min_value=1,
        max_value=FEDERAL_MAX_TAKE_HOME_DAYS,
        required=False,
    )
    missed_doses_methadone = forms.IntegerField(label="Missed observed methadone doses before a review", min_value=1)
    missed_doses_other = forms.IntegerField(label="Missed daily doses (other medications) before a signal", min_value=1)
