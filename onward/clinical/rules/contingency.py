"""Shared pieces of contingency management (clinical-reference §13): sample results, money, the yearly cap.

Both CM rules (`cm_escalating`, `cm_prize_draw`) read the same scheduled-sample results and credit
incentives against the same yearly cap, Rule CM-CAP [Onward]: `cm_yearly_cap_usd` per funding source,
default 750 for SAMHSA grants (January 2025 guidance [2nd]); a credit crossing the cap is cut to the
remainder and later credits are $0 with a reason; the year is each 12-month period from CM enrollment
(§19.11, unchecked).

[Onward] readings, the reference being silent:
- The core reads no ledger, so `already_paid` (what the same funding source already credited in the
  current enrollment year) is an input; passing the right amount for the right year is the caller's job.
  It may equal the cap (nothing left) but not exceed it: more than the cap means the records disagree
  with CM-CAP, and the core will not guess which is right.
- A cap of 0 is allowed: that funding source pays nothing, and every credit is $0 with a reason.
- Money is whole cents: amounts with more than 2 decimal places are refused, never rounded. Sums are
  kept as integer cents, so no step of the arithmetic rounds.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from onward.clinical.inputs import Reader
from onward.clinical.spec import Param

DEFAULT_YEARLY_CAP_USD = Decimal(750)  # clinical-reference §13 Rule CM-CAP: cm_yearly_cap_usd, SAMHSA grants [2nd]

CENTS_PER_DOLLAR = 100  # arithmetic, not a clinical number: money is kept in whole cents

CAP_SOURCE = (
    "clinical-reference §13 Rule CM-CAP [Onward]: $750 per person per year for SAMHSA grantees "
    "(January 2025 guidance [2nd]); year = 12 months from CM enrollment (§19.11)"
)

NO_CASH = (
    "Incentives are retail goods, or vouchers and gift cards for items and services that fit the person's "
    "treatment goals; never cash. Staff buy the items and may decline one that does not fit (§13)."
)
STAFF_CONFIRM = (
    "This is a schedule calculation: staff confirm each screen result and each credit before anything is given."
)
CAP_SCOPE = (
    "The cap counts per funding source over each 12-month period from CM enrollment; already_paid must be "
    "what this source already credited in the current enrollment year (the caller supplies it)."
)


class Outcome(StrEnum):
    """The result of one scheduled sample (clinical-reference §13)."""

    NEGATIVE = "negative"
    POSITIVE = "positive"
    MISSED = "missed"


# A missed sample counts as positive (NIDA manual [P], clinical-reference §13).
LAPSES = frozenset({Outcome.POSITIVE, Outcome.MISSED})

WORDS: Mapping[str, Outcome] = {
    "n": Outcome.NEGATIVE,
    "negative": Outcome.NEGATIVE,
    "p": Outcome.POSITIVE,
    "positive": Outcome.POSITIVE,
    "m": Outcome.MISSED,
    "missed": Outcome.MISSED,
}
RESULTS_ALLOWED = "N, P, M or negative, positive, missed (any case)"


def to_outcomes(values: Sequence[object], key: str = "results") -> tuple[list[Outcome], dict[str, str]]:
    """Each value read as an Outcome; problems name the sample as ``results[i]`` (0-based)."""
    outcomes: list[Outcome] = []
    problems: dict[str, str] = {}
    for n, value in enumerate(values):
        outcome = WORDS.get(value.strip().lower()) if isinstance(value, str) else None
        if outcome is None:
            problems[f"{key}[{n}]"] = f"{value!r} is not a sample result; allowed: {RESULTS_ALLOWED}"
        else:
            outcomes.append(outcome)
    if not values:
        problems[key] = f"needs at least one scheduled sample; allowed: {RESULTS_ALLOWED}"
    return outcomes, problems


def read_outcomes(reader: Reader, key: str = "results") -> list[Outcome] | None:
    """Results as ``N,N,P,M`` text or a JSON list of letters or words; problems go to the reader."""
    values = reader.text_list(key)
    if values is None:
        return None
    outcomes, problems = to_outcomes(values, key)
    reader.problems |= problems
    return None if problems else outcomes


def money_problem(value: object) -> str | None:
    """Why `value` is not an amount of money in whole cents, 0 or more; None when it is."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return "must be a decimal amount of dollars such as 2.50"
    if value < 0:
        return "must be 0 or more"
    if (Fraction(value) * CENTS_PER_DOLLAR).denominator != 1:
        return "must be whole cents (at most 2 decimal places); amounts are never rounded"
    return None


def read_money(reader: Reader, key: str, *, required: bool) -> Decimal | None:
    """A dollar amount in whole cents, 0 or more; problems go to the reader."""
    value = reader.decimal(key, required=required)
    if value is None:
        return None
    problem = money_problem(value)
    if problem is not None:
        reader.problems[key] = problem
        return None
    return value


def cents(amount: Decimal) -> int:
    """Whole cents of an amount that passed `money_problem` (exact: Fraction holds the Decimal exactly)."""
    return int(Fraction(amount) * CENTS_PER_DOLLAR)


def dollars(amount_cents: int) -> Decimal:
    """Whole cents back to dollars, exactly (a Decimal built from text is never rounded)."""
    return Decimal(f"{amount_cents}e-2")


def usd(amount_cents: int) -> str:
    """Cents as display text: 99750 -> "$997.50"."""
    return f"${dollars(amount_cents):,.2f}"


def cap_problems(cap: object, already_paid: object) -> dict[str, str]:
    """Problems with the cap and the amount already credited this enrollment year."""
    problems = {k: p for k, v in (("cap", cap), ("already_paid", already_paid)) if (p := money_problem(v)) is not None}
    if not problems and isinstance(cap, Decimal) and isinstance(already_paid, Decimal) and already_paid > cap:
        problems["already_paid"] = f"must not be more than the cap ({usd(cents(cap))}); check the ledger"
    return problems


def read_cap(reader: Reader) -> tuple[Decimal, Decimal]:
    """`cap` (default 750) and `already_paid` (default 0); problems go to the reader."""
    cap = read_money(reader, "cap", required=False)
    already_paid = read_money(reader, "already_paid", required=False)
    cap = DEFAULT_YEARLY_CAP_USD if cap is None else cap
    already_paid = Decimal(0) if already_paid is None else already_paid
    if not reader.problems.keys() & {"cap", "already_paid"}:
        reader.problems |= cap_problems(cap, already_paid)
    return cap, already_paid


CAP_PARAMS: tuple[Param, ...] = (
    Param(
        "cap",
        "dollars, 0 or more, whole cents",
        f"cm_yearly_cap_usd of this funding source (default {DEFAULT_YEARLY_CAP_USD}, SAMHSA grants)",
        required=False,
    ),
    Param(
        "already_paid",
        "dollars, 0 up to cap",
        "already credited by this funding source in the current CM enrollment year (default 0)",
        required=False,
    ),
)
RESULTS_PARAM = Param(
    "results", f"comma-separated or a JSON list: {RESULTS_ALLOWED}", "scheduled samples, oldest first"
)


class CapLedger:
    """Credits against one yearly cap (Rule CM-CAP); local state for one calculation, nothing global."""

    def __init__(self, cap: Decimal, already_paid: Decimal) -> None:
        self.cap_cents = cents(cap)
        self.remaining_cents = self.cap_cents - cents(already_paid)
        self.payable_cents = 0
        self.limited = False

    def credit(self, earned_cents: int) -> tuple[int, str]:
        """What may be credited of `earned_cents`, and a note when the cap limited it ('' otherwise)."""
        if earned_cents == 0:
            return 0, ""
        credited = min(earned_cents, self.remaining_cents)
        self.remaining_cents -= credited
        self.payable_cents += credited
        if credited == earned_cents:
            return credited, ""
        self.limited = True
        if credited == 0:
            return 0, f"yearly cap reached: {usd(0)} credited (cap {usd(self.cap_cents)})"
        return credited, f"cut to the {usd(credited)} left under the {usd(self.cap_cents)} yearly cap"


class CapBand(StrEnum):
    UNDER_CAP = "under_cap"
    CAP_REACHED = "cap_reached"


def cap_band(ledger: CapLedger) -> tuple[CapBand, str]:
    """`cap_reached` once nothing is left under the cap, else `under_cap`; with a label in words."""
    payable = usd(ledger.payable_cents)
    if ledger.remaining_cents == 0:
        return CapBand.CAP_REACHED, f"Yearly cap reached: {payable} payable; later samples earn $0 from this source"
    left = usd(ledger.remaining_cents)
    return CapBand.UNDER_CAP, f"Within the yearly cap: {payable} payable, {left} of the cap left"
