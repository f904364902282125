"""Overdose risk window after lost tolerance (clinical-reference §12 OD-WINDOW [Onward]).

Evidence [P]: Strang 2003, Merrall 2010, Binswanger 2007, Cornish 2010 (§12). The window lengths
are Onward settings (defaults 14 and 28 days). Day 1 is the event date; the latest event wins.
The rule recommends safety actions; it never decides care.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from onward.clinical.counting import day_number
from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader, to_date
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

SOURCE = (
    "clinical-reference §12 OD-WINDOW [Onward] (Strang 2003, Merrall 2010, Binswanger 2007, "
    "Cornish 2010 [P]); tolerance-loss time for clinician-marked abstinence unsourced (§19.9)"
)

HIGH_DAYS = 14  # clinical-reference §12 OD-WINDOW: days 1-14 high
ELEVATED_DAYS = 28  # clinical-reference §12 OD-WINDOW: days 15-28 elevated; >= 29 none

TRIGGERS: tuple[str, ...] = (  # clinical-reference §12 OD-WINDOW dated triggers
    "detox_completed",
    "residential_discharge",
    "inpatient_discharge",
    "hospital_discharge",
    "incarceration_release",
    "methadone_stopped",
    "buprenorphine_stopped",
    "xr_ntx_overdue",
    "clinician_marked_abstinence",
)

ACTIONS: tuple[str, ...] = (  # clinical-reference §12 OD-WINDOW: while open
    "record that naloxone was offered or dispensed",
    "arrange a next appointment before discharge",
    "show the overdose safety message (naloxone, Never Use Alone, call emergency services)",
)


class Window(StrEnum):
    HIGH = "high"
    ELEVATED = "elevated"
    NONE = "none"


LABELS: Mapping[Window, str] = {
    Window.HIGH: "High overdose risk: tolerance may be lower (first 2 weeks)",
    Window.ELEVATED: "Elevated overdose risk: tolerance may still be lower (weeks 3 and 4)",
    Window.NONE: "No open overdose risk window",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Window lengths in days (clinical-reference §12 OD-WINDOW; lengths are settings)."""

    high_days: int = HIGH_DAYS
    elevated_days: int = ELEVATED_DAYS


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    on: date


def _words(kind: str) -> str:
    """An event kind as words ("residential_discharge" -> "residential discharge"): reasons are read by
    clinicians on the page as well as on the command line."""
    return kind.replace("_", " ")


def window_on(events: Sequence[Event], *, on: date, settings: Settings = Settings()) -> Result:  # noqa: B008
    """The overdose risk window on `on` from dated events; events after `on` are ignored."""
    _check(events, on, settings)
    reasons: list[str] = []
    later = [e for e in events if e.on > on]
    for event in later:
        reasons.append(f"{_words(event.kind)} on {event.on.isoformat()} is after {on.isoformat()} and was ignored")
    counted = [e for e in events if e.on <= on]
    details: dict[str, Any] = {
        "window_event": None,
        "high_until": None,
        "elevated_until": None,
        "none_from": None,
        "day_number": None,
        "actions": (),
    }
    items = {
        "events": tuple(events),
        "on": on,
        "high_days": settings.high_days,
        "elevated_days": settings.elevated_days,
    }
    if not counted:
        reasons.append(f"no triggering event on or before {on.isoformat()}")
        return Result(
            "overdose-risk-window",
            items,
            None,
            None,
            Window.NONE.value,
            LABELS[Window.NONE],
            tuple(reasons),
            SOURCE,
            details=details,
        )
    latest = max(counted, key=lambda e: e.on)
    high_until = latest.on + timedelta(days=settings.high_days - 1)
    elevated_until = latest.on + timedelta(days=settings.elevated_days - 1)
    day = day_number(latest.on, on)
    if day <= settings.high_days:
        window = Window.HIGH
    elif day <= settings.elevated_days:
        window = Window.ELEVATED
    else:
        window = Window.NONE
    reasons.append(f"latest event: {_words(latest.kind)} on {latest.on.isoformat()}; {on.isoformat()} is day {day}")
    reasons.append(
        f"days 1-{settings.high_days} high (to {high_until.isoformat()}), days {settings.high_days + 1}-"
        f"{settings.elevated_days} elevated (to {elevated_until.isoformat()}), none from day"
        f" {settings.elevated_days + 1} ({(elevated_until + timedelta(days=1)).isoformat()});"
        f" settings: high for {settings.high_days} days, elevated to day {settings.elevated_days}"
    )
    if latest.kind == "clinician_marked_abstinence":
        reasons.append(
            "how long abstinence takes to lower tolerance is unsourced (§19.9); the event is the clinician's mark"
        )
    if window is not Window.NONE:
        reasons.append("while the window is open, recommended: " + "; ".join(ACTIONS))
    details |= {
        "window_event": latest,
        "high_until": high_until,
        "elevated_until": elevated_until,
        "none_from": elevated_until + timedelta(days=1),
        "day_number": day,
        "actions": ACTIONS if window is not Window.NONE else (),
    }
    return Result(
        "overdose-risk-window", items, None, None, window.value, LABELS[window], tuple(reasons), SOURCE, details=details
    )


def _check(events: Sequence[Event], on: date, settings: Settings) -> None:
    problems: dict[str, str] = {}
    for n, event in enumerate(events):
        if event.kind not in TRIGGERS:
            problems[f"events[{n}].kind"] = f"must be one of {', '.join(TRIGGERS)}"
        if not (isinstance(event.on, date) and type(event.on) is date):
            problems[f"events[{n}].on"] = "must be a date"
    if not (isinstance(on, date) and type(on) is date):
        problems["on"] = "must be a date"
    if type(settings.high_days) is not int or settings.high_days < 1:
        problems["high_days"] = "must be a whole number of days, 1 or more"
    elif type(settings.elevated_days) is not int or settings.elevated_days < settings.high_days:
        problems["elevated_days"] = f"must be a whole number of days, at least high_days ({settings.high_days})"
    if problems:
        raise InvalidInput(problems)


def _events(reader: Reader) -> list[Event] | None:
    value = reader.raw_value("events", required=False)
    if value is None:
        return None
    allowed = f"; kinds: {', '.join(TRIGGERS)}"
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, str):
        for part in (p.strip() for p in value.split(",") if p.strip()):
            kind, sep, when = part.partition("@")
            if not sep:
                reader.problems["events"] = "must be KIND@YYYY-MM-DD, comma-separated" + allowed
                return None
            pairs.append((kind.strip(), when.strip()))
    elif isinstance(value, list) and all(isinstance(v, Mapping) and set(v) == {"kind", "on"} for v in value):
        pairs = [(v["kind"], v["on"]) for v in value]
    else:
        reader.problems["events"] = 'must be a JSON list of {"kind", "on"} or KIND@YYYY-MM-DD,...' + allowed
        return None
    events: list[Event] = []
    for n, (kind, when) in enumerate(pairs):
        day = to_date(when)
        if kind not in TRIGGERS:
            reader.problems[f"events[{n}].kind"] = f"{kind!r} is not a trigger" + allowed
        if day is None:
            reader.problems[f"events[{n}].on"] = "must be a date as YYYY-MM-DD"
        if kind in TRIGGERS and day is not None:
            events.append(Event(kind, day))
    return events


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {"events", "on", "high_days", "elevated_days"})
    events = _events(reader)
    if events is None and "events" not in reader.problems and not reader.has("events"):
        events = []
    on = reader.day("on")
    high = reader.integer("high_days", required=False, minimum=1)
    elevated = reader.integer("elevated_days", required=False, minimum=1)
    if reader.problems:
        raise InvalidInput(reader.problems)
    if on is None or events is None:
        raise InvalidInput(reader.problems or {"on": "is required"})
    settings = Settings(high if high is not None else HIGH_DAYS, elevated if elevated is not None else ELEVATED_DAYS)
    return window_on(events, on=on, settings=settings)


COMMAND = Command(
    name="overdose-risk-window",
    title="Overdose risk window after lost tolerance (high / elevated / none)",
    params=(
        Param(
            "events",
            'KIND@YYYY-MM-DD,... or JSON list of {"kind","on"}; kinds: ' + ", ".join(TRIGGERS),
            "dated events that lower tolerance; the latest on or before `on` wins",
            required=False,
        ),
        Param("on", "YYYY-MM-DD", "the date to describe (the person's local date)"),
        Param("high_days", "whole number 1 or more (default 14)", "days 1..N are high", required=False),
        Param("elevated_days", "whole number >= high_days (default 28)", "days to N are elevated", required=False),
    ),
    source=SOURCE,
    run=_run,
    outputs="band: high|elevated|none; window_event, high_until, elevated_until, none_from, day_number, actions",
)
