"""Staff worklists for medication: the nurse's doses due today, the prescriber's readiness results
waiting, orders to sign and reviews from missed doses. Every row says why it is there; every person
shown leaves an audited read."""

from dataclasses import dataclass, field

from onward.accounts.models import User
from onward.accounts.selectors import care_team_program_ids
from onward.alerts.selectors import page_open_alerts_for
from onward.audit.services import record_reads
from onward.core import clock
from onward.core.permissions import Relationship
from onward.medication.display import mg
from onward.medication.doses import MISSED_ALERT_KIND
from onward.medication.models import DoseEvent, MedicationOrder, ReadinessAssessment, TakeHomeDispense
from onward.medication.schedule import is_due
from onward.medication.selectors import active_orders, covered_by_take_home
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


def _team_people(actor: User, kind: str) -> list[Person]:
    """People whose `kind` the actor may write as a member of their care team today."""
    if role_grant(actor, kind, "write") is not Relationship.TEAM:
        return []
    team = care_team_program_ids(actor, on=clock.now().date())
    return list(visible_people(actor).filter(program_id__in=team).order_by("preferred_name", "pk"))


SECTIONS = ("doses_due", "readiness_waiting", "orders_to_sign", "missed_dose_reviews")


def get_worklist(*, actor: User, limit: int | None = None, full: str = "") -> Worklist:
    """The actor's medication worklist; empty sections for roles that do not dose or prescribe. With a
    `limit`, each section but `full` keeps its first `limit` rows (its total is in `totals`); only the
    people of the rows kept are audited."""
    dosing = _team_people(actor, "doses")
    prescribing = _team_people(actor, "medication")
    cut = {name: None if name == full else limit for name in SECTIONS}
    reviews, reviews_total = (
        page_open_alerts_for(actor=actor, kind=MISSED_ALERT_KIND, limit=cut["missed_dose_reviews"])
        if prescribing
        else ([], 0)
    )
    sections = {
        "doses_due": _doses_due(dosing),
        "readiness_waiting": _readiness_waiting(prescribing),
        "orders_to_sign": _orders_to_sign(prescribing),
    }
    totals = {name: len(rows) for name, rows in sections.items()} | {"missed_dose_reviews": reviews_total}
    kept = {name: rows if cut[name] is None else rows[: cut[name]] for name, rows in sections.items()}
    worklist = Worklist(
        **kept,
        missed_dose_reviews=[Row(a.person, " ".join(a.reasons[:1]), object_id=str(a.public_id)) for a in reviews],
        shows_doses=role_grant(actor, "doses", "write") is not None,
        shows_prescribing=role_grant(actor, "medication", "write") is not None,
        reviews_missed_doses=bool(prescribing),
        totals=totals,
    )
    shown = {r.person.pk: r.person for rows in kept.values() for r in rows}.values()
    record_reads(
        actor=actor, people=shown, action="medication.worklist.listed", purpose_of=lambda _p: Purpose.TREATMENT
    )
    return worklist


def _doses_due(people: list[Person]) -> list[Row]:
    if not people:
        return []
    orders = active_orders([p.pk for p in people])
    days = {p.pk: clock.today_in(p.time_zone) for p in people}
    logged = set(
        DoseEvent.objects.current()
        .filter(order__in=orders, given_on__in=set(days.values()))
        .values_list("order_id", "given_on")
    )
    dispensed = list(TakeHomeDispense.objects.filter(order__in=orders))
    rows = []
    for order in orders:
        today = days[order.person_id]
        if not is_due(order, today) or (order.pk, today) in logged or covered_by_take_home(order, today, dispensed):
            continue
        why = (
            f"{order.get_medication_display()} {mg(order.dose_mg)} mg, {order.get_schedule_display().lower()}: "
            f"due today ({today:%d %b}, their local date) and not logged yet."
        )
        rows.append(Row(order.person, why, order))
    return sorted(rows, key=lambda r: (r.person.preferred_name, r.person.pk))


def _readiness_waiting(people: list[Person]) -> list[Row]:
    """The latest readiness result per person and medication that no order has followed yet."""
    if not people:
        return []
    latest: dict[tuple[int, str], ReadinessAssessment] = {}
    for assessment in (
        ReadinessAssessment.objects.filter(person__in=people)
        .select_related("person", "recorded_by")
        .order_by("-assessed_at", "-pk")
    ):
        latest.setdefault((assessment.person_id, assessment.medication), assessment)
    ordered = {
        (o.person_id, o.medication): o.created_at
        for o in MedicationOrder.objects.filter(person__in=people).order_by("created_at")
    }
    rows = []
    for (person_id, medication), assessment in latest.items():
        if (person_id, medication) in ordered and ordered[(person_id, medication)] >= assessment.created_at:
            continue
        why = (
            f"{assessment.get_medication_display()} readiness {assessment.get_band_display().lower()} "
            f"({assessment.band_label}), assessed {assessment.assessed_at:%d %b %H:%M} UTC by "
            f"{assessment.recorded_by.display_name}; no order since."
        )
        rows.append(Row(assessment.person, why, object_id=str(assessment.public_id)))
    return sorted(rows, key=lambda r: (r.person.preferred_name, r.person.pk))


def _orders_to_sign(people: list[Person]) -> list[Row]:
    orders = (
        MedicationOrder.objects.filter(person__in=people, signed_at__isnull=True, stopped_at__isnull=True)
        .select_related("person", "ordered_by")
        .order_by("created_at", "pk")
    )
    return [
        Row(
            o.person,
            f"{o.get_medication_display()} {mg(o.dose_mg)} mg from {o.starts_on:%d %b %Y}, ordered by "
            f"{o.ordered_by.display_name} on {o.created_at:%d %b %H:%M} UTC: not signed yet.",
            o,
        )
        for o in orders
    ]
