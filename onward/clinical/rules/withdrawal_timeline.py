"""Where a person is in opioid withdrawal, rule WD-DAY (clinical-reference §11) — it explains, never gates.

Sources: the §11 table rows, each [2nd] (DynaMed-style monograph via docslib; Medscape via
reference.com; brighterdaymh.com); the lofexidine label's "peak generally in the first 5–7 days" [P];
Onward's program materials [seed], display text only. Readiness gates live elsewhere (§7, §9).

The sources disagree, so this rule returns no single verdict. It gives the exact hours since last use,
the day (day N covers hours [24(N−1), 24N)), and every table row that matches the opioid, each with
its source and where the person's time falls against each of that row's figures.

Readings of the reference [Onward]:
- Opioids: `short_acting`, `heroin`, `long_acting`, `methadone` (the table's own words). A class selects
  the rows of that class; a named drug selects its own rows and its class's rows, because the table
  writes "short-acting (heroin)" and "long-acting (methadone, ER)". A class never selects a drug's row
  (not every short-acting opioid is heroin). So: short_acting → row 1; heroin → rows 1, 2;
  long_acting → rows 3, 5; methadone → rows 3, 4, 5.
- `fentanyl` and `unknown_street` (the kinds of §7) are accepted so a detox episode can name them, but
  §11 has no row for either: they select no row, the reasons say so, and no timeline is invented. The
  seed figures are still shown, as for every opioid.
- Positions: ``before`` / ``inside`` / ``after`` a figure's range, both ends included (§0.6 ``a–b``).
  Hour figures compare the exact elapsed time; day figures (durations, "day 3") compare the day number.
  A duration's position says whether the time since last use is short of, within or past the range of
  lengths the row gives. An open range ("≥14 days") has no ``after``. Approximate figures ("~10 days",
  "~24 h", "around day 3") are placed at their stated number and marked approximate.
- "Eases over next 3–5 days" (row 1) is not placed: the table does not say when those days start.
- The seed's acute phase is shown as "5–7 days", as given: it is not cut to day 5 or day 7.
- The band is ``day_N``: the day count is the one thing computed without choosing between sources.
- The seed figures are shown for every opioid, as the reference ties them to none.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, cast

from onward.clinical.counting import exact_hours
from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

NAME = "withdrawal-timeline"
SOURCE = (
    "clinical-reference §11 Withdrawal timeline, rule WD-DAY [Onward] (table rows [2nd]; lofexidine label [P]; "
    "program materials [seed], display only)"
)
HOURS_PER_DAY = 24  # clinical-reference §11 WD-DAY: day = floor(hours / 24) + 1


class Opioid(StrEnum):
    """The opioid last used, in the words of the §11 table."""

    SHORT_ACTING = "short_acting"
    HEROIN = "heroin"
    LONG_ACTING = "long_acting"
    METHADONE = "methadone"
    FENTANYL = "fentanyl"  # clinical-reference §7 kind; §11 has no row for it
    UNKNOWN_STREET = "unknown_street"  # clinical-reference §7 kind; §11 has no row for it


# The kinds §11's table has no row for: nothing is matched, and the reasons say so.
NO_TABLE_ROW = frozenset({Opioid.FENTANYL, Opioid.UNKNOWN_STREET})


class Measure(StrEnum):
    ONSET = "onset"
    PEAK = "peak"
    DURATION = "duration"
    ACUTE_PHASE = "acute_phase"


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"


class Position(StrEnum):
    BEFORE = "before"
    INSIDE = "inside"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a row: as written, and (if it can be placed) its range, both ends included.

    `high` None means open-ended; `unit` None means the figure is shown but not placed.
    """

    measure: Measure
    text: str
    unit: Unit | None = None
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the §11 table (or the seed's figures), with the opioids it covers."""

    key: str
    opioid: str
    source: str
    tag: str
    covers: frozenset[Opioid]
    figures: tuple[Figure, ...]


_ALL = frozenset(Opioid)
_SHORT = frozenset({Opioid.SHORT_ACTING, Opioid.HEROIN})
_LONG = frozenset({Opioid.LONG_ACTING, Opioid.METHADONE})

# clinical-reference §11 table, in its order. A dash in the table is a figure the row does not give.
ROWS: tuple[Row, ...] = (
    Row(
        "dynamed_short_acting",
        "short-acting (heroin)",
        "DynaMed-style monograph (docslib)",
        "[2nd]",
        _SHORT,
        (
            Figure(Measure.ONSET, "6–12 h", Unit.HOURS, 6, 12),  # clinical-reference §11 row 1
            Figure(Measure.PEAK, "24–48 h", Unit.HOURS, 24, 48),  # clinical-reference §11 row 1
            Figure(
                Measure.DURATION,
                "eases over next 3–5 days",  # clinical-reference §11 row 1
                note="the table does not say when these days start",
            ),
        ),
    ),
    Row(
        "medscape_heroin",
        "heroin",
        "Medscape via reference.com",
        "[2nd]",
        frozenset({Opioid.HEROIN}),
        (
            Figure(Measure.PEAK, "36–72 h", Unit.HOURS, 36, 72),  # clinical-reference §11 row 2
            Figure(Measure.DURATION, "7–10 days", Unit.DAYS, 7, 10),  # clinical-reference §11 row 2
        ),
    ),
    Row(
        "dynamed_long_acting",
        "long-acting (methadone, ER)",
        "DynaMed-style monograph (docslib)",
        "[2nd]",
        _LONG,
        (
            Figure(Measure.ONSET, "30–72 h", Unit.HOURS, 30, 72),  # clinical-reference §11 row 3
            Figure(Measure.DURATION, "~10 days", Unit.DAYS, 10, 10, approximate=True),  # clinical-reference §11
        ),
    ),
    Row(
        "medscape_methadone",
        "methadone",
        "Medscape via reference.com",
        "[2nd]",
        frozenset({Opioid.METHADONE}),
        (
            Figure(Measure.PEAK, "72–96 h", Unit.HOURS, 72, 96),  # clinical-reference §11 row 4
            Figure(Measure.DURATION, "≥14 days", Unit.DAYS, 14, None),  # clinical-reference §11 row 4
        ),
    ),
    Row(
        "brighterday_long_acting",
        "long-acting",
        "brighterdaymh.com",
        "[2nd]",
        _LONG,
        (
            Figure(Measure.ONSET, "12–48 h", Unit.HOURS, 12, 48),  # clinical-reference §11 row 5
            Figure(Measure.DURATION, "10–20 days", Unit.DAYS, 10, 20),  # clinical-reference §11 row 5
            Figure(Measure.ACUTE_PHASE, "5–10 days", Unit.DAYS, 5, 10),  # clinical-reference §11 row 5
        ),
    ),
)

# clinical-reference §11 Program materials [seed]: display text only, never a gate.
SEED = Row(
    "program_materials",
    "any opioid (the materials name none)",
    "Onward program materials (seed documents)",
    "[seed]",
    _ALL,
    (
        Figure(Measure.ONSET, "first symptoms within ~24 h of last use", Unit.HOURS, 0, 24, approximate=True),
        Figure(Measure.PEAK, "worst around day 3 (~72 h)", Unit.DAYS, 3, 3, approximate=True),
        Figure(
            Measure.ACUTE_PHASE,
            "5–7 days",
            Unit.DAYS,
            5,
            7,
            note="shown as given: the reference does not say whether it ends on day 5 or day 7",
        ),
    ),
)

LOFEXIDINE_LABEL_TEXT = (  # clinical-reference §11 (lofexidine label [P])
    "Lofexidine label [P]: withdrawal generally peaks in the first 5–7 days after last use."
)
POST_ACUTE_TEXT = (  # clinical-reference §11 [2nd]: weak evidence, so only "may"
    "After the acute phase, low mood, poor sleep and craving may last weeks to months (weak evidence) [2nd]."
)
PERSON_TEXT = (  # clinical-reference §11: person text uses the seed figures as typical
    "For many people, first symptoms come within about a day of last use, are often worst around day 3, "
    "and the acute phase usually lasts 5–7 days. Everyone is different, and your care team can help "
    "with symptoms at every stage."
)


def rows_for(opioid: Opioid) -> tuple[Row, ...]:
    """The §11 table rows that `opioid` selects, in table order."""
    return tuple(row for row in ROWS if opioid in row.covers)


def place(figure: Figure, elapsed: timedelta, day: int) -> Position | None:
    """Where `elapsed` (or `day`, for day figures) falls against `figure`; None when it is not placed."""
    if figure.unit is None or figure.low is None:
        return None
    if figure.unit is Unit.HOURS:
        below = elapsed < timedelta(hours=figure.low)
        above = figure.high is not None and elapsed > timedelta(hours=figure.high)
    else:
        below = day < figure.low
        above = figure.high is not None and day > figure.high
    if below:
        return Position.BEFORE
    if above:
        return Position.AFTER
    return Position.INSIDE


def describe(last_use_at: datetime, at: datetime, opioid: Opioid | str) -> Result:
    """Apply WD-DAY: hours and day since last use, every matching row placed; InvalidInput names bad inputs."""
    kind = _validate(last_use_at, at, opioid)
    elapsed = at - last_use_at
    hours = exact_hours(elapsed)
    day = elapsed // timedelta(hours=HOURS_PER_DAY) + 1
    matched = rows_for(kind)
    rows = [_row_out(row, elapsed, day) for row in matched]
    seed = _row_out(SEED, elapsed, day)
    span = _span(elapsed)
    reasons = [
        f"Last use ({kind.value}) {_iso(last_use_at)}; now {_iso(at)}: {span} since last use, which is day "
        f"{day} (day N covers hours {HOURS_PER_DAY}(N−1) to {HOURS_PER_DAY}N).",
        f"The sources differ, so there is no single verdict: the {len(matched)} table rows for {kind.value} "
        "are shown, each with where this time falls."
        if kind not in NO_TABLE_ROW
        else f"The §11 table has no row for {kind.value}: no source timeline is given for it, and none is "
        "made up here.",
    ]
    reasons += [_row_text(row, out, span, day) for row, out in zip(matched, rows, strict=True)]
    reasons.append(_row_text(SEED, seed, span, day) + " Display text only, never a gate.")
    reasons += [LOFEXIDINE_LABEL_TEXT, POST_ACUTE_TEXT]
    reasons.append("This explains and never gates a decision: buprenorphine readiness is §7, naltrexone readiness §9.")
    items = {"last_use_at": last_use_at, "at": at, "opioid": kind}
    details: dict[str, Any] = {
        "hours": hours,
        "day": day,
        "rows": rows,
        "seed": seed,
        "notes": [LOFEXIDINE_LABEL_TEXT, POST_ACUTE_TEXT],
        "person_text": PERSON_TEXT,
    }
    band = f"day_{day}"
    label = f"Day {day} since last use ({span})"
    return Result(NAME, items, None, None, band, label, tuple(reasons), SOURCE, details=details)


def _row_out(row: Row, elapsed: timedelta, day: int) -> dict[str, Any]:
    return {
        "key": row.key,
        "opioid_row": row.opioid,
        "source": f"{row.source} {row.tag}",
        "figures": [
            {
                "measure": f.measure,
                "text": f.text,
                "unit": f.unit,
                "low": f.low,
                "high": f.high,
                "approximate": f.approximate,
                "position": place(f, elapsed, day),
                "note": f.note,
            }
            for f in row.figures
        ],
    }


_POSITION_WORDS: Mapping[Position | None, str] = {
    Position.BEFORE: "before it",
    Position.INSIDE: "inside it",
    Position.AFTER: "past it",
    None: "not placed",
}


def _row_text(row: Row, out: Mapping[str, Any], span: str, day: int) -> str:
    parts = []
    for shown in out["figures"]:
        where = _POSITION_WORDS[shown["position"]]
        text = f"{shown['measure'].value.replace('_', ' ')}: {shown['text']} — {where}"
        if shown["position"] is not None:
            text += f" at day {day}" if shown["unit"] is Unit.DAYS else f" at {span}"
        if shown["note"]:
            text += f" ({shown['note']})"
        parts.append(text)
    given = {f["measure"] for f in out["figures"]}
    parts += [f"{m.value} not given" for m in (Measure.ONSET, Measure.PEAK) if m not in given]
    which = row.opioid if row is SEED else f"row “{row.opioid}”"
    return f"{row.source} {row.tag}, {which}: " + "; ".join(parts) + "."


def _span(delta: timedelta) -> str:
    """Whole hours and minutes since last use ("76 h 25 min"): seconds are noise to a reader."""
    minutes = int(delta.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    return " ".join([f"{hours} h"] + ([f"{minutes} min"] if minutes else []))


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None and moment.utcoffset() is not None


def _validate(last_use_at: object, at: object, opioid: object) -> Opioid:
    problems: dict[str, str] = {}
    if not _aware(last_use_at):
        problems["last_use_at"] = "must be a timezone-aware date-time"
    if not _aware(at):
        problems["at"] = "must be a timezone-aware date-time"
    elif isinstance(at, datetime) and isinstance(last_use_at, datetime) and _aware(last_use_at) and at < last_use_at:
        problems["at"] = "must not be before last_use_at"
    allowed = ", ".join(o.value for o in Opioid)
    if not isinstance(opioid, str) or opioid not in {o.value for o in Opioid}:
        problems["opioid"] = f"must be one of {allowed}"
    if problems:
        raise InvalidInput(problems)
    return Opioid(str(opioid))


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    last_use_at = reader.moment("last_use_at")
    at = reader.moment("at")
    opioid = reader.choice("opioid", tuple(o.value for o in Opioid))
    if last_use_at is not None and at is not None and at < last_use_at:
        reader.problems["at"] = "must not be before last_use_at"
    if reader.problems:
        raise InvalidInput(reader.problems)
    # Without problems the reader has returned every required value.
    return describe(cast(datetime, last_use_at), cast(datetime, at), cast(str, opioid))


PARAMS: tuple[Param, ...] = (
    Param("last_use_at", "ISO 8601 date-time with Z or offset", "when the person last used an opioid"),
    Param("at", "ISO 8601 date-time, not before last_use_at", "the time to describe"),
    Param(
        "opioid",
        ", ".join(o.value for o in Opioid),
        "the opioid last used, in the §11 table's words: short_acting → row 1; heroin → rows 1, 2; "
        "long_acting → rows 3, 5; methadone → rows 3, 4, 5; fentanyl and unknown_street → no row (§11 has none)",
    ),
)

COMMAND = Command(
    name=NAME,
    title="Withdrawal timeline: hours and day since last use against each source (WD-DAY; explains, never gates)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs="band: day_N; hours, day, rows (each figure placed before|inside|after), seed, notes, person_text",
)
