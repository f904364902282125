"""Who sees which alerts: the person their own, the care team all of their people's, a peer recovery
coach the non-clinical ones (architecture.md); a supporter those of people whose consent in force
covers scope `alerts`, by the scope's one rule, `shared_with_supporter` (read only; each person shown
is a logged disclosure)."""

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.alerts import kinds
from onward.alerts.models import Alert, Severity, State
from onward.audit.services import record_reads
from onward.consent.models import Scope
from onward.consent.selectors import people_consenting_since
from onward.core import clock
from onward.people.access import Access, Purpose, access_person, aggregate_program_ids, role_grant, visible_people
from onward.people.selectors import audit_aggregate_read

_SEVERITY_ORDER = Case(
    When(severity=Severity.HIGH, then=Value(3)),
    When(severity=Severity.MEDIUM, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


def _visible_to(actor: User, alerts: QuerySet[Alert]) -> QuerySet[Alert]:
    return alerts.filter(clinical=False) if actor.role == Role.COACH else alerts


def shared_with_supporter(alerts: QuerySet[Alert], *, since: Mapping[int, datetime]) -> QuerySet[Alert]:
    """The `alerts` scope's one rule, for every page, endpoint and notification that shows a supporter an
    alert: of a kind declared shared (`kinds.SHARED`: never a clinical one, never an undeclared one),
    still open, and raised at or after the signing of the consent in force that covers the scope
    (`since`: person primary key -> that moment; people not in it: nothing). Reasons are shown; staff
    notes never are (a resolved alert is not shown at all). `routing.route` applies the same rule to a
    newly raised alert: open, raised now, under a consent in force."""
    raised_since = Q(pk__in=[])
    for person_id, signed_at in since.items():
        raised_since |= Q(person_id=person_id, created_at__gte=signed_at)
    return alerts.filter(raised_since, kind__in=kinds.SHARED).exclude(state=State.RESOLVED)


def _readable(access: Access, alerts: QuerySet[Alert]) -> QuerySet[Alert]:
    """The alerts this access may read: every one the role sees (`alert_history`), or, where the table
    grants `alerts` only (a supporter's consent), those the scope's rule shares."""
    if access.allows("alert_history", "read"):
        return _visible_to(access.actor, alerts)
    access.require("alerts", "read")
    signed_at = access.consented_since(Scope.ALERTS)
    return shared_with_supporter(alerts, since={} if signed_at is None else {access.person.pk: signed_at})


def list_alerts(access: Access) -> QuerySet[Alert]:
    """The person's alerts the actor may see, unresolved first, most severe first, then newest."""
    resolved_last = Case(When(state=State.RESOLVED, then=Value(1)), default=Value(0), output_field=IntegerField())
    alerts = Alert.objects.filter(person=access.person).select_related("person")
    return (
        _readable(access, alerts)
        .annotate(resolved=resolved_last, rank=_SEVERITY_ORDER)
        .order_by("resolved", "-rank", "-created_at")
    )


def get_alert(access: Access, alert_id: Any) -> Alert | None:
    return _readable(access, Alert.objects.filter(person=access.person, public_id=alert_id)).first()


def get_alert_by_key(access: Access, key: int) -> Alert | None:
    """The person's alert by its database key (for an area that keeps the key of the alert it raised)."""
    return _readable(access, Alert.objects.filter(person=access.person, pk=key)).first()


def may_read_notes(access: Access) -> bool:
    """Staff notes (what was done to resolve an alert) are for readers of every alert, never a supporter."""
    return access.allows("alert_history", "read")


def _open_alerts(actor: User) -> QuerySet[Alert]:
    """Unresolved alerts about the people the actor treats (or, for a supporter, those the `alerts` scope
    shares of the people who consent to it)."""
    if role_grant(actor, "alerts", "read") is None or actor.role == Role.PERSON:
        return Alert.objects.none()
    alerts = Alert.objects.filter(person__in=visible_people(actor))
    if role_grant(actor, "alert_history", "read") is None:
        return shared_with_supporter(alerts, since=people_consenting_since(actor, scope=Scope.ALERTS, at=clock.now()))
    return _visible_to(actor, alerts.exclude(state=State.RESOLVED))


def _audit_listed(actor: User, alerts: list[Alert]) -> None:
    people = {a.person_id: a.person for a in alerts}.values()
    if actor.role == Role.SUPPORTER:
        for person in people:
            access_person(actor, person.public_id, kind="alerts", action="read")  # audits and logs the disclosure
    else:
        record_reads(actor=actor, people=people, action="alerts.listed", purpose_of=lambda _person: Purpose.TREATMENT)


def list_open_alerts_for(*, actor: User, person_ids: Collection[int] | None = None) -> list[Alert]:
    """Unresolved alerts about the people the actor treats (only those of `person_ids` if given), most
    severe and oldest first; one audited read per person shown."""
    found = _open_alerts(actor)
    if person_ids is not None:
        found = found.filter(person_id__in=person_ids)
    alerts: list[Alert] = list(
        found.select_related("person", "acknowledged_by").annotate(rank=_SEVERITY_ORDER).order_by("-rank", "created_at")
    )
    _audit_listed(actor, alerts)
    return alerts


def page_open_alerts_for(
    *, actor: User, limit: int | None, kind: str = "", exclude_kind: str = ""
) -> tuple[list[Alert], int]:
    """The first `limit` (all if None) of the actor's unresolved alerts, ordered as `list_open_alerts_for`,
    of one `kind` or all but `exclude_kind`, and how many there are in all: two queries, whatever the
    count, and one audited read per person shown."""
    found = _open_alerts(actor)
    if kind:
        found = found.filter(kind=kind)
    if exclude_kind:
        found = found.exclude(kind=exclude_kind)
    ordered = (
        found.select_related("person", "acknowledged_by")
        .annotate(rank=_SEVERITY_ORDER)
        .order_by("-rank", "created_at", "pk")
    )
    alerts: list[Alert] = list(ordered if limit is None else ordered[:limit])
    total = len(alerts) if limit is None else found.count()
    _audit_listed(actor, alerts)
    return alerts, total


def open_alert_rank(actor: User) -> dict[str, Any] | None:
    """For ranking and filtering a list of people in SQL (`people.selectors.listed_people`): expressions
    of each person's most severe open alert the actor may read (`alert_worst`: 3 high, 2 medium, 1 low,
    0 none) and how many (`alert_count`), correlated to the person's primary key. None when the actor's
    role does not read every alert of the people it treats (a program administrator; a supporter). Counts
    only: nothing is shown, so nothing is audited (the page audits the alerts it shows)."""
    if role_grant(actor, "alert_history", "read") is None or actor.role in (Role.PERSON, Role.SUPPORTER):
        return None
    mine = _visible_to(actor, Alert.objects.filter(person_id=OuterRef("pk")).exclude(state=State.RESOLVED))
    per_person = mine.order_by().values("person_id")
    return {
        "alert_worst": Coalesce(Subquery(per_person.annotate(w=Max(_SEVERITY_ORDER)).values("w")[:1]), 0),
        "alert_count": Coalesce(Subquery(per_person.annotate(n=Count("pk")).values("n")[:1]), 0),
    }


def may_act(access: Access, alert: Alert) -> bool:
    return access.allows("alerts", "act") and not (access.actor.role == Role.COACH and alert.clinical)


def count_open_alerts_by_severity(*, actor: User) -> dict[str, int]:
    """Unresolved alerts about people in the programs whose counts the actor may read, by severity
    (every severity present, high first); counts only, audited once per organization."""
    programs = aggregate_program_ids(actor)
    if not programs:
        return {}
    rows = (
        Alert.objects.filter(person__program_id__in=programs)
        .exclude(state=State.RESOLVED)
        .values_list("severity")
        .annotate(n=Count("pk"))
    )
    found = dict(rows)
    audit_aggregate_read(actor, programs, "aggregates.alerts.read")
    return {label: found.get(value, 0) for value, label in reversed(Severity.choices)}
