"""The plans area's part of the person's record: every saved version of their relapse-prevention plan
and everyone in their support network (removed members kept) with every change to each entry."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.plans.models import NetworkMember, NetworkRevision, PlanVersion

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _plan_versions(access: "PersonAccess") -> Iterable[Item]:
    rows = PlanVersion.objects.filter(person=access.person).select_related("created_by").order_by("number")
    for p in rows:
        yield {
            "id": p.public_id,
            "created_at": p.created_at,
            "version": p.number,
            "saved_by": label(p.created_by),
            "change_note": p.change_note,
            "triggers": p.triggers,
            "warning_signs": p.warning_signs,
            "coping_skills": p.coping_skills,
            "reasons": p.reasons,
            "people_to_call": p.people_to_call,
            "safe_places": p.safe_places,
            "daily_routine": p.daily_routine,
            "if_i_use": p.if_i_use,
            "naloxone_where": p.naloxone_where,
        }


def _network(access: "PersonAccess") -> Iterable[Item]:
    revisions = Prefetch("revisions", NetworkRevision.objects.select_related("changed_by").order_by("created_at", "pk"))
    rows = (
        NetworkMember.objects.filter(person=access.person)
        .select_related("supporter")
        .prefetch_related(revisions)
        .order_by("created_at", "pk")
    )
    for m in rows:
        yield {
            "id": m.public_id,
            "created_at": m.created_at,
            "name": m.name,
            "kind": m.get_kind_display(),
            "how_they_help": m.how_they_help,
            "phone": m.phone,
            "email": m.email,
            "supporter_account": label(m.supporter),
            "removed_at": m.removed_at,
            "changes": [
                {
                    "id": r.public_id,
                    "at": r.created_at,
                    "change": r.change,
                    "by": label(r.changed_by),
                    "values": r.values,
                }
                for r in m.revisions.all()
            ],
        }


PART = PartSpec(
    area="plans",
    title="Relapse-prevention plan and support network",
    sections=(
        SectionSpec(
            "plan_versions",
            "Your relapse-prevention plan, every version",
            ("plans.PlanVersion",),
            kind="plan",
            scope="plan",
            read=_plan_versions,
        ),
        SectionSpec(
            "network",
            "Your support network",
            ("plans.NetworkMember", "plans.NetworkRevision"),
            kind="network",
            scope=None,
            read=_network,
        ),
    ),
)
