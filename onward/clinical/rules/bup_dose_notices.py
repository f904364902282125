"""Buprenorphine dose notices on days 1 and 2 (clinical-reference §7 "Dose notices [Onward, non-blocking]").

Sources, as the reference gives them: day 1 above 8 mg and day 2 above 16 mg (FDA label, via pharmacy
summaries [2nd]); day 1 above 16 mg (CA Bridge [P]: ">16 mg day 1 may act >24 h"); day 1 above 24 mg
(beyond the label, which shows no gain above 24 mg; Weimer 2023, ASAM HPSO [P]: >24 mg on day 1 may be
considered if tolerance is clearly high). Label and ASAM 2023 disagree above 24 mg: both are shown.

Notices are never a block (clinical-reference §0.5, §7): the app asks for a written reason and proceeds.

[Onward] readings:
- Day 1 is the local date of the person's first buprenorphine dose (§7); day 2 the next local date
  (§0.6: day_n = (date - start).days + 1). The caller passes each day's doses; the core sums them.
- "Above" is strictly greater: exactly 8 mg on day 1 gives no notice, 8.01 mg does.
- Every threshold passed is listed (a 20 mg day 1 passes both 8 and 16 mg).
- Doses are mg as Decimal or whole numbers above 0 (films come in 2 mg and smaller strengths); binary
  floats and bools are refused, and nothing is rounded.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.rules.methadone_first_dose import DOSE_PROBLEM, _is_dose, _to_decimal
from onward.clinical.spec import Command, Param

NAME = "bup-dose-notices"
SOURCE = (
    "clinical-reference §7 Dose notices [Onward, non-blocking]: FDA label via pharmacy summaries [2nd]; "
    "CA Bridge [P]; Weimer 2023, ASAM HPSO, J Addict Med [P]; day counting §0.6 [Onward]"
)

DAY1_LABEL_MG = 8  # clinical-reference §7 Dose notices: day 1 >8 mg (label [2nd])
DAY1_CA_BRIDGE_MG = 16  # clinical-reference §7 Dose notices: day 1 >16 mg (CA Bridge [P])
DAY1_BEYOND_LABEL_MG = 24  # clinical-reference §7 Dose notices: day 1 >24 mg (beyond label; ASAM 2023 [P])
DAY2_LABEL_MG = 16  # clinical-reference §7 Dose notices: day 2 >16 mg (label [2nd])


class Notice(StrEnum):
    DAY1_ABOVE_LABEL = "day1_above_8mg_label"
    DAY1_ABOVE_CA_BRIDGE = "day1_above_16mg_ca_bridge"
    DAY1_BEYOND_LABEL = "day1_above_24mg_beyond_label"
    DAY2_ABOVE_LABEL = "day2_above_16mg_label"


class Band(StrEnum):
    NO_NOTICE = "no_notice"
    NOTICE = "notice"


LABELS: Mapping[Band, str] = {
    Band.NO_NOTICE: "Buprenorphine days 1-2 within the figures the reference cites",
    Band.NOTICE: "Buprenorphine dose notice: give a reason to proceed (never a block)",
}

# (notice, day, threshold mg, why) in the order they are checked and shown.
THRESHOLDS: tuple[tuple[Notice, int, int, str], ...] = (
    (
        Notice.DAY1_ABOVE_LABEL,
        1,
        DAY1_LABEL_MG,
        "the label gives day 1 as 2-4 mg, up to 8 mg (FDA label via pharmacy summaries [2nd])",
    ),
    (
        Notice.DAY1_ABOVE_CA_BRIDGE,
        1,
        DAY1_CA_BRIDGE_MG,
        "CA Bridge notes that more than 16 mg on day 1 may act for more than 24 h (CA Bridge [P])",
    ),
    (
        Notice.DAY1_BEYOND_LABEL,
        1,
        DAY1_BEYOND_LABEL_MG,
        "beyond the label, which shows no gain above 24 mg; ASAM 2023 allows more than 24 mg on day 1 when "
        "tolerance is clearly high (Weimer 2023, ASAM HPSO [P]); the two sources disagree here",
    ),
    (
        Notice.DAY2_ABOVE_LABEL,
        2,
        DAY2_LABEL_MG,
        "the label gives day 2 as up to 16 mg (FDA label via pharmacy summaries [2nd])",
    ),
)


def assess(day1_mg: Sequence[Decimal | int], day2_mg: Sequence[Decimal | int] = ()) -> Result:
    """The notices for buprenorphine day-1 and day-2 totals (mg). Day 2 may be empty (not reached yet)."""
    _validate(day1_mg, day2_mg)
    day1 = tuple(Decimal(d) for d in day1_mg)
    day2 = tuple(Decimal(d) for d in day2_mg)
    totals = {1: sum(day1, Decimal(0)), 2: sum(day2, Decimal(0))}
    reasons = [f"Day 1 (local date of the first buprenorphine dose): {_listed(day1)} = {_mg(totals[1])} mg."]
    if day2:
        reasons.append(f"Day 2 (the next local date): {_listed(day2)} = {_mg(totals[2])} mg.")
    notices: list[Notice] = []
    for notice, day, threshold, why in THRESHOLDS:
        if totals[day] > threshold:
            notices.append(notice)
            reasons.append(f"Day {day} total {_mg(totals[day])} mg is above {threshold} mg: {why}.")
    band = Band.NOTICE if notices else Band.NO_NOTICE
    if notices:
        reasons.append("A notice, never a block: the prescriber proceeds with a written reason (e.g. high tolerance).")
    reasons.append("Shown, not a dosing instruction: the dose is the prescriber's documented decision.")
    items: dict[str, Any] = {"day1_mg": day1, "day2_mg": day2}
    details: dict[str, Any] = {
        "day1_total_mg": totals[1],
        "day2_total_mg": totals[2] if day2 else None,
        "notices": tuple(n.value for n in notices),
    }
    flags = tuple(n.value for n in notices)
    return Result(NAME, items, totals[1], None, band.value, LABELS[band], tuple(reasons), SOURCE, flags, details)


def _listed(doses: tuple[Decimal, ...]) -> str:
    return " + ".join(_mg(d) for d in doses) + " mg"


def _mg(value: Decimal) -> str:
    """A dose as written, without trailing zeros a database adds (10.00 -> 10, 2.50 -> 2.5)."""
    return format(value.normalize(), "f")


def _validate(day1: object, day2: object) -> None:
    problems: dict[str, str] = {}
    for key, doses, needed in (("day1_mg", day1, True), ("day2_mg", day2, False)):
        if isinstance(doses, str | bytes) or not isinstance(doses, Sequence):
            problems[key] = "must be a list of doses in mg"
        elif needed and not doses:
            problems[key] = "needs at least one dose in mg"
        else:
            for n, dose in enumerate(doses):
                if not _is_dose(dose):
                    problems[f"{key}[{n}]"] = DOSE_PROBLEM
    if problems:
        raise InvalidInput(problems)


def _read(reader: Reader, key: str, *, required: bool) -> list[Decimal]:
    value = reader.raw_value(key, required=False)
    if value is None:
        if required:
            reader.problems[key] = "needs at least one dose in mg"
        return []
    if isinstance(value, str):
        parts: list[Any] = [p.strip() for p in value.split(",")]
    elif isinstance(value, list):
        parts = value
    else:
        reader.problems[key] = "must be a list of doses in mg (comma-separated on the command line)"
        return []
    if required and not parts:
        reader.problems[key] = "needs at least one dose in mg"
    doses: list[Decimal] = []
    for n, part in enumerate(parts):
        dose = _to_decimal(part)
        if dose is None or not _is_dose(dose):
            reader.problems[f"{key}[{n}]"] = DOSE_PROBLEM
        else:
            doses.append(dose)
    return doses


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    day1 = _read(reader, "day1_mg", required=True)
    day2 = _read(reader, "day2_mg", required=False)
    if reader.problems:
        raise InvalidInput(reader.problems)
    return assess(day1, day2)


PARAMS: tuple[Param, ...] = (
    Param(
        "day1_mg",
        "doses in mg above 0, whole or decimal: 4,4 on the command line or a JSON list",
        "every buprenorphine dose on day 1 (local date of the first dose)",
    ),
    Param(
        "day2_mg",
        "doses in mg above 0, whole or decimal",
        "every buprenorphine dose on day 2 (the next local date); leave out if not reached",
        required=False,
    ),
)

COMMAND = Command(
    name=NAME,
    title="Buprenorphine day-1 and day-2 dose notices (label, CA Bridge, ASAM 2023; never a block)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs=(
        "day1_total_mg, day2_total_mg, notices (day1_above_8mg_label, day1_above_16mg_ca_bridge, "
        "day1_above_24mg_beyond_label, day2_above_16mg_label); band no_notice|notice"
    ),
)
