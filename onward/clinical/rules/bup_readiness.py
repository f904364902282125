"""Buprenorphine initiation readiness, rule BUP-READY (clinical-reference §7).

Sources: CA Bridge protocol (COWS ≥8 + objective signs; waits 12 h / 24 h / 48 h) [P]; ASAM NPG 2020
(mild-moderate withdrawal; 6-12 h, 24-72 h) [P]; precipitated-withdrawal figures from secondary copies
[2nd]; defaults are Onward's choice [Onward]. `ready` means "meets the configured criteria": a named
clinician decides whether to start buprenorphine (clinical-reference §0.5).
"""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader, to_datetime
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

NAME = "bup-readiness"
SOURCE = (
    "clinical-reference §7 Buprenorphine initiation readiness (CA Bridge protocol [P]; ASAM NPG 2020 [P]; "
    "precipitated-withdrawal figures [2nd]; defaults [Onward])"
)

COWS_MIN = 0  # clinical-reference §1 COWS: totals run 0-48
COWS_MAX = 48  # clinical-reference §1 COWS
DEFAULT_MIN_COWS = 8  # clinical-reference §7 bup_min_cows (CA Bridge [P]; alt. 12)
DEFAULT_WAIT_SHORT_ACTING_HOURS = 12  # clinical-reference §7 short_acting (CA Bridge [P]; alt. 6)
DEFAULT_WAIT_LONG_ACTING_HOURS = 24  # clinical-reference §7 long_acting (CA Bridge [P]; alt. 36, 72)
DEFAULT_WAIT_METHADONE_HOURS = 48  # clinical-reference §7 methadone (CA Bridge [P]; alt. 36)
PRECIPITATED_WITHDRAWAL_RANGE = "1-16%"  # clinical-reference §7 (observational studies, arxivlens 2025 [2nd])
PRECIPITATED_ONSET_MINUTES = 90  # clinical-reference §7 (onset within 90 min of an SL dose [2nd])
FIRST_DOSE_TEXT = "first dose 2-4 mg (ASAM [P])"  # clinical-reference §7 rule step 4: shown, never computed


class Kind(StrEnum):
    """Kinds of last opioid use (clinical-reference §7)."""

    SHORT_ACTING = "short_acting"
    LONG_ACTING = "long_acting"
    METHADONE = "methadone"
    FENTANYL = "fentanyl"
    UNKNOWN_STREET = "unknown_street"


NO_TIME_GATE = frozenset({Kind.FENTANYL, Kind.UNKNOWN_STREET})  # clinical-reference §7: no time gate


class Status(StrEnum):
    READY = "ready"
    REVIEW = "review"
    NOT_READY = "not_ready"


LABELS: Mapping[Status, str] = {
    Status.READY: "Meets the configured criteria to start buprenorphine",
    Status.REVIEW: "Withdrawal criteria met, but a time gate is not yet met: clinician review",
    Status.NOT_READY: "Withdrawal criteria not met",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Per-program settings, defaults from clinical-reference §7 [Onward]."""

    min_cows: int = DEFAULT_MIN_COWS
    require_objective_signs: bool = True
    wait_short_acting_hours: int = DEFAULT_WAIT_SHORT_ACTING_HOURS
    wait_long_acting_hours: int = DEFAULT_WAIT_LONG_ACTING_HOURS
    wait_methadone_hours: int = DEFAULT_WAIT_METHADONE_HOURS

    def wait_for(self, kind: Kind) -> int | None:
        """Hours to wait after the last use of `kind`; None when there is no time gate."""
        waits = {
            Kind.SHORT_ACTING: self.wait_short_acting_hours,
            Kind.LONG_ACTING: self.wait_long_acting_hours,
            Kind.METHADONE: self.wait_methadone_hours,
        }
        return waits.get(kind)


@dataclass(frozen=True, slots=True)
class Cows:
    """The latest COWS: its total and when it was scored."""

    total: int
    scored_at: datetime


@dataclass(frozen=True, slots=True)
class LastUse:
    kind: Kind | str
    at: datetime


@dataclass(frozen=True, slots=True)
class Gate:
    """One time gate: met when the hours since `at` are at least `wait_hours`."""

    kind: Kind
    at: datetime
    wait_hours: int | None
    earliest: datetime | None
    met: bool | None = field(default=None)


def assess(
    assessed_at: datetime,
    cows: Cows | None,
    *,
    objective_signs: bool,
    last_use: Sequence[LastUse],
    settings: Settings | None = None,
) -> Result:
    """Apply BUP-READY; InvalidInput names every bad input."""
    settings = settings or Settings()
    kinds = _validate(assessed_at, cows, objective_signs, last_use, settings)
    cows_met = (
        cows is not None
        and cows.total >= settings.min_cows
        and (objective_signs or not settings.require_objective_signs)
    )
    gates = tuple(_gate(kind, use.at, assessed_at, settings) for kind, use in zip(kinds, last_use, strict=True))
    unmet = [g for g in gates if g.met is False]
    earliest_time_gate = max((g.earliest for g in unmet if g.earliest is not None), default=None)
    status = Status.NOT_READY if not cows_met else (Status.REVIEW if unmet else Status.READY)
    cows_age = None if cows is None else int((assessed_at - cows.scored_at) // timedelta(minutes=1))

    reasons = [*_cows_reasons(cows, cows_age, signs=objective_signs, settings=settings, cows_met=cows_met)]
    reasons += [_gate_reason(g) for g in gates]
    warnings = _warnings(gates)
    reasons += warnings
    reasons.append(
        {
            Status.READY: "Status ready: the configured COWS criteria and every time gate are met.",
            Status.REVIEW: f"Status review: COWS criteria met; a time gate is unmet until {_iso(earliest_time_gate)}.",
            Status.NOT_READY: "Status not_ready: the configured COWS criteria are not met.",
        }[status]
    )
    reasons.append(
        f"Shown, never computed: {FIRST_DOSE_TEXT}; re-score COWS per clinical-reference §1. "
        "This recommends; a named clinician decides and may override with a stored reason."
    )
    flags = ("precipitated_withdrawal_risk",) if warnings else ()
    items: dict[str, Any] = {
        "assessed_at": assessed_at,
        "cows_total": None if cows is None else cows.total,
        "cows_scored_at": None if cows is None else cows.scored_at,
        "objective_signs": objective_signs,
        "last_use": [{"kind": k, "at": u.at} for k, u in zip(kinds, last_use, strict=True)],
    }
    details: dict[str, Any] = {
        "cows_met": cows_met,
        "gates": [asdict(g) for g in gates],
        "earliest_time_gate": earliest_time_gate,
        "warnings": warnings,
        "cows_age_minutes": cows_age,
        "settings": asdict(settings),
    }
    total = None if cows is None else cows.total
    return Result(NAME, items, total, None, status.value, LABELS[status], tuple(reasons), SOURCE, flags, details)


def _validate(
    assessed_at: datetime, cows: Cows | None, objective_signs: object, last_use: Sequence[LastUse], settings: Settings
) -> list[Kind]:
    problems: dict[str, str] = {}
    if not _aware(assessed_at):
        problems["assessed_at"] = "must be a timezone-aware date-time"
    if type(objective_signs) is not bool:
        problems["objective_signs"] = "must be true or false"
    if cows is not None:
        if type(cows.total) is not int or not COWS_MIN <= cows.total <= COWS_MAX:
            problems["cows_total"] = f"must be a whole number; allowed: {COWS_MIN} to {COWS_MAX}"
        if not _aware(cows.scored_at):
            problems["cows_scored_at"] = "must be a timezone-aware date-time"
        elif _aware(assessed_at) and cows.scored_at > assessed_at:
            problems["cows_scored_at"] = "must not be after assessed_at (the latest COWS before the assessment)"
    kinds: list[Kind] = []
    if not last_use:
        problems["last_use"] = "needs at least one use; kinds: " + ", ".join(k.value for k in Kind)
    for n, use in enumerate(last_use):
        try:
            kinds.append(Kind(use.kind))
        except ValueError:
            allowed = ", ".join(k.value for k in Kind)
            problems[f"last_use[{n}].kind"] = f"{use.kind!r} is not allowed; allowed: {allowed}"
        if not _aware(use.at):
            problems[f"last_use[{n}].at"] = "must be a timezone-aware date-time"
        elif _aware(assessed_at) and use.at > assessed_at:
            problems[f"last_use[{n}].at"] = "must not be after assessed_at"
    problems |= _settings_problems(settings)
    if problems:
        raise InvalidInput(problems)
    return kinds


def _settings_problems(settings: Settings) -> dict[str, str]:
    problems: dict[str, str] = {}
    if type(settings.min_cows) is not int or not COWS_MIN <= settings.min_cows <= COWS_MAX:
        problems["min_cows"] = f"must be a whole number; allowed: {COWS_MIN} to {COWS_MAX}"
    if not isinstance(getattr(settings, "require_objective_signs", None), bool):
        problems["require_objective_signs"] = "must be true or false"
    for key in ("wait_short_acting_hours", "wait_long_acting_hours", "wait_methadone_hours"):
        value = getattr(settings, key)
        if type(value) is not int or value < 0:
            problems[key] = "must be a whole number of hours; allowed: 0 or more"
    return problems


def _aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None and moment.utcoffset() is not None


def _gate(kind: Kind, at: datetime, assessed_at: datetime, settings: Settings) -> Gate:
    wait = settings.wait_for(kind)
    if wait is None:
        return Gate(kind, at, None, None, None)
    earliest = at + timedelta(hours=wait)
    return Gate(kind, at, wait, earliest, assessed_at - at >= timedelta(hours=wait))


def _cows_reasons(cows: Cows | None, age: int | None, *, signs: bool, settings: Settings, cows_met: bool) -> list[str]:
    signs_rule = (
        "objective signs required (setting require_objective_signs=true)"
        if settings.require_objective_signs
        else "objective signs not required (setting require_objective_signs=false)"
    )
    if cows is None or age is None:
        return [f"No COWS before the assessment; setting min_cows={settings.min_cows}; {signs_rule}."]
    return [
        f"COWS {cows.total} scored {_iso(cows.scored_at)}, {age} minutes before the assessment "
        "(no maximum age is encoded, clinical-reference §19).",
        f"COWS criteria {'met' if cows_met else 'not met'}: total {cows.total} vs setting min_cows="
        f"{settings.min_cows}; objective signs {'present' if signs else 'absent'}; {signs_rule}.",
    ]


def _gate_reason(gate: Gate) -> str:
    if gate.wait_hours is None:
        return f"Last {gate.kind.value} use {_iso(gate.at)}: no time gate for this kind (clinical-reference §7)."
    return (
        f"Last {gate.kind.value} use {_iso(gate.at)}: wait {gate.wait_hours} h "
        f"(setting wait_{gate.kind.value}_hours); earliest {_iso(gate.earliest)}; "
        f"{'met' if gate.met else 'not met'}."
    )


def _warnings(gates: Sequence[Gate]) -> list[str]:
    kinds = sorted({g.kind.value for g in gates if g.kind in NO_TIME_GATE})
    if not kinds:
        return []
    return [
        f"Warning ({', '.join(kinds)}): risk of precipitated withdrawal ({PRECIPITATED_WITHDRAWAL_RANGE} in "
        f"observational studies [2nd]; onset within {PRECIPITATED_ONSET_MINUTES} min of an SL dose [2nd]). "
        "Consider low-dose initiation (Bernese method, Hämmig 2016 [P]; clinician-entered schedule, none shipped)."
    ]


def _iso(moment: datetime | None) -> str:
    return "none" if moment is None else moment.isoformat().replace("+00:00", "Z")


def _read_last_use(reader: Reader) -> list[LastUse] | None:
    value = reader.raw_value("last_use")
    hint = "must be a list of {kind, at} (KIND@DATETIME,KIND@DATETIME on the command line)"
    if value is None:
        return None
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, str):
        for part in (p.strip() for p in value.split(",") if p.strip()):
            kind, sep, at = part.partition("@")
            if not sep:
                reader.problems["last_use"] = hint
                return None
            pairs.append((kind.strip(), at.strip()))
    elif isinstance(value, list) and all(isinstance(v, Mapping) and set(v) == {"kind", "at"} for v in value):
        pairs = [(v["kind"], v["at"]) for v in value]
    else:
        reader.problems["last_use"] = hint
        return None
    uses: list[LastUse] = []
    for n, (kind, at) in enumerate(pairs):
        moment = to_datetime(at)
        if not isinstance(kind, str) or kind not in {k.value for k in Kind}:
            reader.problems[f"last_use[{n}].kind"] = f"must be one of {', '.join(k.value for k in Kind)}"
        if moment is None:
            reader.problems[f"last_use[{n}].at"] = "must be an ISO 8601 date-time with Z or an offset"
        if moment is not None and isinstance(kind, str):
            uses.append(LastUse(kind, moment))
    return uses


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    assessed_at = reader.moment("assessed_at")
    total = reader.integer("cows_total", required=False, minimum=COWS_MIN, maximum=COWS_MAX)
    scored_at = reader.moment("cows_scored_at", required=reader.has("cows_total"))
    if reader.has("cows_scored_at") and not reader.has("cows_total"):
        reader.problems["cows_total"] = "is required with cows_scored_at"
    signs = reader.boolean("objective_signs")
    uses = _read_last_use(reader)
    defaults = Settings()
    min_cows = reader.integer("min_cows", required=False, minimum=COWS_MIN, maximum=COWS_MAX)
    require = reader.boolean("require_objective_signs", required=False)
    waits = {
        key: reader.integer(key, required=False, minimum=0)
        for key in ("wait_short_acting_hours", "wait_long_acting_hours", "wait_methadone_hours")
    }
    if reader.problems:
        raise InvalidInput(reader.problems)
    if assessed_at is None or signs is None or uses is None:  # the reader recorded a problem otherwise
        raise InvalidInput(reader.problems or {"assessed_at": "is required"})
    settings = Settings(
        min_cows=defaults.min_cows if min_cows is None else min_cows,
        require_objective_signs=defaults.require_objective_signs if require is None else require,
        **{k: getattr(defaults, k) if v is None else v for k, v in waits.items()},
    )
    cows = None if total is None or scored_at is None else Cows(total, scored_at)
    return assess(assessed_at, cows, objective_signs=signs, last_use=uses, settings=settings)


PARAMS: tuple[Param, ...] = (
    Param("assessed_at", "ISO 8601 date-time with Z or offset", "when readiness is assessed"),
    Param("cows_total", "0 to 48", "latest COWS total, if one was scored", required=False),
    Param(
        "cows_scored_at",
        "ISO 8601 date-time, not after assessed_at",
        "when that COWS was scored; required with cows_total",
        required=False,
    ),
    Param("objective_signs", "true, false", "objective withdrawal signs present"),
    Param(
        "last_use",
        "KIND@DATETIME,... or JSON [{kind, at}]; kinds: " + ", ".join(k.value for k in Kind),
        "last use of each opioid kind",
    ),
    Param("min_cows", "0 to 48", f"setting: lowest COWS total (default {DEFAULT_MIN_COWS})", required=False),
    Param("require_objective_signs", "true, false", "setting: objective signs required (default true)", required=False),
    Param(
        "wait_short_acting_hours",
        "0 or more",
        f"setting: wait after short-acting use (default {DEFAULT_WAIT_SHORT_ACTING_HOURS})",
        required=False,
    ),
    Param(
        "wait_long_acting_hours",
        "0 or more",
        f"setting: wait after long-acting use (default {DEFAULT_WAIT_LONG_ACTING_HOURS})",
        required=False,
    ),
    Param(
        "wait_methadone_hours",
        "0 or more",
        f"setting: wait after methadone (default {DEFAULT_WAIT_METHADONE_HOURS})",
        required=False,
    ),
)

COMMAND = Command(
    name=NAME,
    title="Buprenorphine initiation readiness (BUP-READY; recommends, a clinician decides)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs="band: ready|review|not_ready; cows_met, gates, earliest_time_gate, warnings, cows_age_minutes",
)
