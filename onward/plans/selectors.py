"""Reads of the plan and the network. Callers passed `access_person(kind="plan"|"network",
action="read")`, which audited the read (and logged a disclosure under a consent)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from onward.people.access import Access
from onward.people.models import Person
from onward.plans.models import NetworkMember, PlanVersion, TriggerKind


def current_plan(access: Access) -> PlanVersion | None:
    return PlanVersion.objects.filter(person=access.person).order_by("-number").first()


def latest_plan_of(person: Person, *, fields: tuple[str, ...] = ()) -> PlanVersion | None:
    """The person's latest plan version, for another area's service that already holds access to the
    person (the check-in form, the alerts its rules raise); `fields` loads only those columns."""
    plans = PlanVersion.objects.filter(person=person).order_by("-number")
    return (plans.only(*fields) if fields else plans).first()


def names_to_call(plan: PlanVersion) -> dict[str, str]:
    """Public id -> name of the plan's people to call who are still in the person's network."""
    members = NetworkMember.objects.filter(
        person_id=plan.person_id, public_id__in=plan.people_to_call, removed_at__isnull=True
    ).values_list("public_id", "name")
    return {str(public_id): name for public_id, name in members}


def list_plan_versions(access: Access) -> QuerySet[PlanVersion]:
    """Every saved version, newest first, with who saved it."""
    return PlanVersion.objects.filter(person=access.person).select_related("created_by").order_by("-number")


def get_plan_version(access: Access, version_id: Any) -> PlanVersion | None:
    return list_plan_versions(access).filter(public_id=version_id).first()


def list_members(access: Access, *, include_removed: bool = False) -> QuerySet[NetworkMember]:
    members = NetworkMember.objects.filter(person=access.person).select_related("supporter").order_by("name", "pk")
    return members if include_removed else members.filter(removed_at__isnull=True)


def get_member(access: Access, member_id: Any) -> NetworkMember | None:
    return list_members(access).filter(public_id=member_id).first()


@dataclass(frozen=True, slots=True)
class TriggerGroup:
    kind: str
    label: str
    rows: tuple[dict[str, str], ...]


def triggers_by_kind(plan: PlanVersion) -> tuple[TriggerGroup, ...]:
    """The plan's triggers under each of the five kinds (clinical-reference §15), kinds without any left out."""
    return tuple(
        TriggerGroup(kind.value, kind.label, rows)
        for kind in TriggerKind
        if (rows := tuple(t for t in plan.triggers if t["kind"] == kind.value))
    )


def people_to_call(plan: PlanVersion) -> list[NetworkMember]:
    """The members the plan names, in the plan's order; one removed since is still shown by name."""
    found = {str(m.public_id): m for m in NetworkMember.objects.filter(public_id__in=plan.people_to_call)}
    return [found[p] for p in plan.people_to_call if p in found]


def one_thing(plan: PlanVersion | None, *, on: date) -> tuple[str, str] | None:
    """One reason for recovery or coping skill from the plan for the day `on`: ("reason"|"coping", text).
    It changes each day, in turn through the plan's own words; None when the plan has neither."""
    if plan is None:
        return None
    items = [("reason", r) for r in plan.reasons] + [("coping", c) for c in plan.coping_skills]
    if not items:
        return None
    return items[on.toordinal() % len(items)]


def tel_href(phone: str) -> str:
    """A tel: or sms: target: the digits, keeping a leading plus."""
    digits = "".join(c for c in phone if c.isdigit())
    return ("+" if phone.strip().startswith("+") else "") + digits
