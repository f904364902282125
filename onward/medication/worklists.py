"""Staff worklists for medication: the nurse's doses due today, the prescriber's readiness results
waiting, orders to sign and reviews from missed doses. Every row says why it is there; every person
shown leaves an audited read."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Count, QuerySet, Window

from onward.accounts.models import User
from onward.accounts.selectors import care_team_program_ids
from onward.alerts.selectors import page_open_alerts_for
from onward.audit.services import record_reads
from onward.core import clock
from onward.core.permissions import Relationship
from onward.medication import selectors as medication
from onward.medication.display import mg
from onward.medication.doses import MISSED_ALERT_KIND
from onward.medication.models import MedicationOrder, ReadinessAssessment
from onward.people.access import Purpose, role_grant, visible_people
from onward.people.models import Person


@dataclass(frozen=True, slots=True)
class Row:
    person: Person
    why: str
    order: MedicationOrder | None = None
    object_id: str = ""


@dataclass(frozen=True, slots=True)
class Worklist:
    doses_due: list[Row] = field(default_factory=list)
    readiness_waiting: list[Row] = field(default_factory=list)
    orders_to_sign: list[Row] = field(default_factory=list)
    missed_dose_reviews: list[Row] = field(default_factory=list)
    shows_doses: bool = False
    shows_prescribing: bool = False
    reviews_missed_doses: bool = False  # open missed-dose alerts are listed here, as reviews
    totals: dict[str, int] = field(default_factory=dict)  # rows in all, by section, when a section is cut

    def total(self, section: str) -> int:
        return self.totals.get(section, len(getattr(self, section)))


def _team_people(actor: User, kind: str) -> QuerySet[Person] | None:
    """People whose `kind` the actor may write as a member of their care team today (a query, not read:
    the sections select from it in the database); None when the role does not write `kind`."""
    if role_grant(actor, kind, "write") is not Relationship.TEAM:
        return None
    team = care_team_program_ids(actor, on=clock.now().date())
    return visible_people(actor).filter(program_id__in=team)


_M = TypeVar("_M", MedicationOrder, ReadinessAssessment)
SECTIONS = ("doses_due", "readiness_waiting", "orders_to_sign", "missed_dose_reviews")


def get_worklist(*, actor: User, limit: int | None = None, full: str = "") -> Worklist:
    """The actor's medication worklist; empty sections for roles that do not dose or prescribe. With a
    `limit`, each section but `full` keeps its first `limit` rows (its total is in `totals`); only the
    people of the rows kept are audited. Each section is selected, ordered and cut in the database: the
    page reads the rows it shows and a count of each section, whatever the clinic's size."""
    dosing = _team_people(actor, "doses")
    prescribing = _team_people(actor, "medication")
    prescribes = prescribing is not None and prescribing.exists()
    cut = {name: None if name == full else limit for name in SECTIONS}
    reviews, reviews_total = (
        page_open_alerts_for(actor=actor, kind=MISSED_ALERT_KIND, limit=cut["missed_dose_reviews"])
        if prescribes
        else ([], 0)
    )
    kept: dict[str, list[Row]] = {}
    totals: dict[str, int] = {"missed_dose_reviews": reviews_total}
    none: tuple[list[Row], int] = ([], 0)
    for name, (rows, total) in {
        "doses_due": none if dosing is None else _cut(_doses_due(dosing), cut["doses_due"], _dose_row),
        "readiness_waiting": none
        if prescribing is None
        else _cut(medication.readiness_waiting(prescribing), cut["readiness_waiting"], _readiness_row),
        "orders_to_sign": none
        if prescribing is None
        else _cut(medication.orders_to_sign(prescribing), cut["orders_to_sign"], _order_row),
    }.items():
        kept[name], totals[name] = rows, total
    worklist = Worklist(
        **kept,
        missed_dose_reviews=[Row(a.person, " ".join(a.reasons[:1]), object_id=str(a.public_id)) for a in reviews],
        shows_doses=role_grant(actor, "doses", "write") is not None,
        shows_prescribing=role_grant(actor, "medication", "write") is not None,
        reviews_missed_doses=prescribes,
        totals=totals,
    )
    shown = {r.person.pk: r.person for rows in kept.values() for r in rows}.values()
    record_reads(
        actor=actor, people=shown, action="medication.worklist.listed", purpose_of=lambda _p: Purpose.TREATMENT
    )
    return worklist


def _cut(rows: QuerySet[_M], limit: int | None, row: Callable[[_M], Row]) -> tuple[list[Row], int]:
    """The first `limit` rows (all if None) as worklist rows, and how many there are in all: one query,
    the count computed beside the rows (a window over the whole selection, before the cut)."""
    if limit == 0:
        return [], rows.count()
    counted = rows.annotate(section_total=Window(Count("pk")))
    found = list(counted if limit is None else counted[:limit])
    total = found[0].section_total if found else 0
    return [row(r) for r in found], total


def _doses_due(people: QuerySet[Person]) -> QuerySet[MedicationOrder]:
    """Orders due on each person's local date: one date per time zone of the people listed."""
    zones = set(people.values_list("time_zone", flat=True).distinct())
    return medication.doses_due(people, {zone: clock.today_in(zone) for zone in zones})


def _dose_row(order: MedicationOrder) -> Row:
    today = clock.today_in(order.person.time_zone)
    why = (
        f"{order.get_medication_display()} {mg(order.dose_mg)} mg, {order.get_schedule_display().lower()}: "
        f"due today ({today:%d %b}, their local date) and not logged yet."
    )
    return Row(order.person, why, order)


def _readiness_row(assessment: ReadinessAssessment) -> Row:
    why = (
        f"{assessment.get_medication_display()} readiness {assessment.get_band_display().lower()} "
        f"({assessment.band_label}), assessed {assessment.assessed_at:%d %b %H:%M} UTC by "
        f"{assessment.recorded_by.display_name}; no order since."
    )
    return Row(assessment.person, why, object_id=str(assessment.public_id))


def _order_row(order: MedicationOrder) -> Row:
    why = (
        f"{order.get_medication_display()} {mg(order.dose_mg)} mg from {order.starts_on:%d %b %Y}, ordered by "
        f"{order.ordered_by.display_name} on {order.created_at:%d %b %H:%M} UTC: not signed yet."
    )
    return Row(order.person, why, order)
