"""The recovery area's part of the person's record: every return to use they reported (a retracted
one kept, with who retracted it, when and why) and every request for help they sent."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.recovery.models import HelpRecipient, HelpRequest, HelpResponse, ReturnToUse

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _returns(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        ReturnToUse.objects.filter(person=access.person)
        .select_related("reported_by", "retracted_by")
        .order_by("used_on", "created_at", "pk")
    )
    for r in rows:
        yield {
            "id": r.public_id,
            "created_at": r.created_at,
            "used_on": r.used_on,
            "reported_by": label(r.reported_by),
            "source": r.get_source_display(),
            "note": r.note,
            "retracted": r.retracted_at is not None,
            "retracted_at": r.retracted_at,
            "retracted_by": label(r.retracted_by),
            "retraction_reason": r.retraction_reason,
        }


def _help_requests(access: "PersonAccess") -> Iterable[Item]:
    rows = HelpRequest.objects.filter(person=access.person).select_related("requested_by").order_by("created_at", "pk")
    sent_to: dict[int, list[str]] = {}
    for r in HelpRecipient.objects.filter(request__person=access.person).select_related("supporter").order_by("pk"):
        sent_to.setdefault(r.request_id, []).append(label(r.supporter))
    on_it: dict[int, list[dict[str, object]]] = {}
    for a in HelpResponse.objects.filter(request__person=access.person).select_related("responder").order_by("pk"):
        on_it.setdefault(a.request_id, []).append({"who": label(a.responder), "at": a.created_at})
    for h in rows:
        yield {
            "id": h.public_id,
            "created_at": h.created_at,
            "requested_by": label(h.requested_by),
            "message": h.message,
            "supporters_notified": h.supporters_notified,
            "number_shared": h.reach_phone,
            "reach_by": h.get_reach_by_display(),
            "sent_to": sent_to.get(h.pk, []),
            "on_it": on_it.get(h.pk, []),
        }


PART = PartSpec(
    area="recovery",
    title="Returns to use and requests for help",
    sections=(
        SectionSpec(
            "returns_to_use",
            "Returns to use",
            ("recovery.ReturnToUse",),
            kind="checkins",
            scope=None,
            read=_returns,
        ),
        SectionSpec(
            "help_requests",
            "Requests for help",
            ("recovery.HelpRequest", "recovery.HelpRecipient", "recovery.HelpResponse"),
            kind="help_requests",
            scope="help_requests",
            read=_help_requests,
        ),
    ),
)
