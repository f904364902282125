"""The admission area's part of the person's record: every placement with its ratings and reasons,
and every admission with the Part 2 notice given, the restrictions asked for and the OTP items done."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from onward.admission.models import Admission, ClockDone, Placement, RestrictionRequest
from onward.core.export import Item, PartSpec, SectionSpec, label

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _placements(access: "PersonAccess") -> Iterable[Item]:
    rows = Placement.objects.filter(person=access.person).select_related("placed_by").order_by("placed_on", "pk")
    for p in rows:
        yield {
            "id": p.public_id,
            "created_at": p.created_at,
            "placed_on": p.placed_on,
            "placed_by": label(p.placed_by),
            "asam_edition": p.edition,
            "ratings": p.ratings,
            "reasons": p.reasons,
            "recommended_level": p.recommended_level,
            "chosen_level": p.chosen_level,
            "why_the_chosen_level_differs": p.override_reason,
        }


def _admissions(access: "PersonAccess") -> Iterable[Item]:
    restrictions = Prefetch("restrictions", RestrictionRequest.objects.select_related("answered_by").order_by("pk"))
    done = Prefetch("clocks_done", ClockDone.objects.select_related("done_by").order_by("done_on", "pk"))
    rows = (
        Admission.objects.filter(person=access.person)
        .select_related("episode", "placement", "part2_notice_given_by", "admitted_by")
        .prefetch_related(restrictions, done)
        .order_by("admitted_on", "pk")
    )
    for a in rows:
        yield {
            "id": a.public_id,
            "created_at": a.created_at,
            "episode": a.episode.public_id,
            "placement": a.placement.public_id if a.placement else None,
            "admitted_on": a.admitted_on,
            "admitted_by": label(a.admitted_by),
            "asam_edition": a.edition,
            "level": a.level,
            "opioid_treatment_program": a.at_otp,
            "interim_treatment": a.interim,
            "part2_notice_given_on": a.part2_notice_given_on,
            "part2_notice_given_by": label(a.part2_notice_given_by),
            "restrictions_asked_for": [
                {
                    "id": r.public_id,
                    "requested_on": r.requested_on,
                    "request": r.request,
                    "self_paid_from_health_plan": r.self_paid_from_health_plan,
                    "answer": r.get_answer_display(),
                    "answer_note": r.answer_note,
                    "answered_by": label(r.answered_by),
                }
                for r in a.restrictions.all()
            ],
            "otp_items_done": [
                {"id": d.public_id, "item": d.clock, "done_on": d.done_on, "done_by": label(d.done_by), "note": d.note}
                for d in a.clocks_done.all()
            ],
        }


PART = PartSpec(
    area="admission",
    title="Placement and admission",
    sections=(
        SectionSpec(
            "placements", "Placements", ("admission.Placement",), kind="placements", scope=None, read=_placements
        ),
        SectionSpec(
            "admissions",
            "Admissions",
            ("admission.Admission", "admission.RestrictionRequest", "admission.ClockDone"),
            kind="admissions",
            scope=None,
            read=_admissions,
        ),
    ),
)
