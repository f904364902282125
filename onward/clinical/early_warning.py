"""The early-warning engine: signals from a person's daily check-ins (clinical-reference §21 [Onward]).

No source gives thresholds for these signals (§15: "no thresholds exist in the sources"); every number
below is an Onward policy default of §21, a named setting (`Settings`), marked as policy in code and
named in the reasons of every signal that uses it. Missed doses (§21 `missed_doses_*`) belong to the
dose log, not here.

Inputs are the person's check-ins as `Day` values (one per local date) and `today`, the person's local
date; the engine reads no clock. `evaluate` validates and sorts; the single-signal functions expect
days in date order, none after `today`. Each signal carries its reasons, severity and source; the matching
response from the person's relapse-prevention plan is the caller's to add, when a plan records one.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from onward.clinical.errors import InvalidInput

SOURCE = "clinical-reference §21 Onward policy defaults [Onward]; no clinical source gives these thresholds (§15)"
OVERDOSE_SOURCE = "clinical-reference §21 reported_use and §12 (overdose window; naloxone)"

CRAVING_MAX = 10  # the check-in's craving scale is 0-10 (§21 craving_high: "(0-10)")
HOURS_IN_DAY = 24


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Kind(StrEnum):
    MISSED_CHECKINS = "checkins.missed"
    CRAVING_HIGH = "checkins.craving_high"
    CRAVING_RISING = "checkins.craving_rising"
    WARNING_SIGNS = "checkins.warning_signs"
    SLEEP_COLLAPSE = "checkins.sleep_collapse"
    ISOLATION = "checkins.isolation"
    REPORTED_USE = "checkins.reported_use"


@dataclass(frozen=True, slots=True)
class Settings:
    """The §21 defaults, each a per-program setting (`# clinical-reference §21 policy`)."""

    missed_checkins_days: int = 3  # clinical-reference §21 policy missed_checkins_days
    craving_high: int = 7  # clinical-reference §21 policy craving_high: >= 7 ...
    craving_high_count: int = 2  # ... on 2 ...
    craving_high_of_last: int = 3  # ... of the last 3 check-ins -> medium
    craving_very_high: int = 9  # clinical-reference §21 policy craving_high: >= 9 once -> high
    craving_rising_points: Decimal = Decimal(3)  # clinical-reference §21 policy craving_rising: >= 3 points
    craving_rising_recent_days: int = 7  # ... mean of the last 7 days ...
    craving_rising_baseline_days: int = 28  # ... above the mean of the 28 days before
    warning_signs_high_count: int = 2  # clinical-reference §21 policy warning_signs: 2 or more ...
    warning_signs_high_days: int = 3  # ... within 3 days -> high
    sleep_short_hours: Decimal = Decimal(4)  # clinical-reference §21 policy sleep_collapse: <= 4 h ...
    sleep_short_nights: int = 3  # ... on 3 ...
    sleep_of_last_nights: int = 5  # ... of the last 5 nights -> low
    isolation_days: int = 7  # clinical-reference §21 policy isolation_days: no contact for 7 days -> low

    def describe(self) -> str:
        return (
            f"missed_checkins_days={self.missed_checkins_days}, craving_high={self.craving_high} on"
            f" {self.craving_high_count} of {self.craving_high_of_last}, craving_very_high={self.craving_very_high},"
            f" craving_rising={self.craving_rising_points} over {self.craving_rising_recent_days}/"
            f"{self.craving_rising_baseline_days} days, warning_signs high at {self.warning_signs_high_count}"
            f" within {self.warning_signs_high_days} days, sleep <= {self.sleep_short_hours} h on"
            f" {self.sleep_short_nights} of {self.sleep_of_last_nights}, isolation_days={self.isolation_days}"
        )


DEFAULTS = Settings()

DECIMAL_SETTINGS = ("craving_rising_points", "sleep_short_hours")
CRAVING_SETTINGS = ("craving_high", "craving_very_high")  # thresholds on the 0-10 craving scale


def settings_problems(settings: Settings) -> dict[str, str]:
    """Every setting that cannot mean what its name says, named (clinical-reference §0 rule 4).

    The limits come from the meaning of each setting, not from a clinical source: counts of days,
    nights and check-ins are whole numbers, 1 or more; craving thresholds lie on the check-in's 0-10
    scale; a rise in mean craving is more than 0 and at most the scale's 10; a night's sleep is 0-24
    hours; "n of the last m" needs n <= m; "very high" is not below "high"."""
    problems: dict[str, str] = {}
    for item in fields(Settings):
        name, value = item.name, getattr(settings, item.name)
        if name in DECIMAL_SETTINGS:
            if type(value) is not Decimal or not value.is_finite():
                problems[name] = "must be a decimal number"
        elif type(value) is not int:
            problems[name] = "must be a whole number"
        elif name in CRAVING_SETTINGS:
            if not 0 <= value <= CRAVING_MAX:
                problems[name] = f"must be 0 to {CRAVING_MAX} (the check-in's craving scale)"
        elif value < 1:
            problems[name] = "must be a whole number, 1 or more"
    if "craving_rising_points" not in problems and not 0 < settings.craving_rising_points <= CRAVING_MAX:
        problems["craving_rising_points"] = f"must be more than 0 and at most {CRAVING_MAX} (the craving scale)"
    if "sleep_short_hours" not in problems and not 0 <= settings.sleep_short_hours <= HOURS_IN_DAY:
        problems["sleep_short_hours"] = f"must be 0 to {HOURS_IN_DAY} hours"
    for count, of_last, words in (
        ("craving_high_count", "craving_high_of_last", "check-ins looked at"),
        ("sleep_short_nights", "sleep_of_last_nights", "nights looked at"),
    ):
        if count not in problems and of_last not in problems and getattr(settings, count) > getattr(settings, of_last):
            problems[count] = f"must not be above {of_last} ({getattr(settings, of_last)} {words})"
    if (
        "craving_very_high" not in problems
        and "craving_high" not in problems
        and settings.craving_very_high < settings.craving_high
    ):
        problems["craving_very_high"] = f"must not be below craving_high ({settings.craving_high})"
    return problems


def lookback_days(settings: Settings) -> int:
    """How many local days, ending today, the signals look at: the widest window of the settings
    (35 with the defaults: craving_rising's 7 recent and 28 baseline days). `craving_high` counts
    check-ins, not days; at most one check-in a day, so its count is a lower bound on the days."""
    return max(
        settings.craving_rising_recent_days + settings.craving_rising_baseline_days,
        settings.missed_checkins_days + 1,
        settings.craving_high_of_last,
        settings.warning_signs_high_days,
        settings.sleep_of_last_nights,
        settings.isolation_days,
    )


@dataclass(frozen=True, slots=True)
class Day:
    """One check-in, on the person's local date. `sleep_hours` None: not answered."""

    on: date
    craving: int
    sleep_hours: Decimal | None = None
    warning_signs: tuple[str, ...] = ()
    support_contact: bool = False
    used: bool = False
    substances: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signal:
    kind: Kind
    severity: Severity
    reasons: tuple[str, ...]
    key: str  # the evidence it rests on (a date), so the same evidence raises one alert
    clinical: bool
    source: str = SOURCE
    details: dict[str, object] = field(default_factory=dict)


def evaluate(
    days: Sequence[Day],
    *,
    today: date,
    tracking_since: date | None = None,
    settings: Settings = DEFAULTS,
    meeting_days: Collection[date] = (),
) -> tuple[Signal, ...]:
    """Every signal the check-ins up to `today` (the person's local date) raise.

    `tracking_since` is the first local date the person was asked to check in (default: their first
    check-in); days before it never count as missed or isolated. Check-ins after `today` are an error.
    `meeting_days` are the local dates of meetings the person logged as attended (their attendance
    log), which count as contact for `isolation` whether or not a check-in was made that day.
    Settings that cannot mean what they say (`settings_problems`) are an error, named.
    """
    problems = settings_problems(settings)
    if problems:
        raise InvalidInput({f"settings.{name}": text for name, text in problems.items()})
    history = _validated(days, today=today)
    if tracking_since is None and history:
        tracking_since = history[0].on
    found = (
        missed_checkins(history, today=today, tracking_since=tracking_since, settings=settings),
        craving_high(history, today=today, settings=settings),
        craving_rising(history, today=today, settings=settings),
        warning_signs(history, today=today, settings=settings),
        sleep_collapse(history, today=today, settings=settings),
        isolation(history, today=today, tracking_since=tracking_since, settings=settings, meeting_days=meeting_days),
        reported_use(history),
    )
    return tuple(s for s in found if s is not None)


def missed_checkins(
    days: Sequence[Day], *, today: date, tracking_since: date | None, settings: Settings = DEFAULTS
) -> Signal | None:
    """§21 missed_checkins_days: that many consecutive local days without a check-in -> medium.

    Only whole days count: today is not over, so the days looked at are the ones before it."""
    if tracking_since is None:
        return None
    window = [today - timedelta(days=n) for n in range(1, settings.missed_checkins_days + 1)]
    if window[-1] < tracking_since:
        return None
    dated = {d.on for d in days}
    if any(day in dated for day in window):
        return None
    last = max((d.on for d in days if d.on < today), default=None)
    since = f"the last check-in was on {last.isoformat()}" if last else "no check-in yet"
    gap_from = tracking_since if last is None else max(last + timedelta(days=1), tracking_since)
    return Signal(
        Kind.MISSED_CHECKINS,
        Severity.MEDIUM,
        (
            f"No check-in on the {settings.missed_checkins_days} days {window[-1].isoformat()} to"
            f" {window[0].isoformat()}; {since}.",
            _policy(f"missed_checkins_days: {settings.missed_checkins_days} consecutive days -> medium"),
        ),
        key=gap_from.isoformat(),  # one gap, one signal, however many days it lasts
        clinical=False,
    )


def craving_high(days: Sequence[Day], *, today: date, settings: Settings = DEFAULTS) -> Signal | None:
    """§21 craving_high: >= 7 on 2 of the last 3 check-ins -> medium; >= 9 once -> high (the latest)."""
    recent = list(days)[-settings.craving_high_of_last :]
    if not recent:
        return None
    latest = recent[-1]
    if latest.craving >= settings.craving_very_high:
        return Signal(
            Kind.CRAVING_HIGH,
            Severity.HIGH,
            (
                f"Craving {latest.craving} of {CRAVING_MAX} reported on {latest.on.isoformat()}.",
                _policy(f"craving_high: {settings.craving_very_high} or more once -> high"),
            ),
            key=latest.on.isoformat(),
            clinical=True,
            details={"craving": latest.craving},
        )
    high = [d for d in recent if d.craving >= settings.craving_high]
    if len(high) < settings.craving_high_count:
        return None
    shown = ", ".join(f"{d.craving} on {d.on.isoformat()}" for d in high)
    return Signal(
        Kind.CRAVING_HIGH,
        Severity.MEDIUM,
        (
            f"Craving of {settings.craving_high} or more on {len(high)} of the last {len(recent)} check-ins: {shown}.",
            _policy(
                f"craving_high: {settings.craving_high} or more on {settings.craving_high_count} of the last"
                f" {settings.craving_high_of_last} check-ins -> medium"
            ),
        ),
        key=high[-1].on.isoformat(),
        clinical=True,
        details={"cravings": [d.craving for d in recent]},
    )


def craving_rising(days: Sequence[Day], *, today: date, settings: Settings = DEFAULTS) -> Signal | None:
    """§21 craving_rising: mean of the last 7 days >= 3 points above the mean of the 28 days before
    -> medium. Both windows need at least one check-in; otherwise there is nothing to compare."""
    recent_from = today - timedelta(days=settings.craving_rising_recent_days - 1)
    baseline_from = recent_from - timedelta(days=settings.craving_rising_baseline_days)
    recent = [d.craving for d in days if recent_from <= d.on <= today]
    baseline = [d.craving for d in days if baseline_from <= d.on < recent_from]
    if not recent or not baseline:
        return None
    recent_mean = Decimal(sum(recent)) / len(recent)
    baseline_mean = Decimal(sum(baseline)) / len(baseline)
    if recent_mean - baseline_mean < settings.craving_rising_points:
        return None
    return Signal(
        Kind.CRAVING_RISING,
        Severity.MEDIUM,
        (
            f"Mean craving {_one_place(recent_mean)} over {recent_from.isoformat()} to {today.isoformat()}"
            f" ({len(recent)} check-ins), {_one_place(baseline_mean)} over the"
            f" {settings.craving_rising_baseline_days} days before ({len(baseline)} check-ins).",
            _policy(
                f"craving_rising: {settings.craving_rising_points} points or more above the mean of the"
                f" {settings.craving_rising_baseline_days} days before -> medium"
            ),
        ),
        key=max(d.on for d in days if recent_from <= d.on <= today).isoformat(),
        clinical=True,
        details={"recent_mean": recent_mean, "baseline_mean": baseline_mean},
    )


def warning_signs(days: Sequence[Day], *, today: date, settings: Settings = DEFAULTS) -> Signal | None:
    """§21 warning_signs: any warning sign reported -> medium; 2 or more reports within 3 days -> high.

    Both look at the check-ins of the 3 local days ending today, so an old report stops counting."""
    window_from = today - timedelta(days=settings.warning_signs_high_days - 1)
    reports = [(d.on, sign) for d in days if window_from <= d.on <= today for sign in d.warning_signs]
    if not reports:
        return None
    shown = "; ".join(f"{sign} ({on.isoformat()})" for on, sign in reports)
    if len(reports) >= settings.warning_signs_high_count:
        severity = Severity.HIGH
        rule = (
            f"warning_signs: {settings.warning_signs_high_count} or more within"
            f" {settings.warning_signs_high_days} days -> high"
        )
    else:
        severity, rule = Severity.MEDIUM, "warning_signs: any warning sign reported -> medium"
    return Signal(
        Kind.WARNING_SIGNS,
        severity,
        (f"Warning signs reported: {shown}.", _policy(rule)),
        key=max(on for on, _ in reports).isoformat(),
        clinical=True,
        details={"signs": sorted({sign for _, sign in reports})},
    )


def sleep_collapse(days: Sequence[Day], *, today: date, settings: Settings = DEFAULTS) -> Signal | None:
    """§21 sleep_collapse: <= 4 h sleep on 3 of the last 5 nights (local dates ending today) -> low.
    Nights without an answer do not count either way."""
    window_from = today - timedelta(days=settings.sleep_of_last_nights - 1)
    short = [
        d
        for d in days
        if window_from <= d.on <= today and d.sleep_hours is not None and d.sleep_hours <= settings.sleep_short_hours
    ]
    if len(short) < settings.sleep_short_nights:
        return None
    shown = ", ".join(f"{d.sleep_hours} h on {d.on.isoformat()}" for d in short)
    return Signal(
        Kind.SLEEP_COLLAPSE,
        Severity.LOW,
        (
            f"Short sleep on {len(short)} of the {settings.sleep_of_last_nights} nights"
            f" to {today.isoformat()}: {shown}.",
            _policy(
                f"sleep_collapse: {settings.sleep_short_hours} h or less on {settings.sleep_short_nights} of the"
                f" last {settings.sleep_of_last_nights} nights -> low"
            ),
        ),
        key=short[-1].on.isoformat(),
        clinical=True,
    )


def isolation(
    days: Sequence[Day],
    *,
    today: date,
    tracking_since: date | None,
    settings: Settings = DEFAULTS,
    meeting_days: Collection[date] = (),
) -> Signal | None:
    """§21 isolation_days: no support contact and no meeting for 7 days -> low.

    Contact is what the person answered in their check-ins ("a meeting or support contact") or a
    meeting in their attendance log (`meeting_days`, local dates); the 7 local days end today, and
    all of them must fall on or after `tracking_since`."""
    window_from = today - timedelta(days=settings.isolation_days - 1)
    if tracking_since is None or window_from < tracking_since:
        return None
    in_window = [d for d in days if window_from <= d.on <= today]
    contact_days = {d.on for d in days if d.support_contact} | {m for m in meeting_days if m <= today}
    if any(window_from <= on for on in contact_days):
        return None
    last_contact = max((on for on in contact_days if on < window_from), default=None)
    stretch_from = tracking_since if last_contact is None else max(last_contact + timedelta(days=1), tracking_since)
    return Signal(
        Kind.ISOLATION,
        Severity.LOW,
        (
            f"No meeting or support contact reported from {window_from.isoformat()} to {today.isoformat()}"
            f" ({len(in_window)} check-ins in that time).",
            _policy(f"isolation_days: {settings.isolation_days} days without contact -> low"),
        ),
        key=stretch_from.isoformat(),  # one stretch without contact, one signal
        clinical=False,
    )


def reported_use(days: Sequence[Day]) -> Signal | None:
    """§21 reported_use: any use reported -> high, leading with overdose safety (§12). The latest
    check-in is the one that counts; an older report has had its signal."""
    if not days or not days[-1].used:
        return None
    latest = days[-1]
    what = ", ".join(latest.substances) or "not said"
    return Signal(
        Kind.REPORTED_USE,
        Severity.HIGH,
        (
            f"Use reported in the check-in of {latest.on.isoformat()} (substance: {what}). Lead with safety:"
            " tolerance may be lower than before, so overdose risk is higher; check naloxone and that"
            " they do not use alone (§12).",
            _policy("reported_use: any use reported -> high"),
        ),
        key=latest.on.isoformat(),
        clinical=True,
        source=OVERDOSE_SOURCE,
    )


def _validated(days: Sequence[Day], *, today: date) -> list[Day]:
    problems: dict[str, str] = {}
    if type(today) is not date:
        problems["today"] = "must be a date"
    ordered = sorted(days, key=lambda d: d.on)
    seen: set[date] = set()
    for day in ordered:
        name = f"day {day.on}"
        if type(day.craving) is not int or not 0 <= day.craving <= CRAVING_MAX:
            problems[name] = f"craving must be a whole number 0 to {CRAVING_MAX}"
        elif day.sleep_hours is not None and not (0 <= day.sleep_hours <= HOURS_IN_DAY):
            problems[name] = f"sleep hours must be 0 to {HOURS_IN_DAY}"
        elif day.on in seen:
            problems[name] = "one check-in per local date"
        elif "today" not in problems and day.on > today:  # a bad `today` is named once, above
            problems[name] = f"is after today ({today.isoformat()})"
        seen.add(day.on)
    if problems:
        raise InvalidInput(problems)
    return ordered


def _policy(rule: str) -> str:
    return f"Onward policy default, not clinical evidence (clinical-reference §21 {rule})."


def _one_place(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1")))
