"""Naltrexone initiation readiness, rule NTX-READY, and the XR-NTX due date (clinical-reference §9).

Sources: VIVITROL prescribing information (12/2025 revision, prescriberpoint.com) and summaries
[P/2nd]: start after 7-10 opioid-free days (tramadol too); precipitated withdrawal possible for up to
2 weeks after buprenorphine or methadone; not with withdrawal signs or opioids in urine, and a negative
urine does not rule out risk. The rule itself is [Onward reading of the label], with the settings
7 / 10 / 14 days. `ready` means "meets the configured criteria": a named clinician decides whether to
start naltrexone (clinical-reference §0.5).

[Onward] readings, narrowest where the reference is unclear:
- `urine_opioid_positive` is required (true or false): the reference marks only `last_agonist_moud_at`
  optional, and the label rules out a start with opioids in urine, so no result is never read as negative.
- `last_opioid_at` counts any opioid, methadone and buprenorphine included, so `last_agonist_moud_at`
  may not be later than it.
- A positive latest naloxone challenge keeps `not_ready` until a later challenge is recorded; the
  repeat may be done from 24 h after it. A negative challenge is reported but skips no step.
- `days_free` is whole 24-hour periods since the last opioid; the agonist wait compares exact time.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

NAME = "naltrexone-readiness"
SOURCE = (
    "clinical-reference §9 Naltrexone, rule NTX-READY [Onward reading of the label] "
    "(VIVITROL prescribing information 12/2025 [P/2nd]; naloxone challenge [P/2nd])"
)
XR_SOURCE = "clinical-reference §9 Naltrexone, XR-NTX [Onward, label interval] (VIVITROL prescribing information [P])"

DEFAULT_MIN_OPIOID_FREE_DAYS = 7  # clinical-reference §9 NTX-READY setting: days_free < 7 → not_ready
DEFAULT_READY_OPIOID_FREE_DAYS = 10  # clinical-reference §9 NTX-READY setting: 7-9 days → review
DEFAULT_AGONIST_WAIT_DAYS = 14  # clinical-reference §9 NTX-READY setting: agonist < 14 d (336 h) ago → review
CHALLENGE_REPEAT_HOURS = 24  # clinical-reference §9 Naloxone challenge: positive → may repeat after 24 h
XR_NTX_INTERVAL_DAYS = 28  # clinical-reference §9 XR-NTX: due = injection + 28 d (every 4 weeks, ~28 d blockade)
WANING_FLAG = "ntx_blockade_waning"  # clinical-reference §9 XR-NTX flag
OVERDOSE_WINDOW_TRIGGER = "xr_ntx_overdue"  # clinical-reference §12 OD-WINDOW trigger "XR-NTX overdue (§9)"

# clinical-reference §9 (VIVITROL label [P/2nd]): shown with the settings, never computed
LABEL_WAITS = (
    "label: start after 7-10 opioid-free days; precipitated withdrawal possible for up to 2 weeks after "
    "buprenorphine or methadone"
)
NEGATIVE_URINE_NOTE = (
    "A negative urine does not exclude physical dependence on opioids: it never makes naltrexone safe "
    "on its own (VIVITROL label)."
)
DECIDES_NOTE = (
    "This recommends and explains; ready means the configured criteria are met. A named clinician decides "
    "whether to start naltrexone and may override with a stored reason."
)


class Status(StrEnum):
    READY = "ready"
    REVIEW = "review"
    NOT_READY = "not_ready"


class ChallengeResult(StrEnum):
    """The latest naloxone challenge; NONE when no challenge was done."""

    NONE = "none"
    NEGATIVE = "negative"
    POSITIVE = "positive"


LABELS: Mapping[Status, str] = {
    Status.READY: "Meets the configured criteria to start naltrexone",
    Status.REVIEW: "Opioid-free minimum met, a criterion for ready is not: clinician review",
    Status.NOT_READY: "The configured criteria to start naltrexone are not met",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Per-program settings in days, defaults from clinical-reference §9 NTX-READY [Onward]."""

    min_opioid_free_days: int = DEFAULT_MIN_OPIOID_FREE_DAYS
    ready_opioid_free_days: int = DEFAULT_READY_OPIOID_FREE_DAYS
    agonist_wait_days: int = DEFAULT_AGONIST_WAIT_DAYS


@dataclass(frozen=True, slots=True)
class Challenge:
    """The latest naloxone challenge: its result and when it was read."""

    result: ChallengeResult | str
    at: datetime


def assess(
    assessed_at: datetime,
    *,
    last_opioid_at: datetime,
    withdrawal_signs: bool,
    urine_opioid_positive: bool,
    last_agonist_moud_at: datetime | None = None,
    challenge: Challenge | None = None,
    settings: Settings | None = None,
) -> Result:
    """Apply NTX-READY: the first matching step of clinical-reference §9 gives the status.

    Times are timezone-aware; `last_opioid_at` is the last use of any opioid (methadone and
    buprenorphine included), `last_agonist_moud_at` the last methadone or buprenorphine dose if any,
    `urine_opioid_positive` the latest urine opioid result, `challenge` the latest naloxone challenge.
    """
    settings = settings or Settings()
    challenge_result = _validate(
        assessed_at, last_opioid_at, last_agonist_moud_at, withdrawal_signs, urine_opioid_positive, challenge, settings
    )
    elapsed = assessed_at - last_opioid_at
    days_free = elapsed // timedelta(days=1)
    hours = elapsed // timedelta(hours=1)
    agonist_wait = timedelta(days=settings.agonist_wait_days)
    agonist_hours = None if last_agonist_moud_at is None else (assessed_at - last_agonist_moud_at) // timedelta(hours=1)
    minimum_at = last_opioid_at + timedelta(days=settings.min_opioid_free_days)
    ready_at = last_opioid_at + timedelta(days=settings.ready_opioid_free_days)
    agonist_met_at = None if last_agonist_moud_at is None else last_agonist_moud_at + agonist_wait
    earliest_ready = max(ready_at, agonist_met_at or ready_at)

    reasons = [
        f"Last opioid (any, including methadone, buprenorphine and tramadol) {_iso(last_opioid_at)}: "
        f"{hours} completed hours, {days_free} opioid-free days (whole 24-hour periods).",
        f"Settings: min_opioid_free_days={settings.min_opioid_free_days}, ready_opioid_free_days="
        f"{settings.ready_opioid_free_days}, agonist_wait_days={settings.agonist_wait_days} ({LABEL_WAITS}).",
    ]
    step, status, repeat_from = 6, Status.READY, None
    if withdrawal_signs or urine_opioid_positive:
        step, status = 1, Status.NOT_READY
        found = ["withdrawal signs present"] if withdrawal_signs else []
        found += ["the latest urine is positive for opioids"] if urine_opioid_positive else []
        reasons.append(
            f"Step 1, not_ready: {' and '.join(found)}; the label rules out a start now, and a naloxone challenge "
            "is not done with withdrawal signs or a positive urine."
        )
    elif challenge_result is ChallengeResult.POSITIVE and challenge is not None:
        step, status = 2, Status.NOT_READY
        repeat_from = challenge.at + timedelta(hours=CHALLENGE_REPEAT_HOURS)
        reasons.append(
            f"Step 2, not_ready: the latest naloxone challenge ({_iso(challenge.at)}) was positive (withdrawal "
            f"signs); do not start; a repeat challenge may be done from {_iso(repeat_from)} "
            f"(+{CHALLENGE_REPEAT_HOURS} h)."
        )
    elif days_free < settings.min_opioid_free_days:
        step, status = 3, Status.NOT_READY
        reasons.append(
            f"Step 3, not_ready: {days_free} opioid-free days is under the minimum of "
            f"{settings.min_opioid_free_days} (setting min_opioid_free_days); the minimum is met at "
            f"{_iso(minimum_at)} (last opioid + {settings.min_opioid_free_days} days)."
        )
    elif days_free < settings.ready_opioid_free_days:
        step, status = 4, Status.REVIEW
        reasons.append(
            f"Step 4, review: {days_free} opioid-free days is within {settings.min_opioid_free_days}-"
            f"{settings.ready_opioid_free_days - 1} (settings min_opioid_free_days, ready_opioid_free_days)."
        )
    elif last_agonist_moud_at is not None and assessed_at - last_agonist_moud_at < agonist_wait:
        step, status = 5, Status.REVIEW
        reasons.append(
            f"Step 5, review: the last methadone or buprenorphine dose ({_iso(last_agonist_moud_at)}) was "
            f"{agonist_hours} completed hours ago, under {settings.agonist_wait_days} days "
            f"({settings.agonist_wait_days * 24} h, setting agonist_wait_days): precipitated withdrawal is possible."
        )
    else:
        reasons.append("Step 6, ready: no earlier step matched.")
    if step in {3, 4, 5}:
        opioid_text = f"last opioid + {settings.ready_opioid_free_days} days (setting ready_opioid_free_days)"
        source_text = (
            opioid_text
            if agonist_met_at is None
            else f"the later of {opioid_text} = {_iso(ready_at)} and last methadone or buprenorphine dose + "
            f"{settings.agonist_wait_days} days (setting agonist_wait_days) = {_iso(agonist_met_at)}"
        )
        reasons.append(
            f"Time criteria for ready are met at {_iso(earliest_ready)}: {source_text}; ready then if there are "
            "still no withdrawal signs, the urine is negative and no challenge is positive."
        )
    reasons += _challenge_reasons(challenge_result, challenge)
    reasons += [NEGATIVE_URINE_NOTE, DECIDES_NOTE]

    items: dict[str, Any] = {
        "assessed_at": assessed_at,
        "last_opioid_at": last_opioid_at,
        "last_agonist_moud_at": last_agonist_moud_at,
        "withdrawal_signs": withdrawal_signs,
        "urine_opioid_positive": urine_opioid_positive,
        "challenge_result": challenge_result,
        "challenge_at": None if challenge is None else challenge.at,
    }
    details: dict[str, Any] = {
        "matched_step": step,
        "days_free": days_free,
        "hours_since_last_opioid": hours,
        "hours_since_last_agonist_moud": agonist_hours,
        "min_opioid_free_met_at": minimum_at,
        "earliest_ready_at": earliest_ready if step in {3, 4, 5} else None,
        "repeat_challenge_from": repeat_from,
        "settings": asdict(settings),
    }
    return Result(NAME, items, None, None, status.value, LABELS[status], tuple(reasons), SOURCE, details=details)


def _challenge_reasons(result: ChallengeResult, challenge: Challenge | None) -> list[str]:
    if result is ChallengeResult.NEGATIVE and challenge is not None:
        return [
            f"Latest naloxone challenge ({_iso(challenge.at)}) negative: recorded; the rule lists no step for it, "
            "so the day counts still apply."
        ]
    if result is ChallengeResult.NONE:
        return [
            "No naloxone challenge recorded; if hidden physical dependence is possible, a clinician may do one "
            "(never with withdrawal signs or a positive urine; protocol in clinical-reference §9)."
        ]
    return []


def _validate(
    assessed_at: datetime,
    last_opioid_at: datetime,
    last_agonist_moud_at: datetime | None,
    withdrawal_signs: object,
    urine_opioid_positive: object,
    challenge: Challenge | None,
    settings: Settings,
) -> ChallengeResult:
    moments = {"last_opioid_at": last_opioid_at, "last_agonist_moud_at": last_agonist_moud_at}
    if challenge is not None:
        moments["challenge_at"] = challenge.at
    problems = _moment_problems(assessed_at, moments)
    if (
        last_agonist_moud_at is not None
        and "last_agonist_moud_at" not in problems
        and "last_opioid_at" not in problems
        and last_agonist_moud_at > last_opioid_at
    ):
        problems["last_agonist_moud_at"] = (
            "must not be after last_opioid_at, which counts any opioid including methadone and buprenorphine"
        )
    for key, flag in (("withdrawal_signs", withdrawal_signs), ("urine_opioid_positive", urine_opioid_positive)):
        if type(flag) is not bool:
            problems[key] = "must be true or false"
    result = ChallengeResult.NONE
    if challenge is not None:
        if challenge.result in {ChallengeResult.NEGATIVE.value, ChallengeResult.POSITIVE.value}:
            result = ChallengeResult(challenge.result)
        else:
            problems["challenge_result"] = "must be negative or positive when a challenge time is given"
    problems |= settings_problems(settings)
    if problems:
        raise InvalidInput(problems)
    return result


def _moment_problems(assessed_at: datetime, moments: Mapping[str, datetime | None]) -> dict[str, str]:
    """Aware date-times, none after `assessed_at`; absent optional moments are None."""
    problems: dict[str, str] = {}
    assessed_ok = _aware(assessed_at)
    if not assessed_ok:
        problems["assessed_at"] = "must be a timezone-aware date-time"
    for key, moment in moments.items():
        if moment is None:
            continue
        if not _aware(moment):
            problems[key] = "must be a timezone-aware date-time"
        elif assessed_ok and moment > assessed_at:
            problems[key] = "must not be after assessed_at"
    return problems


def settings_problems(settings: Settings) -> dict[str, str]:
    """Every bad setting: whole numbers of days, 1 or more, and the minimum not above the ready count."""
    problems: dict[str, str] = {}
    for key, value in asdict(settings).items():
        if type(value) is not int or value < 1:
            problems[key] = "must be a whole number of days, 1 or more"
    if not problems and settings.min_opioid_free_days > settings.ready_opioid_free_days:
        problems["min_opioid_free_days"] = (
            f"must not be above ready_opioid_free_days ({settings.ready_opioid_free_days})"
        )
    return problems


def xr_ntx_status(injected_on: date, today: date) -> Result:
    """When the next XR-NTX injection is due and whether the blockade may be waning (clinical-reference §9).

    `injected_on` is the local date of the latest extended-release naltrexone injection, `today` the
    person's local date. Due = injection + 28 days; more than 28 days elapsed raises the flag
    `ntx_blockade_waning` and an overdose-window trigger (`xr_ntx_overdue`, §12) dated the first day
    after the due date [Onward reading]. No band: the reference defines a due date and a flag only.
    """
    problems: dict[str, str] = {}
    for key, value in (("injected_on", injected_on), ("today", today)):
        if type(value) is not date:
            problems[key] = "must be a date"
    if not problems and today < injected_on:
        problems["today"] = f"must be on or after injected_on {injected_on.isoformat()}"
    if problems:
        raise InvalidInput(problems)
    elapsed = (today - injected_on).days
    due_on = injected_on + timedelta(days=XR_NTX_INTERVAL_DAYS)
    waning_from = due_on + timedelta(days=1)
    waning = elapsed > XR_NTX_INTERVAL_DAYS
    reasons = [
        f"Injected {injected_on.isoformat()}, {elapsed} days ago; next injection due {due_on.isoformat()} "
        f"(injection + {XR_NTX_INTERVAL_DAYS} days, the label's 4-week interval)."
    ]
    if waning:
        reasons.append(
            f"More than {XR_NTX_INTERVAL_DAYS} days since the injection: the blockade may be waning (flag "
            f"{WANING_FLAG}); an overdose risk window opens from {waning_from.isoformat()} "
            f"(clinical-reference §12 trigger {OVERDOSE_WINDOW_TRIGGER})."
        )
    reasons.append(
        "After the blockade ends, smaller opioid doses than those used before can cause an overdose: discuss "
        "this and consider an overdose reversal agent such as naloxone at each injection (label)."
    )
    details: dict[str, Any] = {
        "due_on": due_on,
        "days_since_injection": elapsed,
        "waning_from": waning_from,
        "overdose_window_trigger": {"kind": OVERDOSE_WINDOW_TRIGGER, "on": waning_from} if waning else None,
    }
    flags = (WANING_FLAG,) if waning else ()
    items = {"injected_on": injected_on, "today": today}
    return Result("xr-ntx-status", items, None, None, None, None, tuple(reasons), XR_SOURCE, flags, details)


def _aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None and moment.utcoffset() is not None


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    assessed_at = reader.moment("assessed_at")
    last_opioid_at = reader.moment("last_opioid_at")
    last_agonist = reader.moment("last_agonist_moud_at", required=False)
    signs = reader.boolean("withdrawal_signs")
    urine = reader.boolean("urine_opioid_positive")
    result = reader.choice("challenge_result", tuple(c.value for c in ChallengeResult), required=False)
    challenged = result not in {None, ChallengeResult.NONE.value}
    challenge_at = reader.moment("challenge_at", required=challenged)
    if reader.has("challenge_at") and not challenged and "challenge_result" not in reader.problems:
        reader.problems["challenge_result"] = "must be negative or positive when challenge_at is given"
    days = {
        key: reader.integer(key, required=False, minimum=1)
        for key in ("min_opioid_free_days", "ready_opioid_free_days", "agonist_wait_days")
    }
    if reader.problems:
        raise InvalidInput(reader.problems)
    assert assessed_at is not None  # noqa: S101 - the reader recorded a problem otherwise
    assert last_opioid_at is not None  # noqa: S101
    assert signs is not None  # noqa: S101
    assert urine is not None  # noqa: S101
    defaults = asdict(Settings())
    settings = Settings(**{k: defaults[k] if v is None else v for k, v in days.items()})
    # challenge_at is present exactly when the result is negative or positive (checked above).
    challenge = None if challenge_at is None else Challenge(str(result), challenge_at)
    return assess(
        assessed_at,
        last_opioid_at=last_opioid_at,
        withdrawal_signs=signs,
        urine_opioid_positive=urine,
        last_agonist_moud_at=last_agonist,
        challenge=challenge,
        settings=settings,
    )


MOMENT = "ISO 8601 date-time with Z or offset"
PARAMS: tuple[Param, ...] = (
    Param("assessed_at", MOMENT, "when readiness is assessed"),
    Param(
        "last_opioid_at",
        MOMENT + ", not after assessed_at",
        "last use of any opioid, methadone, buprenorphine and tramadol included",
    ),
    Param(
        "last_agonist_moud_at",
        MOMENT + ", not after last_opioid_at",
        "last methadone or buprenorphine dose, if any",
        required=False,
    ),
    Param("withdrawal_signs", "true, false", "opioid withdrawal signs present now"),
    Param("urine_opioid_positive", "true, false", "latest urine opioid result is positive"),
    Param(
        "challenge_result",
        ", ".join(c.value for c in ChallengeResult),
        "latest naloxone challenge result (default none)",
        required=False,
    ),
    Param("challenge_at", MOMENT + ", not after assessed_at", "when that challenge was read", required=False),
    Param(
        "min_opioid_free_days",
        "1 or more, not above ready_opioid_free_days",
        f"setting: fewer opioid-free days is not_ready (default {DEFAULT_MIN_OPIOID_FREE_DAYS})",
        required=False,
    ),
    Param(
        "ready_opioid_free_days",
        "1 or more",
        f"setting: fewer opioid-free days is review (default {DEFAULT_READY_OPIOID_FREE_DAYS})",
        required=False,
    ),
    Param(
        "agonist_wait_days",
        "1 or more",
        f"setting: a methadone or buprenorphine dose more recent is review (default {DEFAULT_AGONIST_WAIT_DAYS})",
        required=False,
    ),
)

COMMAND = Command(
    name=NAME,
    title="Naltrexone initiation readiness (NTX-READY; recommends, a clinician decides)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs=(
        "band: ready|review|not_ready; matched_step, days_free, hours_since_last_opioid, "
        "min_opioid_free_met_at, earliest_ready_at, repeat_challenge_from"
    ),
)
