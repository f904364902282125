"""Reads of a person's medication records (callers pass an Access from `access_person`, which audits)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Mod
from django.db.models.lookups import Exact, GreaterThan

from onward.core import clock
from onward.medication.models import (
    DoseEvent,
    Medication,
    MedicationOrder,
    Outcome,
    ReadinessAssessment,
    TakeHomeDispense,
)
from onward.medication.schedule import INTERVAL_DAYS, next_due_on
from onward.people.access import Access
from onward.people.models import Person
from onward.withdrawal import selectors as withdrawal

LOOKAHEAD_DAYS = 60  # how far the Today view looks for the next dose


def get_latest_readiness(access: Access, medication: str) -> ReadinessAssessment | None:
    return (
        ReadinessAssessment.objects.filter(person=access.person, medication=medication)
        .select_related("recorded_by")
        .order_by("-assessed_at", "-pk")
        .first()
    )


def list_readiness(access: Access) -> list[ReadinessAssessment]:
    return list(
        ReadinessAssessment.objects.filter(person=access.person).select_related("recorded_by").order_by("-assessed_at")
    )


def has_methadone_order(access: Access) -> bool:
    return MedicationOrder.objects.filter(person=access.person, medication=Medication.METHADONE).exists()


def has_taken_dose(access: Access, medication: str) -> bool:
    """Whether any uncorrected observed or take-home dose of `medication` is logged for the person."""
    return (
        DoseEvent.objects.current()
        .filter(person=access.person, order__medication=medication, outcome__in=[Outcome.OBSERVED, Outcome.TAKE_HOME])
        .exists()
    )


def list_orders(access: Access) -> list[MedicationOrder]:
    return list(
        MedicationOrder.objects.filter(person=access.person)
        .select_related("ordered_by", "signed_by", "stopped_by", "readiness")
        .order_by("-starts_on", "-pk")
    )


def get_order(access: Access, order_id: Any) -> MedicationOrder | None:
    return MedicationOrder.objects.filter(person=access.person, public_id=order_id).first()


def list_doses(access: Access, *, since: date | None = None) -> list[DoseEvent]:
    """The log from `since` (a local date; None: the whole log), newest first, corrected rows included
    (each marked by `corrected_by`)."""
    doses = DoseEvent.objects.filter(person=access.person)
    if since is not None:
        doses = doses.filter(given_on__gte=since)
    return list(doses.select_related("order", "recorded_by", "corrects").order_by("-given_on", "-occurred_at", "-pk"))


def get_dose(access: Access, dose_id: Any) -> DoseEvent | None:
    return DoseEvent.objects.filter(person=access.person, public_id=dose_id).select_related("order").first()


def list_take_homes(access: Access, *, since: date | None = None) -> list[TakeHomeDispense]:
    """Take-homes whose first day is on or after `since` (None: all), newest first."""
    dispensed = TakeHomeDispense.objects.filter(person=access.person)
    if since is not None:
        dispensed = dispensed.filter(first_day__gte=since)
    return list(dispensed.select_related("order", "dispensed_by").order_by("-first_day", "-pk"))


def active_orders(person_ids: list[int] | None = None, *, access: Access | None = None) -> list[MedicationOrder]:
    """Signed orders nobody has stopped, for one person (access) or many (ids)."""
    orders = MedicationOrder.objects.filter(signed_at__isnull=False, stopped_at__isnull=True)
    if access is not None:
        orders = orders.filter(person=access.person)
    if person_ids is not None:
        orders = orders.filter(person_id__in=person_ids)
    return list(orders.select_related("person").order_by("medication", "pk"))


def covered_by_take_home(order: MedicationOrder, day: date, dispensed: list[TakeHomeDispense]) -> bool:
    return any(
        d.order_id == order.pk and d.first_day <= day < d.first_day + timedelta(days=d.days_supply) for d in dispensed
    )


class _DayNumber(Func):
    """A date column as whole days since 1970-01-01, in SQL (so schedules and supplies are counted in
    the database, the same arithmetic as `schedule.is_due` and `covered_by_take_home`)."""

    output_field = IntegerField()
    template = "CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)"  # SQLite

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '1970-01-01')", **extra)


_EPOCH = date(1970, 1, 1)
_INTERVAL = Case(
    *(When(schedule=schedule, then=Value(days)) for schedule, days in INTERVAL_DAYS.items()),
    output_field=IntegerField(),
)


def _due_on(day: date) -> Q:
    """Orders with a dose due on `day`, not logged yet (no current dose-log entry that day) and not
    covered by a take-home supply: `schedule.is_due`, the dose log and `covered_by_take_home` in SQL."""
    number = (day - _EPOCH).days
    logged = DoseEvent.objects.current().filter(order=OuterRef("pk"), given_on=day)
    covering = TakeHomeDispense.objects.filter(order=OuterRef("pk"), first_day__lte=day).filter(
        GreaterThan(_DayNumber("first_day") + F("days_supply"), number)
    )
    return (
        Q(starts_on__lte=day)
        & (Q(stops_on__isnull=True) | Q(stops_on__gte=day))
        & Q(Exact(Mod(Value(number) - _DayNumber("starts_on"), _INTERVAL, output_field=IntegerField()), 0))
        & ~Q(Exists(logged))
        & ~Q(Exists(covering))
    )


def doses_due(people: QuerySet[Person], days: Mapping[str, date]) -> QuerySet[MedicationOrder]:
    """Active orders of `people` with a dose due today and not logged or covered by a take-home, where
    today is each person's local date (`days`: the date in each of their time zones), by person's name
    then medication: selected and ordered in the database, so the caller can count and cut it."""
    due = Q(pk__in=[])
    for zone, day in days.items():
        due |= Q(person__time_zone=zone) & _due_on(day)
    return (
        MedicationOrder.objects.filter(person__in=people, signed_at__isnull=False, stopped_at__isnull=True)
        .filter(due)
        .select_related("person")
        .order_by("person__preferred_name", "person_id", "medication", "pk")
    )


def readiness_waiting(people: QuerySet[Person]) -> QuerySet[ReadinessAssessment]:
    """Each person's latest readiness result per medication (by when assessed) that no order of that
    medication has followed (none created since the result was recorded), by person's name."""
    same = {"person": OuterRef("person"), "medication": OuterRef("medication")}
    newer = ReadinessAssessment.objects.filter(**same).filter(
        Q(assessed_at__gt=OuterRef("assessed_at")) | Q(assessed_at=OuterRef("assessed_at"), pk__gt=OuterRef("pk"))
    )
    followed = MedicationOrder.objects.filter(**same, created_at__gte=OuterRef("created_at"))
    return (
        ReadinessAssessment.objects.filter(person__in=people)
        .exclude(Exists(newer))
        .exclude(Exists(followed))
        .select_related("person", "recorded_by")
        .order_by("person__preferred_name", "person_id", "-assessed_at", "-pk")
    )


def orders_to_sign(people: QuerySet[Person]) -> QuerySet[MedicationOrder]:
    """Orders of `people` nobody has signed or stopped, oldest first."""
    return (
        MedicationOrder.objects.filter(person__in=people, signed_at__isnull=True, stopped_at__isnull=True)
        .select_related("person", "ordered_by")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True, slots=True)
class NextDose:
    order: MedicationOrder
    on: date
    take_home: bool
    is_today: bool


def get_next_dose(access: Access) -> NextDose | None:
    """The person's next dose not yet logged, from today (their local date) onwards."""
    today = clock.today_in(access.person.time_zone)
    orders = active_orders(access=access)
    if not orders:
        return None
    logged = set(
        DoseEvent.objects.current().filter(order__in=orders, given_on__gte=today).values_list("order_id", "given_on")
    )
    # Only what `covered_by_take_home` reads: a year of take-homes would otherwise decode every result.
    dispensed = list(
        TakeHomeDispense.objects.filter(order__in=orders, first_day__lte=today + timedelta(days=LOOKAHEAD_DAYS)).only(
            "order_id", "first_day", "days_supply"
        )
    )
    found: list[NextDose] = []
    for order in orders:
        day = next_due_on(order, today)
        while day is not None and (order.pk, day) in logged and day <= today + timedelta(days=LOOKAHEAD_DAYS):
            day = next_due_on(order, day + timedelta(days=1))
        if day is not None and day <= today + timedelta(days=LOOKAHEAD_DAYS):
            found.append(NextDose(order, day, covered_by_take_home(order, day, dispensed), day == today))
    return min(found, key=lambda n: (n.on, n.order.pk), default=None)


def logged_dose_days(orders: list[MedicationOrder], days: set[date]) -> set[tuple[int, date]]:
    """(order id, local date) of every current dose-log entry of these orders on these dates."""
    rows = DoseEvent.objects.current().filter(order__in=orders, given_on__in=days).values_list("order_id", "given_on")
    return set(rows)


def take_homes_of(orders: list[MedicationOrder]) -> list[TakeHomeDispense]:
    return list(TakeHomeDispense.objects.filter(order__in=orders))


# The detox episode's opioid as a BUP-READY last-use kind: clinical-reference §7 puts heroin with the
# short-acting opioids ("heroin / short-acting" column); fentanyl and unknown street opioids are §7 kinds
# of their own, with no time gate by default.
BUP_KIND_OF_DETOX_OPIOID = {
    "short_acting": "short_acting",
    "heroin": "short_acting",
    "long_acting": "long_acting",
    "methadone": "methadone",
    "fentanyl": "fentanyl",
    "unknown_street": "unknown_street",
}

# An evaluation's opioid as a BUP-READY kind (clinical-reference §7). Prescription opioids are left out:
# they may be short- or long-acting, so the prescriber chooses.
BUP_KIND_OF_EVALUATION_OPIOID = {
    "heroin": "short_acting",
    "fentanyl": "fentanyl",
    "unknown_street_opioid": "unknown_street",
    "methadone_non_prescribed": "methadone",
}


@dataclass(frozen=True, slots=True)
class CowsPrefill:
    """What the readiness form starts from: the open detox episode's latest COWS and its last use."""

    episode_id: Any
    cows_total: int | None
    cows_scored_at: datetime | None
    cows_band: str
    observed: tuple[tuple[str, int], ...]  # the latest COWS's items scored above 0, for the prescriber to read
    last_kind: str
    last_at: datetime
    charted_by: str

    def initial(self) -> dict[str, Any]:
        values: dict[str, Any] = {"last_kind": self.last_kind, "last_at": self.last_at}
        if self.cows_total is not None:
            values |= {"cows_total": self.cows_total, "cows_scored_at": self.cows_scored_at}
        return values


def get_cows_prefill(access: Access) -> CowsPrefill | None:
    """The person's open detox episode's latest uncorrected COWS (None without an open episode). The caller
    holds read access to the person's assessments (the withdrawal area's kind)."""
    episode = withdrawal.get_open_detox_episode(access)
    if episode is None:
        return None
    latest = withdrawal.latest_cows(episode)
    observed = () if latest is None else tuple((k, int(v)) for k, v in latest.items.items() if int(v) > 0)
    return CowsPrefill(
        episode_id=episode.public_id,
        cows_total=None if latest is None else latest.total,
        cows_scored_at=None if latest is None else latest.observed_at,
        cows_band="" if latest is None else latest.band,
        observed=observed,
        last_kind=BUP_KIND_OF_DETOX_OPIOID.get(episode.opioid, ""),
        last_at=episode.last_use_at,
        charted_by="" if latest is None else latest.recorded_by.display_name,
    )


def on_medication(person: Person, day: date) -> bool:
    """Whether a signed, unstopped order covers the person's local date `day` (the check-in asks about
    medication only then)."""
    return (
        MedicationOrder.objects.filter(
            person=person, signed_at__isnull=False, stopped_at__isnull=True, starts_on__lte=day
        )
        .exclude(stops_on__lt=day)
        .exists()
    )


def doses_logged_on(person: Person, day: date) -> list[DoseEvent]:
    """The dose log's current entries for the person's local date, with their orders, in time order."""
    return list(
        DoseEvent.objects.current().filter(person=person, given_on=day).select_related("order").order_by("occurred_at")
    )
