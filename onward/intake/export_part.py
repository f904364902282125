"""The intake area's part of the person's record: the request that led to their admission, with every
contact attempt and step (a request joins the person's record when the admission links it)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.intake.models import ContactAttempt, IntakeRequest, StageChange

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _requests(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        IntakeRequest.objects.filter(person=access.person)
        .select_related("program", "entered_by")
        .prefetch_related(
            Prefetch("contact_attempts", ContactAttempt.objects.select_related("made_by").order_by("made_at", "pk")),
            Prefetch("stage_changes", StageChange.objects.select_related("changed_by").order_by("changed_at", "pk")),
        )
        .order_by("requested_at", "pk")
    )
    for r in rows:
        yield {
            "id": r.public_id,
            "requested_at": r.requested_at,
            "program": r.program.name,
            "source": r.get_source_display(),
            "referrer": r.referrer,
            "entered_by": label(r.entered_by) if r.entered_by else "",
            "name": r.name,
            "phone": r.phone,
            "email": r.email,
            "may_call": r.may_call,
            "may_text": r.may_text,
            "may_email": r.may_email,
            "may_leave_message": r.may_leave_message,
            "safe_times": r.safe_times,
            "wants": r.wants_words,
            "message": r.message,
            "injecting": r.injecting,
            "pregnant": r.pregnant,
            "stage": r.get_stage_display(),
            "prescreen_note": r.prescreen_note,
            "waitlisted_at": r.waitlisted_at,
            "interim_offered": r.interim_words,
            "interim_offered_at": r.interim_offered_at,
            "evaluation_at": r.evaluation_at,
            "admitted_on": r.admitted_on,
            "outcome_note": r.outcome_note,
            "contact_attempts": [
                {
                    "made_at": a.made_at,
                    "method": a.get_method_display(),
                    "outcome": a.get_outcome_display(),
                    "next_step": a.next_step,
                    "by": label(a.made_by),
                }
                for a in r.contact_attempts.all()
            ],
            "steps": [
                {
                    "stage": c.get_stage_display(),
                    "at": c.changed_at,
                    "by": label(c.changed_by) if c.changed_by else "",
                    "note": c.note,
                }
                for c in r.stage_changes.all()
            ],
        }


PART = PartSpec(
    area="intake",
    title="Request for treatment",
    sections=(
        SectionSpec(
            "intake_requests",
            "Request for treatment",
            ("intake.IntakeRequest", "intake.ContactAttempt", "intake.StageChange"),
            kind="episodes",
            scope=None,
            read=_requests,
        ),
    ),
)
