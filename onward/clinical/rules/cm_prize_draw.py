"""Prize ("fishbowl") contingency management after Petry, with the yearly cap (clinical-reference §13).

Source: ACF Prevention Services Clearinghouse, program 685 [P]: about half the slips in the bowl win a
prize of a set size and half carry praise; prizes run from about $1 to about $100; the number of draws
grows while the behaviour continues; a lapse resets the draws earned. Rule CM-CAP [Onward] (see
`contingency`): prizes count against the yearly cap at their dollar value; one bowl for all.

The bowl, the starting draws and the increment are program settings with NO defaults: Petry's
500-slip bowl and its 1-draw start are unverified (§19.11), so every program enters its own.

[Onward] readings, the reference being silent:
- Draws for a negative sample = ``start_draws + draw_increment × (k − 1)`` where k counts the negatives
  in a row including this one, limited to `max_draws` when the program sets one. A positive or missed
  sample (missed counts as positive, as in §13's voucher rule) earns no draws and resets k, so the next
  negative earns `start_draws` again.
- "Draws grow" [P]: `start_draws` and `draw_increment` are at least 1; `max_draws` at least `start_draws`.
- The expected value of a sample is draws × mean slip value (praise slips are worth $0). It is computed
  exactly as a fraction of cents and only the output is shown in whole cents, rounded half up; the
  expected total is rounded from the exact sum, so it may differ by a cent from the sum of the shown
  per-sample values. Expected values are before the cap (the cap makes the expected payout nonlinear).
- Actual draws, only with an injected `random.Random`: each draw takes one slip uniformly from the
  whole bowl and returns it (with replacement), so every draw sees the same bowl. A sample's prizes are
  one credit against the cap; a credit crossing the cap is cut to what is left.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader, to_int
from onward.clinical.result import Result
from onward.clinical.rules.contingency import (
    CAP_PARAMS,
    CAP_SCOPE,
    CAP_SOURCE,
    CENTS_PER_DOLLAR,
    DEFAULT_YEARLY_CAP_USD,
    LAPSES,
    NO_CASH,
    RESULTS_PARAM,
    STAFF_CONFIRM,
    CapLedger,
    Outcome,
    cap_band,
    cap_problems,
    cents,
    dollars,
    money_problem,
    read_cap,
    read_outcomes,
    to_outcomes,
    usd,
)
from onward.clinical.spec import Command, Param

NAME = "cm-prize-draw"
SOURCE = (
    "clinical-reference §13 Prize (fishbowl) CM, Petry (ACF Prevention Services Clearinghouse [P]); bowl and "
    "draws are program settings without defaults (§19.11) [Onward]; " + CAP_SOURCE
)
PRAISE = "praise"


@dataclass(frozen=True, slots=True)
class Slip:
    """`count` slips of one kind in the bowl: a prize worth `prize` dollars, or praise only (None)."""

    prize: Decimal | None
    count: int

    def name(self) -> str:
        """The slip's key: ``praise`` or its dollars, e.g. ``20.00``."""
        return PRAISE if self.prize is None else f"{self.prize:.2f}"

    def label(self) -> str:
        """The slip in words: ``praise`` or ``$20.00``."""
        return PRAISE if self.prize is None else usd(cents(self.prize))


@dataclass(frozen=True, slots=True)
class Program:
    """A program's fishbowl settings (no defaults exist: clinical-reference §13, §19.11)."""

    bowl: tuple[Slip, ...]
    start_draws: int
    draw_increment: int
    max_draws: int | None = None

    def draws_for(self, in_a_row: int) -> int:
        """Draws earned by the negative that makes `in_a_row` consecutive negatives (1 or more)."""
        draws = self.start_draws + self.draw_increment * (in_a_row - 1)
        return draws if self.max_draws is None else min(draws, self.max_draws)


class Band(StrEnum):
    """`expected` without draws; with draws, the yearly cap's bands."""

    EXPECTED = "expected"
    UNDER_CAP = "under_cap"
    CAP_REACHED = "cap_reached"


@dataclass(frozen=True, slots=True)
class Line:
    """One scheduled sample: draws earned, expected value and, when drawn, the slips and credit."""

    sample: int
    result: Outcome
    consecutive_negatives: int
    draws: int
    expected_value: Decimal
    slips: tuple[str, ...] | None
    won: Decimal | None
    credited: Decimal | None
    running_payable: Decimal | None
    reason: str


def assess(
    results: Sequence[Outcome | str],
    program: Program,
    *,
    cap: Decimal = DEFAULT_YEARLY_CAP_USD,
    already_paid: Decimal = Decimal(0),
    rng: random.Random | None = None,
) -> Result:
    """Draws and expected prize value per sample; with `rng`, the slips drawn and what is credited."""
    outcomes = _validate(results, program, cap, already_paid, rng)
    slips_total = sum(s.count for s in program.bowl)
    bowl_cents = sum(cents(s.prize) * s.count for s in program.bowl if s.prize is not None)
    mean_cents = Fraction(bowl_cents, slips_total)
    ledger = CapLedger(cap, already_paid)
    left_at_start = ledger.remaining_cents
    lines: list[Line] = []
    exact: list[Fraction] = []
    in_a_row = 0
    for number, outcome in enumerate(outcomes, start=1):
        if outcome in LAPSES:
            in_a_row, draws = 0, 0
            why = "missed: counts as positive" if outcome is Outcome.MISSED else "positive"
            why += f"; no draws; the next negative earns {_draws(program.start_draws)} again"
        else:
            in_a_row += 1
            draws = program.draws_for(in_a_row)
            why = f"negative ({in_a_row} in a row): {_draws(draws)}"
        expected = mean_cents * draws
        exact.append(expected)
        drawn = won = credited = running = None
        if rng is not None:
            picked = [_pick(program.bowl, slips_total, rng) for _ in range(draws)]
            won_cents = sum(cents(s.prize) for s in picked if s.prize is not None)
            credited_cents, note = ledger.credit(won_cents)
            drawn = tuple(s.name() for s in picked)
            won, credited, running = dollars(won_cents), dollars(credited_cents), dollars(ledger.payable_cents)
            if draws:
                why += f"; drew {', '.join(s.label() for s in picked)}: won {usd(won_cents)}"
            if note:
                why += f"; {note}"
        lines.append(Line(number, outcome, in_a_row, draws, _shown(expected), drawn, won, credited, running, why))
    exact_total = sum(exact, Fraction(0))
    expected_total = _shown(exact_total)
    rounded = any(_half_up(value) != value for value in (*exact, exact_total))
    flags = ["expected_above_cap_left"] if exact_total > left_at_start else []
    details: dict[str, Any] = {
        "per_sample_draws": [line.draws for line in lines],
        "per_sample": [line.expected_value for line in lines],
        "expected_total": expected_total,
        "expected_total_exact": _exact_text(exact_total),
        "mean_slip_value": _exact_text(mean_cents),
        "rounded_for_display": rounded,
        "bowl_slips": slips_total,
        "ledger": lines,
    }
    if rng is None:
        band, label = Band.EXPECTED, f"Expected prize value {usd(cents(expected_total))} before the yearly cap"
    else:
        cap_key, label = cap_band(ledger)
        band = Band(cap_key.value)
        details |= {
            "won_total": dollars(sum(cents(line.won) for line in lines if line.won is not None)),
            "payable": dollars(ledger.payable_cents),
            "cap_left": dollars(ledger.remaining_cents),
        }
        flags += ["cap_limited"] if ledger.limited else []
    items: dict[str, Any] = {
        "results": [o.value for o in outcomes],
        "bowl": {s.name(): s.count for s in program.bowl},
        "start_draws": program.start_draws,
        "draw_increment": program.draw_increment,
        "max_draws": program.max_draws,
        "cap": cap,
        "already_paid": already_paid,
    }
    reasons = _reasons(outcomes, program, slips_total, mean_cents, exact_total, ledger, left_at_start, rng is not None)
    return Result(NAME, items, expected_total, None, band.value, label, tuple(reasons), SOURCE, tuple(flags), details)


def _pick(bowl: Sequence[Slip], slips_total: int, rng: random.Random) -> Slip:
    """One slip drawn uniformly from the whole bowl; it goes back in (with replacement)."""
    position = rng.randrange(slips_total)
    for slip in bowl[:-1]:
        if position < slip.count:
            return slip
        position -= slip.count
    return bowl[-1]


def _draws(count: int) -> str:
    return f"{count} draw" if count == 1 else f"{count} draws"


def _half_up(exact_cents: Fraction) -> int:
    """Exact cents (0 or more) to whole cents, rounded half up."""
    return (2 * exact_cents.numerator + exact_cents.denominator) // (2 * exact_cents.denominator)


def _shown(exact_cents: Fraction) -> Decimal:
    """Exact cents shown as dollars in whole cents, rounded half up (output only)."""
    return dollars(_half_up(exact_cents))


def _dollars_text(exact_cents: Fraction) -> str:
    """Exact dollars for a reason: "$2.218", or "$10/3 (about $3.33)" when the decimal never ends."""
    text = _exact_text(exact_cents)
    return f"${text} (about {usd(_half_up(exact_cents))})" if "/" in text else f"${text}"


def _exact_text(exact_cents: Fraction) -> str:
    """Exact dollars as text: a decimal when it ends ("2.218", at least 2 places), else a fraction ("10/3")."""
    value = exact_cents / CENTS_PER_DOLLAR
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives, 2)
    return str(Decimal(f"{int(value * 10**places)}e-{places}"))


def _reasons(
    outcomes: Sequence[Outcome],
    program: Program,
    slips_total: int,
    mean_cents: Fraction,
    exact_total: Fraction,
    ledger: CapLedger,
    left_at_start: int,
    drawn: bool,  # noqa: FBT001 - private helper, positional on purpose
) -> list[str]:
    counts = {o: sum(1 for x in outcomes if x is o) for o in Outcome}
    kinds = ", ".join(f"{s.count} × {s.label()}" for s in program.bowl)
    limit = "no maximum" if program.max_draws is None else f"at most {program.max_draws}"
    reasons = [
        f"Bowl of {slips_total} slips ({kinds}); mean slip value {_dollars_text(mean_cents)} per draw, "
        "praise slips counting $0. The bowl and draws are this program's settings; Onward ships none (§19.11).",
        f"Draws: {program.start_draws} for the first negative in a row, {program.draw_increment} more for each "
        f"further consecutive negative ({limit}); a positive or missed sample earns none and the next negative "
        f"starts again at {program.start_draws} (a lapse resets the draws, ACF [P]).",
        f"{len(outcomes)} scheduled samples: {counts[Outcome.NEGATIVE]} negative, {counts[Outcome.POSITIVE]} "
        f"positive, {counts[Outcome.MISSED]} missed.",
        f"Expected prize value {_dollars_text(exact_total)} (draws × mean slip value, exact; shown in whole cents, "
        "rounded half up), before the yearly cap.",
    ]
    if exact_total > left_at_start:
        reasons.append(
            f"The expected value is above the {usd(left_at_start)} left under the {usd(ledger.cap_cents)} yearly cap."
        )
    if drawn:
        reasons.append(
            "Draws made with the given random generator: each draw takes one slip from the whole bowl and puts "
            f"it back. Payable {usd(ledger.payable_cents)}; {usd(ledger.remaining_cents)} of the cap left."
        )
    reasons += [
        "Prizes count against the yearly cap at their dollar value; a sample's prizes that cross it are cut to "
        "what is left (staff choose an item within it), and later prizes are $0 from this source.",
        NO_CASH,
        STAFF_CONFIRM,
        CAP_SCOPE,
    ]
    return reasons


def _validate(
    results: Sequence[Outcome | str], program: Program, cap: object, already_paid: object, rng: object
) -> list[Outcome]:
    outcomes, problems = to_outcomes([o.value if isinstance(o, Outcome) else o for o in results])
    problems |= program_problems(program)
    problems |= cap_problems(cap, already_paid)
    if rng is not None and not isinstance(rng, random.Random):
        problems["rng"] = "must be a random.Random"
    if problems:
        raise InvalidInput(problems)
    return outcomes


def program_problems(program: Program) -> dict[str, str]:
    """Problems with a program's bowl and draw settings, by input name."""
    problems = bowl_problems(program.bowl)
    for key in ("start_draws", "draw_increment"):
        value = getattr(program, key)
        if type(value) is not int or value < 1:
            problems[key] = "must be a whole number; allowed: 1 or more (draws grow while negatives continue)"
    limit = program.max_draws
    if limit is not None and (type(limit) is not int or limit < 1):
        problems["max_draws"] = "must be a whole number; allowed: 1 or more"
    elif limit is not None and "start_draws" not in problems and limit < program.start_draws:
        problems["max_draws"] = f"must be at least start_draws ({program.start_draws})"
    return problems


def bowl_problems(bowl: Sequence[Slip]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not bowl:
        problems["bowl"] = "needs at least one kind of slip, e.g. praise:250,1.00:209,20.00:40,100.00:1"
    seen: set[Decimal | None] = set()
    for n, slip in enumerate(bowl):
        wrong = []
        if slip.prize is not None and (money_problem(slip.prize) is not None or slip.prize == 0):
            wrong.append("a prize must be dollars above 0 in whole cents (use praise for a slip without a prize)")
        if type(slip.count) is not int or slip.count < 1:
            wrong.append("the count must be a whole number, 1 or more")
        if not wrong and slip.prize in seen:
            wrong.append(f"{slip.name()} is listed twice")
        if not wrong:
            seen.add(slip.prize)
        if wrong:
            problems[f"bowl[{n}]"] = "; ".join(wrong)
    return problems


BOWL_HINT = "must be PRIZE:COUNT,... with PRIZE praise or dollars, e.g. praise:250,1.00:209 (JSON: object or list)"


def _read_bowl(reader: Reader) -> tuple[Slip, ...] | None:
    value = reader.raw_value("bowl")
    if value is None:
        return None
    pairs: list[tuple[Any, Any]]
    if isinstance(value, str):
        parts = [p.partition(":") for p in value.split(",") if p.strip()]
        pairs = [(prize, count) for prize, _, count in parts]
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(v, Mapping) and set(v) == {"prize", "count"} for v in value):
        pairs = [(v["prize"], v["count"]) for v in value]
    else:
        reader.problems["bowl"] = BOWL_HINT
        return None
    slips: list[Slip] = []
    unreadable = {}
    for n, (prize_raw, count_raw) in enumerate(pairs):
        readable, prize = _read_prize(prize_raw)
        count = to_int(count_raw.strip() if isinstance(count_raw, str) else count_raw)
        if not readable or count is None:
            unreadable[f"bowl[{n}]"] = f"{prize_raw!r}:{count_raw!r} " + BOWL_HINT
        else:
            slips.append(Slip(prize, count))
    if unreadable:
        reader.problems |= unreadable
        return None
    bowl = tuple(slips)
    reader.problems |= bowl_problems(bowl)
    return bowl


def _read_prize(raw: Any) -> tuple[bool, Decimal | None]:
    """(readable, prize in dollars or None for praise); true, null or a list are not numbers as text."""
    if isinstance(raw, str) and raw.strip().lower() == PRAISE:
        return True, None
    try:
        return True, Decimal(str(raw).strip())
    except ArithmeticError:
        return False, None


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    outcomes = read_outcomes(reader)
    bowl = _read_bowl(reader)
    start = reader.integer("start_draws", minimum=1)
    increment = reader.integer("draw_increment", minimum=1)
    limit = reader.integer("max_draws", required=False, minimum=1)
    seed = reader.integer("seed", required=False, minimum=0)
    cap, already_paid = read_cap(reader)
    if limit is not None and start is not None and limit < start:
        reader.problems["max_draws"] = f"must be at least start_draws ({start})"
    if reader.problems or outcomes is None or bowl is None or start is None or increment is None:
        raise InvalidInput(reader.problems)
    program = Program(bowl, start, increment, limit)
    rng = None if seed is None else random.Random(seed)  # noqa: S311 - a prize draw, not security
    result = assess(outcomes, program, cap=cap, already_paid=already_paid, rng=rng)
    return result if seed is None else result.replace(items={**result.items, "seed": seed})


PARAMS: tuple[Param, ...] = (
    RESULTS_PARAM,
    Param(
        "bowl",
        "PRIZE:COUNT,... (PRIZE = praise or dollars), or JSON {prize: count} or [{prize, count}]",
        "the program's bowl; no default (§19.11)",
    ),
    Param("start_draws", "1 or more", "draws for the first negative in a row; no default (§19.11)"),
    Param("draw_increment", "1 or more", "extra draws per further consecutive negative; no default (§19.11)"),
    Param("max_draws", "at least start_draws", "most draws one sample can earn (default: no maximum)", required=False),
    Param(
        "seed",
        "0 or more",
        "make actual draws with this seed (with replacement); omit for expected values",
        required=False,
    ),
    *CAP_PARAMS,
)

COMMAND = Command(
    name=NAME,
    title="Prize (fishbowl) draws per negative sample with the yearly cap (Petry; program bowl)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs=(
        "total = expected_total (before the cap), per_sample_draws, per_sample (expected), ledger; with seed: "
        "won_total, payable, cap_left; band expected|under_cap|cap_reached"
    ),
)
