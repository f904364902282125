"""Every number the synthetic population follows, each with where it comes from.

Three kinds of source, named in each `Param.source`:
- the clinical reference (`../shared/design/clinical-reference.md`), by section, where it gives the figure;
- Synthea's public opioid module (`../shared/reference-data/synthea/opioid_addiction.json`, the state
  named), where it gives a rate (Synthea's rates are per week unless the state says a month);
- otherwise `ILLUSTRATIVE`: a figure chosen to make the demo look lived-in, with no source.

These figures shape synthetic records only. Nothing here feeds a clinical rule, and no clinical rule
reads synthetic data as evidence (clinical-reference §0: rules cite their own sources).
"""

from dataclasses import dataclass
from typing import Any

ILLUSTRATIVE = "illustrative: no source gives this figure; it only shapes synthetic data"
REFERENCE = "clinical-reference"
SYNTHEA = "Synthea opioid_addiction.json"


@dataclass(frozen=True, slots=True)
class Param:
    value: Any
    source: str

    @property
    def illustrative(self) -> bool:
        return self.source.startswith("illustrative")


def _illustrative(value: Any, why: str) -> Param:
    return Param(value, f"{ILLUSTRATIVE} ({why})")


# --- lengths of stay and intensity, by level of care -------------------------------------------------
# Withdrawal management: the acute phase lasts 5-7 days. clinical-reference §11 program materials [seed].
DETOX_DAYS = Param((5, 7), f"{REFERENCE} §11 Withdrawal timeline: program materials, acute phase 5-7 days [seed]")
# Inpatient/residential: typically 30-90 days. clinical-reference §14 program materials [seed].
RESIDENTIAL_DAYS = Param((30, 90), f"{REFERENCE} §14 Levels of care: program materials, residential 30-90 days [seed]")
PHP_HOURS_PER_DAY = Param((4, 6), f"{REFERENCE} §14 Levels of care: program materials, PHP 4-6 h/day [seed]")
PHP_DAYS_PER_WEEK = Param((5, 7), f"{REFERENCE} §14 Levels of care: program materials, PHP 5-7 days/week [seed]")
IOP_HOURS_PER_DAY = Param((2, 4), f"{REFERENCE} §14 Levels of care: program materials, IOP 2-4 h/day [seed]")
IOP_DAYS_PER_WEEK = Param((3, 5), f"{REFERENCE} §14 Levels of care: program materials, IOP 3-5 days/week [seed]")
OUTPATIENT_SESSIONS_PER_WEEK = Param(
    (1, 2), f"{REFERENCE} §14 Levels of care: program materials, outpatient 1-2 sessions/week [seed]"
)
# How long a PHP or IOP stretch lasts before stepping down: the reference gives intensity, not length.
PHP_DAYS = _illustrative((14, 42), "the reference gives PHP hours, not its length")
IOP_DAYS = _illustrative((28, 84), "the reference gives IOP hours, not its length")
OUTPATIENT_SESSION_MINUTES = _illustrative((45, 60), "the reference gives sessions per week, not their length")
DETOX_VISIT_MINUTES = _illustrative(30, "one nursing check a day during withdrawal management")

# --- ASAM 3rd-edition level codes used for each stage (clinical-reference §14) ---------------------------
LEVELS = Param(
    {
        "detox": "3.7-WM",
        "residential": "3.5",
        "php": "2.5",
        "iop": "2.1",
        "outpatient": "1",
    },
    f"{REFERENCE} §14 Levels of care: ASAM Criteria 3rd ed. codes",
)
EDITION = Param("3", f"{REFERENCE} §14 Levels of care: ASAM Criteria 3rd ed. (2013)")

# --- where people enter, and how they step down -----------------------------------------------------
FIRST_LEVEL_WEIGHTS = _illustrative(
    {"detox": 35, "residential": 20, "php": 10, "iop": 20, "outpatient": 15}, "no source gives an admission mix"
)
AFTER_DETOX_WEIGHTS = _illustrative(
    {"residential": 40, "php": 15, "iop": 30, "outpatient": 15}, "no source gives where people go after detox"
)
STEP_DOWN = Param(
    {"residential": "iop", "php": "iop", "iop": "outpatient"},
    f"{REFERENCE} §14 Levels of care / design README §5: moving down the steps as the person stabilizes",
)

# --- weekly and monthly transitions (Synthea, state named) --------------------------------------------
# Of the weekly transitions out of Detoxification, 0.10375 go back to active use, 0.0425 to addiction
# treatment and 0.10375 to recovery management; Onward uses their shares among people leaving detox.
DETOX_EXIT_WEIGHTS = Param(
    {"return_to_use": 0.10375, "treatment": 0.0425, "recovery_management": 0.10375},
    f"{SYNTHEA} state Detoxification (weekly distributed_transition)",
)
TREATMENT_WEEKLY_RETURN_TO_USE = Param(0.02, f"{SYNTHEA} state Addiction_Treatment -> Active_Addiction (weekly)")
TREATMENT_WEEKLY_COMPLETION = Param(0.03135, f"{SYNTHEA} state Addiction_Treatment -> Recovery_Management (weekly)")
RECOVERY_MONTHLY_RETURN_TO_USE = Param(
    0.2603, f"{SYNTHEA} state Recovery_Management_Delay -> Active_Addiction (monthly)"
)
ACTIVE_WEEKLY_TO_DETOX = Param(0.04125, f"{SYNTHEA} state Active_Addiction -> Detoxification (weekly)")
# Onward's outpatient stage lasts at least the reference's minimum before completion can happen.
MIN_TREATMENT_DAYS = Param(
    90, f"{REFERENCE} §14 Levels of care: program materials, at least 90 days of treatment [seed]"
)

# --- appointments ----------------------------------------------------------------------------------
ATTENDANCE_WEIGHTS = _illustrative(
    {"attended": 80, "missed": 12, "cancelled": 8}, "no source gives attendance rates for these levels"
)
BOOKED_AHEAD_DAYS = _illustrative(14, "open episodes get appointments booked this far past the anchor")
AFTERCARE_VISIT_AFTER_DAYS = _illustrative(
    (2, 6), "a completed withdrawal management stay that ends the episode books an aftercare visit this many days on"
)
RESIDENTIAL_COUNSELING_FROM_DAY = _illustrative(
    1, "residential care books one individual counseling session a week, the first on the stay's second day"
)
PEER_SUPPORT_WEEKLY = _illustrative(0.25, "a peer-support contact about once a month in outpatient care")
MODE_WEIGHTS = _illustrative({"in_person": 70, "video": 20, "phone": 10}, "no source gives a mix of modes")

# --- alerts ----------------------------------------------------------------------------------------
MISSED_APPOINTMENT_SEVERITY = _illustrative("low", "a reminder to reach out; no policy default names it")
ALERT_ACKNOWLEDGED_SHARE = _illustrative(0.5, "share of recent alerts someone has acknowledged")
ALERT_RESOLVED_AFTER_DAYS = _illustrative(14, "alerts older than this are resolved in the synthetic history")

# --- who the people are ------------------------------------------------------------------------------
SUBSTANCE_WEIGHTS = _illustrative(
    {"fentanyl": 45, "heroin": 30, "prescription_opioids": 20, "methadone_non_prescribed": 3, "other": 2},
    "no source gives a substance mix for one program",
)
AGE_YEARS = _illustrative((18, 70), "adults only; Synthea's Guard state starts near 15, the demo serves adults")
PROGRAMS = _illustrative(4, "programs in the synthetic organization")
OTP_PROGRAMS = _illustrative((0, 3), "which programs (by index) are opioid treatment programs (42 CFR 8.12)")
STAFF_PER_PROGRAM = _illustrative(
    {"counselor": 3, "nurse": 2, "prescriber": 1, "coach": 2, "program_admin": 1}, "a plausible small team"
)
CREDENTIALS = _illustrative(
    {
        "counselor": ("license", "Licensed Alcohol and Drug Counselor"),
        "nurse": ("license", "Registered Nurse"),
        "prescriber": ("registration", "DEA registration"),
        "coach": ("certification", "Certified Peer Recovery Specialist"),
    },
    "one typical credential per clinical role; real titles vary by state",
)
CREDENTIAL_YEARS = _illustrative(2, "a two-year renewal cycle; boards differ")
TIME_ZONES = _illustrative(
    ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"), "US time zones"
)


# --- consents to supporters (42 CFR 2.31) and what supporters were shown ------------------------------
SHARING_SHARE = _illustrative(0.5, "share of people who name a supporter; no source gives it")
CONSENT_SIGNED_AFTER_DAYS = _illustrative((3, 60), "days from the first admission to signing a consent")
CONSENT_OUTCOME_WEIGHTS = _illustrative(
    {"in_force": 60, "revoked": 20, "expired": 20}, "no source gives how consents end"
)
CONSENT_LASTS_DAYS = _illustrative((30, 365), "the expiry a person chooses, counted from signing")
CONSENT_REVOKED_AFTER_DAYS = _illustrative((7, 120), "days from signing to a written revocation")
# Scopes besides `progress` (always given), each chosen independently with this chance.
SCOPE_CHANCES = _illustrative(
    {"checkin_streak": 0.3, "plan": 0.3, "meetings": 0.3, "alerts": 0.6, "schedule": 0.7, "help_requests": 0.3},
    "no source gives what people choose to share",
)
SUPPORTER_VIEW_WEEKLY = _illustrative(0.3, "chance a supporter opens the person's page in a given week")
DEMO_CONSENT_AFTER_DAYS = _illustrative(21, "the demo person signs after withdrawal management, in residential care")
DEMO_CONSENT_RUNS_PAST_ANCHOR_DAYS = _illustrative(180, "the demo consent is in force this long after the anchor")
DEMO_SUPPORTER_VIEW_WEEKLY = _illustrative(1.0, "the demo supporter looks in every week")

# --- how the team may reach a person ------------------------------------------------------------------
CONTACT_CHANCES = _illustrative(
    {"phone": 0.92, "email": 0.6, "asked": 0.85, "call": 0.85, "text": 0.75, "leave_message": 0.55, "note": 0.3},
    "no source gives how people in treatment choose to be reached",
)
CONTACT_NOTES = _illustrative(
    (
        "Evenings after 6 are best",
        "Shared phone: say only that it is the clinic",
        "Works nights; text first, call after noon",
        "Mornings before work",
        "No messages at home; the mobile is fine",
        "Prefers a text the day before an appointment",
    ),
    "made-up notes of the kind people give",
)

# --- notifications ------------------------------------------------------------------------------------
SAVED_PREFERENCE_SHARE = _illustrative(0.3, "share of users who changed their notification choices")
PREFERENCE_CHOICES = _illustrative(
    {"email_off": 0.1, "sms_on": 0.3, "quiet_hours": 0.5, "urgent_through_quiet": 0.2, "alerts_in_app_only": 0.1},
    "chances of each choice among users who saved theirs",
)
QUIET_HOURS = _illustrative((("22:00", "07:00"), ("21:00", "08:00"), ("23:00", "06:30")), "common night windows")
READ_SHARE = _illustrative(0.85, "share of notifications opened, within READ_AFTER_HOURS")
READ_AFTER_HOURS = _illustrative((1, 36), "hours from a notification to opening it")
DELIVERY_FAILED_SHARE = _illustrative(0.03, "share of outside sends that fail every attempt")
SENT_AFTER_SECONDS = _illustrative((5, 90), "seconds from queueing to a finished send")

# --- support-group meetings ---------------------------------------------------------------------------
MEETING_FELLOWSHIPS = _illustrative(("aa", "na"), "two fellowships whose type codes Onward knows")
MEETINGS_PER_SOURCE = _illustrative(15, "meetings in each synthetic source (one per fellowship and zone)")
MEETING_ATTENDANCE_WEIGHTS = _illustrative(
    {"in_person": 60, "online": 20, "hybrid": 20}, "no source gives a mix for these synthetic meetings"
)
MEETING_MINUTES = _illustrative((60, 90), "meetings last an hour or an hour and a half")


# --- withdrawal management (clinical-reference §1, §11, §12, §21) ------------------------------------------
# Where the worst of withdrawal falls, hours after last use, per §11 opioid: the middle of each row's
# peak (short-acting 24-48 h; heroin 36-72 h; methadone 72-96 h) and the seed's "worst around day 3 (~72 h)"
# for long-acting opioids, whose rows give no peak.
WITHDRAWAL_PEAK_HOURS = Param(
    {"short_acting": 36, "heroin": 54, "methadone": 84, "long_acting": 72},
    f"{REFERENCE} §11 Withdrawal timeline: peak columns [2nd]; long-acting: program materials ~72 h [seed]",
)
WITHDRAWAL_ONSET_HOURS = Param(
    {"short_acting": 9, "heroin": 9, "methadone": 48, "long_acting": 48},
    f"{REFERENCE} §11 Withdrawal timeline: onset columns (6-12 h; 30-72 h) [2nd], middle of each range",
)
COWS_INTERVAL_HOURS = Param(4, f"{REFERENCE} §21 Onward policy defaults: cows_interval_hours")
COWS_HOURS_OF_DAY = _illustrative((8, 12, 16, 20), "the nurse scores COWS every 4 hours while the person is awake")
HOURS_SINCE_LAST_USE = _illustrative((6, 20), "hours from last use to arriving for withdrawal management")
PEAK_INTENSITY = _illustrative(
    (0.35, 0.7), "how strong withdrawal gets at its peak, as a share of each COWS item's top score"
)
OPIOID_OF_SUBSTANCE = _illustrative(
    {
        "fentanyl": "short_acting",
        "heroin": "heroin",
        "prescription_opioids": "short_acting",
        "methadone_non_prescribed": "methadone",
        "other": "short_acting",
    },
    "which §11 row each synthetic substance reads; fentanyl is read as short-acting",
)
RESTING_PULSE_BPM = _illustrative((68, 84), "resting pulse before withdrawal; withdrawal adds up to 40 bpm")
SYMPTOM_DOSE_CHANCE = _illustrative(0.5, "chance of a symptom-medication dose after a COWS of mild or more")
OVERDOSE_AFTER_RETURN_CHANCE = _illustrative(0.15, "share of returns to use with an overdose someone reversed")
OVERDOSE_REVIEW_AFTER_DAYS = _illustrative((1, 5), "days from recording an overdose to a clinician's review")

# --- medication for opioid use disorder (clinical-reference §7, §8) -----------------------------------------
MOUD_SHARE = _illustrative(0.7, "share of people starting in withdrawal management who begin a medication")
MOUD_WEIGHTS = _illustrative({"methadone": 50, "buprenorphine": 50}, "no source gives a methadone/buprenorphine mix")
METHADONE_FIRST_DOSE_MG = _illustrative(
    30, "a first dose under the core's day-1 limit (§8: 50 mg); the reference gives the limit, not a dose"
)
METHADONE_MAINTENANCE_MG = _illustrative((60, 100), "the reference gives no maintenance dose")
METHADONE_FIRST_ORDER_DAYS = _illustrative(14, "the first methadone order runs two weeks before the dose change")
BUPRENORPHINE_DAILY_MG = _illustrative((8, 24), "the reference gives the first dose (2-4 mg) as text only")
DOSE_MISSED_SHARE = _illustrative(0.05, "share of daily doses missed")
XR_NTX_SHARE = _illustrative(0.6, "share of people leaving detox without methadone or buprenorphine who choose XR-NTX")
XR_NTX_START_AFTER_DAYS = _illustrative((7, 14), "days from the detox discharge to the NTX-READY assessment")
XR_NTX_DOSE_MG = Param(380, f"{REFERENCE} §9 Naltrexone: XR-NTX 380 mg IM gluteal every 4 weeks [P/2nd]")
XR_NTX_INTERVAL_DAYS = Param(28, f"{REFERENCE} §9 XR-NTX: due = injection + 28 d (label interval)")
XR_NTX_INJECTIONS = _illustrative((1, 4), "injections a person has before stopping or being lost to follow-up")
TAKE_HOMES_AFTER_DAYS = _illustrative(30, "methadone take-homes start after a month of steady dosing")
TAKE_HOME_DAYS = _illustrative(6, "a weekly clinic visit with six days to take home, when the ceiling allows")

# --- check-ins, plans, support network, returns to use -------------------------------------------------
CHECKIN_SHARE = _illustrative(0.75, "share of days in care with a check-in")
DEMO_CHECKIN_SHARE = _illustrative(0.9, "the demo person checks in on most days, missing a few")
MEDICATION_TAKEN_SHARE = _illustrative(0.9, "share of check-ins on medication that say it was taken as planned")
CHECKIN_EDITED_SHARE = _illustrative(0.05, "share of check-ins sent again the same day with a change")
PLAN_EDITS = _illustrative((0, 3), "plan versions saved after the first")
NETWORK_SIZE = _illustrative((1, 4), "people in a support network")
HELP_REQUEST_MONTHLY = _illustrative(0.1, "chance a person asks their people for help in a month in care")
HELP_NUMBER_SHARED = _illustrative(0.85, "share of requests for help that share a number to reach the person on")
HELP_BY_TEXT = _illustrative(0.4, "share of shared numbers where the person asks for a text rather than a call")
HELP_ON_IT = _illustrative(0.7, "chance a supporter a request was sent to says they are on it")
HELP_ON_IT_MINUTES = _illustrative((3, 90), "minutes before a supporter says they are on it")
EVALUATION_CORRECTED = _illustrative(0.15, "share of signed evaluations corrected a few days later, with a reason")
PHQ9_ITEM9_SHARE = _illustrative(0.02, "share of monthly PHQ-9s with item 9 above 0")
DEMO_HELP_DAYS_BEFORE_ANCHOR = _illustrative(1, "the demo person asked their people for help the evening before")
SAVED_MEETINGS = _illustrative((0, 4), "meetings a person keeps on their list")
MEETING_ATTENDANCE_WEEKLY = _illustrative(0.5, "chance a person with saved meetings goes to one in a week")
CALENDAR_TOKEN_SHARE = _illustrative(0.3, "share of people with saved meetings who subscribe to the calendar")

# --- reminders ----------------------------------------------------------------------------------------
SAVED_REMINDERS_SHARE = _illustrative(0.4, "share of people who changed their reminder choices")
REMINDER_CHOICES = _illustrative(
    {"checkin_off": 0.15, "doses_off": 0.1, "appointments_off": 0.1, "meetings_on": 0.4, "one_hour_not_two": 0.5},
    "chances of each choice among people who saved theirs",
)
CHECKIN_REMINDER_TIMES = _illustrative(("18:00", "19:30", "20:00", "21:00", "21:30"), "evening check-in times")
DOSE_REMINDER_TIMES = _illustrative(("06:30", "07:00", "07:30", "09:00"), "morning dose-day reminder times")


def all_params() -> dict[str, Param]:
    """Every parameter of this module by name (the test checks each has a source)."""
    return {name: value for name, value in globals().items() if isinstance(value, Param)}
