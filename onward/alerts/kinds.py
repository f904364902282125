"""Every kind of alert Onward raises, and whether a supporter may ever see it.

A supporter whose consent covers the `alerts` scope sees an alert only if its kind is declared here as
shared (`SHARED`); a kind not declared is never shown to a supporter (default deny), and
`alerts/tests/test_alert_kinds.py` fails when code raises a kind that is not declared. Clinical kinds —
withdrawal (COWS), questionnaires and screens (PHQ-9 item 9 among them), rewards, medication, overdose —
are never shared, whatever is declared (`NEVER_SHARED_FAMILIES`). The consent text the person signs
(`consent.models.DESCRIPTIONS["alerts"]`) names each shared kind by its `shown_as` words.
"""

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Declared:
    supporters: bool  # may a supporter under the `alerts` scope ever see an alert of this kind
    why: str  # the reason, for readers of this table
    shown_as: str = ""  # for a shared kind: how the consent text names it


def _shared(shown_as: str, why: str) -> Declared:
    return Declared(supporters=True, why=why, shown_as=shown_as)


def _never(why: str) -> Declared:
    return Declared(supporters=False, why=why)


ANSWERS = 'built from check-in answers, which the check-in streak scope leaves out ("not your answers")'

KINDS: MappingProxyType[str, Declared] = MappingProxyType(
    {
        "checkins.missed": _shared("missed check-ins", "named in the consent text; says only that none came"),
        "checkins.reported_use": _shared("a return to use you reported", "named in the consent text"),
        "recovery.return_to_use": _shared("a return to use you reported", "named in the consent text"),
        "checkins.craving_high": _never(ANSWERS),
        "checkins.craving_rising": _never(ANSWERS),
        "checkins.warning_signs": _never(ANSWERS),
        "checkins.sleep_collapse": _never(ANSWERS),
        "checkins.isolation": _never(ANSWERS),
        "recovery.help_requested": _never(
            "the care team's follow-up; supporters get the request itself under the help_requests scope"
        ),
        "appointments.missed": _never("not named in the consent text; the schedule scope shows upcoming visits"),
        "cows.overdue": _never("withdrawal management: clinical"),
        "cows.high": _never("withdrawal management: clinical"),
        "detox.unsafe_discharge": _never("withdrawal management: clinical"),
        "overdose.event": _never("overdose events and reviews are for the person and the care team"),
        "medication.missed_doses": _never("medication: clinical"),
        "medication.ntx_blockade_waning": _never("medication: clinical"),
        "phq9.item9": _never("PHQ-9 item 9: clinical, for the care team's clinicians only (clinical-reference §3)"),
        "admission.otp_overdue": _never("opioid treatment program deadlines (42 CFR 8.12): clinical"),
    }
)

# What the care team's notification says happened, after the person's name ("Jordan Rivera missed
# check-ins"): in the app, to staff only (notifications.building.TeamWords); never in an e-mail or a text.
SAID_TO_TEAM: MappingProxyType[str, str] = MappingProxyType(
    {
        "checkins.missed": "missed check-ins",
        "checkins.reported_use": "reported a return to use in a check-in",
        "recovery.return_to_use": "reported a return to use",
        "checkins.craving_high": "reported strong cravings",
        "checkins.craving_rising": "has rising cravings",
        "checkins.warning_signs": "reported early warning signs",
        "checkins.sleep_collapse": "reported very little sleep",
        "checkins.isolation": "reported no meeting or support contact",
        "recovery.help_requested": "asked for help",
        "appointments.missed": "missed an appointment",
        "cows.overdue": "is due a COWS",
        "cows.high": "has a high COWS score",
        "detox.unsafe_discharge": "left withdrawal management without a safe discharge",
        "overdose.event": "had an overdose",
        "medication.missed_doses": "missed medication doses",
        "medication.ntx_blockade_waning": "is due the next naltrexone injection",
        "phq9.item9": "answered PHQ-9 item 9 above 0: a safety check is needed",
        "admission.otp_overdue": "is past an opioid treatment program deadline",
    }
)
SAID_OF_AN_UNDECLARED_KIND = "has a new alert"


def said_to_team(kind: str) -> str:
    return SAID_TO_TEAM.get(kind, SAID_OF_AN_UNDECLARED_KIND)


# Families whose kinds are clinical: never shared with a supporter, and a new kind in one defaults to never.
NEVER_SHARED_FAMILIES = (
    "cows.",
    "detox.",
    "withdrawal.",
    "medication.",
    "doses.",
    "screens.",
    "phq9.",
    "rewards.",
    "overdose.",
    "admission.",
)


def shared_with_supporters(kind: str) -> bool:
    """Whether a supporter may ever see an alert of `kind`: declared shared, and of no clinical family."""
    declared = KINDS.get(kind)
    return declared is not None and declared.supporters and not kind.startswith(NEVER_SHARED_FAMILIES)


SHARED: frozenset[str] = frozenset(kind for kind in KINDS if shared_with_supporters(kind))


# Kinds that only their own clinical step closes: resolving one from the alerts page would leave the
# step undone (PHQ-9 item 9: only a clinician's documented safety check closes it, clinical-reference §3).
CLOSED_BY_ITS_STEP: MappingProxyType[str, str] = MappingProxyType(
    {
        "phq9.item9": (
            "Only the documented safety check closes this alert: record it on the person's questionnaires page."
        ),
    }
)
