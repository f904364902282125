"""Reads of stretches, milestones and help requests. Callers passed access_person: `checkins` read for
returns to use and stretches, `help_requests` read for help requests (audited there)."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db.models import QuerySet

from onward.core import clock
from onward.core.errors import Forbidden
from onward.people.access import Access
from onward.plans.selectors import tel_href
from onward.recovery import stretches
from onward.recovery.models import HelpRecipient, HelpRequest, HelpResponse, ReachBy, ReturnToUse, Source

HELP_REQUESTS_SHOWN = 10
REACH_LABELS = {ReachBy.CALL.value: "a call", ReachBy.TEXT.value: "a text"}


@dataclass(frozen=True, slots=True)
class RecoveryHistory:
    recovery_started_on: date
    today: date
    history: stretches.History
    milestones: tuple[stretches.Milestone, ...]  # of the current stretch: reached, then the next one
    earlier: tuple[tuple[date, date | None, int], ...]  # earlier stretches: first day, last day, days


def list_returns_to_use(access: Access) -> QuerySet[ReturnToUse]:
    """Returns to use are for the person and the care team only (`returns_to_use`). The `checkins` read
    row also grants a supporter under scope `checkin_streak`, which covers the streak, "not your
    answers" (consent DESCRIPTIONS): that grant alone is refused here."""
    if not access.allows("returns_to_use", "read"):
        raise Forbidden("not permitted: returns to use are not shared with supporters")
    return ReturnToUse.objects.filter(person=access.person).order_by("-used_on")


def list_standing_returns(access: Access) -> QuerySet[ReturnToUse]:
    """The returns to use that count for the stretches: every one not taken back."""
    return list_returns_to_use(access).filter(retracted_at__isnull=True)


def get_history(access: Access) -> RecoveryHistory | None:
    """Stretches and the current stretch's milestones on the person's local date; None without a
    recovery start date (the care team and the person set it together)."""
    start = access.person.recovery_started_on
    if start is None:
        return None
    today = clock.today_in(access.person.time_zone)
    found = stretches.history(start, list_standing_returns(access).values_list("used_on", flat=True), today=today)
    earlier = tuple((s.started_on, s.ended_on, s.days(today=today)) for s in found.earlier)
    return RecoveryHistory(start, today, found, stretches.milestones(found.current.started_on, today=today), earlier)


def list_help_requests(access: Access) -> QuerySet[HelpRequest]:
    """The person's latest requests for help. The person and the care team (`help_requests_all`) read
    every one; a supporter, under the `help_requests` scope, only those that were sent to them."""
    found = HelpRequest.objects.filter(person=access.person)
    if not access.allows("help_requests_all", "read"):
        found = found.filter(recipients__supporter=access.actor)
    return found.order_by("-created_at", "-pk")[:HELP_REQUESTS_SHOWN]


@dataclass(frozen=True, slots=True)
class OnIt:
    name: str  # who said "I'm on it" (a supporter's or staff member's display name)
    at: datetime
    is_reader: bool


@dataclass(frozen=True, slots=True)
class HelpRow:
    """A request for help as its reader sees it: the message, the number the person chose to share
    for it with how they would like to be reached, and who said they are on it."""

    request: HelpRequest
    phone: str  # as the person wrote it; "" when they shared none
    href: str  # the number for tel: and sms: links
    reach_by: str  # "call", "text", or "" without a number
    reach_label: str  # "a call" / "a text"
    on_it: tuple[OnIt, ...]
    reader_on_it: bool
    may_answer: bool  # the reader may say "I'm on it" (and has not yet)

    @property
    def public_id(self) -> UUID:
        return self.request.public_id


def help_rows(access: Access, requests: list[HelpRequest] | None = None) -> list[HelpRow]:
    """`list_help_requests` (or the given ones, which the reader may see) with their numbers and
    answers, in two queries whatever the count. The read is the caller's `help_requests` read (audited
    and, under a consent, disclosed there)."""
    requests = list(list_help_requests(access)) if requests is None else requests
    answers: dict[int, list[HelpResponse]] = {}
    for response in (
        HelpResponse.objects.filter(request__in=requests).select_related("responder").order_by("created_at", "pk")
    ):
        answers.setdefault(response.request_id, []).append(response)
    may_act = access.allows("help_requests", "act")
    rows = []
    for request in requests:
        on_it = tuple(
            OnIt(r.responder.display_name, r.created_at, r.responder_id == access.actor.pk)
            for r in answers.get(request.pk, [])
        )
        reader_on_it = any(o.is_reader for o in on_it)
        rows.append(
            HelpRow(
                request=request,
                phone=request.reach_phone,
                href=tel_href(request.reach_phone) if request.reach_phone else "",
                reach_by=request.reach_by,
                reach_label=REACH_LABELS.get(request.reach_by, ""),
                on_it=on_it,
                reader_on_it=reader_on_it,
                may_answer=may_act and not reader_on_it,
            )
        )
    return rows


def get_help_request(access: Access, request_id: UUID | str) -> HelpRequest | None:
    """One of the requests the reader may see (`list_help_requests`'s rule, without its limit)."""
    found = HelpRequest.objects.filter(person=access.person, public_id=request_id)
    if not access.allows("help_requests_all", "read"):
        found = found.filter(
            pk__in=HelpRecipient.objects.filter(supporter=access.actor).values("request_id"),
        )
    return found.first()


def has_standing_return_on(access: Access, day: date) -> bool:
    """Whether a return to use not taken back is recorded for the person's local date `day`."""
    return ReturnToUse.objects.filter(person=access.person, used_on=day, retracted_at__isnull=True).exists()


def standing_return_from_checkin(access: Access, day: date) -> ReturnToUse | None:
    """The return to use a check-in recorded for `day`, unless taken back since."""
    return ReturnToUse.objects.filter(
        person=access.person, used_on=day, source=Source.CHECKIN, retracted_at__isnull=True
    ).first()
