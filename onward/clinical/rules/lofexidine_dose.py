"""Lofexidine (LUCEMYRA) dose check, rule LOFEX-CHECK (clinical-reference §10) — warnings only.

Source: LUCEMYRA prescribing information (hcp.lucemyra.com/dosing and a label copy) [P]; the rule
itself, and taking the lower figure when hepatic and renal impairment both apply, are Onward's
[Onward]. Nothing here blocks a dose: every finding is a warning for the prescriber, who decides
(clinical-reference §0.5).

Readings of the reference [Onward]:
- Local day: each dose time is converted to the person's time zone (`zone`; an IANA name such as
  ``America/New_York`` on the command line) and its local date is its day; day 1 is the local date of
  the earliest dose given, so the doses must include the first one. Converting, rather than trusting
  each time's own offset, keeps the day right when times arrive in UTC (Onward stores ``*_at`` in UTC).
- "<5 h since the last dose" is strictly less than 5 h: exactly 5 h apart is within the label's 5–6 h.
  Each entry is one dose; two entries at the same instant are 0 h apart and get the interval warning.
- "Oral naltrexone within 2 h": either side of a lofexidine dose, and exactly 2 h apart counts
  (|difference| <= 2 h), because "within two hours" includes two hours.
- The hepatic and renal figures are daily figures (12 / 8 / 4 tablets); their per-dose tablets
  (3 / 2 / 1 four times a day) are shown in the text, not checked. The single-dose check stays 4 tablets.
- Child-Pugh scores start at 5, the lowest band; the reference gives no upper bound, so none is encoded.
- A stop order: with ``stopping=true`` the reasons carry the label's 2–4-day taper; it is text, not a
  warning, and without the input it is left out.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from onward.clinical.counting import day_number, exact_hours
from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader, to_datetime, to_int
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

NAME = "lofexidine-dose"
SOURCE = (
    "clinical-reference §10 Lofexidine (LUCEMYRA prescribing information [P]); rule LOFEX-CHECK [Onward], warnings only"
)

TABLET_MG = Decimal("0.18")  # clinical-reference §10: one tablet is 0.18 mg
MAX_TABLETS_PER_DOSE = 4  # clinical-reference §10: a single dose of at most 4 tablets (0.72 mg)
MAX_TABLETS_PER_DAY = 16  # clinical-reference §10: at most 16 tablets (2.88 mg) a day
MIN_HOURS_BETWEEN_DOSES = 5  # clinical-reference §10: 5–6 h between doses; LOFEX-CHECK warns under 5 h
MAX_TREATMENT_DAYS = 14  # clinical-reference §10: up to 14 days; LOFEX-CHECK warns from day 15
NALTREXONE_WINDOW_HOURS = 2  # clinical-reference §10: oral naltrexone may work less within 2 h
TAPER_MIN_DAYS = 2  # clinical-reference §10: stop by tapering over 2–4 days
TAPER_MAX_DAYS = 4  # clinical-reference §10
LABEL_INTERVAL_TEXT = "5–6 h"  # clinical-reference §10: 5–6 h between doses (shown in the text)
DOSES_A_DAY_TEXT = "four times a day"  # clinical-reference §10: impairment doses are given QID (text only)
TAPER_EXAMPLE = "one tablet less per dose every 1–2 days"  # clinical-reference §10: the label's example

CHILD_PUGH_LOWEST = 5  # clinical-reference §10: the lowest hepatic band is Child-Pugh 5–6
# Hepatic bands, highest first: (lowest score, highest score or None, tablets a day). ">9" is 10 and up, as scores are
# whole numbers. clinical-reference §10: Child-Pugh 5–6 / 7–9 / >9 → 12 / 8 / 4 tablets a day
CHILD_PUGH_BANDS: tuple[tuple[int, int | None, int], ...] = ((10, None, 4), (7, 9, 8), (5, 6, 12))
# Per-dose tablets of each hepatic band, for the text only. clinical-reference §10: 3 / 2 / 1 tablets QID
CHILD_PUGH_TABLETS_PER_DOSE: Mapping[int, int] = {12: 3, 8: 2, 4: 1}

EGFR_MODERATE_FROM = 30  # clinical-reference §10: eGFR [30, 90) → 2 tablets QID (8 a day, 1.44 mg)
EGFR_MODERATE_BELOW = 90  # clinical-reference §10
RENAL_MODERATE_TABLETS_PER_DAY = 8  # clinical-reference §10
RENAL_SEVERE_TABLETS_PER_DAY = 4  # clinical-reference §10: eGFR <30, ESRD or dialysis → 1 tablet QID (0.72 mg)

MACHINE_DEPENDENT_ZONES = frozenset({"localtime"})  # follows the machine's setting, not the person


class Flag(StrEnum):
    """Stable machine names of the warnings, in the order they are listed."""

    SINGLE_DOSE_ABOVE_MAXIMUM = "single_dose_above_maximum"
    INTERVAL_BELOW_MINIMUM = "interval_below_minimum"
    DAILY_TOTAL_ABOVE_FIGURE = "daily_total_above_figure"
    DOSE_BEYOND_TREATMENT_LENGTH = "dose_beyond_treatment_length"
    METHADONE_QT = "methadone_qt"
    ORAL_NALTREXONE_NEAR_DOSE = "oral_naltrexone_near_dose"


class Band(StrEnum):
    NO_WARNING = "no_warning"
    WARNING = "warning"


class Basis(StrEnum):
    """Where the daily figure in force comes from."""

    LABEL_MAXIMUM = "label_maximum"
    HEPATIC = "hepatic"
    RENAL = "renal"
    HEPATIC_AND_RENAL = "hepatic_and_renal"  # both apply and give the same figure


@dataclass(frozen=True, slots=True)
class Dose:
    """One lofexidine dose: whole tablets taken at an aware time."""

    tablets: int
    at: datetime


@dataclass(frozen=True, slots=True)
class DailyFigure:
    """The most tablets a day in force, and why."""

    tablets: int
    mg: Decimal
    basis: Basis
    why: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One warning: its flag and the reason in plain words."""

    flag: Flag
    reason: str


def tablets_mg(tablets: int) -> Decimal:
    """Milligrams in `tablets` whole tablets of 0.18 mg (clinical-reference §10)."""
    return tablets * TABLET_MG


def hepatic_figure(child_pugh: int) -> int:
    """Tablets a day for a Child-Pugh score of 5 or more (clinical-reference §10)."""
    return next(per_day for lowest, _, per_day in CHILD_PUGH_BANDS if child_pugh >= lowest)


def renal_figure(egfr: Decimal | int | None, *, esrd_or_dialysis: bool) -> int | None:
    """Tablets a day for renal impairment, or None when no renal figure applies (clinical-reference §10)."""
    if esrd_or_dialysis or (egfr is not None and egfr < EGFR_MODERATE_FROM):
        return RENAL_SEVERE_TABLETS_PER_DAY
    if egfr is not None and egfr < EGFR_MODERATE_BELOW:
        return RENAL_MODERATE_TABLETS_PER_DAY
    return None


def daily_figure(
    child_pugh: int | None = None, egfr: Decimal | int | None = None, *, esrd_or_dialysis: bool = False
) -> DailyFigure:
    """The daily figure in force: the label's 16, or the lower impairment figure (clinical-reference §10)."""
    hepatic = None if child_pugh is None else hepatic_figure(child_pugh)
    renal = renal_figure(egfr, esrd_or_dialysis=esrd_or_dialysis)
    parts: list[str] = []
    if hepatic is not None:
        band = next(b for b in CHILD_PUGH_BANDS if b[2] == hepatic)
        span = f"{band[0]}–{band[1]}" if band[1] is not None else f"above {band[0] - 1}"
        parts.append(
            f"hepatic: Child-Pugh {child_pugh} is in the {span} band, "
            f"{CHILD_PUGH_TABLETS_PER_DOSE[hepatic]} tablets {DOSES_A_DAY_TEXT} = {_tablets(hepatic)} a day"
        )
    if renal is not None:
        if esrd_or_dialysis:
            cause = "end-stage renal disease or dialysis"
        elif renal == RENAL_SEVERE_TABLETS_PER_DAY:
            cause = f"eGFR {egfr} is below {EGFR_MODERATE_FROM}"
        else:
            cause = f"eGFR {egfr} is in [{EGFR_MODERATE_FROM}, {EGFR_MODERATE_BELOW})"
        parts.append(f"renal: {cause}, {_tablets(renal)} a day")
    if hepatic is None and renal is None:
        return DailyFigure(
            MAX_TABLETS_PER_DAY,
            tablets_mg(MAX_TABLETS_PER_DAY),
            Basis.LABEL_MAXIMUM,
            f"the label's daily maximum of {_tablets(MAX_TABLETS_PER_DAY)}; no hepatic or renal impairment given",
        )
    figures = [f for f in (hepatic, renal) if f is not None]
    tablets = min(figures)
    if hepatic is not None and renal is not None:
        basis = Basis.HEPATIC_AND_RENAL if hepatic == renal else (Basis.HEPATIC if hepatic < renal else Basis.RENAL)
        parts.append("both apply, so the lower figure is in force [Onward]")
    else:
        basis = Basis.HEPATIC if hepatic is not None else Basis.RENAL
    return DailyFigure(tablets, tablets_mg(tablets), basis, "; ".join(parts))


def check_doses(
    doses: Sequence[Dose],
    *,
    zone: tzinfo,
    methadone_coprescribed: bool,
    child_pugh: int | None = None,
    egfr: Decimal | int | None = None,
    esrd_or_dialysis: bool = False,
    oral_naltrexone_at: Sequence[datetime] = (),
    stopping: bool = False,
) -> Result:
    """Apply LOFEX-CHECK to a course of lofexidine doses; InvalidInput names every bad input.

    `doses` are whole tablets at aware times, from the first dose on; `zone` is the person's time zone
    (local day = local date, day 1 = the first dose's date). Returns per-day tablet and mg totals, the
    daily figure in force and why, and band ``no_warning`` or ``warning`` with one flag per kind of finding.
    """
    _validate(doses, zone, methadone_coprescribed, child_pugh, egfr, esrd_or_dialysis, oral_naltrexone_at, stopping)
    figure = daily_figure(child_pugh, egfr, esrd_or_dialysis=esrd_or_dialysis)
    ordered = sorted(doses, key=lambda d: (d.at, d.tablets))  # same instant: a stable order whatever the input
    first_day = ordered[0].at.astimezone(zone).date()
    warnings: list[Finding] = []
    dose_rows: list[dict[str, Any]] = []
    per_day: dict[date, list[Dose]] = {}
    for n, dose in enumerate(ordered):
        local = dose.at.astimezone(zone)
        day = day_number(first_day, local.date())
        gap = None if n == 0 else dose.at - ordered[n - 1].at
        per_day.setdefault(local.date(), []).append(dose)
        dose_rows.append(
            {
                "at": dose.at,
                "local_time": local,
                "day": day,
                "tablets": dose.tablets,
                "mg": tablets_mg(dose.tablets),
                "hours_since_previous": None if gap is None else exact_hours(gap),
            }
        )
        if dose.tablets > MAX_TABLETS_PER_DOSE:
            warnings.append(
                Finding(
                    Flag.SINGLE_DOSE_ABOVE_MAXIMUM,
                    f"The dose at {_local(local)} is {_tablets(dose.tablets)}: above the label's single-dose "
                    f"maximum of {_tablets(MAX_TABLETS_PER_DOSE)}.",
                )
            )
        if gap is not None and gap < timedelta(hours=MIN_HOURS_BETWEEN_DOSES):
            warnings.append(
                Finding(
                    Flag.INTERVAL_BELOW_MINIMUM,
                    f"The dose at {_local(local)} comes {_span(gap)} after the previous dose: the label spaces "
                    f"doses {LABEL_INTERVAL_TEXT} apart, and this is under {MIN_HOURS_BETWEEN_DOSES} h.",
                )
            )
    day_rows: list[dict[str, Any]] = []
    for on, taken in sorted(per_day.items()):
        day = day_number(first_day, on)
        tablets = sum(d.tablets for d in taken)
        day_rows.append({"day": day, "date": on, "tablets": tablets, "mg": tablets_mg(tablets), "doses": len(taken)})
        if tablets > figure.tablets:
            warnings.append(
                Finding(
                    Flag.DAILY_TOTAL_ABOVE_FIGURE,
                    f"Day {day} ({on.isoformat()}) totals {_tablets(tablets)}: above the daily figure of "
                    f"{_tablets(figure.tablets)} in force (basis: {figure.basis.value}).",
                )
            )
        if day > MAX_TREATMENT_DAYS:
            warnings.append(
                Finding(
                    Flag.DOSE_BEYOND_TREATMENT_LENGTH,
                    f"Day {day} ({on.isoformat()}) has doses: the label covers up to {MAX_TREATMENT_DAYS} days "
                    f"of treatment.",
                )
            )
    if methadone_coprescribed:
        warnings.append(
            Finding(
                Flag.METHADONE_QT,
                "Methadone is co-prescribed: lofexidine and methadone can both prolong the QT interval, so the "
                "label advises ECG monitoring.",
            )
        )
    warnings += _naltrexone_warnings(ordered, oral_naltrexone_at, zone)
    warnings.sort(key=lambda w: list(Flag).index(w.flag))
    band = Band.WARNING if warnings else Band.NO_WARNING
    flags = tuple(f.value for f in Flag if any(w.flag is f for w in warnings))
    reasons = _reasons(day_rows, figure, zone, first_day, warnings, stopping=stopping)
    items: dict[str, Any] = {
        "doses": [{"tablets": d.tablets, "at": d.at} for d in doses],
        "time_zone": _zone_name(zone),
        "methadone_coprescribed": methadone_coprescribed,
        "child_pugh": child_pugh,
        "egfr": egfr,
        "esrd_or_dialysis": esrd_or_dialysis,
        "oral_naltrexone_at": list(oral_naltrexone_at),
        "stopping": stopping,
    }
    details: dict[str, Any] = {
        "days": day_rows,
        "doses": dose_rows,
        "daily_figure_tablets": figure.tablets,
        "daily_figure_mg": figure.mg,
        "daily_figure_basis": figure.basis,
        "daily_figure_why": figure.why,
        "warnings": [{"flag": w.flag, "reason": w.reason} for w in warnings],
    }
    label = (
        "No warnings from the label checks"
        if band is Band.NO_WARNING
        else f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''} for the prescriber to review"
    )
    return Result(NAME, items, None, None, band.value, label, reasons, SOURCE, flags, details)


def _naltrexone_warnings(ordered: Sequence[Dose], times: Sequence[datetime], zone: tzinfo) -> list[Finding]:
    warnings: list[Finding] = []
    window = timedelta(hours=NALTREXONE_WINDOW_HOURS)
    for taken in sorted(times):
        nearest = min(ordered, key=lambda d: abs(d.at - taken))
        apart = abs(nearest.at - taken)
        if apart <= window:
            warnings.append(
                Finding(
                    Flag.ORAL_NALTREXONE_NEAR_DOSE,
                    f"Oral naltrexone at {_local(taken.astimezone(zone))} is {_span(apart)} from the lofexidine "
                    f"dose at {_local(nearest.at.astimezone(zone))}: oral naltrexone may work less when taken "
                    f"within {NALTREXONE_WINDOW_HOURS} h of lofexidine (exactly {NALTREXONE_WINDOW_HOURS} h "
                    "counts [Onward]).",
                )
            )
    return warnings


def _reasons(
    day_rows: Sequence[Mapping[str, Any]],
    figure: DailyFigure,
    zone: tzinfo,
    first_day: date,
    warnings: Sequence[Finding],
    *,
    stopping: bool,
) -> tuple[str, ...]:
    reasons = [
        f"Days are local dates in {_zone_name(zone)}; day 1 is {first_day.isoformat()}, the date of the first dose.",
        f"Daily figure in force: {_tablets(figure.tablets)} — {figure.why}.",
    ]
    reasons += [
        f"Day {row['day']} ({row['date'].isoformat()}): {_tablets(row['tablets'])} in "
        f"{row['doses']} dose{'s' if row['doses'] > 1 else ''}."
        for row in day_rows
    ]
    reasons += [f"Warning ({w.flag.value}): {w.reason}" for w in warnings]
    if not warnings:
        reasons.append(
            f"No warnings: every dose is at most {_tablets(MAX_TABLETS_PER_DOSE)}, at least "
            f"{MIN_HOURS_BETWEEN_DOSES} h after the previous one, every day within the daily figure and within "
            f"the first {MAX_TREATMENT_DAYS} days; no co-prescribed methadone; no oral naltrexone within "
            f"{NALTREXONE_WINDOW_HOURS} h."
        )
    if stopping:
        reasons.append(
            f"The order is being stopped: the label advises tapering over {TAPER_MIN_DAYS}–{TAPER_MAX_DAYS} days "
            f"(for example {TAPER_EXAMPLE}) rather than stopping at once."
        )
    reasons.append("Warnings only: the prescriber decides, and nothing here stops a dose.")
    return tuple(reasons)


def _tablets(count: int) -> str:
    return f"{count} tablet{'s' if count != 1 else ''} ({tablets_mg(count)} mg)"


def _local(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _span(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours} h"] + ([f"{minutes} min"] if minutes else []) + ([f"{seconds} s"] if seconds else [])
    return " ".join(parts)


def _zone_name(zone: tzinfo) -> str:
    return str(zone)  # a ZoneInfo gives its IANA key, a fixed offset "UTC-05:00"


def _aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None and moment.utcoffset() is not None


def _non_negative_number(value: object) -> bool:
    if type(value) is int:
        return value >= 0
    return isinstance(value, Decimal) and value.is_finite() and value >= 0


def _validate(
    doses: Sequence[Dose],
    zone: object,
    methadone_coprescribed: object,
    child_pugh: object,
    egfr: object,
    esrd_or_dialysis: object,
    oral_naltrexone_at: Sequence[datetime],
    stopping: object,
) -> None:
    problems: dict[str, str] = {}
    if not doses:
        problems["doses"] = "needs at least one dose"
    for n, dose in enumerate(doses):
        if type(dose.tablets) is not int or dose.tablets < 1:
            problems[f"doses[{n}].tablets"] = "must be a whole number of tablets, 1 or more"
        if not _aware(dose.at):
            problems[f"doses[{n}].at"] = "must be a timezone-aware date-time"
    if not isinstance(zone, tzinfo):
        problems["time_zone"] = "must be a time zone"
    for key, value in (
        ("methadone_coprescribed", methadone_coprescribed),
        ("esrd_or_dialysis", esrd_or_dialysis),
        ("stopping", stopping),
    ):
        if type(value) is not bool:
            problems[key] = "must be true or false"
    if child_pugh is not None and (type(child_pugh) is not int or child_pugh < CHILD_PUGH_LOWEST):
        problems["child_pugh"] = f"must be a whole-number Child-Pugh score of {CHILD_PUGH_LOWEST} or more"
    if egfr is not None and not _non_negative_number(egfr):
        problems["egfr"] = "must be a finite number of 0 or more (mL/min/1.73 m²)"
    for n, moment in enumerate(oral_naltrexone_at):
        if not _aware(moment):
            problems[f"oral_naltrexone_at[{n}]"] = "must be a timezone-aware date-time"
    if problems:
        raise InvalidInput(problems)


def _read_doses(reader: Reader) -> list[Dose] | None:
    value = reader.raw_value("doses")
    hint = 'must be TABLETS@DATETIME,... or a JSON list of {"tablets", "at"}'
    if value is None:
        return None
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, str):
        for part in (p.strip() for p in value.split(",") if p.strip()):
            count, sep, at = part.partition("@")
            if not sep:
                reader.problems["doses"] = hint
                return None
            pairs.append((count.strip(), at.strip()))
    elif isinstance(value, list) and all(isinstance(v, Mapping) and set(v) == {"tablets", "at"} for v in value):
        pairs = [(v["tablets"], v["at"]) for v in value]
    else:
        reader.problems["doses"] = hint
        return None
    doses: list[Dose] = []
    for n, (raw_tablets, raw_at) in enumerate(pairs):
        tablets = to_int(raw_tablets)
        moment = to_datetime(raw_at)
        if tablets is None or tablets < 1:
            reader.problems[f"doses[{n}].tablets"] = "must be a whole number of tablets, 1 or more"
        if moment is None:
            reader.problems[f"doses[{n}].at"] = "must be an ISO 8601 date-time with Z or an offset"
        if tablets is not None and moment is not None:
            doses.append(Dose(tablets, moment))
    if not pairs:
        reader.problems["doses"] = "needs at least one dose"
    return doses


def _read_times(reader: Reader, key: str) -> list[datetime]:
    value = reader.raw_value(key, required=False)
    if value is None:
        return []
    if isinstance(value, str):
        raw = [p.strip() for p in value.split(",") if p.strip()]
    elif isinstance(value, list):
        raw = list(value)
    else:
        reader.problems[key] = "must be a list of date-times (comma-separated on the command line)"
        return []
    times: list[datetime] = []
    for n, text in enumerate(raw):
        moment = to_datetime(text)
        if moment is None:
            reader.problems[f"{key}[{n}]"] = "must be an ISO 8601 date-time with Z or an offset"
        else:
            times.append(moment)
    return times


def _read_zone(reader: Reader) -> tzinfo | None:
    value = reader.raw_value("time_zone")
    if value is None:
        return None
    problem = "must be an IANA time zone name such as America/New_York"
    if not isinstance(value, str) or value in MACHINE_DEPENDENT_ZONES:
        reader.problems["time_zone"] = problem
        return None
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        reader.problems["time_zone"] = problem
        return None


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    doses = _read_doses(reader)
    zone = _read_zone(reader)
    methadone = reader.boolean("methadone_coprescribed")
    child_pugh = reader.integer("child_pugh", required=False, minimum=CHILD_PUGH_LOWEST)
    egfr = reader.decimal("egfr", required=False, minimum=Decimal(0))
    esrd = reader.boolean("esrd_or_dialysis", required=False)
    naltrexone = _read_times(reader, "oral_naltrexone_at")
    stopping = reader.boolean("stopping", required=False)
    if reader.problems:
        raise InvalidInput(reader.problems)
    # Without problems the reader has returned every required value.
    return check_doses(
        cast(list[Dose], doses),
        zone=cast(tzinfo, zone),
        methadone_coprescribed=cast(bool, methadone),
        child_pugh=child_pugh,
        egfr=egfr,
        esrd_or_dialysis=bool(esrd),
        oral_naltrexone_at=naltrexone,
        stopping=bool(stopping),
    )


PARAMS: tuple[Param, ...] = (
    Param(
        "doses",
        'TABLETS@DATETIME,... or JSON [{"tablets", "at"}]; whole tablets of 0.18 mg, 1 or more',
        "every lofexidine dose from the first one on",
    ),
    Param("time_zone", "IANA time zone name, e.g. America/New_York", "the person's time zone: days are local dates"),
    Param("methadone_coprescribed", "true, false", "methadone is prescribed alongside lofexidine"),
    Param(
        "child_pugh",
        f"whole number {CHILD_PUGH_LOWEST} or more",
        "Child-Pugh score, if hepatic impairment is known",
        required=False,
    ),
    Param("egfr", "decimal number 0 or more (mL/min/1.73 m²)", "latest eGFR, if known", required=False),
    Param("esrd_or_dialysis", "true, false", "end-stage renal disease or on dialysis (default false)", required=False),
    Param(
        "oral_naltrexone_at",
        "DATETIME,... or JSON list of date-times",
        "times oral naltrexone was or will be taken",
        required=False,
    ),
    Param("stopping", "true, false", "the lofexidine order is being stopped (adds the taper text)", required=False),
)

COMMAND = Command(
    name=NAME,
    title="Lofexidine dose check (LOFEX-CHECK; warnings only, the prescriber decides)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs=(
        "band: no_warning|warning; flags: " + ", ".join(f.value for f in Flag) + "; days (tablets, mg), doses, "
        "daily_figure_tablets, daily_figure_mg, daily_figure_basis, daily_figure_why, warnings"
    ),
)
